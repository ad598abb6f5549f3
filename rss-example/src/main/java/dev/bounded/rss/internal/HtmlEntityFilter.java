package dev.bounded.rss.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Rewrites HTML named character references ({@code &nbsp;}) into numeric ones ({@code &#160;}) on
 * the way into the XML parser, so feeds that use HTML entities without a DTD parse without any DTD.
 *
 * <p>A streaming byte filter with constant memory: it reads the input in code units of the encoding
 * the first bytes reveal (1 byte for UTF-8 and ASCII-compatible charsets, 2 for UTF-16, 4 for
 * UTF-32, either byte order) and follows just enough XML lexical state to rewrite only where the
 * XML parser would expand a reference: in character data and in quoted attribute values. Comments,
 * CDATA sections, processing instructions and the DOCTYPE pass through untouched. Only names in the
 * HTML5 table followed by {@code ;} are rewritten (at most {@value HtmlEntities#MAX_NAME_LENGTH}
 * characters are held while a name is read); the five XML entities, numeric references and unknown
 * names pass through unchanged, so the XML parser still reports an unknown name. Malformed markup
 * is passed on for the parser to reject; the filter never fails on its own.
 */
public final class HtmlEntityFilter extends InputStream {
  private enum State {
    TEXT,
    LT,
    BANG,
    COMMENT,
    CDATA,
    PI,
    DECL,
    TAG,
    ATTR
  }

  private static final String CDATA_OPEN = "[CDATA[";

  private final InputStream in;
  private final byte[] inBuf = new byte[16 * 1024];
  private int inPos;
  private int inLimit;
  private boolean eof;

  private byte[] out = new byte[32 * 1024];
  private int outPos;
  private int outLimit;

  private int width = -1; // code unit width in bytes, decided from the first 4 bytes
  private boolean bigEndian = true;

  private State state = State.TEXT;
  private State entityReturn; // non-null while reading an entity name
  private final char[] name = new char[HtmlEntities.MAX_NAME_LENGTH + 1];
  private int nameLength;
  private int match; // progress through "--", "[CDATA[", "-->", "]]>", "?>"
  private char quote;
  private int declDepth;
  private char declQuote;

  private long rewritten;
  private String firstRewritten;

  /** HTML entity references rewritten so far. */
  public long rewritten() {
    return rewritten;
  }

  /** The name of the first one rewritten, or null. */
  public String firstRewritten() {
    return firstRewritten;
  }

  /** Filters {@code in}, which is closed with this stream. */
  public HtmlEntityFilter(InputStream in) {
    this.in = Objects.requireNonNull(in, "in");
  }

  @Override
  public int read() throws IOException {
    if (outPos >= outLimit && !fill()) {
      return -1;
    }
    return out[outPos++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (outPos >= outLimit && !fill()) {
      return -1;
    }
    int n = Math.min(len, outLimit - outPos);
    System.arraycopy(out, outPos, b, off, n);
    outPos += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Reads input and rewrites it into {@code out}; false at the end of input. */
  private boolean fill() throws IOException {
    outPos = 0;
    outLimit = 0;
    while (outLimit == 0) {
      if (inLimit - inPos < 4 && !eof) {
        compactAndRead();
      }
      if (width < 0) {
        if (inLimit - inPos < 4 && !eof) {
          continue;
        }
        detectWidth();
      }
      int available = inLimit - inPos;
      if (available < width) {
        if (!eof) {
          continue;
        }
        if (entityReturn != null) {
          flushName();
        }
        for (int i = 0; i < available; i++) {
          emitByte(inBuf[inPos++]); // a truncated code unit: the parser will reject it
        }
        return outLimit > 0;
      }
      while (inLimit - inPos >= width && outLimit < out.length - 512) {
        int unit = unitAt(inPos);
        int start = inPos;
        inPos += width;
        step(unit, start);
      }
    }
    return true;
  }

  private void compactAndRead() throws IOException {
    if (inPos > 0) {
      System.arraycopy(inBuf, inPos, inBuf, 0, inLimit - inPos);
      inLimit -= inPos;
      inPos = 0;
    }
    int n = in.read(inBuf, inLimit, inBuf.length - inLimit);
    if (n < 0) {
      eof = true;
    } else {
      inLimit += n;
    }
  }

  private void detectWidth() {
    int n = inLimit - inPos;
    int b0 = n > 0 ? inBuf[inPos] & 0xff : -1;
    int b1 = n > 1 ? inBuf[inPos + 1] & 0xff : -1;
    int b2 = n > 2 ? inBuf[inPos + 2] & 0xff : -1;
    int b3 = n > 3 ? inBuf[inPos + 3] & 0xff : -1;
    if (b0 == 0 && b1 == 0 && (b2 == 0xfe && b3 == 0xff || b2 == 0 && b3 == 0x3c)) {
      width = 4;
    } else if (b2 == 0 && b3 == 0 && (b0 == 0xff && b1 == 0xfe || b0 == 0x3c && b1 == 0)) {
      width = 4;
      bigEndian = false;
    } else if (b0 == 0xfe && b1 == 0xff || b0 == 0 && b1 == 0x3c) {
      width = 2;
    } else if (b0 == 0xff && b1 == 0xfe || b0 == 0x3c && b1 == 0) {
      width = 2;
      bigEndian = false;
    } else {
      width = 1;
    }
  }

  private int unitAt(int p) {
    switch (width) {
      case 1:
        return inBuf[p] & 0xff;
      case 2:
        return bigEndian
            ? (inBuf[p] & 0xff) << 8 | inBuf[p + 1] & 0xff
            : (inBuf[p + 1] & 0xff) << 8 | inBuf[p] & 0xff;
      default:
        return bigEndian
            ? (inBuf[p] & 0xff) << 24
                | (inBuf[p + 1] & 0xff) << 16
                | (inBuf[p + 2] & 0xff) << 8
                | inBuf[p + 3] & 0xff
            : (inBuf[p + 3] & 0xff) << 24
                | (inBuf[p + 2] & 0xff) << 16
                | (inBuf[p + 1] & 0xff) << 8
                | inBuf[p] & 0xff;
    }
  }

  /** Handles one code unit that starts at {@code inBuf[start]}. */
  private void step(int c, int start) {
    if (entityReturn != null) {
      if (isNameChar(c) && nameLength < HtmlEntities.MAX_NAME_LENGTH) {
        name[nameLength++] = (char) c;
        return;
      }
      if (c == ';' && nameLength > 0) {
        String n = new String(name, 0, nameLength);
        int[] cps = HtmlEntities.codePoints(n);
        if (cps != null) {
          if (rewritten++ == 0) {
            firstRewritten = n;
          }
          for (int cp : cps) {
            emitAscii("&#");
            emitAscii(Integer.toString(cp));
            emitUnit(';');
          }
          state = entityReturn;
          entityReturn = null;
          return;
        }
      }
      flushName(); // not one of ours: pass it on, then handle c as usual
    }
    copy(start);
    switch (state) {
      case TEXT:
        if (c == '&') {
          startName(State.TEXT);
        } else if (c == '<') {
          state = State.LT;
        }
        break;
      case LT:
        if (c == '!') {
          state = State.BANG;
          match = 0;
        } else if (c == '?') {
          state = State.PI;
          match = 0;
        } else {
          state = c == '>' ? State.TEXT : State.TAG;
        }
        break;
      case BANG:
        if (match == 0 && c == '-') {
          match = -1; // saw "<!-"
        } else if (match == -1) {
          if (c == '-') {
            state = State.COMMENT;
            match = 0;
          } else {
            enterDecl(c);
          }
        } else if (match >= 0 && match < CDATA_OPEN.length() && c == CDATA_OPEN.charAt(match)) {
          match++;
          if (match == CDATA_OPEN.length()) {
            state = State.CDATA;
            match = 0;
          }
        } else {
          enterDecl(c);
        }
        break;
      case COMMENT:
        if (c == '-') {
          match = Math.min(match + 1, 2);
        } else if (c == '>' && match == 2) {
          state = State.TEXT;
        } else {
          match = 0;
        }
        break;
      case CDATA:
        if (c == ']') {
          match = Math.min(match + 1, 2);
        } else if (c == '>' && match == 2) {
          state = State.TEXT;
        } else {
          match = 0;
        }
        break;
      case PI:
        if (c == '>' && match == 1) {
          state = State.TEXT;
        } else {
          match = c == '?' ? 1 : 0;
        }
        break;
      case DECL:
        declStep(c);
        break;
      case TAG:
        if (c == '"' || c == '\'') {
          quote = (char) c;
          state = State.ATTR;
        } else if (c == '>') {
          state = State.TEXT;
        }
        break;
      case ATTR:
        if (c == quote) {
          state = State.TAG;
        } else if (c == '&') {
          startName(State.ATTR);
        }
        break;
      default:
        throw new AssertionError(state);
    }
  }

  private void enterDecl(int c) {
    state = State.DECL;
    declDepth = 0;
    declQuote = 0;
    declStep(c);
  }

  /** A DOCTYPE (or other declaration): ends at a '>' outside quotes and the internal subset. */
  private void declStep(int c) {
    if (declQuote != 0) {
      if (c == declQuote) {
        declQuote = 0;
      }
    } else if (c == '"' || c == '\'') {
      declQuote = (char) c;
    } else if (c == '[') {
      declDepth++;
    } else if (c == ']') {
      declDepth = Math.max(0, declDepth - 1);
    } else if (c == '>' && declDepth == 0) {
      state = State.TEXT;
    }
  }

  private void startName(State returnTo) {
    // '&' was already copied: hold back the name until we know whether to rewrite it.
    outLimit -= width;
    entityReturn = returnTo;
    nameLength = 0;
  }

  private void flushName() {
    emitUnit('&');
    for (int i = 0; i < nameLength; i++) {
      emitUnit(name[i]);
    }
    state = entityReturn;
    entityReturn = null;
  }

  private static boolean isNameChar(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }

  private void copy(int start) {
    for (int i = 0; i < width; i++) {
      emitByte(inBuf[start + i]);
    }
  }

  private void emitAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      emitUnit(s.charAt(i));
    }
  }

  private void emitUnit(int c) {
    switch (width) {
      case 1:
        emitByte((byte) c);
        break;
      case 2:
        if (bigEndian) {
          emitByte((byte) (c >> 8));
          emitByte((byte) c);
        } else {
          emitByte((byte) c);
          emitByte((byte) (c >> 8));
        }
        break;
      default:
        if (bigEndian) {
          emitByte((byte) (c >> 24));
          emitByte((byte) (c >> 16));
          emitByte((byte) (c >> 8));
          emitByte((byte) c);
        } else {
          emitByte((byte) c);
          emitByte((byte) (c >> 8));
          emitByte((byte) (c >> 16));
          emitByte((byte) (c >> 24));
        }
    }
  }

  private void emitByte(byte b) {
    out[outLimit++] = b;
  }
}
