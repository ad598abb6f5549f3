package dev.bounded.xml.internal.tokenizer;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.core.ParseLocation;
import dev.bounded.core.internal.ParseErrors;
import dev.bounded.xml.DtdPolicy;
import dev.bounded.xml.XmlLimits;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamConstants;

/**
 * Bounded's own XML tokenizer: a pull state machine over UTF-8 bytes that checks well-formedness
 * (XML 1.0 fifth edition, Namespaces 1.0), holds every {@link XmlLimits} limit inside its own loops
 * and decodes names, text and attribute values in the same pass.
 *
 * <p>Bytes arrive through {@link #feed} (or {@link #fillArray}) and {@link #endOfInput()}; {@link
 * #next()} returns a StAX event code, or {@link #INCOMPLETE} when the bytes run out inside a token.
 * A token (comment, PI data, declaration, DOCTYPE, reference, one attribute) is kept whole from its
 * first byte and scanned again once the pending bytes have doubled, by at most 32 KiB (or the input
 * ended, or, a few times per token, the new bytes hold a {@code '>'}); tags and a PI's leading
 * whitespace resume at their last safe point instead, so whitespace inside markup is never held.
 * Text never waits: it is handed on in chunks of at most {@link #TEXT_CHUNK} characters, holding
 * back only a split UTF-8 sequence, reference, {@code "]]"} or CR. So the tokenizer holds at most
 * one token (under its limits) or one chunk.
 *
 * <p>Each limit has one check and one breach method here, shared by fast and slow paths. Not
 * thread-safe; one per parse.
 */
final class Tokenizer {
  /** {@link #next()}: more bytes are needed (0: no StAX event code). */
  static final int INCOMPLETE = 0;

  /** Most characters in one text event. */
  static final int TEXT_CHUNK = 4000;

  /**
   * Most digits of a character reference (leading zeros included), so that a reference is a bounded
   * token: the one bound here that XML itself does not set (decision 009).
   */
  static final int MAX_CHAR_REF_DIGITS = 64;

  /** Most bytes of an XML declaration. */
  static final int MAX_XML_DECL = 1024;

  /**
   * Most bytes a pending token waits for before it is scanned again: doubling up to this, so a
   * token reaches a limit (and fails) within this many bytes of the limit's own position.
   */
  private static final int RETRY_STEP = 32 << 10;

  /** Times per token that a {@code '>'} among new bytes triggers a re-scan before doubling. */
  private static final int QUICK_RETRIES = 4;

  private static final String XML_NS = XMLConstants.XML_NS_URI;
  private static final String XMLNS_NS = XMLConstants.XMLNS_ATTRIBUTE_NS_URI;

  // Document phases.
  private static final int START = 0;
  private static final int PROLOG = 1;
  private static final int CONTENT = 2;
  private static final int IN_CDATA = 3;
  private static final int EPILOG = 4;
  private static final int DONE = 5;

  /** ASCII text bytes that need no attention: not '<', '&', ']', CR, LF or a control. */
  private static final boolean[] TEXT_PLAIN = new boolean[256];

  /**
   * ASCII attribute-value bytes that need no attention (no quote, '&', '<', whitespace but ' ').
   */
  private static final boolean[] VALUE_PLAIN = new boolean[256];

  /** ASCII comment, PI and CDATA bytes that need no attention ('-', '?', ']' included). */
  private static final boolean[] DATA_PLAIN = new boolean[256];

  /** ASCII CDATA bytes that need no attention (all but ']' and controls). */
  private static final boolean[] CDATA_PLAIN = new boolean[256];

  /** Bytes that may continue a name: ASCII name characters and every byte above 0x7F. */
  private static final boolean[] NAME_BYTE = new boolean[256];

  static {
    for (int c = 0x20; c < 0x80; c++) {
      TEXT_PLAIN[c] = c != '<' && c != '&' && c != ']';
      VALUE_PLAIN[c] = c != '<' && c != '&' && c != '"' && c != '\'';
      DATA_PLAIN[c] = c != '-' && c != '?' && c != ']';
      CDATA_PLAIN[c] = c != ']';
    }
    CDATA_PLAIN['\t'] = true;
    TEXT_PLAIN['\t'] = true;
    DATA_PLAIN['\t'] = true;
    for (int c = 0; c < 256; c++) {
      NAME_BYTE[c] = c >= 0x80 || c < 0x80 && XmlChars.isName(c);
    }
  }

  /** Thrown (preallocated, no stack) when a token runs past the bytes held. */
  private static final class NeedMore extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NeedMore() {
      super(null, null, false, false);
    }
  }

  private static final NeedMore NEED_MORE = new NeedMore();

  /** {@link #step()}: the bytes ran out between tokens (as {@link #NEED_MORE}, without a throw). */
  private static final int MORE = -1;

  // ---- configuration ----
  private final long maxDepth;
  private final long maxElements;
  private final long maxAttributes;
  private final long maxNamespaces;
  private final long maxAttributeLength;
  private final long maxTextLength;
  private final long maxNameLength;
  private final boolean refuseDtd;
  private final boolean namespaces;

  /**
   * null: the bytes are the source's own; "": characters handed over by the caller; "UTF-16" or
   * "UTF-32": a re-encoding of that family.
   */
  private final String reencodedFrom;

  private boolean knownOffsets;

  // ---- input ----
  private byte[] buf;
  private int pos;
  private int end;
  private boolean eof;
  private long bufAbs; // offset of buf[0] in the byte stream
  private int retryPending; // re-scan the token only once this many bytes are pending
  private int quickRetries = QUICK_RETRIES;

  // ---- position ----
  private long line = 1;
  private int lineStart; // buffer index where the line starts; < 0: before buf[0]
  private long carried; // units of the current line before buf[0] (when lineStart < 0)
  private int tokStart;
  private long tokLine;
  private int tokLineStart;
  private boolean utf8Bom;

  // column memo: units from the line's start to memoIdx on memoLine
  private long memoLine = -1;
  private int memoIdx;
  private long memoUnits;

  // ---- document state ----
  private int phase = START;
  private boolean pendingEnd; // an empty element's END_ELEMENT comes next
  private boolean pendingPop; // the last END_ELEMENT's scope ends before the next event
  private boolean sawDoctype;
  private boolean xml11; // version="1.1": character references to C0 controls are allowed
  private Charset switchTo; // a single-byte charset declared: the driver transcodes the rest
  private BoundedParseException failed;

  // ---- counters (the limits) and high-water marks (XmlStats) ----
  private long depth;
  private long elements;
  private long run; // characters of the current text run
  private long maxDepthSeen;
  private long maxAttributesSeen;
  // namespace declarations in scope as declared (xmlns:xml and non-namespace-aware parses
  // included), for maxNamespaces: the open elements' (declared[d] before element d) and the tag's
  private long declared;
  private long[] declaredBefore = new long[16];
  private long tagDeclared;
  private long maxNamespacesSeen;
  private long maxAttributeLengthSeen;
  private long maxNameLengthSeen;
  private long maxTextSeen;

  // ---- names and namespaces ----
  private final NameTable names;
  private final int hashMultiplier;
  private final Recycler recycler;
  private boolean released;
  private int nameEnd; // index after the last name scanned
  private Name[] open = new Name[16];
  private int[] nsBase = new int[16];
  private String[] nsPrefix = new String[8];
  private String[] nsUri = new String[8];
  private int[] nsPrev = new int[8];
  private int nsCount;
  private final HashMap<String, Integer> nsTop = new HashMap<>();
  private long scope; // the bindings' version: changed whenever one comes into or goes out of scope
  private long defaultScope = -1; // the version defaultUri was looked up at
  private String defaultUri;

  // ---- the current event ----
  private int event;
  Name elem;
  String elemUri;
  int nsFrom;
  int nsTo;
  int attrCount;
  Name[] attrName = new Name[8];
  int[] attrStart = new int[8];
  int[] attrLen = new int[8];
  String[] attrValue = new String[8];
  String[] attrUri = new String[8];
  char[] vbuf;
  private int vlen;
  char[] tbuf;
  int tlen;
  String piTarget;
  String piData;
  String dtdText;
  String version;
  String encoding;
  int standalone = -1; // -1 not declared, 0 no, 1 yes
  private int evStart; // buffer index where the current event's token starts
  private long evLine;
  private int evLineStart;
  private long evCarried;
  private long evAbs;

  Tokenizer(XmlLimits limits, boolean namespaces, String reencodedFrom) {
    this.maxDepth = limits.maxDepth();
    this.maxElements = limits.maxElements();
    this.maxAttributes = limits.maxAttributes();
    this.maxNamespaces = limits.maxNamespaces();
    this.maxAttributeLength = limits.maxAttributeLength();
    this.maxTextLength = limits.maxTextLength();
    this.maxNameLength = limits.maxNameLength();
    this.refuseDtd = limits.dtdPolicy() == DtdPolicy.REFUSE;
    this.namespaces = namespaces;
    this.reencodedFrom = reencodedFrom;
    this.knownOffsets = reencodedFrom == null;
    this.recycler = Recycler.get();
    this.buf = recycler.buffer();
    this.tbuf = recycler.textBuffer();
    this.vbuf = recycler.valueBuffer();
    this.names = recycler.names(namespaces);
    this.hashMultiplier = names.multiplier;
  }

  /**
   * Ends this tokenizer: its buffers and name table go back to the thread's {@link Recycler}; every
   * later {@link #next()} fails.
   */
  void release() {
    if (released) {
      return;
    }
    released = true; // the "closed" failure is built if a later call asks (a stack trace costs
    // more than a whole small parse)
    recycler.release(buf, tbuf, vbuf, names, namespaces);
    recycler.releaseReused(reused);
    reused = null;
    buf = new byte[0];
    end = pos = 0;
    tbuf = new char[0];
    vbuf = new char[0];
    tlen = 0;
  }

  // =====================================================================================
  // Input
  // =====================================================================================

  /** Appends bytes to the input. */
  void feed(byte[] b, int off, int len) {
    int at = makeRoom(len);
    System.arraycopy(b, off, buf, at, len);
    added(at, len);
  }

  /**
   * Makes room for at least {@code min} bytes (dropping those before the pending token) and returns
   * the array and index to read into: {@link #buffer()} from {@code at}, at most {@link #room()}.
   */
  int makeRoom(int min) {
    if (pos > 0 && buf.length - end < min) {
      compact();
    }
    if (buf.length - end < min) {
      int need = end + min;
      int n = Math.max(buf.length, 16);
      while (n < need) {
        n = n * 2;
      }
      buf = Arrays.copyOf(buf, n);
    }
    return end;
  }

  byte[] buffer() {
    return buf;
  }

  int room() {
    return buf.length - end;
  }

  /** Says that {@code len} bytes were written into {@link #buffer()} at {@code at} (== end). */
  void added(int at, int len) {
    end = at + len;
    if (retryPending > 0 && quickRetries > 0) {
      for (int i = at; i < end; i++) {
        if (buf[i] == '>') {
          quickRetries--;
          retryPending = 0;
          break;
        }
      }
    }
  }

  /** Reads from the blocking driver's source into the buffer; see {@link #makeRoom}. */
  int fillArray() {
    return makeRoom(Math.max(4096, Math.min(buf.length / 2, 65536)));
  }

  /** No more bytes will come. */
  void endOfInput() {
    eof = true;
  }

  /** True until {@link #next()} can make progress without more bytes. */
  boolean wantsBytes() {
    return !eof && end - pos < retryPending;
  }

  /** Drops the bytes before the pending token. */
  private void compact() {
    int k = pos;
    if (lineStart < k) {
      carried = (lineStart >= 0 ? 0 : carried) + units(Math.max(lineStart, 0), k);
      lineStart = -1;
    } else {
      lineStart -= k;
    }
    if (memoIdx >= k && memoLine == line) {
      memoIdx -= k;
    } else {
      memoLine = -1;
    }
    System.arraycopy(buf, k, buf, 0, end - k);
    end -= k;
    pos = 0;
    tokStart -= k;
    bufAbs += k;
  }

  /** The bytes not yet consumed, for a driver that transcodes them from here on. */
  byte[] takeRemaining() {
    byte[] r = Arrays.copyOfRange(buf, pos, end);
    carried = column(line, lineStart, carried, pos) - 1;
    lineStart = -1;
    memoLine = -1;
    end = 0;
    pos = 0;
    knownOffsets = false;
    return r;
  }

  /** A single-byte charset the declaration named: the driver must transcode what follows. */
  Charset switchTo() {
    Charset c = switchTo;
    switchTo = null;
    return c;
  }

  // =====================================================================================
  // Events
  // =====================================================================================

  /**
   * The next event, or {@link #INCOMPLETE}.
   *
   * @throws BoundedParseException (every later call throws it again)
   */
  int next() throws BoundedParseException {
    if (failed != null || released) {
      throw failedOrClosed();
    }
    if (pendingPop) {
      pendingPop = false;
      popScope();
    }
    if (pendingEnd) {
      pendingEnd = false;
      return event = endOfElement();
    }
    if (wantsBytes()) {
      return INCOMPLETE;
    }
    commit();
    if (pos >= end && !eof) {
      return needMore(); // nothing held: every token needs bytes (and a throw costs more)
    }
    try {
      int t = step();
      if (t == MORE) {
        return needMore();
      }
      retryPending = 0;
      quickRetries = QUICK_RETRIES;
      return event = t;
    } catch (NeedMore m) {
      return needMore();
    } catch (EndOfInput x) {
      failed = truncated();
      throw failed;
    } catch (BoundedParseException e) {
      failed = e;
      throw e;
    }
  }

  int event() {
    return event;
  }

  /**
   * The bytes ran out inside the token: back to its start, to be scanned again once the pending
   * bytes have grown (see {@link #RETRY_STEP}).
   */
  private int needMore() {
    pos = tokStart;
    line = tokLine;
    lineStart = tokLineStart;
    int pending = end - pos;
    retryPending = pending + Math.max(1, Math.min(pending, RETRY_STEP));
    return INCOMPLETE;
  }

  /** The failure every call after a failure or {@link #release()} throws. */
  private BoundedParseException failedOrClosed() {
    if (failed == null) {
      failed = new MalformedDocumentException("The reader is closed", ParseLocation.UNKNOWN, null);
    }
    return failed;
  }

  /** Marks the token start at pos (progress that will not be scanned again). */
  private void commit() {
    tokStart = pos;
    tokLine = line;
    tokLineStart = lineStart;
  }

  private void markEvent() {
    evFixed = null;
    evStart = tokStart;
    evLine = tokLine;
    evLineStart = tokLineStart;
    evCarried = carried;
    evAbs = bufAbs + tokStart;
  }

  private int step() throws BoundedParseException {
    if (phase == START) {
      return startDocument();
    }
    if (tagName != null) {
      return startTag();
    }
    if (endName != null) {
      return endTag();
    }
    if (piName != null) {
      return pi();
    }
    while (true) {
      if (phase == IN_CDATA) {
        int t = cdata();
        if (t != INCOMPLETE) {
          return t;
        }
        commit();
        continue;
      }
      if (pos >= end) {
        if (!eof) {
          return MORE; // between tokens: no throw (it would cost more than a small document)
        }
        return endOfInput(pos);
      }
      int c = buf[pos];
      if (c != '<') {
        if (phase == CONTENT) {
          markEvent();
          return text();
        }
        misc(c);
        commit();
        continue;
      }
      int c1 = peek(pos + 1);
      if (c1 == '/') {
        return endTag();
      }
      if (c1 == '?') {
        return pi();
      }
      if (c1 == '!') {
        int c2 = peek(pos + 2);
        if (c2 == '-') {
          return comment();
        }
        if (c2 == '[') {
          if (cdataStart()) {
            commit();
            continue;
          }
        }
        if (c2 == 'D') {
          return doctype();
        }
        throw malformed(
            "Markup declaration \"<!\" not followed by \"--\", \"[CDATA[\" or DOCTYPE", pos);
      }
      return startTag();
    }
  }

  /** Whitespace outside the root element (anything else there is malformed). */
  private void misc(int c) throws BoundedParseException {
    int i = pos;
    while (true) {
      if (c == ' ' || c == '\t' || c == '\n') {
        if (c == '\n') {
          newline(i + 1);
        }
        i++;
      } else if (c == '\r') {
        i = cr(i);
      } else {
        throw malformed(
            phase == EPILOG
                ? "Content after the root element: only comments, processing instructions and"
                    + " whitespace may follow it"
                : "Content before the root element: only the XML declaration, a DOCTYPE, comments,"
                    + " processing instructions and whitespace may precede it",
            i);
      }
      pos = i;
      if (i >= end) {
        return;
      }
      c = buf[i];
      if (c == '<') {
        return;
      }
    }
  }

  /** A CR at {@code i} outside text: a line end (CR LF counts once). Returns the index after. */
  private int cr(int i) {
    if (peek(i + 1) == '\n') {
      return i + 1; // the LF counts the line
    }
    newline(i + 1);
    return i + 1;
  }

  private int endOfInput(int at) throws BoundedParseException {
    if (phase == EPILOG) {
      phase = DONE;
      markEvent();
      return XMLStreamConstants.END_DOCUMENT;
    }
    if (phase == DONE) {
      throw new IllegalStateException("END_DOCUMENT already reached");
    }
    if (phase == PROLOG) {
      throw malformed("Unexpected end of input: the document has no root element", at);
    }
    throw malformed(
        "Unexpected end of input: element <"
            + ParseErrors.excerpt(open[(int) depth - 1].qname, 100)
            + "> is not closed",
        at);
  }

  // ---- the XML declaration ----

  private int startDocument() throws BoundedParseException {
    int i = 0;
    if (reencodedFrom == null) {
      // a UTF-8 byte-order mark: not a character, columns start after it
      if (end < 3 && !eof && (end == 0 || peekOr(0) == 0xef)) {
        throw NEED_MORE;
      }
      if (peekOr(0) == 0xef && peekOr(1) == 0xbb && peekOr(2) == 0xbf) {
        i = 3;
        utf8Bom = true;
        lineStart = 3;
      }
    }
    pos = i;
    commit();
    markEvent();
    if (peekOr(i) == '<'
        && peekOr(i + 1) == '?'
        && peekOr(i + 2) == 'x'
        && peekOr(i + 3) == 'm'
        && peekOr(i + 4) == 'l'
        && XmlChars.isSpace(peekOr(i + 5))) {
      xmlDecl(i);
    } else if (!eof && end - i < 6 && isPrefixOfDecl(i)) {
      throw NEED_MORE;
    }
    phase = PROLOG;
    return XMLStreamConstants.START_DOCUMENT;
  }

  private boolean isPrefixOfDecl(int i) {
    String d = "<?xml";
    for (int k = 0; k < d.length() && i + k < end; k++) {
      if (buf[i + k] != d.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** The byte at {@code i}, or -1 past the bytes held. */
  private int peekOr(int i) {
    return i < end ? buf[i] & 0xff : -1;
  }

  private int declByte(int i, int start) throws BoundedParseException {
    if (i - start >= MAX_XML_DECL) {
      throw malformed("XML declaration longer than " + MAX_XML_DECL + " bytes", start);
    }
    return peek(i);
  }

  private int declSpace(int i, int start) throws BoundedParseException {
    while (true) {
      int c = declByte(i, start);
      if (c == '\n') {
        newline(i + 1);
      } else if (c == '\r') {
        if (declByte(i + 1, start) != '\n') {
          newline(i + 1);
        }
      } else if (c != ' ' && c != '\t') {
        return i;
      }
      i++;
    }
  }

  private int declWord(int i, int start, String word) throws BoundedParseException {
    for (int k = 0; k < word.length(); k++) {
      if (declByte(i + k, start) != word.charAt(k)) {
        throw malformed("XML declaration: expected \"" + word + "\"", i);
      }
    }
    i = declSpace(i + word.length(), start);
    if (declByte(i, start) != '=') {
      throw malformed("XML declaration: expected '=' after " + word, i);
    }
    return declSpace(i + 1, start);
  }

  private int declValueEnd; // index after the closing quote

  private String declValue(int i, int start, String what) throws BoundedParseException {
    int q = declByte(i, start);
    if (q != '"' && q != '\'') {
      throw malformed("XML declaration: the " + what + " must be quoted", i);
    }
    int j = i + 1;
    while (declByte(j, start) != q) {
      j++;
    }
    for (int k = i + 1; k < j; k++) {
      int c = buf[k] & 0xff;
      if (c == '<' || c == '>' || c == '?' || c >= 0x80 || c < 0x20) {
        throw malformed("XML declaration: invalid " + what, k);
      }
    }
    declValueEnd = j + 1;
    return new String(buf, i + 1, j - i - 1, StandardCharsets.ISO_8859_1);
  }

  private void xmlDecl(int start) throws BoundedParseException {
    int i = declSpace(start + 5, start);
    i = declWord(i, start, "version");
    version = declValue(i, start, "version");
    if (!isVersion(version)) {
      throw malformed(
          "XML declaration: unsupported version \""
              + ParseErrors.excerpt(version, 20)
              + "\" (Bounded reads XML 1.x as XML 1.0)",
          i);
    }
    xml11 = version.equals("1.1");
    i = declValueEnd;
    int j = declSpace(i, start);
    if (j > i && declByte(j, start) == 'e') {
      i = declWord(j, start, "encoding");
      encoding = declValue(i, start, "encoding");
      if (!isEncodingName(encoding)) {
        throw malformed(
            "XML declaration: invalid encoding name \"" + ParseErrors.excerpt(encoding, 40) + "\"",
            i);
      }
      i = declValueEnd;
      j = declSpace(i, start);
    }
    if (j > i && declByte(j, start) == 's') {
      i = declWord(j, start, "standalone");
      String s = declValue(i, start, "standalone");
      if (s.equals("yes")) {
        standalone = 1;
      } else if (s.equals("no")) {
        standalone = 0;
      } else {
        throw malformed("XML declaration: standalone must be \"yes\" or \"no\"", i);
      }
      i = declValueEnd;
      j = declSpace(i, start);
    }
    if (declByte(j, start) != '?' || declByte(j + 1, start) != '>') {
      throw malformed("XML declaration: expected \"?>\"", j);
    }
    pos = j + 2;
    if (encoding != null) {
      declaredEncoding(start);
    }
  }

  /** Production 26, VersionNum: {@code 1.} and digits. */
  private static boolean isVersion(String v) {
    if (v.length() < 3 || v.charAt(0) != '1' || v.charAt(1) != '.') {
      return false;
    }
    for (int k = 2; k < v.length(); k++) {
      if (v.charAt(k) < '0' || v.charAt(k) > '9') {
        return false;
      }
    }
    return true;
  }

  /** Production 81, EncName. */
  private static boolean isEncodingName(String e) {
    for (int k = 0; k < e.length(); k++) {
      char c = e.charAt(k);
      boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
      if (!(letter || k > 0 && (c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-'))) {
        return false;
      }
    }
    return !e.isEmpty();
  }

  /** The declared encoding must be what the bytes are; a single-byte charset switches decoding. */
  private void declaredEncoding(int at) throws BoundedParseException {
    String name = encoding;
    if (reencodedFrom == null && !utf8Bom && name.equalsIgnoreCase("UTF-8")) {
      return; // the usual case
    }
    String upper = name.toUpperCase(Locale.ROOT);
    if (reencodedFrom != null) {
      String bare = upper.replace("-", "").replace("_", "");
      boolean sameFamily =
          reencodedFrom.isEmpty()
              || bare.startsWith(reencodedFrom.replace("-", ""))
              || reencodedFrom.equals("UTF-32") && bare.startsWith("UCS4")
              || reencodedFrom.equals("UTF-16") && bare.startsWith("UCS2");
      if (!sameFamily) {
        throw malformed(
            "The document is encoded in "
                + reencodedFrom
                + " but declares encoding \""
                + ParseErrors.excerpt(name, 40)
                + "\"",
            at);
      }
      return;
    }
    boolean utf8 = upper.equals("UTF-8") || upper.equals("UTF8");
    if (utf8Bom && !utf8) {
      throw malformed(
          "The document starts with a UTF-8 byte-order mark but declares encoding \""
              + ParseErrors.excerpt(name, 40)
              + "\"",
          at);
    }
    if (utf8) {
      return;
    }
    if (upper.startsWith("UTF-16") || upper.startsWith("UTF-32") || upper.startsWith("UCS")) {
      throw malformed(
          "The document declares encoding \""
              + ParseErrors.excerpt(name, 40)
              + "\" but is written in single bytes",
          at);
    }
    Charset cs = singleByte(name);
    if (cs == null) {
      throw malformed(
          "Unsupported encoding \""
              + ParseErrors.excerpt(name, 40)
              + "\": Bounded reads UTF-8, UTF-16, UTF-32 and ASCII-compatible single-byte"
              + " charsets",
          at);
    }
    if (!cs.equals(StandardCharsets.US_ASCII)) {
      switchTo = cs;
    }
  }

  /** The charset if {@code name} is an ASCII-compatible single-byte charset, else null. */
  static Charset singleByte(String name) {
    try {
      Charset cs = Charset.forName(name);
      if (!cs.canEncode() || cs.newEncoder().maxBytesPerChar() != 1.0f) {
        return null;
      }
      byte[] ascii = new byte[0x60];
      for (int i = 0; i < ascii.length; i++) {
        ascii[i] = (byte) (0x20 + i);
      }
      String s = new String(ascii, StandardCharsets.US_ASCII);
      return Arrays.equals(ascii, s.getBytes(cs)) ? cs : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  // ---- tags ----

  // A start tag in progress, resumed at its last safe point (between attributes, or in the
  // whitespace around '='), so whitespace inside a tag is never held or scanned twice.
  private Name tagName;
  private Name tagAttr;
  private int tagCount;
  private int tagStage; // 0: before an attribute name, 1: before '=', 2: before the value
  private boolean tagSpace; // whitespace seen since the last attribute
  private int tagVlen;
  private ParseLocation evFixed; // the event's location, fixed before its bytes were dropped

  private int startTag() throws BoundedParseException {
    Name n;
    Name a;
    int i;
    int count;
    int stage;
    boolean space;
    if (tagName == null) {
      if (phase == EPILOG) {
        throw malformed("A second root element: a document has exactly one", pos);
      }
      checkElements(pos);
      checkDepth(pos);
      markEvent();
      tagDeclared = 0;
      n = name(pos + 1);
      i = nameEnd;
      vlen = 0;
      count = 0;
      stage = 0;
      a = null;
      space = false;
    } else {
      n = tagName;
      a = tagAttr;
      i = pos;
      count = tagCount;
      stage = tagStage;
      space = tagSpace;
      vlen = tagVlen;
    }
    int safe = i;
    long safeLine = line;
    int safeLineStart = lineStart;
    boolean empty = false;
    try {
      while (true) {
        if (stage == 0) {
          int j = skipSpace(i);
          space |= j > i;
          i = safe = j;
          safeLine = line;
          safeLineStart = lineStart;
          int c = peek(i);
          if (c == '\r') {
            more();
          }
          if (c == '>') {
            i++;
            break;
          }
          if (c == '/') {
            if (peek(i + 1) != '>') {
              throw malformed("Expected '>' after '/' in a start tag", i + 1);
            }
            i += 2;
            empty = true;
            break;
          }
          if (!space) {
            throw malformed(
                c == '<'
                    ? "'<' inside a start tag"
                    : "Expected whitespace, '>' or \"/>\" in the start tag of <"
                        + ParseErrors.excerpt(n.qname, 100)
                        + ">",
                i);
          }
          checkAttributes(count + 1, i);
          a = name(i);
          if (a.declaresNamespace) {
            checkNamespaces(declared + ++tagDeclared, i);
          }
          i = safe = nameEnd;
          stage = 1;
        }
        if (stage == 1) {
          i = safe = skipSpace(i);
          safeLine = line;
          safeLineStart = lineStart;
          if (peek(i) == '\r') {
            more();
          }
          if (peek(i) != '=') {
            throw malformed(
                "Expected '=' after attribute name " + ParseErrors.excerpt(a.qname, 100), i);
          }
          i = safe = i + 1;
          stage = 2;
        }
        i = safe = skipSpace(i);
        safeLine = line;
        safeLineStart = lineStart;
        int q = peek(i);
        if (q == '\r') {
          more();
        }
        if (q != '"' && q != '\'') {
          throw malformed("An attribute value must be quoted", i);
        }
        if (count == attrName.length) {
          growAttributes();
        }
        attrName[count] = a;
        attrStart[count] = vlen;
        i = attributeValue(i + 1, q);
        attrLen[count] = vlen - attrStart[count];
        attrValue[count] = null;
        count++;
        stage = 0;
        space = false;
        safe = i;
        safeLine = line;
        safeLineStart = lineStart;
      }
    } catch (NeedMore m) {
      // Keep what is read; go on from the last safe point when more bytes come.
      if (evFixed == null) {
        evFixed = eventLocation();
      }
      tagName = n;
      tagAttr = a;
      tagCount = count;
      tagStage = stage;
      tagSpace = space;
      tagVlen = attrCountVlen(count);
      pos = safe;
      line = safeLine;
      lineStart = safeLineStart;
      commit();
      throw m;
    }
    tagName = null;
    tagAttr = null;
    // The whole tag is read: commit it.
    pos = i;
    elements++;
    depth++;
    if (depth > maxDepthSeen) {
      maxDepthSeen = depth;
    }
    if (count > maxAttributesSeen) {
      maxAttributesSeen = count;
    }
    endRun();
    if (depth > open.length) {
      open = Arrays.copyOf(open, open.length * 2);
      nsBase = Arrays.copyOf(nsBase, open.length);
    }
    if (depth > declaredBefore.length) {
      declaredBefore = Arrays.copyOf(declaredBefore, open.length);
    }
    declaredBefore[(int) depth - 1] = declared;
    declared += tagDeclared;
    if (declared > maxNamespacesSeen) {
      maxNamespacesSeen = declared;
    }
    open[(int) depth - 1] = n;
    nsBase[(int) depth - 1] = nsCount;
    elem = n;
    attrCount = count;
    if (namespaces) {
      bindNamespaces(n);
    } else {
      nsFrom = nsTo = nsCount;
      elemUri = null;
      for (int k = 0; k < count; k++) {
        attrUri[k] = null;
      }
      duplicates(count, false);
    }
    phase = CONTENT;
    pendingEnd = empty;
    return XMLStreamConstants.START_ELEMENT;
  }

  /** The end of the values of the first {@code count} attributes in {@link #vbuf}. */
  private int attrCountVlen(int count) {
    return count == 0 ? 0 : attrStart[count - 1] + attrLen[count - 1];
  }

  /**
   * Whitespace inside markup from {@code i}; returns the index after it, or the end of the bytes
   * held (a CR at the end is left for the next scan), never asking for more bytes.
   */
  private int skipSpace(int i) {
    byte[] b = buf;
    while (i < end) {
      int c = b[i];
      if (c == ' ' || c == '\t') {
        i++;
      } else if (c == '\n') {
        newline(++i);
      } else if (c == '\r') {
        if (i + 1 >= end && !eof) {
          return i; // a CR LF may be split: the caller asks for more
        }
        i++;
        if (i >= end) {
          newline(i);
          return i;
        }
        if (b[i] != '\n') {
          newline(i);
        }
      } else {
        return i;
      }
    }
    return i;
  }

  private void growAttributes() {
    int n = attrName.length * 2;
    attrName = Arrays.copyOf(attrName, n);
    attrStart = Arrays.copyOf(attrStart, n);
    attrLen = Arrays.copyOf(attrLen, n);
    attrValue = Arrays.copyOf(attrValue, n);
    attrUri = Arrays.copyOf(attrUri, n);
  }

  /** Whitespace inside markup from {@code i}; returns the index after it. */
  private int space(int i) {
    while (true) {
      int c = peek(i);
      if (c == ' ' || c == '\t') {
        i++;
      } else if (c == '\n') {
        newline(++i);
      } else if (c == '\r') {
        i = cr(i);
      } else {
        return i;
      }
    }
  }

  /**
   * An attribute value from {@code i} (after the opening quote) into {@link #vbuf}, normalised
   * (whitespace characters to spaces, CR LF to one space, references expanded). Returns the index
   * after the closing quote.
   */
  private int attributeValue(int i, int quote) throws BoundedParseException {
    int start = vlen;
    int o = vlen;
    while (true) {
      // The fast path: ASCII bytes that end nothing, one character each, at most one past the
      // limit.
      int lim = Math.min(end, i + allowance(1 << 20, maxAttributeLength - (o - start)));
      byte[] b = buf;
      int i0 = i;
      int j = i;
      while (j < lim && VALUE_PLAIN[b[j] & 0xff]) {
        j++;
      }
      if (o + (j - i) + 2 > vbuf.length) {
        vbuf = Arrays.copyOf(vbuf, Math.max(vbuf.length * 2, o + (j - i) + 2));
      }
      char[] v = vbuf;
      while (i < j) {
        v[o++] = (char) b[i++];
      }
      if (i > i0) {
        checkAttributeLength(o - start, i - 1);
      }
      int c = peek(i);
      if (c == quote) {
        vlen = o;
        if (o - start > maxAttributeLengthSeen) {
          maxAttributeLengthSeen = o - start;
        }
        return i + 1;
      }
      int at = i;
      if (c == '&') {
        int cp = reference(i, true);
        i = refEnd;
        at = i - 1;
        o = append(cp, o);
      } else if (c == '<') {
        throw malformed("'<' in an attribute value", i);
      } else if (c == '\t' || c == '\n') {
        o = append(' ', o);
        i++;
        if (c == '\n') {
          newline(i);
        }
      } else if (c == '\r') {
        o = append(' ', o);
        i += peek(i + 1) == '\n' ? 2 : 1;
        newline(i);
      } else if (c >= 0x80) {
        o = append(decode(i), o);
        i += seqLen;
      } else if (c < 0x20) {
        throw invalidChar(c, i);
      } else {
        o = append(c, o); // the other quote
        i++;
      }
      checkAttributeLength(o - start, at);
    }
  }

  /** Appends code point {@code cp} to {@link #vbuf} at {@code o}; returns the new length. */
  private int append(int cp, int o) {
    if (o + 2 > vbuf.length) {
      vbuf = Arrays.copyOf(vbuf, vbuf.length * 2);
    }
    if (cp >= 0x10000) {
      vbuf[o++] = Character.highSurrogate(cp);
      vbuf[o++] = Character.lowSurrogate(cp);
    } else {
      vbuf[o++] = (char) cp;
    }
    return o;
  }

  private Name endName; // an end tag whose name is read, resumed in its trailing whitespace

  private int endTag() throws BoundedParseException {
    if (phase != CONTENT) {
      throw malformed("An end tag outside the root element", pos);
    }
    Name n = open[(int) depth - 1];
    int i;
    if (endName == null) {
      markEvent();
      i = pos + 2;
      int len = n.bytes.length;
      if (i + len > end && !eof) {
        throw NEED_MORE;
      }
      if (i + len > end || !n.matches(buf, i, len) || NAME_BYTE[peek(i + len)]) {
        Name actual = name(i);
        throw malformed(
            "End tag </"
                + ParseErrors.excerpt(actual.qname, 100)
                + "> does not match start tag <"
                + ParseErrors.excerpt(n.qname, 100)
                + ">",
            pos);
      }
      i += len;
    } else {
      i = pos;
    }
    i = skipSpace(i);
    if ((i >= end || buf[i] == '\r') && !eof) {
      if (evFixed == null) {
        evFixed = eventLocation();
      }
      endName = n;
      pos = i;
      commit();
      throw NEED_MORE;
    }
    endName = null;
    if (peek(i) != '>') {
      throw malformed("Expected '>' to end the end tag </" + n.qname + ">", i);
    }
    pos = i + 1;
    return endOfElement();
  }

  /** The END_ELEMENT of the innermost open element (its scope ends before the next event). */
  private int endOfElement() {
    endRun();
    elem = open[(int) depth - 1];
    if (namespaces) {
      elemUri = elem.prefix == null ? defaultNamespace() : resolve(elem.prefix);
      nsFrom = nsBase[(int) depth - 1];
      nsTo = nsCount;
    }
    attrCount = 0;
    pendingPop = true;
    return XMLStreamConstants.END_ELEMENT;
  }

  private void popScope() {
    declared = declaredBefore[(int) depth - 1];
    if (namespaces) {
      int base = nsBase[(int) depth - 1];
      if (nsCount > base) {
        scope++;
      }
      for (int k = nsCount - 1; k >= base; k--) {
        int prev = nsPrev[k];
        if (prev < 0) {
          nsTop.remove(nsPrefix[k]);
        } else {
          nsTop.put(nsPrefix[k], prev);
        }
        nsPrefix[k] = null;
        nsUri[k] = null;
      }
      nsCount = base;
    }
    open[(int) depth - 1] = null;
    depth--;
    if (depth == 0) {
      phase = EPILOG;
    }
  }

  // ---- namespaces ----

  private void bindNamespaces(Name n) throws BoundedParseException {
    int from = nsCount;
    int count = attrCount;
    int kept = 0;
    for (int k = 0; k < count; k++) {
      Name a = attrName[k];
      String p = a.prefix;
      boolean decl = p == null ? a.local.equals("xmlns") : p.equals("xmlns");
      if (!decl) {
        // keep the attribute, in order
        if (kept != k) {
          attrName[kept] = a;
          attrStart[kept] = attrStart[k];
          attrLen[kept] = attrLen[k];
          attrValue[kept] = null;
        }
        kept++;
        continue;
      }
      String prefix = p == null ? "" : a.local;
      String uri = new String(vbuf, attrStart[k], attrLen[k]);
      if (prefix.equals("xmlns")) {
        throw atEvent("The prefix xmlns cannot be declared");
      }
      if (prefix.equals("xml") != uri.equals(XML_NS)) {
        throw atEvent(
            prefix.equals("xml")
                ? "The prefix xml can only be bound to " + XML_NS
                : "The namespace " + XML_NS + " can only be bound to the prefix xml");
      }
      if (uri.equals(XMLNS_NS)) {
        throw atEvent("The namespace " + XMLNS_NS + " cannot be declared");
      }
      if (!prefix.isEmpty() && uri.isEmpty()) {
        throw atEvent(
            "xmlns:"
                + ParseErrors.excerpt(prefix, 100)
                + "=\"\": a prefix cannot be undeclared in XML 1.0 (Namespaces 1.0)");
      }
      for (int d = from; d < nsCount; d++) {
        if (nsPrefix[d].equals(prefix)) {
          throw atEvent(
              "Duplicate namespace declaration for prefix \""
                  + ParseErrors.excerpt(prefix, 100)
                  + "\"");
        }
      }
      if (!prefix.equals("xml")) {
        bind(prefix, uri); // xml is bound already: its declaration is not reported
      }
    }
    attrCount = kept;
    nsFrom = from;
    nsTo = nsCount;
    elemUri = uriOf(n);
    for (int k = 0; k < kept; k++) {
      Name a = attrName[k];
      attrUri[k] = a.prefix == null ? null : uriOf(a);
    }
    duplicates(kept, true);
  }

  private void bind(String prefix, String uri) {
    if (nsCount == nsPrefix.length) {
      int m = nsCount * 2;
      nsPrefix = Arrays.copyOf(nsPrefix, m);
      nsUri = Arrays.copyOf(nsUri, m);
      nsPrev = Arrays.copyOf(nsPrev, m);
    }
    scope++;
    Integer prev = nsTop.put(prefix, nsCount);
    nsPrefix[nsCount] = prefix;
    nsUri[nsCount] = uri;
    nsPrev[nsCount] = prev == null ? -1 : prev;
    nsCount++;
  }

  /** The namespace bound to {@code prefix} (null or "" for the default), or null. */
  String resolve(String prefix) {
    if (prefix == null) {
      prefix = "";
    }
    Integer top = nsTop.get(prefix);
    if (top == null) {
      if (prefix.equals("xml")) {
        return XML_NS;
      }
      if (prefix.equals("xmlns")) {
        return XMLNS_NS;
      }
      return null;
    }
    String u = nsUri[top];
    return u.isEmpty() ? null : u;
  }

  /** The namespace of name {@code n}'s prefix, as {@link #resolveOrFail}. */
  private String uriOf(Name n) throws BoundedParseException {
    return n.prefix == null ? defaultNamespace() : resolveOrFail(n.prefix);
  }

  /**
   * The default namespace (of most names), or null: looked up once each time the bindings change.
   */
  private String defaultNamespace() {
    if (defaultScope != scope) {
      defaultUri = resolve("");
      defaultScope = scope;
    }
    return defaultUri;
  }

  private String resolveOrFail(String prefix) throws BoundedParseException {
    if (prefix == null) {
      return resolve("");
    }
    String u = resolve(prefix);
    if (u == null || prefix.equals("xmlns")) {
      throw atEvent("Undeclared namespace prefix \"" + ParseErrors.excerpt(prefix, 100) + "\"");
    }
    return u;
  }

  int namespaceCountInScope() {
    return nsCount;
  }

  String nsPrefixAt(int i) {
    return nsPrefix[i];
  }

  String nsUriAt(int i) {
    return nsUri[i];
  }

  /** Duplicate attributes: by qualified name, and by expanded name when namespaces are on. */
  private void duplicates(int count, boolean expanded) throws BoundedParseException {
    if (count < 2) {
      return;
    }
    if (count <= 8) {
      for (int a = 1; a < count; a++) {
        for (int b = 0; b < a; b++) {
          if (same(a, b, expanded)) {
            throw duplicate(a);
          }
        }
      }
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int a = 0; a < count; a++) {
      String key =
          expanded && attrUri[a] != null
              ? "{" + attrUri[a] + "}" + attrName[a].local
              : attrName[a].qname;
      if (!seen.add(key)) {
        throw duplicate(a);
      }
    }
  }

  private boolean same(int a, int b, boolean expanded) {
    Name x = attrName[a];
    Name y = attrName[b];
    if (x == y || x.qname.equals(y.qname)) {
      return true;
    }
    return expanded
        && attrUri[a] != null
        && attrUri[a].equals(attrUri[b])
        && x.local.equals(y.local);
  }

  private MalformedDocumentException duplicate(int a) {
    return atEvent("Duplicate attribute " + ParseErrors.excerpt(attrName[a].qname, 100));
  }

  /** Malformed at the start of the current event (its tag). */
  private MalformedDocumentException atEvent(String problem) {
    return new MalformedDocumentException(problem, eventLocation(), null);
  }

  // ---- names ----

  /**
   * A name from {@code i}: looked up by its bytes, decoded and checked the first time. Sets {@link
   * #nameEnd}. Breaks maxNameLength before holding more than about three times its bytes.
   */
  private Name name(int i) throws BoundedParseException {
    long cap = maxNameLength >= Integer.MAX_VALUE / 4 ? Integer.MAX_VALUE : 3 * (maxNameLength + 1);
    int stop = (int) Math.min(end, i + cap);
    byte[] b = buf;
    int m = hashMultiplier;
    int h = 0;
    int h2 = 0; // odd bytes in a second lane: two short multiply chains instead of one long one
    int j = i;
    while (j < stop) {
      int c = b[j] & 0xff;
      if (!NAME_BYTE[c]) {
        break;
      }
      h = h * m + c;
      if (++j == stop) {
        break;
      }
      c = b[j] & 0xff;
      if (!NAME_BYTE[c]) {
        break;
      }
      h2 = h2 * m + c;
      j++;
    }
    h = h * m ^ h2;
    if (j == stop) {
      if (j - i >= cap) {
        throw nameTooLong(i, j);
      }
      more();
    }
    int len = j - i;
    if (len == 0) {
      throw malformed("Expected a name", i);
    }
    Name n = names.find(b, i, len, h);
    if (n == null) {
      n = newName(i, j, h);
      names.add(n);
    }
    checkName(n.units, i, j);
    nameEnd = j;
    return n;
  }

  private Name newName(int i, int j, int h) throws BoundedParseException {
    StringBuilder sb = new StringBuilder(j - i);
    int colon = -1;
    int k = i;
    boolean start = true;
    while (k < j) {
      int c = buf[k] & 0xff;
      int at = k;
      if (c >= 0x80) {
        c = decode(k);
        k += seqLen;
      } else {
        k++;
      }
      if (namespaces && c == ':') {
        if (colon >= 0 || start || k == j) {
          throw malformed("Invalid qualified name (Namespaces 1.0): " + excerpt(i, j), at);
        }
        colon = at;
        start = true;
        sb.append(':');
        continue;
      }
      if (start ? !XmlChars.isNameStart(c) : !XmlChars.isName(c)) {
        if (sb.length() > maxNameLength) {
          throw nameTooLong(i, j);
        }
        throw malformed(
            String.format("Invalid name character U+%04X in name %s", c, excerpt(i, j)), at);
      }
      start = false;
      sb.appendCodePoint(c);
    }
    return new Name(Arrays.copyOfRange(buf, i, j), h, sb.toString(), namespaces);
  }

  private String excerpt(int i, int j) {
    return "\""
        + ParseErrors.excerpt(new String(buf, i, Math.min(j - i, 400), StandardCharsets.UTF_8), 100)
        + "\"";
  }

  // ---- references ----

  private int refEnd; // index after the last reference's ';'

  /**
   * A reference at {@code i} ({@code '&'}): a character reference or one of the five predefined
   * entities. Returns its code point and sets {@link #refEnd}.
   */
  private int reference(int i, boolean inAttribute) throws BoundedParseException {
    int c = peek(i + 1);
    if (c == '#') {
      return charRef(i);
    }
    int j = i + 1;
    int c2 = peek(j + 1);
    int c3 = peek(j + 2);
    if (c == 'l' && c2 == 't' && c3 == ';') {
      return predefined(i, 2, '<');
    }
    if (c == 'g' && c2 == 't' && c3 == ';') {
      return predefined(i, 2, '>');
    }
    int c4 = peek(j + 3);
    if (c == 'a' && c2 == 'm' && c3 == 'p' && c4 == ';') {
      return predefined(i, 3, '&');
    }
    int c5 = peek(j + 4);
    if (c5 == ';'
        && (c == 'a' && c2 == 'p' && c3 == 'o' && c4 == 's'
            || c == 'q' && c2 == 'u' && c3 == 'o' && c4 == 't')) {
      return predefined(i, 4, c == 'a' ? '\'' : '"');
    }
    Name n = name(j);
    if (namespaces && n.prefix != null) {
      throw malformed("An entity name cannot contain a colon (Namespaces 1.0)", j);
    }
    if (peek(nameEnd) != ';') {
      throw malformed("A reference must end with ';'", nameEnd);
    }
    String ref = "&" + ParseErrors.excerpt(n.qname, 100) + ";";
    if (sawDoctype) {
      throw new ForbiddenConstructException(
          "entity reference",
          "Entity reference "
              + ref
              + ": entities declared in a DTD are never expanded (XmlLimits.dtdPolicy is IGNORE)",
          location(i),
          null);
    }
    throw malformed(
        "Undeclared entity " + ref + ": without a DTD only &lt; &gt; &amp; &apos; &quot; exist", i);
  }

  /** One of the five predefined entities, its name of {@code len} characters after {@code i}. */
  private int predefined(int i, int len, int c) throws LimitExceededException {
    checkName(len, i + 1, i + 1 + len); // an entity's name is a name: maxNameLength holds for it
    refEnd = i + len + 2;
    return c;
  }

  private int charRef(int i) throws BoundedParseException {
    int j = i + 2;
    boolean hex = peek(j) == 'x';
    if (hex) {
      j++;
    }
    int digits = j;
    int v = 0;
    while (true) {
      int c = peek(j);
      if (c == ';') {
        break;
      }
      int d = Character.digit(c, hex ? 16 : 10);
      if (d < 0 || c >= 0x80) {
        throw malformed("Invalid character reference", j);
      }
      v = Math.min(0x110000, v * (hex ? 16 : 10) + d);
      j++;
      if (j - digits > MAX_CHAR_REF_DIGITS) {
        throw malformed("Character reference longer than " + MAX_CHAR_REF_DIGITS + " digits", i);
      }
    }
    if (j == digits) {
      throw malformed("Empty character reference", i);
    }
    if (!XmlChars.isChar(v) && !(xml11 && v >= 1 && v < 0x20)) {
      throw malformed(
          v >= 0x110000
              ? "Character reference beyond U+10FFFF"
              : String.format("Character reference to U+%04X, not an XML character", v),
          i);
    }
    refEnd = j + 1;
    return v;
  }

  // ---- text ----

  /** A chunk of character data from {@link #pos}. */
  private int text() throws BoundedParseException {
    int i = pos;
    int o = 0;
    byte[] b = buf;
    while (o < TEXT_CHUNK) {
      i = plain(TEXT_PLAIN, i, o);
      o = plainEnd;
      if (i >= end) {
        break;
      }
      if (o >= TEXT_CHUNK) {
        break;
      }
      int c = b[i] & 0xff;
      int at = i;
      int cp;
      if (c == '<') {
        break;
      } else if (c == '\n') {
        cp = '\n';
        newline(++i);
      } else if (c == '&') {
        try {
          cp = reference(i, false);
        } catch (NeedMore m) {
          if (o == 0) {
            throw m;
          }
          break;
        }
        i = refEnd;
        at = i - 1;
      } else if (c == '\r') {
        if (i + 1 >= end && !eof) {
          if (o == 0) {
            throw NEED_MORE;
          }
          break;
        }
        cp = '\n';
        i += i + 1 < end && b[i + 1] == '\n' ? 2 : 1;
        newline(i);
      } else if (c == ']') {
        if (i + 2 >= end && !eof) {
          if (o == 0) {
            throw NEED_MORE;
          }
          break;
        }
        if (i + 2 < end && b[i + 1] == ']' && b[i + 2] == '>') {
          throw malformed("\"]]>\" in character data", i);
        }
        cp = ']';
        i++;
      } else if (c >= 0x80) {
        if (!eof && i + utf8Length(c) > end) {
          if (o == 0) {
            throw NEED_MORE;
          }
          break;
        }
        cp = decode(i);
        i += seqLen;
      } else if (TEXT_PLAIN[c]) {
        cp = c;
        i++;
      } else {
        throw invalidChar(c, i);
      }
      o = appendText(cp, o, at);
    }
    pos = i;
    tlen = o;
    return XMLStreamConstants.CHARACTERS;
  }

  private int plainEnd; // the chunk's length after plain()

  /**
   * The fast part of a text or CDATA chunk: from byte {@code i}, the characters that need no
   * attention (ASCII bytes that {@code plain} allows, LF, and two-byte UTF-8 sequences, which are
   * all legal XML characters) into {@link #tbuf} from {@code o}, counted into the run and checked
   * once. It takes at most as many bytes as {@link #allowance} gives characters, so the run passes
   * its limit by at most the last character, whose lead byte the check then names. Returns the
   * index of the first byte it left (the slow path decides that one, and a sequence split at the
   * end of the bytes held) and sets {@link #plainEnd}.
   */
  private int plain(boolean[] plain, int i, int o) throws LimitExceededException {
    int lim = Math.min(end, i + allowance(TEXT_CHUNK - o, maxTextLength - run));
    byte[] b = buf;
    char[] t = tbuf;
    int o0 = o;
    while (true) {
      while (i < lim && plain[b[i] & 0xff]) {
        t[o++] = (char) b[i++];
      }
      if (i >= lim) {
        break;
      }
      int c = b[i];
      if (c == '\n') {
        t[o++] = '\n';
        newline(++i);
      } else if (c >= (byte) 0xc2 && c < (byte) 0xe0 && i + 1 < lim && (b[i + 1] & 0xc0) == 0x80) {
        t[o++] = (char) ((c & 0x1f) << 6 | b[i + 1] & 0x3f);
        i += 2;
      } else {
        break;
      }
    }
    plainEnd = o;
    if (o > o0) {
      run += o - o0;
      checkText((b[i - 1] & 0xc0) == 0x80 ? i - 2 : i - 1);
    }
    return i;
  }

  /**
   * Appends code point {@code cp}, the character at byte {@code at}, to the text chunk in {@link
   * #tbuf} at {@code o}, counted into the run and checked; returns the chunk's new length.
   */
  private int appendText(int cp, int o, int at) throws LimitExceededException {
    char[] t = tbuf;
    if (cp >= 0x10000) {
      t[o++] = Character.highSurrogate(cp);
      t[o++] = Character.lowSurrogate(cp);
      run += 2;
    } else {
      t[o++] = (char) cp;
      run++;
    }
    checkText(at);
    return o;
  }

  /**
   * How many plain ASCII characters a fast loop may take: {@code chunk} at most, and at most one
   * past the limit ({@code left} characters still allowed), so that the check after the loop finds
   * a breach at the exact character.
   */
  private static int allowance(int chunk, long left) {
    return left < chunk ? (int) left + 1 : chunk;
  }

  private static int utf8Length(int lead) {
    return lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
  }

  // ---- CDATA ----

  private boolean cdataStart() throws BoundedParseException {
    String m = "<![CDATA[";
    for (int k = 3; k < m.length(); k++) {
      if (peek(pos + k) != m.charAt(k)) {
        throw malformed("Markup declaration \"<![\" not followed by \"CDATA[\"", pos);
      }
    }
    if (phase != CONTENT) {
      throw malformed("A CDATA section outside the root element", pos);
    }
    pos += m.length();
    phase = IN_CDATA;
    cdataEmitted = false;
    return true;
  }

  private boolean cdataEmitted; // a chunk of the current CDATA section was handed on

  /**
   * A chunk of a CDATA section (an empty section is one empty event), or INCOMPLETE (no event) at
   * its end if it had nothing left.
   */
  private int cdata() throws BoundedParseException {
    markEvent();
    int i = pos;
    int o = 0;
    byte[] b = buf;
    boolean closed = false;
    while (o < TEXT_CHUNK) {
      i = plain(CDATA_PLAIN, i, o);
      o = plainEnd;
      if (i >= end) {
        if (eof) {
          more();
        }
        break;
      }
      if (o >= TEXT_CHUNK) {
        break;
      }
      int c = b[i] & 0xff;
      int at = i;
      int cp;
      if (c == ']') {
        if (i + 2 >= end && !eof) {
          if (o == 0) {
            throw NEED_MORE;
          }
          break;
        }
        if (i + 2 < end && b[i + 1] == ']' && b[i + 2] == '>') {
          i += 3;
          closed = true;
          break;
        }
        cp = ']';
        i++;
      } else if (c == '\n') {
        cp = '\n';
        newline(++i);
      } else if (c == '\r') {
        if (i + 1 >= end && !eof) {
          if (o == 0) {
            throw NEED_MORE;
          }
          break;
        }
        cp = '\n';
        i += i + 1 < end && b[i + 1] == '\n' ? 2 : 1;
        newline(i);
      } else if (c >= 0x80) {
        if (!eof && i + utf8Length(c) > end) {
          if (o == 0) {
            throw NEED_MORE;
          }
          break;
        }
        cp = decode(i);
        i += seqLen;
      } else if (CDATA_PLAIN[c]) {
        cp = c;
        i++;
      } else {
        throw invalidChar(c, i);
      }
      o = appendText(cp, o, at);
    }
    pos = i;
    tlen = o;
    if (closed) {
      phase = CONTENT;
    }
    if (o == 0) {
      if (closed && cdataEmitted) {
        return INCOMPLETE; // nothing left: no event, go on
      }
      if (!closed) {
        throw NEED_MORE;
      }
    }
    cdataEmitted = true;
    return XMLStreamConstants.CDATA;
  }

  // ---- comments and PIs ----

  private int comment() throws BoundedParseException {
    if (peek(pos + 3) != '-') {
      throw malformed("Markup declaration \"<!-\" not followed by '-'", pos);
    }
    markEvent();
    int i = pos + 4;
    int o = 0;
    if (resuming(COMMENT_SCAN)) {
      i = tokStart + resumeAt;
      o = resumeOut;
    }
    int at = i;
    try {
      while (true) {
        at = i; // before the first peek: the scan goes on from here
        int c = peek(i);
        int cp;
        if (c == '-') {
          if (peek(i + 1) == '-') {
            if (peek(i + 2) != '>') {
              throw malformed("\"--\" inside a comment", i);
            }
            pos = i + 3;
            break;
          }
          cp = '-';
          i++;
        } else {
          cp = dataChar(c, i);
          i = dataEnd;
        }
        o = appendData(cp, o);
        checkCommentOrPi(o, at);
      }
    } catch (NeedMore m) {
      throw suspend(COMMENT_SCAN, at, o);
    }
    resumeKind = 0;
    tlen = o;
    endRun();
    if (o > maxTextSeen) {
      maxTextSeen = o;
    }
    return XMLStreamConstants.COMMENT;
  }

  // ---- a long comment, PI or DOCTYPE goes on where its scan stopped when the bytes ran out ----
  private static final int COMMENT_SCAN = 1;
  private static final int PI_SCAN = 2;
  private static final int DOCTYPE_SCAN = 3;
  private int resumeKind; // 0: nothing to resume
  private long resumeTok; // offset of the token's first byte in the byte stream
  private int resumeAt; // bytes from the token's start to the first byte not yet scanned
  private int resumeOut; // characters produced so far (comment, PI), or the DOCTYPE skim's state
  private int resumeSubsetStart; // DOCTYPE: the internal subset's bounds from the token's start
  private int resumeSubsetEnd;
  private long resumeLine; // the line at resumeAt
  private int resumeLineStart; // its start, from the token's start (when past the token's line)

  /**
   * Keeps where the scan of the current token stopped, at {@code at}, the first byte it has not
   * consumed: so the bytes scanned are not scanned again when more come (a comment, PI or DOCTYPE
   * longer than {@link #RETRY_STEP} is then read in linear time).
   */
  private NeedMore suspend(int kind, int at, int out) {
    resumeKind = kind;
    resumeTok = bufAbs + tokStart;
    resumeAt = at - tokStart;
    resumeOut = out;
    resumeLine = line;
    resumeLineStart = lineStart - tokStart;
    return NEED_MORE;
  }

  /** True if the current token's scan stopped earlier ({@link #suspend}): restores its line. */
  private boolean resuming(int kind) {
    if (resumeKind != kind || resumeTok != bufAbs + tokStart) {
      resumeKind = 0;
      return false;
    }
    if (resumeLine != line) {
      line = resumeLine;
      lineStart = tokStart + resumeLineStart;
      memoLine = -1;
    }
    return true;
  }

  private int dataEnd;

  /** One character of comment or PI data at {@code i} (not '-' or '?'); sets {@link #dataEnd}. */
  private int dataChar(int c, int i) throws BoundedParseException {
    if (c >= 0x20 && c < 0x80 || c == '\t') {
      dataEnd = i + 1;
      return c;
    }
    if (c == '\n') {
      newline(dataEnd = i + 1);
      return '\n';
    }
    if (c == '\r') {
      dataEnd = peek(i + 1) == '\n' ? i + 2 : i + 1;
      newline(dataEnd);
      return '\n';
    }
    if (c >= 0x80) {
      int cp = decode(i);
      dataEnd = i + seqLen;
      return cp;
    }
    throw invalidChar(c, i);
  }

  private int appendData(int cp, int o) {
    if (o + 2 > tbuf.length) {
      tbuf = Arrays.copyOf(tbuf, tbuf.length * 2);
    }
    if (cp >= 0x10000) {
      tbuf[o++] = Character.highSurrogate(cp);
      tbuf[o++] = Character.lowSurrogate(cp);
    } else {
      tbuf[o++] = (char) cp;
    }
    return o;
  }

  private Name piName; // a PI whose target is read, resumed in the whitespace before its data

  private int pi() throws BoundedParseException {
    if (piName != null) {
      Name target = piName;
      int i = skipSpace(pos);
      if ((i >= end || buf[i] == '\r') && !eof) {
        pos = i;
        commit();
        throw NEED_MORE;
      }
      int t = piData(target, i);
      piName = null;
      return t;
    }
    markEvent();
    Name target = name(pos + 2);
    int i = nameEnd;
    if (target.qname.equalsIgnoreCase("xml")) {
      throw malformed(
          target.qname.equals("xml")
              ? "An XML declaration is allowed only at the very start of the document"
              : "The processing-instruction target \"" + target.qname + "\" is reserved",
          pos);
    }
    if (namespaces && target.prefix != null) {
      throw malformed("A processing-instruction target cannot contain a colon", pos + 2);
    }
    int c = peek(i);
    if (c == '?') {
      if (peek(i + 1) != '>') {
        throw malformed("Expected whitespace or \"?>\" after the processing-instruction target", i);
      }
      pos = i + 2;
    } else {
      if (!XmlChars.isSpace(c)) {
        throw malformed("Expected whitespace after the processing-instruction target", i);
      }
      i = skipSpace(i);
      if ((i >= end || buf[i] == '\r') && !eof) {
        // Keep the target; go on in the whitespace when more bytes come (never held twice).
        if (evFixed == null) {
          evFixed = eventLocation();
        }
        piName = target;
        pos = i;
        commit();
        throw NEED_MORE;
      }
      return piData(target, i);
    }
    return endPi(target, 0);
  }

  /** A PI's data from {@code i} (after the whitespace that follows its target). */
  private int piData(Name target, int i) throws BoundedParseException {
    int o = 0;
    if (resuming(PI_SCAN)) {
      i = tokStart + resumeAt;
      o = resumeOut;
    }
    int at = i;
    try {
      while (true) {
        at = i; // before the first peek: the scan goes on from here
        int c = peek(i);
        int cp;
        if (c == '?') {
          if (peek(i + 1) == '>') {
            pos = i + 2;
            break;
          }
          cp = '?';
          i++;
        } else {
          cp = dataChar(c, i);
          i = dataEnd;
        }
        o = appendData(cp, o);
        checkCommentOrPi(o, at);
      }
    } catch (NeedMore m) {
      throw suspend(PI_SCAN, at, o);
    }
    resumeKind = 0;
    return endPi(target, o);
  }

  private int endPi(Name target, int o) {
    piTarget = target.qname;
    piData = new String(tbuf, 0, o);
    endRun();
    if (o > maxTextSeen) {
      maxTextSeen = o;
    }
    return XMLStreamConstants.PROCESSING_INSTRUCTION;
  }

  // ---- DOCTYPE ----

  private int doctype() throws BoundedParseException {
    String m = "<!DOCTYPE";
    for (int k = 3; k < m.length(); k++) {
      if (peek(pos + k) != m.charAt(k)) {
        throw malformed("Markup declaration \"<!D\" not followed by \"OCTYPE\"", pos);
      }
    }
    if (refuseDtd) {
      throw new ForbiddenConstructException(
          "DOCTYPE",
          "DOCTYPE declarations are refused (XmlLimits.dtdPolicy is REFUSE)",
          location(pos),
          null);
    }
    if (phase != PROLOG || sawDoctype) {
      throw malformed("A DOCTYPE is allowed once, before the root element", pos);
    }
    markEvent();
    int i = pos + m.length();
    int start = pos;
    if (!XmlChars.isSpace(peek(i))) {
      throw malformed("Expected whitespace after <!DOCTYPE", i);
    }
    // Skim: quoted strings, the internal subset with its comments and PIs, to the final '>'. The
    // skim's state (where, quote, in the subset, in a comment or PI of the subset) is kept when the
    // bytes run out, so a long DOCTYPE is scanned once, not again at every retry.
    int subsetStart = -1;
    int subsetEnd = -1;
    int quote = 0;
    boolean inSubset = false;
    int inner = 0; // 1: in a comment of the subset, 2: in a PI of the subset
    if (resuming(DOCTYPE_SCAN)) {
      i = tokStart + resumeAt;
      int st = resumeOut;
      quote = st & 0xff;
      inSubset = (st & 0x100) != 0;
      inner = (st >>> 9) & 3;
      subsetStart = resumeSubsetStart < 0 ? -1 : tokStart + resumeSubsetStart;
      subsetEnd = resumeSubsetEnd < 0 ? -1 : tokStart + resumeSubsetEnd;
    }
    int at = i;
    try {
      while (true) {
        at = i;
        if (inner == 1) {
          if (peek(i) == '-' && peek(i + 1) == '-' && peek(i + 2) == '>') {
            i += 2;
            checkDoctype(i - start + 1, i);
            inner = 0;
            i++;
            continue;
          }
          checkDoctype(i - start + 1, i);
          if (buf[i] == '\n') {
            newline(i + 1);
          }
          i++;
          continue;
        }
        if (inner == 2) {
          if (peek(i) == '?' && peek(i + 1) == '>') {
            i++;
            checkDoctype(i - start + 1, i);
            inner = 0;
            i++;
            continue;
          }
          checkDoctype(i - start + 1, i);
          if (buf[i] == '\n') {
            newline(i + 1);
          }
          i++;
          continue;
        }
        int c = peek(i);
        checkDoctype(i - start + 1, i);
        if (quote != 0) {
          if (c == quote) {
            quote = 0;
          }
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (inSubset) {
          if (c == ']') {
            inSubset = false;
            subsetEnd = i;
          } else if (c == '<' && peek(i + 1) == '!' && peek(i + 2) == '-' && peek(i + 3) == '-') {
            i += 4;
            inner = 1;
            continue;
          } else if (c == '<' && peek(i + 1) == '?') {
            i += 2;
            inner = 2;
            continue;
          }
        } else if (c == '[') {
          inSubset = true;
          subsetStart = i + 1;
        } else if (c == '>') {
          break;
        }
        if (c == '\n') {
          newline(i + 1);
        } else if (c == '\r' && peek(i + 1) != '\n') {
          newline(i + 1);
        }
        i++;
      }
    } catch (NeedMore more) {
      resumeSubsetStart = subsetStart < 0 ? -1 : subsetStart - tokStart;
      resumeSubsetEnd = subsetEnd < 0 ? -1 : subsetEnd - tokStart;
      throw suspend(DOCTYPE_SCAN, at, quote | (inSubset ? 0x100 : 0) | inner << 9);
    }
    resumeKind = 0;
    dtdText =
        subsetStart < 0
            ? ""
            : new String(buf, subsetStart, subsetEnd - subsetStart, StandardCharsets.UTF_8);
    pos = i + 1;
    sawDoctype = true;
    if (i - start + 1 > maxTextSeen) {
      maxTextSeen = i - start + 1;
    }
    return XMLStreamConstants.DTD;
  }

  // =====================================================================================
  // Bytes and characters
  // =====================================================================================

  /** The byte at {@code i}; past the bytes held, more are needed (or the input ended there). */
  private int peek(int i) {
    if (i >= end) {
      more();
    }
    return buf[i] & 0xff;
  }

  /** The token runs past the bytes held: wait for more, or fail at the end of input. */
  private void more() {
    if (!eof) {
      throw NEED_MORE;
    }
    throw new EndOfInput();
  }

  /** The input ended inside a token: turned into a malformed error by the caller of next(). */
  private static final class EndOfInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EndOfInput() {
      super(null, null, false, false);
    }
  }

  /** Used by next(): an end of input inside a token, as our error. */
  MalformedDocumentException truncated() {
    return malformed(
        phase == START
            ? "Unexpected end of input in xml declaration"
            : "Unexpected end of input inside markup",
        end);
  }

  private int seqLen;

  /**
   * The code point of the UTF-8 sequence at {@code i} (lead byte >= 0x80), which must be a legal
   * XML character; sets {@link #seqLen}. Overlong forms, surrogates, values past U+10FFFF, U+FFFE
   * and U+FFFF are refused.
   */
  private int decode(int i) throws BoundedParseException {
    int c = buf[i] & 0xff;
    int cp;
    if (c < 0xc2) {
      throw badUtf8(i, c < 0xc0 ? "a stray continuation byte" : "an overlong UTF-8 form", 1);
    } else if (c < 0xe0) {
      int c1 = cont(i, 1);
      cp = (c & 0x1f) << 6 | c1;
      seqLen = 2;
    } else if (c < 0xf0) {
      int c1 = cont(i, 1);
      int c2 = cont(i, 2);
      cp = (c & 0x0f) << 12 | c1 << 6 | c2;
      if (cp < 0x800) {
        throw badUtf8(i, "an overlong UTF-8 form", 2);
      }
      if (cp >= 0xd800 && cp <= 0xdfff) {
        throw badUtf8(i, "an encoded surrogate", 3);
      }
      seqLen = 3;
    } else if (c < 0xf5) {
      int c1 = cont(i, 1);
      int c2 = cont(i, 2);
      int c3 = cont(i, 3);
      cp = (c & 0x07) << 18 | c1 << 12 | c2 << 6 | c3;
      if (cp < 0x10000) {
        throw badUtf8(i, "an overlong UTF-8 form", 2);
      }
      if (cp > 0x10ffff) {
        throw badUtf8(i, "a value past U+10FFFF", 4);
      }
      seqLen = 4;
    } else {
      throw badUtf8(i, "an invalid lead byte", 1);
    }
    if (cp == 0xfffe || cp == 0xffff) {
      throw malformed(String.format("Character U+%04X is not an XML character", cp), i);
    }
    return cp;
  }

  private int cont(int i, int k) throws BoundedParseException {
    int c = peek(i + k);
    if ((c & 0xc0) != 0x80) {
      throw badUtf8(i, "a truncated sequence", k + 1);
    }
    return c & 0x3f;
  }

  private MalformedDocumentException badUtf8(int i, String what, int shown) {
    StringBuilder hex = new StringBuilder();
    for (int k = i; k < Math.min(end, i + shown); k++) {
      hex.append(hex.length() == 0 ? "" : " ").append(String.format("0x%02x", buf[k] & 0xff));
    }
    return malformed(
        "Invalid byte sequence for the document's encoding: " + what + " (" + hex + ")", i);
  }

  private MalformedDocumentException invalidChar(int c, int i) {
    return malformed(String.format("Character U+%04X is not an XML character", c), i);
  }

  /** UTF-16 units of the UTF-8 bytes {@code buf[from, to)}. */
  private int units(int from, int to) {
    int n = 0;
    byte[] b = buf;
    for (int i = from; i < to; i++) {
      int c = b[i] & 0xff;
      if ((c & 0xc0) != 0x80) {
        n += c >= 0xf0 ? 2 : 1;
      }
    }
    return n;
  }

  private void newline(int after) {
    line++;
    lineStart = after;
  }

  // =====================================================================================
  // Limits: one check and one breach per limit
  // =====================================================================================

  private void checkElements(int at) throws LimitExceededException {
    if (elements + 1 > maxElements) {
      throw breach(Limit.MAX_ELEMENTS, maxElements, elements + 1, "maxElements", at);
    }
  }

  private void checkDepth(int at) throws LimitExceededException {
    if (depth + 1 > maxDepth) {
      throw breach(Limit.MAX_DEPTH, maxDepth, depth + 1, "maxDepth", at);
    }
  }

  /** {@code count} declarations in scope with the one whose name starts at byte {@code at}. */
  private void checkNamespaces(long count, int at) throws LimitExceededException {
    if (count > maxNamespaces) {
      throw breach(Limit.MAX_NAMESPACES, maxNamespaces, count, "maxNamespaces", at);
    }
  }

  private void checkAttributes(long count, int at) throws LimitExceededException {
    if (count > maxAttributes) {
      throw breach(Limit.MAX_ATTRIBUTES, maxAttributes, count, "maxAttributes", at);
    }
  }

  /**
   * {@code length} characters of the value so far, the last one at byte {@code at} (for a
   * reference, its ';').
   */
  private void checkAttributeLength(long length, int at) throws LimitExceededException {
    if (length > maxAttributeLength) {
      throw breach(
          Limit.MAX_ATTRIBUTE_LENGTH, maxAttributeLength, length, "maxAttributeLength", at);
    }
  }

  /** A name of {@code units} characters in {@code buf[from, to)}. */
  private void checkName(long units, int from, int to) throws LimitExceededException {
    if (units > maxNameLength) {
      throw nameTooLong(from, to);
    }
    if (units > maxNameLengthSeen) {
      maxNameLengthSeen = units;
    }
  }

  private LimitExceededException nameTooLong(int from, int to) {
    // the byte of the first character over the limit
    long u = 0;
    int i = from;
    while (i < to) {
      int c = buf[i] & 0xff;
      int len = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
      u += c >= 0xf0 ? 2 : 1;
      if (u > maxNameLength) {
        break;
      }
      i += len;
    }
    return breach(Limit.MAX_NAME_LENGTH, maxNameLength, u, "maxNameLength", i);
  }

  /** The current text run, just grown by a character at {@code at}. */
  private void checkText(int at) throws LimitExceededException {
    if (run > maxTextLength) {
      throw breach(Limit.MAX_TEXT_LENGTH, maxTextLength, run, "maxTextLength", at);
    }
  }

  private void checkCommentOrPi(long length, int at) throws LimitExceededException {
    if (length > maxTextLength) {
      throw breach(Limit.MAX_TEXT_LENGTH, maxTextLength, length, "maxTextLength", at);
    }
  }

  /** A DOCTYPE skimmed under IGNORE counts its bytes against maxTextLength. */
  private void checkDoctype(long bytes, int at) throws LimitExceededException {
    if (bytes > maxTextLength && bytes > "<!DOCTYPE".length()) {
      throw breach(Limit.MAX_TEXT_LENGTH, maxTextLength, bytes, "maxTextLength", at);
    }
  }

  private void endRun() {
    if (run > maxTextSeen) {
      maxTextSeen = run;
    }
    run = 0;
  }

  private LimitExceededException breach(
      Limit limit, long max, long actual, String setting, int at) {
    return new LimitExceededException(limit, max, actual, "XmlLimits." + setting, location(at));
  }

  private MalformedDocumentException malformed(String problem, int at) {
    return new MalformedDocumentException(problem, location(at), null);
  }

  // =====================================================================================
  // Locations
  // =====================================================================================

  /** Where buffer index {@code at} lies; it must be on the current line. */
  ParseLocation location(int at) {
    return ParseLocation.of(
        line, column(line, lineStart, carried, at), knownOffsets ? bufAbs + at : -1, null);
  }

  /** Where the bytes held end (for a breach of maxBytes while reading more). */
  ParseLocation locationAtEnd() {
    long l = line;
    int ls = lineStart;
    for (int i = Math.max(pos, 0); i < end; i++) {
      int c = buf[i];
      if (c == '\n' || c == '\r' && (i + 1 >= end || buf[i + 1] != '\n')) {
        l++;
        ls = i + 1;
      }
    }
    return ParseLocation.of(l, column(l, ls, carried, end), knownOffsets ? bufAbs + end : -1, null);
  }

  /** Where the current event's token starts. */
  ParseLocation eventLocation() {
    if (evFixed != null) {
      return evFixed;
    }
    return ParseLocation.of(
        evLine,
        column(evLine, evLineStart, evCarried, Math.max(evStart, 0)),
        knownOffsets ? evAbs : -1,
        null);
  }

  long eventByteOffset() {
    return knownOffsets ? evAbs : -1;
  }

  private long column(long ln, int ls, long carry, int at) {
    int from;
    long u;
    if (memoLine == ln && memoIdx >= Math.max(ls, 0) && memoIdx <= at) {
      from = memoIdx;
      u = memoUnits;
    } else if (ls >= 0) {
      from = ls;
      u = 0;
    } else {
      from = 0;
      u = carry;
    }
    if (at > end) {
      at = end;
    }
    u += units(from, Math.max(from, at));
    memoLine = ln;
    memoIdx = Math.max(from, at);
    memoUnits = u;
    return u + 1;
  }

  // =====================================================================================
  // Figures
  // =====================================================================================

  long depth() {
    return depth;
  }

  long maxDepthSeen() {
    return maxDepthSeen;
  }

  long elements() {
    return elements;
  }

  long maxAttributesSeen() {
    return maxAttributesSeen;
  }

  long maxNamespacesSeen() {
    return maxNamespacesSeen;
  }

  long maxAttributeLengthSeen() {
    return maxAttributeLengthSeen;
  }

  long maxNameLengthSeen() {
    return maxNameLengthSeen;
  }

  long maxTextSeen() {
    return Math.max(maxTextSeen, run);
  }

  boolean sawDoctype() {
    return sawDoctype;
  }

  boolean namespaces() {
    return namespaces;
  }

  /** The attribute value {@code i} of the current start tag. */
  String attributeValue(int i) {
    String v = attrValue[i];
    if (v == null) {
      v = valueOf(attrName[i], attrStart[i], attrLen[i]);
      attrValue[i] = v;
    }
    return v;
  }

  /** Most characters of an attribute value kept for reuse by {@link #valueOf}. */
  private static final int REUSED_VALUE_LENGTH = 64;

  /** Slots of {@link #reused}: a name and its value each. */
  static final int REUSED_SLOTS = 16;

  // The last short value of up to 8 attribute names (a slot per name's hash, each a name and its
  // value), for this parse (the array is the thread's, emptied between parses): a value a document
  // repeats (isPermaLink="false") is then one String.
  private Object[] reused;

  /**
   * The value of attribute {@code n}, {@code len} characters of {@link #vbuf} from {@code from}.
   */
  private String valueOf(Name n, int from, int len) {
    if (len > REUSED_VALUE_LENGTH) {
      return new String(vbuf, from, len);
    }
    Object[] r = reused;
    if (r == null) {
      r = reused = recycler.reusedValues();
    }
    int k = (n.hash ^ n.hash >>> 8) & (REUSED_SLOTS - 2);
    String v = (String) r[k + 1];
    if (r[k] == n && v.length() == len) {
      char[] c = vbuf;
      int j = 0;
      while (j < len && v.charAt(j) == c[from + j]) {
        j++;
      }
      if (j == len) {
        return v;
      }
    }
    v = new String(vbuf, from, len);
    r[k] = n;
    r[k + 1] = v;
    return v;
  }
}
