package dev.bounded.xml.internal;

import java.io.IOException;
import java.io.Reader;

/**
 * The byte path for UTF-8 documents: the source's bytes decoded to characters for Woodstox here,
 * while they are in cache, and scanned by the {@link XmlScanner} from the same buffer (so Woodstox
 * reads characters, and its own UTF-8 reader, a second pass over every byte, is not used).
 *
 * <p>Decoding is strict: a stray continuation byte, an overlong form, an encoded surrogate, a value
 * above U+10FFFF, U+FFFE or U+FFFF (not XML characters, as Woodstox's reader refuses them too) and
 * a sequence cut short by the end of the input are a {@code MalformedDocumentException}, deferred
 * like a breach: the characters before the sequence are handed on, and the next read throws, with
 * the line, column and byte offset of the sequence's first byte. A breach found by the scanner
 * earlier in the same buffer wins. A leading byte-order mark is not handed on. Not thread-safe: one
 * parse, one thread.
 */
final class Utf8ScanReader extends Reader {
  /** Bytes read from the source at a time, at most (Woodstox asks for about 4,000 characters). */
  private static final int BUFFER = 4096;

  /** Characters Woodstox's {@code ReaderBootstrapper} reads before the parser starts (7.1). */
  private static final int BOOTSTRAP = 7;

  private final XmlScanner scanner;
  private final byte[] bytes = new byte[BUFFER];
  private int carry; // bytes of a sequence cut by the end of the last read, at the buffer's start
  private int skip; // a byte-order mark still to drop
  private char[] small; // for reads of fewer than four characters: decoded here, handed on from pos
  private int pos;
  private int lim;
  private boolean eof;
  private long handedOn; // characters handed on so far, up to BOOTSTRAP
  private boolean bootstrapEnded;

  // The result of the last decode: the index after the last whole sequence, the characters, and
  // the index of the first invalid sequence (or -1) with what is wrong with it.
  private int decodedEnd;
  private int charCount;
  private int invalidAt;
  private String invalid;

  Utf8ScanReader(XmlScanner scanner, boolean byteOrderMark) {
    this.scanner = scanner;
    this.skip = byteOrderMark ? 3 : 0;
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (handedOn < BOOTSTRAP) {
      if (handedOn > 0 && !bootstrapEnded && pos == lim && scanner.pending() != null) {
        // Woodstox's ReaderBootstrapper reads until it has BOOTSTRAP characters, to look for an
        // XML declaration, before the parser starts. A deferred failure among the first few
        // characters would break the opening instead of the event after them (as on the byte
        // path, where Woodstox's bootstrapper needs fewer): the bootstrapper is told "no more"
        // once, the parser gets the characters, and its next read throws.
        bootstrapEnded = true;
        return -1;
      }
      int n = readChars(cbuf, off, len);
      if (n > 0) {
        handedOn += n;
      }
      return n;
    }
    return readChars(cbuf, off, len);
  }

  private int readChars(char[] cbuf, int off, int len) throws IOException {
    if (pos == lim && len >= 4) {
      // The usual case: decode straight into the caller's buffer.
      int n;
      while ((n = fill(cbuf, off, len)) == 0) {
        // only part of a sequence arrived
      }
      return n;
    }
    if (pos == lim) {
      if (small == null) {
        small = new char[BUFFER];
      }
      int n;
      while ((n = fill(small, 0, BUFFER)) == 0) {
        // only part of a sequence arrived
      }
      if (n < 0) {
        return -1;
      }
      pos = 0;
      lim = n;
    }
    int n = Math.min(len, lim - pos);
    System.arraycopy(small, pos, cbuf, off, n);
    pos += n;
    return n;
  }

  /**
   * Reads at most {@code max - carry} bytes (so that their characters fit), decodes them into
   * {@code out[off, off + max)} and scans them. Returns the number of characters (0 when only part
   * of a sequence arrived), or -1 at the end of the input.
   */
  private int fill(char[] out, int off, int max) throws IOException {
    if (eof) {
      return -1;
    }
    int n = scanner.fill(bytes, carry, Math.min(BUFFER, max) - carry);
    if (n < 0) {
      eof = true;
      if (carry > 0) {
        scanner.defer(
            "Invalid byte sequence for the document's encoding: the input ends inside a UTF-8"
                + " sequence (" + hex(bytes, 0, carry) + ")",
            scannedUnits(bytes, 0, carry),
            carry);
        throw scanner.pending();
      }
      return -1;
    }
    int end = carry + n;
    int start = Math.min(skip, end);
    skip -= start;
    decode(bytes, start, end, out, off);
    int from = carry;
    int chars = charCount;
    if ((invalidAt >= 0 ? invalidAt : end) > from) {
      int valid = invalidAt >= 0 ? invalidAt : end;
      int passed = scanner.pass(bytes, from, valid);
      if (passed < valid - from) {
        // A breach first: hand on the characters of the whole sequences before it.
        chars = units(bytes, start, from + passed);
        invalidAt = -1;
      }
    }
    if (invalidAt >= 0) {
      scanner.defer(
          invalid + " (" + hex(bytes, invalidAt, Math.min(end, invalidAt + length(bytes[invalidAt]))) + ")",
          scannedUnits(bytes, invalidAt, from),
          Math.max(0, from - invalidAt));
    }
    carry = end - decodedEnd;
    if (scanner.pending() == null) {
      System.arraycopy(bytes, decodedEnd, bytes, 0, carry);
    } else if (chars == 0) {
      throw scanner.pending();
    }
    return chars;
  }

  /**
   * Decodes {@code b[from, end)} into {@code out} from index {@code off}: sets {@link #charCount}, {@link
   * #decodedEnd} (a sequence cut by {@code end} is left undecoded) and {@link #invalidAt}.
   */
  private void decode(byte[] b, int from, int end, char[] out, int off) {
    int i = from;
    int o = off;
    invalidAt = -1;
    while (i < end) {
      int c = b[i];
      if (c >= 0) {
        out[o++] = (char) c;
        i++;
        while (i < end && (c = b[i]) >= 0) {
          out[o++] = (char) c;
          i++;
        }
        continue;
      }
      c &= 0xff;
      if (c < 0xe0) {
        if (c < 0xc2) {
          fail(i, c < 0xc0 ? "a continuation byte without a lead byte" : "an overlong form");
          break;
        }
        if (i + 2 > end) {
          break;
        }
        int d = b[i + 1];
        if ((d & 0xc0) != 0x80) {
          fail(i, "a lead byte without its continuation bytes");
          break;
        }
        out[o++] = (char) (((c & 0x1f) << 6) | (d & 0x3f));
        i += 2;
      } else if (c < 0xf0) {
        if (i + 3 > end) {
          if (!prefixValid(b, i, end)) {
            fail(i, "a lead byte without its continuation bytes");
          }
          break;
        }
        int d = b[i + 1];
        int e = b[i + 2];
        if ((d & 0xc0) != 0x80 || (e & 0xc0) != 0x80) {
          fail(i, "a lead byte without its continuation bytes");
          break;
        }
        int v = ((c & 0x0f) << 12) | ((d & 0x3f) << 6) | (e & 0x3f);
        if (v < 0x800 || (v >= 0xd800 && v < 0xe000) || v >= 0xfffe) {
          fail(i, v < 0x800 ? "an overlong form" : v < 0xe000 ? "an encoded surrogate" : "U+" + Integer.toHexString(v).toUpperCase(java.util.Locale.ROOT) + ", not a character");
          break;
        }
        out[o++] = (char) v;
        i += 3;
      } else {
        if (c > 0xf4) {
          fail(i, "a byte that is never UTF-8");
          break;
        }
        if (i + 4 > end) {
          if (!prefixValid(b, i, end)) {
            fail(i, "a lead byte without its continuation bytes");
          }
          break;
        }
        int d = b[i + 1];
        int e = b[i + 2];
        int f = b[i + 3];
        if ((d & 0xc0) != 0x80 || (e & 0xc0) != 0x80 || (f & 0xc0) != 0x80) {
          fail(i, "a lead byte without its continuation bytes");
          break;
        }
        int v = ((c & 0x07) << 18) | ((d & 0x3f) << 12) | ((e & 0x3f) << 6) | (f & 0x3f);
        if (v < 0x10000 || v > 0x10ffff) {
          fail(i, v < 0x10000 ? "an overlong form" : "a value above U+10FFFF");
          break;
        }
        out[o++] = Character.highSurrogate(v);
        out[o++] = Character.lowSurrogate(v);
        i += 4;
      }
    }
    decodedEnd = i;
    charCount = o - off;
  }

  /** Whether the bytes of a sequence cut by the end of the buffer are continuation bytes. */
  private static boolean prefixValid(byte[] b, int i, int end) {
    for (int k = i + 1; k < end; k++) {
      if ((b[k] & 0xc0) != 0x80) {
        return false;
      }
    }
    return true;
  }

  private void fail(int at, String why) {
    invalidAt = at;
    invalid = "Invalid byte sequence for the document's encoding: " + why;
  }

  /** UTF-16 units of the whole sequences in {@code b[from, to)} (all valid). */
  private static int units(byte[] b, int from, int to) {
    int n = 0;
    for (int k = from; k < to; k++) {
      int c = b[k] & 0xff;
      if ((c & 0xc0) != 0x80) {
        int len = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
        if (k + len <= to) {
          n += len == 4 ? 2 : 1;
        }
      }
    }
    return n;
  }

  /**
   * UTF-16 units of {@code b[from, to)} as the scanner counted them on the line (a lead byte counts
   * when it is scanned, whether its sequence is whole or not).
   */
  private static int scannedUnits(byte[] b, int from, int to) {
    int n = 0;
    for (int k = from; k < to; k++) {
      int c = b[k] & 0xff;
      n += (c & 0xc0) == 0x80 ? 0 : c >= 0xf0 ? 2 : 1;
    }
    return n;
  }

  /** The length of the sequence lead byte {@code c} starts (1 for one that starts none). */
  private static int length(byte c) {
    int u = c & 0xff;
    return u < 0xc2 || u > 0xf4 ? 1 : u < 0xe0 ? 2 : u < 0xf0 ? 3 : 4;
  }

  private static String hex(byte[] b, int from, int to) {
    StringBuilder s = new StringBuilder();
    for (int k = from; k < to; k++) {
      s.append(s.length() == 0 ? "0x" : " 0x").append(Integer.toHexString(b[k] & 0xff));
    }
    return s.toString();
  }

  @Override
  public void close() throws IOException {
    scanner.close();
  }
}
