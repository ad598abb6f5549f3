package dev.bounded.json.internal;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.core.ParseLocation;
import dev.bounded.json.JsonLimits;

/**
 * A lexical pre-scanner for the non-blocking parsers only: it runs over the bytes fed to one before
 * Jackson sees them and enforces string, name and number lengths, nesting depth and lone surrogate
 * escapes. The non-blocking parser decodes every value inside {@code nextToken()}, so the phase
 * trick of the blocking parsers ({@link BoundedConstraints}) cannot tell its values apart; the
 * scanner does, at exactly {@code max + 1}. The blocking parsers, the fast path, do not use it.
 *
 * <p>It tracks only what it must: whether it is inside a string (and escape), whether that string
 * is a property name (from the last structural character and an object/array bit per open level),
 * the length of the current string or number, and the depth. It never buffers input. The scan of
 * string contents reads eight bytes at a time while they are plain ASCII.
 *
 * <p>{@link #scan(byte[], int, int)} returns the index of the first byte that breaks a rule, or
 * {@code end}; the caller hands Jackson everything before that index, so every event before the
 * breach is delivered, and fails on the next feed or token with {@link #failure()}. Not
 * thread-safe.
 */
final class FeedScanner {

  private static final long[] EMPTY = new long[0];
  private static final int OUT = 0;
  private static final int STR = 1;
  private static final int ESC = 2;
  private static final int HEX = 3;

  // Character classes outside strings.
  private static final byte C_OTHER = 0;
  private static final byte C_QUOTE = 1;
  private static final byte C_OPEN_OBJECT = 2;
  private static final byte C_OPEN_ARRAY = 3;
  private static final byte C_CLOSE = 4;
  private static final byte C_COMMA = 5;
  private static final byte C_COLON = 6;
  private static final byte C_NUMBER_START = 7;
  private static final byte C_EXPONENT = 8;
  private static final byte[] CLASSES = new byte[256];

  static {
    CLASSES['"'] = C_QUOTE;
    CLASSES['{'] = C_OPEN_OBJECT;
    CLASSES['['] = C_OPEN_ARRAY;
    CLASSES['}'] = C_CLOSE;
    CLASSES[']'] = C_CLOSE;
    CLASSES[','] = C_COMMA;
    CLASSES[':'] = C_COLON;
    for (char c = '0'; c <= '9'; c++) {
      CLASSES[c] = C_NUMBER_START;
    }
    CLASSES['-'] = C_NUMBER_START;
    CLASSES['+'] = C_NUMBER_START;
    CLASSES['.'] = C_NUMBER_START;
    CLASSES['e'] = C_EXPONENT;
    CLASSES['E'] = C_EXPONENT;
  }

  private final long maxDepth;
  private final LengthLimits lengths;
  private final boolean rejectLoneSurrogates;

  private long position;
  private int state = OUT;
  private boolean expectName;
  private boolean inName;
  private long length;
  private long numberLength;
  private long depth;
  private long[] objects = EMPTY;
  private int hexLeft;
  private int hexValue;
  private boolean highSurrogatePending;

  /** The last significant byte outside strings was a comma. */
  private boolean afterComma;

  private BoundedParseException failure;

  FeedScanner(JsonLimits limits) {
    this.maxDepth = limits.maxDepth();
    this.lengths = new LengthLimits(limits);
    this.rejectLoneSurrogates = limits.rejectLoneSurrogates();
  }

  /** The breach found, or null. */
  BoundedParseException failure() {
    return failure;
  }

  /** Offset of the next byte (char) to scan: the count of units scanned. */
  long position() {
    return position;
  }

  /** Scans {@code buf[start, end)}; returns {@code end}, or the index of the breaching byte. */
  int scan(byte[] buf, int start, int end) {
    if (failure != null) {
      return start;
    }
    final long base = position - start;
    int i = start;
    if (position < 4) {
      int r = checkEncoding(buf, start, end);
      if (r >= 0) {
        return r;
      }
    }
    int st = state;
    long len = length;
    long num = numberLength;
    try {
      while (i < end) {
        if (st == OUT) {
          // Outside strings: structure and numbers, one byte at a time.
          for (; i < end; i++) {
            int c = buf[i] & 0xFF;
            byte cls = CLASSES[c];
            if (cls == C_OTHER) {
              num = 0;
              if (c > ' ') {
                afterComma = false;
              }
              continue;
            }
            afterComma &= cls == C_CLOSE;
            if (cls == C_NUMBER_START || (cls == C_EXPONENT && num > 0)) {
              if (lengths.numberOver(++num)) {
                numberLength = num;
                return fail(i, base, lengths.numberBreach(num, ParseLocation.atByte(base + i)));
              }
              continue;
            }
            num = 0;
            if (cls == C_QUOTE) {
              st = STR;
              inName = expectName;
              len = 0;
              i++;
              break;
            }
            if (afterComma && inObject()) {
              return fail(i, base, trailingComma(c, base + i));
            }
            if (!structure(cls)) {
              return fail(i, base, tooDeep(base + i));
            }
          }
        } else if (st == STR) {
          if (highSurrogatePending && buf[i] != '\\') {
            return fail(i, base, loneSurrogate(base + i));
          }
          // Eight plain ASCII bytes at a time while no quote or backslash is among them and they
          // cannot take the string past its limit.
          long room = lengths.room(inName, len);
          int fastEnd = end - 8;
          int from = i;
          while (i <= fastEnd && room >= 8) {
            if (Words.specials(Words.word(buf, i)) != 0) {
              break; // a quote, a backslash, a control character or a multi-byte sequence
            }
            i += 8;
            room -= 8;
          }
          len += i - from;
          // At most eight bytes one at a time, then back to the fast loop.
          int slowEnd = Math.min(end, i + 8);
          for (; i < slowEnd; i++) {
            int c = buf[i];
            if (c == '"') {
              st = OUT;
              expectName = false;
              i++;
              break;
            }
            if (c == '\\') {
              st = ESC;
              if (lengths.textOver(inName, ++len)) {
                return fail(
                    i, base, lengths.textBreach(inName, len, ParseLocation.atByte(base + i)));
              }
              i++;
              break;
            }
            if (c >= 0) {
              len++;
            } else if ((c & 0xC0) != 0x80) {
              len += (c & 0xF8) == 0xF0 ? 2 : 1;
            } else {
              continue;
            }
            if (lengths.textOver(inName, len)) {
              return fail(i, base, lengths.textBreach(inName, len, ParseLocation.atByte(base + i)));
            }
          }
        } else if (st == ESC) {
          int c = buf[i];
          if (highSurrogatePending && c != 'u') {
            return fail(i, base, loneSurrogate(base + i));
          }
          if (c == 'u') {
            st = HEX;
            hexLeft = 4;
            hexValue = 0;
          } else {
            st = STR;
          }
          i++;
        } else {
          // HEX
          int r = hexDigit(buf[i]);
          i++;
          if (r != 0) {
            st = STR;
            if (r < 0) {
              return fail(i - 1, base, loneSurrogate(base + i - 1));
            }
          }
        }
      }
      return end;
    } finally {
      state = st;
      length = len;
      numberLength = num;
      if (failure == null) {
        position = base + end;
      }
    }
  }

  /**
   * Feeds one hex digit of a {@code \}{@code u} escape: 0 = more to come, 1 = done, -1 = lone
   * surrogate.
   */
  private int hexDigit(int c) {
    int d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      d = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      d = c - 'A' + 10;
    } else {
      d = -1; // Jackson reports the bad escape; make the value harmless.
    }
    hexValue = d < 0 || hexValue < 0 ? -1 : (hexValue << 4) | d;
    if (--hexLeft > 0) {
      return 0;
    }
    int v = hexValue;
    if ((!rejectLoneSurrogates && !inName) || v < 0) { // a name is held to it whatever the setting
      highSurrogatePending = false;
      return 1;
    }
    boolean high = v >= 0xD800 && v <= 0xDBFF;
    boolean low = v >= 0xDC00 && v <= 0xDFFF;
    if (highSurrogatePending) {
      highSurrogatePending = false;
      if (!low) {
        return -1;
      }
      return 1;
    }
    if (low) {
      return -1;
    }
    highSurrogatePending = high;
    return 1;
  }

  /** True if the innermost open container is an object. */
  private boolean inObject() {
    return depth > 0 && (objects[(int) ((depth - 1) >>> 6)] & (1L << (depth - 1))) != 0;
  }

  /**
   * A comma then the end of an object. Jackson's non-blocking parser (2.23) accepts {@code
   * {"a":1,}} when the brace comes in a later chunk than the comma; its blocking parser refuses it
   * with this message.
   */
  private MalformedDocumentException trailingComma(int c, long at) {
    return new MalformedDocumentException(
        "Unexpected character ('"
            + (char) c
            + "' (code "
            + c
            + ")): was expecting double-quote to start field name",
        ParseLocation.atByte(at),
        null);
  }

  /** Applies a structural character; false if it opens one level too many. */
  private boolean structure(byte cls) {
    switch (cls) {
      case C_OPEN_OBJECT:
      case C_OPEN_ARRAY:
        if (depth >= maxDepth) {
          return false;
        }
        long d = depth++;
        int word = (int) (d >>> 6);
        if (word >= objects.length) {
          objects = java.util.Arrays.copyOf(objects, Math.max(word + 4, objects.length * 2));
        }
        if (cls == C_OPEN_OBJECT) {
          objects[word] |= 1L << d;
          expectName = true;
        } else {
          objects[word] &= ~(1L << d);
          expectName = false;
        }
        return true;
      case C_CLOSE:
        if (depth > 0) {
          depth--;
        }
        expectName = false;
        return true;
      case C_COMMA:
        expectName = inObject();
        afterComma = true;
        return true;
      default: // C_COLON
        expectName = false;
        return true;
    }
  }

  private int checkEncoding(byte[] buf, int start, int end) {
    for (int i = start; i < end && position + (i - start) < 4; i++) {
      int c = buf[i] & 0xFF;
      long at = position + (i - start);
      if (c == 0 || (at == 0 && c >= 0xFE)) {
        failure =
            new MalformedDocumentException(
                "Unsupported encoding: JSON input must be UTF-8 (RFC 8259, section 8.1); found a "
                    + (c == 0 ? "NUL byte" : "UTF-16 byte order mark")
                    + " at the start, as in UTF-16 or UTF-32",
                ParseLocation.atByte(at),
                null);
        return i;
      }
    }
    return -1;
  }

  private int fail(int index, long base, BoundedParseException e) {
    failure = e;
    position = base + index;
    return index;
  }

  // Cold: builds the exception once, at the breach.
  private LimitExceededException tooDeep(long at) {
    return new LimitExceededException(
        Limit.MAX_DEPTH, maxDepth, maxDepth + 1, "JsonLimits.maxDepth", ParseLocation.atByte(at));
  }

  private BoundedParseException loneSurrogate(long at) {
    if (inName) { // malformed whatever the setting, as every other input mode has it
      return new MalformedDocumentException(
          "Lone surrogate in a property name: a name must be valid Unicode",
          ParseLocation.atByte(at),
          null);
    }
    return new ForbiddenConstructException(
        "lone surrogate",
        "Lone surrogate escape in a string (refused by JsonLimits.rejectLoneSurrogates)",
        ParseLocation.atByte(at),
        null);
  }
}
