package dev.bounded.xml.internal.tokenizer;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.core.ParseLocation;
import dev.bounded.core.internal.ParseErrors;
import dev.bounded.core.internal.ParseGuard;
import dev.bounded.xml.XmlLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.namespace.QName;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The {@link XMLStreamReader} of the {@link dev.bounded.xml.XmlEngine#BOUNDED} engine: Bounded's
 * own {@link Tokenizer}, driven from a blocking UTF-8 {@link InputStream}. Namespace-aware or not,
 * non-coalescing (text in chunks of at most 4,000 characters), never reports whitespace outside the
 * root element. Every failure is an {@link XMLStreamException} whose cause is our {@link
 * BoundedParseException}; once failed, every later call fails the same way.
 */
public final class TokenReader implements XMLStreamReader {
  /** Most bytes asked of the source per read. */
  private static final int READ_SIZE = 32 << 10;

  private final Tokenizer tok;
  private final ParseGuard guard;
  private final Function<Reader, InputStream> transcoder;
  private InputStream in;
  private int event = START_DOCUMENT;
  private XMLStreamException failure;

  private TokenReader(
      InputStream utf8,
      XmlLimits limits,
      boolean namespaces,
      String reencodedFrom,
      ParseGuard guard,
      Function<Reader, InputStream> transcoder) {
    this.tok = new Tokenizer(limits, namespaces, reencodedFrom);
    this.in = utf8;
    this.guard = guard;
    this.transcoder = transcoder;
  }

  /**
   * A reader over UTF-8 bytes, positioned on START_DOCUMENT (the XML declaration read).
   *
   * @param utf8 the bytes (the caller's stream is never closed here)
   * @param reencodedFrom null if the bytes are the source's own; "" for characters handed over by
   *     the caller; "UTF-16" or "UTF-32" for a re-encoding of that family
   * @param utf8Of encodes characters as UTF-8 (for the rest of a document whose declaration names a
   *     single-byte charset)
   * @throws IOException our {@link BoundedParseException} if the prolog breaks the rules, or the
   *     source's own failure
   */
  public static TokenReader open(
      InputStream utf8,
      XmlLimits limits,
      boolean namespaces,
      String reencodedFrom,
      ParseGuard guard,
      Function<Reader, InputStream> utf8Of)
      throws IOException {
    TokenReader r = new TokenReader(utf8, limits, namespaces, reencodedFrom, guard, utf8Of);
    r.advance();
    return r;
  }

  /**
   * A reader fed by its caller ({@link #feed}, {@link #endOfInput}) instead of a stream: {@link
   * #next()} returns {@link #INCOMPLETE} when the bytes fed run out, and the first event is
   * START_DOCUMENT (after the XML declaration). UTF-8 only: a declaration naming a single-byte
   * charset is refused, as a feeder has no stream to transcode.
   */
  public static TokenReader feeding(XmlLimits limits, boolean namespaces, ParseGuard guard) {
    TokenReader r = new TokenReader(null, limits, namespaces, null, guard, null);
    r.event = INCOMPLETE; // nothing read yet: the first next() returns START_DOCUMENT
    return r;
  }

  /**
   * {@link #next()} of a {@link #feeding} reader: more bytes are needed (no StAX event), and the
   * current event until the next one (so no accessor reads a half-made token). 257, the first code
   * after those StAX reserves, as Aalto's {@code EVENT_INCOMPLETE}.
   */
  public static final int INCOMPLETE = 257;

  /** Appends bytes to a {@link #feeding} reader's input (copied; nothing of {@code b} is kept). */
  public void feed(byte[] b, int off, int len) {
    tok.feed(b, off, len);
  }

  /** A {@link #feeding} reader's input has ended. */
  public void endOfInput() {
    tok.endOfInput();
  }

  /** Where the bytes held end: the location of a {@code maxBytes} breach. */
  public ParseLocation locationAtEnd() {
    return tok.locationAtEnd();
  }

  /** The next event from the tokenizer, reading as it asks. */
  private int advance() throws IOException {
    int t;
    while ((t = tok.next()) == Tokenizer.INCOMPLETE) {
      if (in == null) {
        return t;
      }
      read();
    }
    if (t == START_DOCUMENT) {
      Charset cs = tok.switchTo();
      if (cs != null && in == null) {
        throw new MalformedDocumentException(
            "Unsupported encoding "
                + cs.name()
                + " for a feeder: a feeder reads UTF-8 (or US-ASCII) only; parse this document"
                + " with BoundedXml.parse, which transcodes it",
            tok.eventLocation(),
            null);
      }
      if (cs != null) {
        InputStream rest =
            new SequenceInputStream(new ByteArrayInputStream(tok.takeRemaining()), in);
        in =
            transcoder.apply(
                new InputStreamReader(
                    rest,
                    cs.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)));
      }
    }
    return t;
  }

  private void read() throws IOException {
    int at = tok.fillArray();
    int n;
    try {
      n = in.read(tok.buffer(), at, Math.min(tok.room(), READ_SIZE));
    } catch (LimitExceededException e) {
      throw ParseErrors.relocate(e, tok.locationAtEnd());
    } catch (BoundedParseException e) {
      throw e.location().isUnknown() ? relocate(e, tok.locationAtEnd()) : e;
    } catch (CharacterCodingException e) {
      throw new MalformedDocumentException(
          "Invalid byte sequence for the document's encoding: "
              + ParseErrors.excerpt(String.valueOf(e.getMessage()), 200),
          tok.locationAtEnd(),
          e);
    }
    if (n < 0) {
      tok.endOfInput();
    } else if (n > 0) {
      tok.added(at, n);
    }
  }

  private static BoundedParseException relocate(BoundedParseException e, ParseLocation where) {
    if (e instanceof MalformedDocumentException) {
      return ParseErrors.relocate((MalformedDocumentException) e, where);
    }
    return e;
  }

  // ---- figures ----

  public long maxDepthSeen() {
    return tok.maxDepthSeen();
  }

  public long elements() {
    return tok.elements();
  }

  public long maxAttributesSeen() {
    return tok.maxAttributesSeen();
  }

  public long maxNamespacesSeen() {
    return tok.maxNamespacesSeen();
  }

  public long maxAttributeLengthSeen() {
    return tok.maxAttributeLengthSeen();
  }

  public long maxNameLengthSeen() {
    return tok.maxNameLengthSeen();
  }

  public long maxTextSeen() {
    return tok.maxTextSeen();
  }

  /** Where the current event starts: line, column and (for byte input) byte offset. */
  public ParseLocation parseLocation() {
    return tok.eventLocation();
  }

  // ---- events ----

  @Override
  public int next() throws XMLStreamException {
    if (failure != null) {
      throw failure;
    }
    if (event == END_DOCUMENT) {
      throw new NoSuchElementException("END_DOCUMENT already reached");
    }
    try {
      guard.tick(); // the deadline and allocation cap, checked every 16 events
    } catch (LimitExceededException e) {
      throw fail(ParseErrors.relocate(e, tok.eventLocation()));
    }
    try {
      int t = advance();
      return event = t == Tokenizer.INCOMPLETE ? INCOMPLETE : t;
    } catch (IOException e) {
      throw fail(e);
    }
  }

  private XMLStreamException fail(IOException cause) throws XMLStreamException {
    if (!(cause instanceof BoundedParseException)) {
      failure =
          new XMLStreamException("I/O error reading the document: " + cause.getMessage(), cause);
      throw failure;
    }
    BoundedParseException ours = (BoundedParseException) cause;
    failure = new XMLStreamException(ours.getMessage(), locationOf(ours.location()), ours);
    if (failure.getCause() == null) {
      failure.initCause(ours);
    }
    throw failure;
  }

  @Override
  public void require(int type, String namespaceURI, String localName) throws XMLStreamException {
    if (type != event) {
      throw new XMLStreamException(
          "Expected event " + type + ", the current event is " + event, getLocation());
    }
    if (namespaceURI != null) {
      if (event != START_ELEMENT && event != END_ELEMENT) {
        throw new XMLStreamException("A namespace is required on a non-element", getLocation());
      }
      if (!namespaceURI.equals(getNamespaceURI())) {
        throw new XMLStreamException(
            "Expected namespace " + namespaceURI + ", found " + getNamespaceURI(), getLocation());
      }
    }
    if (localName != null) {
      if (event != START_ELEMENT && event != END_ELEMENT && event != ENTITY_REFERENCE) {
        throw new XMLStreamException("A local name is required on a non-element", getLocation());
      }
      if (!localName.equals(getLocalName())) {
        throw new XMLStreamException(
            "Expected local name " + localName + ", found " + getLocalName(), getLocation());
      }
    }
  }

  @Override
  public String getElementText() throws XMLStreamException {
    if (event != START_ELEMENT) {
      throw new XMLStreamException(
          "getElementText() needs the reader on a START_ELEMENT", getLocation());
    }
    StringBuilder sb = new StringBuilder();
    for (int t = next(); t != END_ELEMENT; t = next()) {
      switch (t) {
        case CHARACTERS:
        case CDATA:
        case SPACE:
        case ENTITY_REFERENCE:
          sb.append(tok.tbuf, 0, tok.tlen);
          break;
        case PROCESSING_INSTRUCTION:
        case COMMENT:
          break;
        case END_DOCUMENT:
          throw new XMLStreamException("Document ended inside element text", getLocation());
        case START_ELEMENT:
          throw new XMLStreamException("Element text contains a child element", getLocation());
        default:
          throw new XMLStreamException("Unexpected event " + t + " in element text", getLocation());
      }
    }
    return sb.toString();
  }

  @Override
  public int nextTag() throws XMLStreamException {
    int t = next();
    while ((t == CHARACTERS || t == CDATA) && isWhiteSpace()
        || t == SPACE
        || t == PROCESSING_INSTRUCTION
        || t == COMMENT) {
      t = next();
    }
    if (t != START_ELEMENT && t != END_ELEMENT) {
      throw new XMLStreamException("Expected a start or end tag, found event " + t, getLocation());
    }
    return t;
  }

  @Override
  public boolean hasNext() throws XMLStreamException {
    if (failure != null) {
      throw failure;
    }
    return event != END_DOCUMENT;
  }

  /**
   * Gives the buffers back for the next parse on this thread; the caller's stream is never closed.
   * Every later {@link #next()} fails.
   */
  @Override
  public void close() {
    tok.release();
  }

  @Override
  public Object getProperty(String name) {
    if ("javax.xml.stream.isNamespaceAware".equals(name)) {
      return tok.namespaces();
    }
    return null;
  }

  @Override
  public int getEventType() {
    return event;
  }

  // ---- names ----

  private void requireElement() {
    if (event != START_ELEMENT && event != END_ELEMENT) {
      throw new IllegalStateException("Not on a START_ELEMENT or END_ELEMENT: " + event);
    }
  }

  private void requireStart() {
    if (event != START_ELEMENT) {
      throw new IllegalStateException("Not on a START_ELEMENT: " + event);
    }
  }

  @Override
  public QName getName() {
    requireElement();
    return new QName(getNamespaceURI(), tok.elem.local, getPrefix());
  }

  @Override
  public String getLocalName() {
    requireElement();
    return tok.elem.local;
  }

  @Override
  public boolean hasName() {
    return event == START_ELEMENT || event == END_ELEMENT;
  }

  @Override
  public String getNamespaceURI() {
    if (event != START_ELEMENT && event != END_ELEMENT) {
      return null;
    }
    return tok.elemUri == null ? "" : tok.elemUri;
  }

  @Override
  public String getPrefix() {
    if (event != START_ELEMENT && event != END_ELEMENT) {
      return null;
    }
    return tok.elem.prefix == null ? "" : tok.elem.prefix;
  }

  // ---- attributes ----

  @Override
  public int getAttributeCount() {
    requireStart();
    return tok.attrCount;
  }

  private void checkAttribute(int i) {
    requireStart();
    if (i < 0 || i >= tok.attrCount) {
      throw new IndexOutOfBoundsException("attribute " + i + " of " + tok.attrCount);
    }
  }

  @Override
  public String getAttributeValue(String namespaceURI, String localName) {
    requireStart();
    for (int i = 0; i < tok.attrCount; i++) {
      Name n = tok.attrName[i];
      if (n.local.equals(localName)) {
        String u = tok.attrUri[i];
        if (namespaceURI == null || namespaceURI.equals(u == null ? "" : u)) {
          return tok.attributeValue(i);
        }
      }
    }
    return null;
  }

  @Override
  public QName getAttributeName(int index) {
    checkAttribute(index);
    return new QName(
        getAttributeNamespace(index), tok.attrName[index].local, getAttributePrefix(index));
  }

  @Override
  public String getAttributeNamespace(int index) {
    checkAttribute(index);
    String u = tok.attrUri[index];
    return u == null ? "" : u;
  }

  @Override
  public String getAttributeLocalName(int index) {
    checkAttribute(index);
    return tok.attrName[index].local;
  }

  @Override
  public String getAttributePrefix(int index) {
    checkAttribute(index);
    String p = tok.attrName[index].prefix;
    return p == null ? "" : p;
  }

  @Override
  public String getAttributeType(int index) {
    checkAttribute(index);
    return "CDATA";
  }

  @Override
  public String getAttributeValue(int index) {
    checkAttribute(index);
    return tok.attributeValue(index);
  }

  @Override
  public boolean isAttributeSpecified(int index) {
    checkAttribute(index);
    return true;
  }

  // ---- namespaces ----

  @Override
  public int getNamespaceCount() {
    requireElement();
    return tok.nsTo - tok.nsFrom;
  }

  private void checkNamespace(int i) {
    requireElement();
    if (i < 0 || i >= tok.nsTo - tok.nsFrom) {
      throw new IndexOutOfBoundsException("namespace " + i + " of " + (tok.nsTo - tok.nsFrom));
    }
  }

  @Override
  public String getNamespacePrefix(int index) {
    checkNamespace(index);
    String p = tok.nsPrefixAt(tok.nsFrom + index);
    return p.isEmpty() ? null : p;
  }

  @Override
  public String getNamespaceURI(int index) {
    checkNamespace(index);
    return tok.nsUriAt(tok.nsFrom + index);
  }

  @Override
  public String getNamespaceURI(String prefix) {
    if (prefix == null) {
      throw new IllegalArgumentException("prefix is null");
    }
    return tok.resolve(prefix);
  }

  @Override
  public NamespaceContext getNamespaceContext() {
    return new NamespaceContext() {
      @Override
      public String getNamespaceURI(String prefix) {
        if (prefix == null) {
          throw new IllegalArgumentException("prefix is null");
        }
        String u = tok.resolve(prefix);
        return u == null ? XMLConstants.NULL_NS_URI : u;
      }

      @Override
      public String getPrefix(String uri) {
        Iterator<String> it = getPrefixes(uri);
        return it.hasNext() ? it.next() : null;
      }

      @Override
      public Iterator<String> getPrefixes(String uri) {
        if (uri == null) {
          throw new IllegalArgumentException("namespace URI is null");
        }
        List<String> found = new ArrayList<>();
        if (uri.equals(XMLConstants.XML_NS_URI)) {
          found.add(XMLConstants.XML_NS_PREFIX);
        } else if (uri.equals(XMLConstants.XMLNS_ATTRIBUTE_NS_URI)) {
          found.add(XMLConstants.XMLNS_ATTRIBUTE);
        } else {
          for (int k = tok.namespaceCountInScope() - 1; k >= 0; k--) {
            String p = tok.nsPrefixAt(k);
            String bound = tok.resolve(p);
            if (uri.equals(bound == null ? "" : bound) && !found.contains(p)) {
              found.add(p);
            }
          }
        }
        return found.iterator();
      }
    };
  }

  // ---- text ----

  @Override
  public boolean isStartElement() {
    return event == START_ELEMENT;
  }

  @Override
  public boolean isEndElement() {
    return event == END_ELEMENT;
  }

  @Override
  public boolean isCharacters() {
    return event == CHARACTERS;
  }

  @Override
  public boolean isWhiteSpace() {
    if (event != CHARACTERS && event != CDATA && event != SPACE) {
      return false;
    }
    char[] t = tok.tbuf;
    for (int i = 0, n = tok.tlen; i < n; i++) {
      char c = t[i];
      if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean hasText() {
    return event == CHARACTERS
        || event == CDATA
        || event == SPACE
        || event == COMMENT
        || event == DTD
        || event == ENTITY_REFERENCE;
  }

  private void requireText() {
    if (event != CHARACTERS && event != CDATA && event != SPACE && event != COMMENT) {
      throw new IllegalStateException("No text on event " + event);
    }
  }

  @Override
  public String getText() {
    if (event == DTD) {
      return tok.dtdText;
    }
    requireText();
    return new String(tok.tbuf, 0, tok.tlen);
  }

  @Override
  public char[] getTextCharacters() {
    requireText();
    return tok.tbuf;
  }

  @Override
  public int getTextCharacters(int sourceStart, char[] target, int targetStart, int length)
      throws XMLStreamException {
    requireText();
    if (sourceStart < 0 || sourceStart > tok.tlen) {
      throw new IndexOutOfBoundsException("sourceStart " + sourceStart);
    }
    int n = Math.min(length, tok.tlen - sourceStart);
    System.arraycopy(tok.tbuf, sourceStart, target, targetStart, n);
    return n;
  }

  @Override
  public int getTextStart() {
    requireText();
    return 0;
  }

  @Override
  public int getTextLength() {
    requireText();
    return tok.tlen;
  }

  @Override
  public String getPITarget() {
    return event == PROCESSING_INSTRUCTION ? tok.piTarget : null;
  }

  @Override
  public String getPIData() {
    return event == PROCESSING_INSTRUCTION ? tok.piData : null;
  }

  // ---- the declaration ----

  @Override
  public String getEncoding() {
    return tok.encoding != null ? tok.encoding : "UTF-8";
  }

  @Override
  public String getVersion() {
    return tok.version;
  }

  @Override
  public boolean isStandalone() {
    return tok.standalone == 1;
  }

  @Override
  public boolean standaloneSet() {
    return tok.standalone >= 0;
  }

  @Override
  public String getCharacterEncodingScheme() {
    return tok.encoding;
  }

  // ---- location ----

  @Override
  public Location getLocation() {
    return locationOf(tok.eventLocation());
  }

  /**
   * A StAX location: line and column from 1 (columns in UTF-16 units); the character offset is the
   * byte offset in the source (-1 where the source is characters or was transcoded).
   */
  public static Location locationOf(ParseLocation p) {
    return new Location() {
      @Override
      public int getLineNumber() {
        return (int) Math.min(Integer.MAX_VALUE, p.line());
      }

      @Override
      public int getColumnNumber() {
        return (int) Math.min(Integer.MAX_VALUE, p.column());
      }

      @Override
      public int getCharacterOffset() {
        return (int) Math.min(Integer.MAX_VALUE, p.byteOffset());
      }

      @Override
      public String getPublicId() {
        return null;
      }

      @Override
      public String getSystemId() {
        return null;
      }

      @Override
      public String toString() {
        return p.describe();
      }
    };
  }
}
