package dev.bounded.xml.internal;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.core.ParseLocation;
import dev.bounded.core.internal.ParseErrors;
import dev.bounded.xml.DtdPolicy;
import dev.bounded.xml.XmlLimits;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A byte-level pre-scanner between the (byte-limited) source and Woodstox. It reads the markup of
 * an ASCII-compatible byte stream (UTF-8 or a single-byte charset) and enforces, exactly and before
 * Woodstox sees the bytes, the limits Woodstox cannot hold in bounded memory: names, attribute
 * count and values, comments, processing instructions, depth, element count, namespace declarations
 * in scope (Woodstox resolves a prefix by walking them all) and the DOCTYPE policy.
 *
 * <p>A breach is deferred: the read that finds it hands on only the bytes before the offending
 * construct, and the next read throws. So Woodstox delivers every event before the breach, and then
 * fails with our exception as the cause. The scanner tracks lines, so the error names line, column
 * and the exact byte offset.
 *
 * <p>Text runs are not measured here (their bytes are only skimmed for markup): Woodstox streams
 * text in bounded segments, and {@link BoundedStreamReader} counts them exactly.
 */
public final class XmlScanner extends InputStream {
  // States.
  private static final int TEXT = 0;
  private static final int LT = 1;
  private static final int STAG_NAME = 2;
  private static final int IN_TAG = 3;
  private static final int ATTR_NAME = 4;
  private static final int AFTER_ATTR_NAME = 5;
  private static final int ATTR_VALUE = 6;
  private static final int EMPTY_SLASH = 7;
  private static final int ETAG_NAME = 8;
  private static final int ETAG_REST = 9;
  private static final int PI_TARGET = 10;
  private static final int PI_SPACE = 11;
  private static final int PI_DATA = 12;
  private static final int BANG = 13;
  private static final int BANG_DASH = 14;
  private static final int COMMENT = 15;
  private static final int BANG_MATCH = 16;
  private static final int CDATA = 17;
  private static final int DOCTYPE = 18;
  private static final int DT_QUOTE = 19;
  private static final int DT_SUBSET = 20;
  private static final int DT_SUB_COMMENT = 21;
  private static final int DT_SUB_PI = 22;
  private static final int REF_START = 23;
  private static final int ENTITY_NAME = 24;
  private static final int CHAR_REF = 25;
  private static final int XML_DECL = 26;

  // Eight bytes at a time: the bytes read as one little-endian long, and each pattern byte
  // repeated.
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LTS = 0x3c3c3c3c3c3c3c3cL;
  private static final long AMPS = 0x2626262626262626L;
  private static final long NLS = 0x0a0a0a0a0a0a0a0aL;
  private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;

  /** ASCII bytes that continue a name in every name state (no terminator, no '=' or '?'). */
  private static final boolean[] PLAIN_NAME = new boolean[256];

  /** ASCII bytes of an attribute value that need no attention (no quote, '&', CR or LF). */
  private static final boolean[] PLAIN_VALUE = new boolean[256];

  static {
    for (int c = 0x21; c < 0x80; c++) {
      PLAIN_NAME[c] =
          c != '>' && c != '/' && c != '=' && c != '?' && c != '<' && c != '&' && c != '"'
              && c != '\'';
    }
    for (int c = 0; c < 0x80; c++) {
      PLAIN_VALUE[c] = c != '"' && c != '\'' && c != '&' && c != '\n' && c != '\r' && c != '<';
    }
  }

  private static final byte[] CDATA_TAIL = "CDATA[".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DOCTYPE_TAIL = "OCTYPE".getBytes(StandardCharsets.US_ASCII);
  static final int MAX_XML_DECL = 1024;
  static final Pattern ENCODING =
      Pattern.compile("encoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._\\-]*)[\"']");

  private final InputStream in;
  private final long maxDepth;
  private final long maxElements;
  private final long maxAttributes;
  private final long maxAttributeLength;
  private final long maxTextLength;
  private final long maxNameLength;
  private final long maxNamespaces;
  private final boolean refuseDtd;
  private final boolean knownOffsets;

  // Position: absolute offset of buffer[off] in the scanned stream, the current line and where it
  // starts.
  private long bufferStart;
  private long line = 1;
  private long lineStart;
  private long lineCharsCarried; // characters of the current line in earlier buffers
  private int prev; // the previous byte, for CR LF

  private int state = TEXT;
  private int returnState; // where a reference or quoted string goes back to
  private int quote;
  private int matchIndex;
  private byte[] matchTail;
  private long tokenStart; // absolute offset of the construct being measured
  private long chars; // characters of the name, value, comment or PI data being measured
  private int trailer; // trailing '-' of a comment or '?' of a PI, not part of the data
  private int charRefValue;
  private boolean charRefHex;
  private long attributeCount;
  private long depth;
  private long elements;
  // Namespace declarations in scope, and a stack of {depth, declarations in scope before it} for
  // each open element that declares any; the attribute being read: where it starts, and how many
  // of its first characters match "xmlns:" (-1 once one does not).
  private long namespaces;
  private long[] nsDepth = new long[8];
  private long[] nsBefore = new long[8];
  private int nsTop;
  private long attributeStart;
  private int xmlnsMatch;
  private boolean utf8 = true;
  private boolean atDocumentStart = true;
  private boolean declCandidate;
  private boolean utf8Bom;
  private String reencodedFrom; // null: raw bytes; "": caller's chars; else "UTF-16" or "UTF-32"
  private int window; // the last four bytes inside a DOCTYPE
  private byte[] xmlDecl;
  private int xmlDeclLength;
  private boolean sawDoctype;

  // High-water marks.
  private long maxDepthSeen;
  private long maxAttributesSeen;
  private long maxAttributeLengthSeen;
  private long maxNameLengthSeen;
  private long maxCommentOrPiSeen;
  private long maxNamespacesSeen;

  private BoundedParseException pending;
  private int
      leadAtEnd; // E0 or F0 ending the bytes handed on: its overlong check needs the next byte
  private int leadBefore; // that byte, when the next one made it an overlong form

  /**
   * @param in the byte-limited source
   * @param limits the limits to enforce
   * @param knownOffsets false when the bytes are a re-encoding of the source (byte offsets unknown)
   */
  public XmlScanner(InputStream in, XmlLimits limits, boolean knownOffsets) {
    this.in = in;
    this.maxDepth = limits.maxDepth();
    this.maxElements = limits.maxElements();
    this.maxAttributes = limits.maxAttributes();
    this.maxAttributeLength = limits.maxAttributeLength();
    this.maxTextLength = limits.maxTextLength();
    this.maxNameLength = limits.maxNameLength();
    this.maxNamespaces = limits.maxNamespaces();
    this.refuseDtd = limits.dtdPolicy() == DtdPolicy.REFUSE;
    this.knownOffsets = knownOffsets;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (pending != null) {
      throw pending;
    }
    if (len == 0) {
      return 0;
    }
    int n;
    try {
      n = in.read(b, off, len);
    } catch (LimitExceededException e) {
      // The byte limit below us: say where in lines and columns too.
      pending = ParseErrors.relocate(e, location(b, off, off, bufferStart));
      throw pending;
    }
    if (n <= 0) {
      return n;
    }
    int end = off + n;
    long lineStartBefore = lineStart;
    long carriedBefore = lineCharsCarried;
    int stop = scan(b, off, end);
    if (utf8 && reencodedFrom == null) {
      int bad = overlong(b, off, stop);
      if (bad != NONE) {
        return overlongAt(b, off, stop, bad, lineStartBefore, carriedBefore);
      }
    }
    if (stop < end) {
      int passed = stop - off;
      bufferStart += passed;
      if (passed == 0) {
        throw pending;
      }
      return passed;
    }
    carryLine(b, off, end);
    bufferStart += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /**
   * If {@code head} (the first bytes of the stream) starts with a UTF-8 byte-order mark, columns on
   * line 1 are counted after it (it is not a character of the document). Byte offsets still count
   * it.
   */
  public void skipByteOrderMark(byte[] head) {
    if (bufferStart == 0
        && head.length >= 3
        && (head[0] & 0xff) == 0xef
        && (head[1] & 0xff) == 0xbb
        && (head[2] & 0xff) == 0xbf) {
      lineStart = 3;
      utf8Bom = true;
    }
  }

  /**
   * Says what the scanned bytes are a re-encoding of: {@code "UTF-16"} or {@code "UTF-32"} (the
   * declared encoding must then be of that family), or {@code null} for characters handed over by
   * the caller (any declared encoding is then irrelevant). The bytes scanned are UTF-8 either way.
   */
  public void reencodedFrom(String family) {
    this.reencodedFrom = family == null ? "" : family;
  }

  /** Bytes scanned and handed on so far. */
  public long position() {
    return bufferStart;
  }

  public long maxDepthSeen() {
    return maxDepthSeen;
  }

  public long elements() {
    return elements;
  }

  public long maxAttributesSeen() {
    return maxAttributesSeen;
  }

  public long maxAttributeLengthSeen() {
    return maxAttributeLengthSeen;
  }

  public long maxNameLengthSeen() {
    return maxNameLengthSeen;
  }

  public long maxCommentOrPiSeen() {
    return maxCommentOrPiSeen;
  }

  /** Most namespace declarations in scope at once so far. */
  public long maxNamespacesSeen() {
    return maxNamespacesSeen;
  }

  /** True once a DOCTYPE declaration has been seen (under {@link DtdPolicy#IGNORE}). */
  public boolean sawDoctype() {
    return sawDoctype;
  }

  /**
   * Scans {@code b[off, end)}. Returns {@code end}, or the index of the first byte of the construct
   * that breaks a limit (with {@link #pending} set).
   */
  private int scan(byte[] b, int off, int end) {
    int i = off;
    int s = state;
    while (i < end) {
      int c = b[i] & 0xff;
      switch (s) {
        case TEXT:
          // The hot loop: skim character data for the next markup byte, eight bytes at a time
          // while none is '<' or '&' (newlines are counted on the way), then byte by byte.
          i = skimText(b, i, end, off);
          if (i == end) {
            prev = b[end - 1] & 0xff;
            continue;
          }
          c = b[i] & 0xff;
          while (true) {
            int next;
            if (c == '<') {
              next = atDocumentStart ? fastDeclaration(b, i, end, off) : -1;
              if (next < 0) {
                next = fastTag(b, i, end);
              }
              if (next < 0) {
                s = LT;
                tokenStart = abs(i, off);
                break;
              }
            } else if (c == '&') {
              next = fastEntity(b, i, end);
              if (next < 0) {
                returnState = TEXT;
                s = REF_START;
                tokenStart = abs(i, off);
                break;
              }
            } else {
              if (c == '\n') {
                newline(i, off);
              }
              next = i + 1;
            }
            // Skip eight bytes at a time while none is '<' or '&' (counting newlines).
            i = skimText(b, next, end, off);
            if (i == end) {
              break;
            }
            c = b[i] & 0xff;
          }
          if (i == end) {
            prev = b[end - 1] & 0xff;
            continue;
          }
          break;
        case LT:
          declCandidate = atDocumentStart && c == '?' && tokenStart <= 3;
          atDocumentStart = false;
          if (c == '/') {
            s = ETAG_NAME;
            chars = 0;
          } else if (c == '?') {
            s = PI_TARGET;
            chars = 0;
          } else if (c == '!') {
            s = BANG;
          } else {
            if (elementsOver(++elements)) {
              return tooManyElements(b, off, tokenStart);
            }
            if (depthOver(++depth)) {
              return tooDeep(b, off, tokenStart);
            }
            if (depth > maxDepthSeen) {
              maxDepthSeen = depth;
            }
            s = STAG_NAME;
            chars = 0;
            continue; // the byte is the name's first
          }
          break;
        case STAG_NAME:
        case ETAG_NAME:
        case ATTR_NAME:
        case PI_TARGET:
          if (s != PI_TARGET && PLAIN_NAME[c]) {
            // Fast path: a run of ASCII name bytes, one UTF-16 unit each.
            int j = i + 1;
            while (j < end && PLAIN_NAME[b[j] & 0xff]) {
              j++;
            }
            if (nameOver(chars + (j - i))) {
              return nameTooLongInRun(b, off, i, chars);
            }
            if (s == ATTR_NAME && chars < XMLNS.length && xmlnsMatch >= 0) {
              matchXmlns(b, i, j);
            }
            chars += j - i;
            prev = b[j - 1] & 0xff;
            i = j;
            if (i == end) {
              continue;
            }
            c = b[i] & 0xff;
          }
          if (c == ' '
              || c == '\t'
              || c == '\n'
              || c == '\r'
              || c == '>'
              || c == '/'
              || (s == ATTR_NAME && c == '=')
              || (s == PI_TARGET && c == '?')) {
            boolean decl = s == PI_TARGET && isXmlDeclTarget();
            if (s == PI_TARGET && !decl && nameOver(chars)) {
              // a target of up to three characters was let through while it might be "xml"
              return nameTooLong(b, off, abs(i, off), chars);
            }
            if (!decl && chars > maxNameLengthSeen) {
              maxNameLengthSeen = chars;
            }
            if (s == STAG_NAME) {
              s = IN_TAG;
              attributeCount = 0;
            } else if (s == ETAG_NAME) {
              s = ETAG_REST;
            } else if (s == ATTR_NAME) {
              if ((xmlnsMatch == XMLNS.length || xmlnsMatch == 5 && chars == 5)
                  && declareNamespace()) {
                return tooManyNamespaces(b, off, attributeStart);
              }
              s = AFTER_ATTR_NAME;
            } else {
              s = decl ? XML_DECL : PI_SPACE;
              chars = 0;
              trailer = 0;
            }
            continue; // reprocess the terminator in the new state
          }
          if (s == PI_TARGET && chars < 3) {
            // remember the first letters, to tell the XML declaration apart
            matchIndex = (matchIndex << 8) | c;
            if (chars == 0) {
              matchIndex = c;
            }
          }
          if (s == ATTR_NAME && chars < XMLNS.length) {
            xmlnsMatch = -1; // not ASCII: not "xmlns:"
          }
          chars += units(c);
          if (nameOver(chars) && !(s == PI_TARGET && declCandidate && chars <= 3)) {
            return nameTooLong(b, off, abs(i, off), chars);
          }
          break;
        case IN_TAG:
          if (c == '>') {
            endStartTag();
            s = TEXT;
          } else if (c == '/') {
            s = EMPTY_SLASH;
          } else if (c == '\n') {
            newline(i, off);
          } else if (c != ' ' && c != '\t' && c != '\r') {
            if (attributesOver(++attributeCount)) {
              return tooManyAttributes(b, off, abs(i, off));
            }
            s = ATTR_NAME;
            chars = 0;
            attributeStart = abs(i, off);
            xmlnsMatch = 0;
            continue;
          }
          break;
        case EMPTY_SLASH:
          if (c == '>') {
            endStartTag();
            endElement();
            s = TEXT;
            break;
          }
          s = IN_TAG; // malformed; Woodstox reports it
          continue;
        case AFTER_ATTR_NAME:
          if (c == '"' || c == '\'') {
            quote = c;
            s = ATTR_VALUE;
            chars = 0;
            tokenStart = abs(i, off);
          } else if (c == '\n') {
            newline(i, off);
          } else if (c != '=' && c != ' ' && c != '\t' && c != '\r') {
            s = IN_TAG; // malformed; Woodstox reports it
            continue;
          }
          break;
        case ATTR_VALUE:
          while (true) {
            if (PLAIN_VALUE[c]) {
              // Fast path: a run of ASCII bytes that end nothing, one UTF-16 unit each.
              int j = i + 1;
              while (j < end && PLAIN_VALUE[b[j] & 0xff]) {
                j++;
              }
              if (valueOver(chars + (j - i))) {
                return attributeTooLongInRun(b, off, i, chars);
              }
              chars += j - i;
              prev = b[j - 1] & 0xff;
              i = j;
              if (i == end) {
                break;
              }
              c = b[i] & 0xff;
            }
            if (c == quote) {
              if (chars > maxAttributeLengthSeen) {
                maxAttributeLengthSeen = chars;
              }
              s = IN_TAG;
              break;
            }
            if (c == '&') {
              returnState = ATTR_VALUE;
              s = REF_START;
              break;
            }
            if (c == '\n') {
              newline(i, off);
              if (prev == '\r') {
                chars--; // CR LF is one space
              }
            }
            chars += units(c);
            if (valueOver(chars)) {
              return attributeTooLong(b, off, abs(i, off), chars);
            }
            prev = c;
            if (++i == end) {
              break;
            }
            c = b[i] & 0xff;
          }
          if (i == end) {
            continue;
          }
          break;
        case ETAG_REST:
          if (c == '>') {
            endElement();
            s = TEXT;
          } else if (c == '\n') {
            newline(i, off);
          }
          break;
        case XML_DECL:
          if (xmlDecl == null) {
            xmlDecl = new byte[64];
          }
          if (xmlDeclLength == MAX_XML_DECL) {
            return malformed(
                b, off, tokenStart, "XML declaration longer than " + MAX_XML_DECL + " bytes");
          }
          if (xmlDeclLength == xmlDecl.length) {
            xmlDecl = Arrays.copyOf(xmlDecl, Math.min(MAX_XML_DECL, xmlDecl.length * 2));
          }
          xmlDecl[xmlDeclLength++] = (byte) c;
          if (c == '\n') {
            newline(i, off);
          } else if (c == '>' && prev == '?') {
            int r = declaredEncoding(b, off);
            if (r >= 0) {
              return r;
            }
            s = TEXT;
          }
          break;
        case PI_SPACE:
          if (c == ' ' || c == '\t' || c == '\r') {
            break;
          }
          if (c == '\n') {
            newline(i, off);
            break;
          }
          s = PI_DATA;
          continue;
        case PI_DATA:
          if (c == '>' && prev == '?') {
            chars--; // the '?' is not data
            if (chars > maxCommentOrPiSeen) {
              maxCommentOrPiSeen = chars;
            }
            s = TEXT;
            break;
          }
          if (c == '\n') {
            newline(i, off);
            if (prev == '\r') {
              chars--;
            }
          }
          chars += units(c);
          if (textOver(chars - (c == '?' ? 1 : 0))) {
            return textTooLong(b, off, abs(i, off), chars - (c == '?' ? 1 : 0));
          }
          break;
        case BANG:
          if (c == '-') {
            s = BANG_DASH;
          } else if (c == '[') {
            s = BANG_MATCH;
            matchTail = CDATA_TAIL;
            matchIndex = 0;
          } else if (c == 'D') {
            s = BANG_MATCH;
            matchTail = DOCTYPE_TAIL;
            matchIndex = 0;
          } else {
            s = TEXT; // malformed; Woodstox reports it
            continue;
          }
          break;
        case BANG_DASH:
          if (c != '-') {
            s = TEXT; // malformed; Woodstox reports it
            continue;
          }
          s = COMMENT;
          chars = 0;
          trailer = 0;
          break;
        case COMMENT:
          if (c == '>' && trailer >= 2) {
            chars -= 2; // the "--" is not data
            if (chars > maxCommentOrPiSeen) {
              maxCommentOrPiSeen = chars;
            }
            s = TEXT;
            break;
          }
          trailer = c == '-' ? trailer + 1 : 0;
          if (c == '\n') {
            newline(i, off);
            if (prev == '\r') {
              chars--;
            }
          }
          chars += units(c);
          if (textOver(chars - Math.min(trailer, 2))) {
            return textTooLong(b, off, abs(i, off), chars - Math.min(trailer, 2));
          }
          break;
        case BANG_MATCH:
          if (c != matchTail[matchIndex]) {
            s = TEXT; // malformed; Woodstox reports it
            continue;
          }
          if (++matchIndex == matchTail.length) {
            if (matchTail == CDATA_TAIL) {
              s = CDATA;
              trailer = 0;
            } else {
              if (refuseDtd) {
                pending =
                    new ForbiddenConstructException(
                        "DOCTYPE",
                        "DOCTYPE declarations are refused (XmlLimits.dtdPolicy is REFUSE)",
                        location(b, off, index(tokenStart, off), tokenStart),
                        null);
                return Math.max(off, index(tokenStart, off));
              }
              sawDoctype = true;
              s = DOCTYPE;
              chars = "<!DOCTYPE".length();
            }
          }
          break;
        case CDATA:
          while (true) {
            if (c == '>' && trailer >= 2) {
              s = TEXT;
              break;
            }
            trailer = c == ']' ? trailer + 1 : 0;
            if (c == '\n') {
              newline(i, off);
            }
            if (++i == end) {
              break;
            }
            c = b[i] & 0xff;
          }
          if (i == end) {
            continue;
          }
          break;
        case DOCTYPE:
        case DT_QUOTE:
        case DT_SUBSET:
        case DT_SUB_COMMENT:
        case DT_SUB_PI:
          // Under IGNORE the whole declaration counts raw bytes against maxTextLength.
          if (textOver(++chars)) {
            return textTooLong(b, off, abs(i, off), chars);
          }
          if (c == '\n') {
            newline(i, off);
          }
          s = doctype(s, c);
          break;
        case REF_START:
          if (c == '#') {
            s = CHAR_REF;
            charRefValue = 0;
            charRefHex = false;
            break;
          }
          s = ENTITY_NAME;
          quote = returnState == ATTR_VALUE ? quote : 0;
          matchIndex = 0; // entity name length
          continue;
        case ENTITY_NAME:
          if (c == ';'
              || c == '<'
              || c == '&'
              || c == ' '
              || c == '\n'
              || c == '\t'
              || c == '\r'
              || (returnState == ATTR_VALUE && c == quote)) {
            if (matchIndex > maxNameLengthSeen) {
              maxNameLengthSeen = matchIndex;
            }
            s = returnState;
            if (c == ';') {
              if (s == ATTR_VALUE) {
                chars++;
                if (valueOver(chars)) {
                  return attributeTooLong(b, off, abs(i, off), chars);
                }
              }
              break;
            }
            continue; // malformed reference; Woodstox reports it
          }
          matchIndex += units(c);
          if (nameOver(matchIndex)) {
            return nameTooLong(b, off, abs(i, off), matchIndex);
          }
          break;
        case CHAR_REF:
          if (c == ';') {
            s = returnState;
            if (s == ATTR_VALUE) {
              chars += charRefValue >= 0x10000 ? 2 : 1;
              if (valueOver(chars)) {
                return attributeTooLong(b, off, abs(i, off), chars);
              }
            }
            break;
          }
          if (c == 'x' && charRefValue == 0 && !charRefHex) {
            charRefHex = true;
          } else {
            int digit = Character.digit(c, charRefHex ? 16 : 10);
            if (digit < 0) {
              s = returnState; // malformed; Woodstox reports it
              continue;
            }
            charRefValue = Math.min(0x110000, charRefValue * (charRefHex ? 16 : 10) + digit);
          }
          break;
        default:
          throw new AssertionError(s);
      }
      prev = c;
      i++;
    }
    state = s;
    return end;
  }

  /**
   * The common case of a tag, taken whole in straight-line code instead of one state-machine step
   * per byte: a start, empty-element or end tag that lies entirely in this buffer, on one line,
   * with ASCII names and attribute values free of references, and within every limit. Returns the
   * index after its {@code '>'}, having counted it; or -1, having changed nothing, and the state
   * machine takes the tag from its {@code '<'} (and finds any breach, with its exact location).
   */
  private int fastTag(byte[] b, int i, int end) {
    int p = i + 1;
    if (p >= end) {
      return -1;
    }
    int c = b[p] & 0xff;
    if (c == '/') {
      int n0 = ++p;
      while (p < end && PLAIN_NAME[b[p] & 0xff]) {
        p++;
      }
      int len = p - n0;
      if (len == 0 || nameOver(len) || depth == 0) {
        return -1;
      }
      while (p < end && (b[p] == ' ' || b[p] == '\t')) {
        p++;
      }
      if (p >= end || b[p] != '>') {
        return -1;
      }
      endElement();
      if (len > maxNameLengthSeen) {
        maxNameLengthSeen = len;
      }
      atDocumentStart = false;
      prev = '>';
      return p + 1;
    }
    if (c == '!' || !PLAIN_NAME[c] || elementsOver(elements + 1) || depthOver(depth + 1)) {
      return -1;
    }
    int n0 = p;
    while (p < end && PLAIN_NAME[b[p] & 0xff]) {
      p++;
    }
    long longestName = p - n0;
    long attributes = 0;
    long declarations = 0;
    long longestValue = 0;
    boolean empty = false;
    if (nameOver(longestName)) {
      return -1;
    }
    while (true) {
      if (p >= end) {
        return -1;
      }
      c = b[p] & 0xff;
      if (c == ' ' || c == '\t') {
        p++;
        continue;
      }
      if (c == '>') {
        p++;
        break;
      }
      if (c == '/') {
        if (p + 1 >= end || b[p + 1] != '>') {
          return -1;
        }
        p += 2;
        empty = true;
        break;
      }
      if (!PLAIN_NAME[c] || attributesOver(++attributes)) {
        return -1;
      }
      int a0 = p;
      while (p < end && PLAIN_NAME[b[p] & 0xff]) {
        p++;
      }
      longestName = Math.max(longestName, p - a0);
      if (p - a0 >= 5
          && b[a0] == 'x'
          && b[a0 + 1] == 'm'
          && b[a0 + 2] == 'l'
          && b[a0 + 3] == 'n'
          && b[a0 + 4] == 's'
          && (p - a0 == 5 || b[a0 + 5] == ':')) {
        declarations++;
      }
      while (p < end && (b[p] == ' ' || b[p] == '\t')) {
        p++;
      }
      if (p >= end || b[p] != '=') {
        return -1;
      }
      p++;
      while (p < end && (b[p] == ' ' || b[p] == '\t')) {
        p++;
      }
      if (p >= end || (b[p] != '"' && b[p] != '\'')) {
        return -1;
      }
      byte quote = b[p];
      int v0 = ++p;
      while (p < end && PLAIN_VALUE[b[p] & 0xff]) {
        p++;
      }
      if (p >= end || b[p] != quote) {
        return -1; // a reference, the other quote, a line end or a non-ASCII byte: the slow way
      }
      longestValue = Math.max(longestValue, p - v0);
      p++;
    }
    if (nameOver(longestName)
        || valueOver(longestValue)
        || namespacesOver(namespaces + declarations)) {
      return -1;
    }
    elements++;
    if (++depth > maxDepthSeen) {
      maxDepthSeen = depth;
    }
    if (declarations > 0) {
      if (namespaces + declarations > maxNamespacesSeen) {
        maxNamespacesSeen = namespaces + declarations;
      }
      if (!empty) {
        pushNamespaces();
        namespaces += declarations;
      }
    }
    if (empty) {
      depth--;
    }
    if (longestName > maxNameLengthSeen) {
      maxNameLengthSeen = longestName;
    }
    if (attributes > maxAttributesSeen) {
      maxAttributesSeen = attributes;
    }
    if (longestValue > maxAttributeLengthSeen) {
      maxAttributeLengthSeen = longestValue;
    }
    atDocumentStart = false;
    prev = '>';
    return p;
  }

  /**
   * The usual XML declarations, byte for byte: all ASCII, on one line, declaring version 1.0 and
   * UTF-8 or no encoding at all.
   */
  private static final byte[][] DECLARATIONS = {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>".getBytes(StandardCharsets.US_ASCII),
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>".getBytes(StandardCharsets.US_ASCII),
    "<?xml version=\"1.0\"?>".getBytes(StandardCharsets.US_ASCII),
    "<?xml version='1.0' encoding='UTF-8'?>".getBytes(StandardCharsets.US_ASCII),
    "<?xml version='1.0' encoding='utf-8'?>".getBytes(StandardCharsets.US_ASCII),
    "<?xml version='1.0'?>".getBytes(StandardCharsets.US_ASCII),
  };

  /**
   * The common case of an XML declaration: one of {@link #DECLARATIONS}, whole in this buffer, at
   * the very start of a document read from bytes (after a byte-order mark if any). Returns the
   * index after it, having done what the state machine does with it (the document is UTF-8); or -1,
   * having changed nothing.
   */
  private int fastDeclaration(byte[] b, int i, int end, int off) {
    if (reencodedFrom != null || abs(i, off) != (utf8Bom ? 3 : 0)) {
      return -1;
    }
    for (byte[] d : DECLARATIONS) {
      if (end - i >= d.length && Arrays.equals(b, i, i + d.length, d, 0, d.length)) {
        atDocumentStart = false;
        utf8 = true;
        prev = '>';
        return i + d.length;
      }
    }
    return -1;
  }

  /**
   * The common case of an entity reference in text ({@code &amp;}, {@code &lt;}): an ASCII name
   * ending with {@code ';'} in this buffer, within {@code maxNameLength}. Returns the index after
   * the {@code ';'}, or -1 (nothing changed) for the state machine to take it.
   */
  private int fastEntity(byte[] b, int i, int end) {
    int p = i + 1;
    int limit = Math.min(end, p + 65);
    while (p < limit && PLAIN_NAME[b[p] & 0xff] && b[p] != ';' && b[p] != '#') {
      p++;
    }
    int len = p - i - 1;
    if (p >= limit || b[p] != ';' || len == 0 || nameOver(len)) {
      return -1;
    }
    if (len > maxNameLengthSeen) {
      maxNameLengthSeen = len;
    }
    atDocumentStart = false;
    prev = ';';
    return p + 1;
  }

  private static final byte[] XMLNS = "xmlns:".getBytes(StandardCharsets.US_ASCII);

  /** Matches the attribute name's bytes {@code b[from, to)} (ASCII) against "xmlns:". */
  private void matchXmlns(byte[] b, int from, int to) {
    int m = xmlnsMatch;
    for (int k = from; k < to && m >= 0 && m < XMLNS.length; k++) {
      m = b[k] == XMLNS[m] ? m + 1 : -1;
    }
    xmlnsMatch = m;
  }

  /**
   * Counts a namespace declaration of the current start tag (the first of the tag remembers the
   * count before it); true if that breaks {@code maxNamespaces}.
   */
  private boolean declareNamespace() {
    if (nsTop == 0 || nsDepth[nsTop - 1] != depth) {
      pushNamespaces();
    }
    if (++namespaces > maxNamespacesSeen) {
      maxNamespacesSeen = namespaces;
    }
    return namespacesOver(namespaces);
  }

  /** Remembers the declarations in scope before the element at {@link #depth} declares its own. */
  private void pushNamespaces() {
    if (nsTop == nsDepth.length) {
      nsDepth = Arrays.copyOf(nsDepth, nsTop * 2);
      nsBefore = Arrays.copyOf(nsBefore, nsTop * 2);
    }
    nsDepth[nsTop] = depth;
    nsBefore[nsTop++] = namespaces;
  }

  /** An element ends: its declarations go out of scope. */
  private void endElement() {
    if (nsTop > 0 && nsDepth[nsTop - 1] == depth) {
      namespaces = nsBefore[--nsTop];
    }
    depth--;
  }

  private void endStartTag() {
    if (attributeCount > maxAttributesSeen) {
      maxAttributesSeen = attributeCount;
    }
  }

  private boolean isXmlDeclTarget() {
    boolean decl = declCandidate && chars == 3 && (matchIndex | 0x202020) == 0x786d6c;
    if (decl) {
      xmlDeclLength = 0;
    }
    return decl;
  }

  /** The DOCTYPE skimmer: quotes, the internal subset, and comments and PIs inside it. */
  private int doctype(int s, int c) {
    window = (window << 8) | c;
    switch (s) {
      case DOCTYPE:
        if (c == '"' || c == '\'') {
          quote = c;
          returnState = DOCTYPE;
          return DT_QUOTE;
        }
        if (c == '[') {
          return DT_SUBSET;
        }
        if (c == '>') {
          return TEXT;
        }
        return DOCTYPE;
      case DT_QUOTE:
        return c == quote ? returnState : DT_QUOTE;
      case DT_SUBSET:
        if (c == '"' || c == '\'') {
          quote = c;
          returnState = DT_SUBSET;
          return DT_QUOTE;
        }
        if (c == ']') {
          return DOCTYPE;
        }
        if (window == 0x3c212d2d) { // "<!--"
          trailer = 0;
          return DT_SUB_COMMENT;
        }
        if ((window & 0xffff) == 0x3c3f) { // "<?"
          return DT_SUB_PI;
        }
        return DT_SUBSET;
      case DT_SUB_COMMENT:
        if (c == '>' && trailer >= 2) {
          window = 0;
          return DT_SUBSET;
        }
        trailer = c == '-' ? trailer + 1 : 0;
        return DT_SUB_COMMENT;
      case DT_SUB_PI:
        return c == '>' && prev == '?' ? DT_SUBSET : DT_SUB_PI;
      default:
        throw new AssertionError(s);
    }
  }

  /** The declared encoding must be one whose markup bytes this scanner can read. */
  private int declaredEncoding(byte[] b, int off) {
    String decl = new String(xmlDecl, 0, xmlDeclLength, StandardCharsets.ISO_8859_1);
    // Fast path for the usual declarations, without the regular expression: no encoding at all,
    // or exactly encoding="UTF-8" where the first "encoding" stands.
    int at = decl.indexOf("encoding");
    if (at < 0) {
      return -1;
    }
    if (reencodedFrom == null
        && (decl.startsWith("=\"", at + 8) || decl.startsWith("='", at + 8))
        && decl.regionMatches(true, at + 10, "UTF-8", 0, 5)
        && decl.length() > at + 15
        && decl.charAt(at + 15) == decl.charAt(at + 9)) {
      utf8 = true;
      return -1;
    }
    Matcher m = ENCODING.matcher(decl);
    if (!m.find()) {
      return -1;
    }
    String name = m.group(1);
    String upper = name.toUpperCase(Locale.ROOT);
    if (reencodedFrom != null) {
      // The scanned bytes are our UTF-8 re-encoding: utf8 stays true whatever is declared.
      String bare = upper.replace("-", "").replace("_", "");
      boolean sameFamily =
          reencodedFrom.isEmpty()
              || bare.startsWith(reencodedFrom.replace("-", ""))
              || reencodedFrom.equals("UTF-32") && bare.startsWith("UCS4")
              || reencodedFrom.equals("UTF-16") && bare.startsWith("UCS2");
      return sameFamily
          ? -1
          : malformed(
              b,
              off,
              tokenStart,
              "The document is encoded in "
                  + reencodedFrom
                  + " but declares encoding \""
                  + ParseErrors.excerpt(name, 40)
                  + "\"");
    }
    if (utf8Bom && !(upper.equals("UTF-8") || upper.equals("UTF8"))) {
      return malformed(
          b,
          off,
          tokenStart,
          "The document starts with a UTF-8 byte-order mark but declares encoding \""
              + ParseErrors.excerpt(name, 40)
              + "\"");
    }
    if (upper.equals("UTF-8") || upper.equals("UTF8")) {
      utf8 = true;
      return -1;
    }
    if (upper.startsWith("UTF-16") || upper.startsWith("UTF-32") || upper.startsWith("UCS")) {
      // A two- or four-byte encoding declared over single bytes: Woodstox reports the conflict.
      return -1;
    }
    if (isAsciiCompatibleSingleByte(name)) {
      utf8 = false;
      return -1;
    }
    return malformed(
        b,
        off,
        tokenStart,
        "Unsupported encoding \""
            + ParseErrors.excerpt(name, 40)
            + "\": Bounded reads UTF-8, UTF-16, UTF-32 and ASCII-compatible single-byte charsets");
  }

  static boolean isAsciiCompatibleSingleByte(String name) {
    try {
      Charset cs = Charset.forName(name);
      if (!cs.canEncode() || cs.newEncoder().maxBytesPerChar() != 1.0f) {
        return false;
      }
      byte[] ascii = new byte[0x60];
      for (int i = 0; i < ascii.length; i++) {
        ascii[i] = (byte) (0x20 + i);
      }
      String s = new String(ascii, StandardCharsets.US_ASCII);
      return Arrays.equals(ascii, s.getBytes(cs));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Skips text eight bytes at a time up to the first '<' or '&' (or the last few bytes of the
   * buffer), counting the newlines skipped. A method of its own so that the JIT compiles and
   * inlines this loop well whatever the size of {@link #scan}.
   */
  private int skimText(byte[] b, int i, int end, int off) {
    while (i + 8 <= end) {
      long w = (long) LONGS.get(b, i);
      long special = zeroBytes(w ^ LTS) | zeroBytes(w ^ AMPS);
      long nl = zeroBytes(w ^ NLS);
      if (special != 0) {
        // Stop on the first '<' or '&' itself, counting only the newlines before it.
        nl &= (special & -special) - 1;
        if (nl != 0) {
          newlines(nl, i, off);
        }
        return i + (Long.numberOfTrailingZeros(special) >>> 3);
      }
      if (nl != 0) {
        newlines(nl, i, off);
      }
      i += 8;
    }
    return i;
  }

  private static final int NONE = Integer.MIN_VALUE;
  private static final long CES = 0xcecececececececeL;
  private static final long C0S = 0xc0c0c0c0c0c0c0c0L;

  /**
   * The first byte in {@code b[from, to)} that starts an overlong UTF-8 form ({@code C0}, {@code
   * C1}, {@code E0} then {@code 80-9F}, {@code F0} then {@code 80-8F}), or {@link #NONE}; -1 when
   * it is the last byte handed on before (an {@code E0} or {@code F0} waiting for this byte).
   * Woodstox's UTF-8 reader does not refuse these forms: it would read an overlong {@code '<'}
   * ({@code C0 BC}) as markup this scanner, which takes every byte above 0x7F for text, never saw.
   */
  private int overlong(byte[] b, int from, int to) {
    int lead = leadAtEnd;
    leadAtEnd = 0;
    if (from >= to) {
      leadAtEnd = lead;
      return NONE;
    }
    if (lead != 0 && overlongAfter(lead, b[from] & 0xff)) {
      leadBefore = lead;
      return -1;
    }
    int i = from;
    while (true) {
      i = overlongWords(b, i, to);
      if (i >= to) {
        return NONE;
      }
      int wordEnd = Math.min(to, i + 8);
      for (; i < wordEnd; i++) {
        int c = b[i] & 0xff;
        if (c == 0xc0 || c == 0xc1) {
          return i;
        }
        if (c == 0xe0 || c == 0xf0) {
          if (i + 1 == to) {
            leadAtEnd = c;
          } else if (overlongAfter(c, b[i + 1] & 0xff)) {
            return i;
          }
        }
      }
    }
  }

  /** Skips whole words with no byte that could start an overlong form; returns where to look. */
  private static int overlongWords(byte[] b, int i, int to) {
    while (i + 8 <= to) {
      // C0, C1, E0 and F0 (and D0, D1, E1, F1, checked byte by byte) are the bytes c & 0xCE == 0xC0
      if (zeroBytes(((long) LONGS.get(b, i) & CES) ^ C0S) != 0) {
        return i;
      }
      i += 8;
    }
    return i;
  }

  private static boolean overlongAfter(int lead, int next) {
    return lead == 0xe0 ? next >= 0x80 && next < 0xa0 : next >= 0x80 && next < 0x90;
  }

  /**
   * An overlong form at {@code b[bad]} (or, for -1, at the last byte handed on before): hands on
   * the bytes before it, and fails from the next read, with its line, column and byte offset (the
   * scan, already past it, is counted back).
   */
  private int overlongAt(
      byte[] b, int off, int stop, int bad, long lineStartBefore, long carriedBefore)
      throws BoundedParseException {
    long absolute = bad < off ? bufferStart - 1 : bufferStart + (bad - off);
    long l = line;
    for (int k = Math.max(bad, off); k < stop; k++) {
      if (b[k] == '\n') {
        l--;
      }
    }
    long column;
    int nl = bad - 1;
    while (nl >= off && b[nl] != '\n') {
      nl--;
    }
    if (bad < off) {
      // the lead byte, the last one counted on the line (a four-byte lead counts two units)
      column = carriedBefore - (leadBefore == 0xf0 ? 2 : 1) + 1;
    } else if (nl >= off) {
      column = countChars(b, nl + 1, bad) + 1;
    } else if (lineStartBefore > bufferStart) {
      column = countChars(b, index(lineStartBefore, off), bad) + 1; // after a byte-order mark
    } else {
      column = carriedBefore + countChars(b, off, bad) + 1;
    }
    int from = Math.max(bad, off);
    StringBuilder hex = new StringBuilder();
    // the byte that makes the form overlong: the lead for C0 and C1, the next one for E0 and F0
    int shown = bad < off ? 1 : (b[bad] & 0xff) < 0xe0 ? 1 : 2;
    for (int k = from; k < from + shown; k++) {
      hex.append(hex.length() == 0 ? "" : " ").append(String.format("0x%02x", b[k] & 0xff));
    }
    pending =
        new MalformedDocumentException(
            "Invalid byte sequence for the document's encoding: an overlong UTF-8 form ("
                + (bad < off ? String.format("0x%02x ", leadBefore) : "")
                + hex
                + ")",
            ParseLocation.of(l, column, knownOffsets ? absolute : -1, null),
            null);
    int passed = Math.max(0, bad - off);
    bufferStart += passed;
    if (passed == 0) {
      throw pending;
    }
    return passed;
  }

  /** Counts the newlines flagged (high bit per byte) in the eight bytes at {@code i}. */
  private void newlines(long nl, int i, int off) {
    line += Long.bitCount(nl);
    lineStart = abs(i, off) + ((63 - Long.numberOfLeadingZeros(nl)) >>> 3) + 1;
    lineCharsCarried = 0;
  }

  /** The high bit of each byte of {@code x} that is zero, exactly (no false positives). */
  private static long zeroBytes(long x) {
    long y = (x & LOW7) + LOW7;
    return ~(y | x | LOW7);
  }

  /** UTF-16 code units contributed by byte {@code c}. */
  private int units(int c) {
    if (!utf8 || c < 0x80) {
      return 1;
    }
    return (c & 0xc0) == 0x80 ? 0 : c >= 0xf0 ? 2 : 1;
  }

  private long abs(int i, int off) {
    return bufferStart + (i - off);
  }

  private int index(long absolute, int off) {
    return (int) (absolute - bufferStart) + off;
  }

  private void newline(int i, int off) {
    line++;
    lineStart = abs(i, off) + 1;
    lineCharsCarried = 0;
  }

  /** At the end of a buffer, remembers how many characters of the current line it held. */
  private void carryLine(byte[] b, int off, int end) {
    int from = lineStart > bufferStart ? index(lineStart, off) : off;
    lineCharsCarried += countChars(b, from, end);
  }

  private int countChars(byte[] b, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      n += units(b[i] & 0xff);
    }
    return n;
  }

  /** Where byte {@code at} (absolute) lies; it must be in this buffer or before it. */
  private ParseLocation location(byte[] b, int off, int at, long absolute) {
    long column;
    if (lineStart >= bufferStart) {
      column = countChars(b, index(lineStart, off), Math.max(at, index(lineStart, off))) + 1;
    } else {
      column = lineCharsCarried + countChars(b, off, Math.max(at, off)) + 1;
    }
    if (absolute < bufferStart) {
      // The construct began in an earlier buffer, on this line: step back (exact for ASCII).
      column = absolute >= lineStart ? lineCharsCarried - (bufferStart - absolute) + 1 : -1;
    }
    return ParseLocation.of(line, column, knownOffsets ? absolute : -1, null);
  }

  // One check and one breach method per limit: every comparison with a maximum is one of these
  // checks (fast paths that find a check failing hand the token to the state machine, which
  // breaches at the exact character), and every breach of that limit is built by its method.

  private boolean elementsOver(long n) {
    return n > maxElements;
  }

  private int tooManyElements(byte[] b, int off, long at) {
    return breach(b, off, at, Limit.MAX_ELEMENTS, maxElements, elements, "maxElements");
  }

  private boolean depthOver(long n) {
    return n > maxDepth;
  }

  private int tooDeep(byte[] b, int off, long at) {
    return breach(b, off, at, Limit.MAX_DEPTH, maxDepth, depth, "maxDepth");
  }

  private boolean attributesOver(long n) {
    return n > maxAttributes;
  }

  private int tooManyAttributes(byte[] b, int off, long at) {
    return breach(b, off, at, Limit.MAX_ATTRIBUTES, maxAttributes, attributeCount, "maxAttributes");
  }

  private boolean namespacesOver(long n) {
    return n > maxNamespaces;
  }

  private int tooManyNamespaces(byte[] b, int off, long at) {
    return breach(b, off, at, Limit.MAX_NAMESPACES, maxNamespaces, namespaces, "maxNamespaces");
  }

  private boolean nameOver(long chars) {
    return chars > maxNameLength;
  }

  /** A name of {@code actual} characters, the last of which is at {@code at}. */
  private int nameTooLong(byte[] b, int off, long at, long actual) {
    return breach(b, off, at, Limit.MAX_NAME_LENGTH, maxNameLength, actual, "maxNameLength");
  }

  /** A run of one-unit characters from {@code b[i]}, after {@code before}, crossed the maximum. */
  private int nameTooLongInRun(byte[] b, int off, int i, long before) {
    return nameTooLong(b, off, abs(i + (int) (maxNameLength - before), off), maxNameLength + 1);
  }

  private boolean valueOver(long chars) {
    return chars > maxAttributeLength;
  }

  private int attributeTooLong(byte[] b, int off, long at, long actual) {
    return breach(
        b, off, at, Limit.MAX_ATTRIBUTE_LENGTH, maxAttributeLength, actual, "maxAttributeLength");
  }

  /** As {@link #nameTooLongInRun}, for an attribute value. */
  private int attributeTooLongInRun(byte[] b, int off, int i, long before) {
    return attributeTooLong(
        b, off, abs(i + (int) (maxAttributeLength - before), off), maxAttributeLength + 1);
  }

  private boolean textOver(long chars) {
    return chars > maxTextLength;
  }

  private int textTooLong(byte[] b, int off, long at, long actual) {
    return breach(b, off, at, Limit.MAX_TEXT_LENGTH, maxTextLength, actual, "maxTextLength");
  }

  private int breach(
      byte[] b, int off, long at, Limit limit, long max, long actual, String setting) {
    int idx = Math.max(off, index(at, off));
    pending =
        new LimitExceededException(
            limit, max, actual, "XmlLimits." + setting, location(b, off, index(at, off), at));
    return idx;
  }

  private int malformed(byte[] b, int off, long at, String problem) {
    int idx = Math.max(off, index(at, off));
    pending = new MalformedDocumentException(problem, location(b, off, index(at, off), at), null);
    return idx;
  }
}
