package dev.bounded.xml.internal;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.LimitedInputStream;
import dev.bounded.core.LimitedReader;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.core.ParseLocation;
import dev.bounded.core.internal.GuardedReader;
import dev.bounded.core.internal.ParseErrors;
import dev.bounded.core.internal.ParseGuard;
import dev.bounded.xml.XmlEngine;
import dev.bounded.xml.XmlLimits;
import dev.bounded.xml.internal.tokenizer.TokenReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import org.apache.commons.io.input.CloseShieldReader;

/**
 * The bounded pull parser every XML API reads from, on the engine {@link XmlLimits#engine()} names:
 * Bounded's own {@link TokenReader}, which holds every limit itself, or Woodstox reading through
 * the {@link XmlScanner}, plus the one limit counted on events, the length of a text run. Every
 * failure is an {@link XMLStreamException} whose cause is our {@link BoundedParseException}; once
 * failed, every later call fails the same way.
 */
public final class BoundedStreamReader extends StreamReaderDelegate {
  private final XMLStreamReader woodstox;
  private final XmlScanner scanner;
  private final TokenReader own; // the BOUNDED engine, or null
  private final XmlLimits limits;
  private final long maxText;
  private final LongSupplier source;
  private final ParseGuard guard;
  private long run;
  private long maxRunSeen;
  private XMLStreamException failure;

  private BoundedStreamReader(
      XMLStreamReader woodstox,
      XmlScanner scanner,
      LongSupplier source,
      XmlLimits limits,
      ParseGuard guard) {
    super(woodstox);
    this.guard = guard;
    this.woodstox = woodstox;
    this.own = woodstox instanceof TokenReader ? (TokenReader) woodstox : null;
    this.scanner = scanner;
    this.source = source;
    this.limits = limits;
    this.maxText = limits.maxTextLength();
  }

  /**
   * Opens a bounded reader over {@code in}. The caller's stream is not closed by the reader.
   *
   * @throws IOException our {@link BoundedParseException} if the prolog already breaks the rules,
   *     or the source's own I/O failure
   */
  public static BoundedStreamReader open(InputStream in, XmlLimits limits, boolean namespaceAware)
      throws IOException {
    ParseGuard guard = // its clock starts at the first read (decision 020)
        ParseGuard.startAtFirstRead(
            limits.maxParseMillis(), limits.maxAllocatedBytes(), "XmlLimits");
    // The byte limit, the guard's check at each read and a shield (Woodstox closes its input when
    // it reaches the end of the document), in one layer; the sniffed bytes are handed on again, so
    // the first read returns them and a full buffer behind them. A read from memory cannot block:
    // it checks nothing, and the first event starts the clock (decision 026).
    boolean memory = ParseGuard.cannotBlock(in);
    if (memory) {
      guard.checkAtFirstEvent();
    }
    ByteSource rest =
        new ByteSource(in, limits.maxBytes(), "XmlLimits.maxBytes", memory ? null : guard);
    byte[] head = rest.sniff(4);
    Charset wide = wideCharset(head);
    if (limits.engine() == XmlEngine.BOUNDED) {
      TokenReader r =
          wide == null
              ? TokenReader.open(
                  rest, limits, namespaceAware, null, guard, BoundedStreamReader::utf8)
              : TokenReader.open(
                  utf8(decoder(rest, wide)),
                  limits,
                  namespaceAware,
                  wide.name().startsWith("UTF-32") ? "UTF-32" : "UTF-16",
                  guard,
                  BoundedStreamReader::utf8);
      return new BoundedStreamReader(r, null, rest::count, limits, guard);
    }
    XmlScanner scanner;
    Object woodstoxInput;
    if (wide == null) {
      Charset declared = startsDeclaration(head) ? declaredCharset(rest) : null;
      scanner = new XmlScanner(rest, limits, true);
      if (head.length == 3 || head.length == 4) {
        scanner.skipByteOrderMark(head);
      }
      // A single-byte charset Woodstox does not read itself: the scanner reads the bytes (offsets
      // stay exact) and Woodstox the JDK's strict decoding of them.
      woodstoxInput = declared == null ? scanner : decoder(scanner, declared);
    } else {
      // UTF-16/32: decode strictly, let the scanner read a UTF-8 re-encoding, hand Woodstox chars.
      Reader decoded = decoder(rest, wide);
      scanner = new XmlScanner(utf8(decoded), limits, false);
      scanner.reencodedFrom(wide.name().startsWith("UTF-32") ? "UTF-32" : "UTF-16");
      woodstoxInput = readerOf(scanner);
    }
    return create(woodstoxInput, scanner, rest::count, limits, namespaceAware, guard);
  }

  /**
   * A bounded reader on the BOUNDED engine fed by its caller through {@link #own()}: {@link
   * #next()} returns {@link TokenReader#INCOMPLETE} when the bytes fed run out.
   *
   * @param fed the bytes fed so far, for {@link #bytesRead()}
   */
  public static BoundedStreamReader feeding(XmlLimits limits, ParseGuard guard, LongSupplier fed) {
    return new BoundedStreamReader(
        TokenReader.feeding(limits, true, guard), null, fed, limits, guard);
  }

  /** Opens a bounded reader over characters; {@code maxBytes} then counts characters. */
  public static BoundedStreamReader open(Reader in, XmlLimits limits, boolean namespaceAware)
      throws IOException {
    ParseGuard guard = // its clock starts at the first read (decision 020)
        ParseGuard.startAtFirstRead(
            limits.maxParseMillis(), limits.maxAllocatedBytes(), "XmlLimits");
    in = GuardedReader.of(in, guard);
    LimitedReader limited =
        LimitedReader.of(CloseShieldReader.wrap(in), limits.maxBytes(), "XmlLimits.maxBytes");
    if (limits.engine() == XmlEngine.BOUNDED) {
      TokenReader r =
          TokenReader.open(
              utf8(limited), limits, namespaceAware, "", guard, BoundedStreamReader::utf8);
      return new BoundedStreamReader(r, null, limited::count, limits, guard);
    }
    LimitedInputStream counted =
        LimitedInputStream.of(utf8(limited), XmlLimits.UNLIMITED, "XmlLimits.maxBytes");
    XmlScanner scanner = new XmlScanner(counted, limits, false);
    scanner.reencodedFrom(null);
    return create(readerOf(scanner), scanner, limited::count, limits, namespaceAware, guard);
  }

  private static BoundedStreamReader create(
      Object input,
      XmlScanner scanner,
      LongSupplier source,
      XmlLimits limits,
      boolean ns,
      ParseGuard guard)
      throws IOException {
    try {
      XMLStreamReader r =
          input instanceof Reader
              ? Woodstox.factory(limits, ns).createXMLStreamReader((Reader) input)
              : Woodstox.factory(limits, ns).createXMLStreamReader((InputStream) input);
      return new BoundedStreamReader(r, scanner, source, limits, guard);
    } catch (XMLStreamException | RuntimeException e) {
      throw WoodstoxErrors.translate(e, scanner, limits);
    }
  }

  /** Encodings Woodstox decodes itself from bytes (it mis-maps some other names). */
  private static final java.util.Set<String> WOODSTOX_READS =
      java.util.Set.of("UTF-8", "UTF8", "US-ASCII", "ASCII", "ISO-8859-1");

  private static boolean startsDeclaration(byte[] h) {
    return h.length == 4 && h[0] == '<' && h[1] == '?' && h[2] == 'x' && h[3] == 'm';
  }

  /**
   * The charset an XML declaration at the start names, if it is an ASCII-compatible single-byte
   * charset (the scanner refuses any other) that Woodstox does not decode itself; else null.
   */
  private static Charset declaredCharset(ByteSource rest) throws IOException {
    byte[] h = rest.sniffDeclaration(XmlScanner.MAX_XML_DECL);
    String decl = new String(h, StandardCharsets.ISO_8859_1);
    int end = decl.indexOf("?>");
    int at = decl.indexOf("encoding");
    if (at < 0 || end >= 0 && at > end || decl.regionMatches(true, at + 10, "UTF-8", 0, 5)) {
      return null; // the usual cases, without the regular expression
    }
    java.util.regex.Matcher m =
        XmlScanner.ENCODING.matcher(end < 0 ? decl : decl.substring(0, end));
    if (!m.find()) {
      return null;
    }
    String name = m.group(1);
    if (WOODSTOX_READS.contains(name.toUpperCase(java.util.Locale.ROOT))
        || !XmlScanner.isAsciiCompatibleSingleByte(name)) {
      return null;
    }
    return Charset.forName(name);
  }

  private static Reader decoder(InputStream in, Charset cs) {
    return new InputStreamReader(
        in,
        cs.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  private static InputStream utf8(Reader r) {
    return new Utf8InputStream(r);
  }

  private static Reader readerOf(InputStream utf8) {
    return new InputStreamReader(
        utf8,
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  /** The charset of a two- or four-byte encoding per XML 1.0 appendix F, or null. */
  public static Charset wideCharset(byte[] h) throws MalformedDocumentException {
    if (h.length < 2) {
      return null;
    }
    int b0 = h[0] & 0xff;
    int b1 = h[1] & 0xff;
    int b2 = h.length > 2 ? h[2] & 0xff : -1;
    int b3 = h.length > 3 ? h[3] & 0xff : -1;
    if (b0 == 0 && b1 == 0 && (b2 == 0xfe && b3 == 0xff || b2 == 0 && b3 == 0x3c)) {
      return Charset.forName("UTF-32BE");
    }
    if (b2 == 0 && b3 == 0 && (b0 == 0xff && b1 == 0xfe || b0 == 0x3c && b1 == 0)) {
      return Charset.forName("UTF-32LE");
    }
    if (b0 == 0xfe && b1 == 0xff || b0 == 0 && b1 == 0x3c) {
      return StandardCharsets.UTF_16BE;
    }
    if (b0 == 0xff && b1 == 0xfe || b0 == 0x3c && b1 == 0) {
      return StandardCharsets.UTF_16LE;
    }
    if (b0 == 0x4c && b1 == 0x6f && b2 == 0xa7 && b3 == 0x94) {
      throw new MalformedDocumentException(
          "Unsupported encoding EBCDIC: Bounded reads UTF-8, UTF-16, UTF-32 and ASCII-compatible"
              + " single-byte charsets",
          ParseLocation.atByte(0),
          null);
    }
    return null;
  }

  // ---- the delegate ----

  @Override
  public int next() throws XMLStreamException {
    if (own != null) {
      return own.next();
    }
    if (failure != null) {
      throw failure;
    }
    try {
      guard.tick(); // the deadline and allocation cap, checked every 16 events
    } catch (LimitExceededException e) {
      throw fail(ParseErrors.relocate(e, here()));
    }
    try {
      int t = woodstox.next();
      switch (t) {
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.CDATA:
        case XMLStreamConstants.SPACE:
        case XMLStreamConstants.ENTITY_REFERENCE:
          run += woodstox.getTextLength();
          if (run > maxText) {
            throw fail(
                new LimitExceededException(
                    Limit.MAX_TEXT_LENGTH, maxText, run, "XmlLimits.maxTextLength", here()));
          }
          break;
        case XMLStreamConstants.START_ELEMENT:
        case XMLStreamConstants.END_ELEMENT:
        case XMLStreamConstants.END_DOCUMENT:
          endRun();
          break;
        case XMLStreamConstants.COMMENT:
          endRun();
          woodstox.getTextLength(); // parse it now, inside our error handling
          break;
        case XMLStreamConstants.DTD:
          // Woodstox refuses getTextXxx() on a DTD event; getText() finishes reading it (the
          // scanner has already held the whole declaration to maxTextLength).
          endRun();
          woodstox.getText();
          break;
        case XMLStreamConstants.PROCESSING_INSTRUCTION:
          endRun();
          woodstox.getPIData();
          break;
        default:
          break;
      }
      return t;
    } catch (XMLStreamException | RuntimeException e) {
      if (e == failure) {
        throw failure;
      }
      throw fail(WoodstoxErrors.translate(e, scanner, limits));
    }
  }

  private void endRun() {
    if (run > maxRunSeen) {
      maxRunSeen = run;
    }
    run = 0;
  }

  private ParseLocation here() {
    Location l = woodstox.getLocation();
    return l == null
        ? ParseLocation.UNKNOWN
        : ParseLocation.of(l.getLineNumber(), l.getColumnNumber(), -1, null);
  }

  private XMLStreamException fail(IOException cause) throws XMLStreamException {
    if (!(cause instanceof BoundedParseException)) {
      // The source itself failed: report it, but it is not the document's fault.
      failure =
          new XMLStreamException("I/O error reading the document: " + cause.getMessage(), cause);
      throw failure;
    }
    BoundedParseException ours = (BoundedParseException) cause;
    Location l = woodstox.getLocation();
    failure = new XMLStreamException(ours.getMessage(), l, ours);
    if (failure.getCause() == null) {
      failure.initCause(ours);
    }
    throw failure;
  }

  @Override
  public boolean hasNext() throws XMLStreamException {
    if (own != null) {
      return own.hasNext();
    }
    if (failure != null) {
      throw failure;
    }
    return woodstox.getEventType() != XMLStreamConstants.END_DOCUMENT;
  }

  @Override
  public int nextTag() throws XMLStreamException {
    if (own != null) {
      return own.nextTag();
    }
    int t = next();
    while ((t == XMLStreamConstants.CHARACTERS || t == XMLStreamConstants.CDATA) && isWhiteSpace()
        || t == XMLStreamConstants.SPACE
        || t == XMLStreamConstants.PROCESSING_INSTRUCTION
        || t == XMLStreamConstants.COMMENT) {
      t = next();
    }
    if (t != XMLStreamConstants.START_ELEMENT && t != XMLStreamConstants.END_ELEMENT) {
      throw new XMLStreamException("Expected a start or end tag, found event " + t, getLocation());
    }
    return t;
  }

  @Override
  public String getElementText() throws XMLStreamException {
    if (own != null) {
      return own.getElementText();
    }
    if (getEventType() != XMLStreamConstants.START_ELEMENT) {
      throw new XMLStreamException(
          "getElementText() needs the reader on a START_ELEMENT", getLocation());
    }
    StringBuilder sb = new StringBuilder();
    for (int t = next(); t != XMLStreamConstants.END_ELEMENT; t = next()) {
      switch (t) {
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.CDATA:
        case XMLStreamConstants.SPACE:
        case XMLStreamConstants.ENTITY_REFERENCE:
          sb.append(getTextCharacters(), getTextStart(), getTextLength());
          break;
        case XMLStreamConstants.PROCESSING_INSTRUCTION:
        case XMLStreamConstants.COMMENT:
          break;
        case XMLStreamConstants.END_DOCUMENT:
          throw new XMLStreamException("Document ended inside element text", getLocation());
        case XMLStreamConstants.START_ELEMENT:
          throw new XMLStreamException("Element text contains a child element", getLocation());
        default:
          throw new XMLStreamException("Unexpected event " + t + " in element text", getLocation());
      }
    }
    return sb.toString();
  }

  @Override
  public void close() throws XMLStreamException {
    if (own != null) {
      own.close();
      return;
    }
    woodstox.close(); // never closes the caller's stream
  }

  /**
   * Not exposed: the engine's own reader would read past every limit counted here (text runs, the
   * deadline), so a caller could step around them. Always throws.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public XMLStreamReader getParent() {
    throw parentHidden();
  }

  /** What a bounded reader's {@code getParent()} throws. */
  public static UnsupportedOperationException parentHidden() {
    return new UnsupportedOperationException(
        "the bounded reader does not hand out the parser under it: it would bypass the limits");
  }

  /** What a bounded reader's {@code setParent()} throws. */
  public static UnsupportedOperationException parentFixed() {
    return new UnsupportedOperationException("the bounded reader's parser cannot be replaced");
  }

  /**
   * Not supported: the bounded reader's source is fixed when it is opened.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public void setParent(XMLStreamReader reader) {
    throw parentFixed();
  }

  // ---- figures for XmlStats and the push parser ----

  /** Raw bytes consumed from the source so far. */
  public long bytesRead() {
    return source.getAsLong();
  }

  /** The Woodstox engine's pre-scanner; null on the BOUNDED engine. */
  public XmlScanner scanner() {
    return scanner;
  }

  /** Longest text run so far, comments and PIs included. */
  public long maxTextSeen() {
    if (own != null) {
      return own.maxTextSeen();
    }
    return Math.max(Math.max(maxRunSeen, run), scanner.maxCommentOrPiSeen());
  }

  /** Deepest nesting so far. */
  public long maxDepthSeen() {
    return own != null ? own.maxDepthSeen() : scanner.maxDepthSeen();
  }

  /** Start tags so far. */
  public long elements() {
    return own != null ? own.elements() : scanner.elements();
  }

  /** Most attributes on one start tag so far. */
  public long maxAttributesSeen() {
    return own != null ? own.maxAttributesSeen() : scanner.maxAttributesSeen();
  }

  /** Longest attribute value so far. */
  public long maxAttributeLengthSeen() {
    return own != null ? own.maxAttributeLengthSeen() : scanner.maxAttributeLengthSeen();
  }

  /** Longest name so far. */
  public long maxNameLengthSeen() {
    return own != null ? own.maxNameLengthSeen() : scanner.maxNameLengthSeen();
  }

  /** Most namespace declarations in scope at once so far. */
  public long maxNamespacesSeen() {
    return own != null ? own.maxNamespacesSeen() : scanner.maxNamespacesSeen();
  }

  /**
   * Where the current event is: line and column, and the byte offset where the engine knows it (the
   * BOUNDED engine over byte input).
   */
  public ParseLocation location() {
    if (own != null) {
      return own.parseLocation();
    }
    Location l = woodstox.getLocation();
    return ParseLocation.of(l.getLineNumber(), l.getColumnNumber(), -1, null);
  }

  /** Our engine's reader (for a feeding reader's input); null on the WOODSTOX engine. */
  public TokenReader own() {
    return own;
  }

  /** The engine's reader (Woodstox's or ours), for the push parser's zero-copy accessors. */
  XMLStreamReader woodstox() {
    return woodstox;
  }
}
