package dev.bounded.xml.internal;

import dev.bounded.core.MalformedDocumentException;
import dev.bounded.core.ParseLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * Encodes a {@link Reader}'s characters as UTF-8 for the {@link XmlScanner}. Unlike commons-io's
 * {@code ReaderInputStream}, each {@code read} hands on what one read of the source produced and
 * returns at once, so a source that fails after delivering its last good characters (the deferred
 * breach of {@code LimitedReader}, or a strict decoder) has those characters scanned and parsed
 * first. A leading byte-order mark is dropped (it is not content, and columns must not count it);
 * an unpaired surrogate is malformed input, never silently replaced.
 */
final class Utf8InputStream extends InputStream {
  private static final int CHUNK = 4096;

  private final Reader in;
  private final char[] chars = new char[CHUNK];
  private final byte[] bytes = new byte[CHUNK * 3 + 4];
  private int pos;
  private int lim;
  private int high = -1; // a high surrogate waiting for its pair
  private boolean first = true;
  private boolean eof;

  Utf8InputStream(Reader in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (pos == lim) {
      if (eof) {
        return -1;
      }
      fill();
    }
    int n = Math.min(len, lim - pos);
    System.arraycopy(bytes, pos, b, off, n);
    pos += n;
    return n;
  }

  private void fill() throws IOException {
    int n = in.read(chars, 0, CHUNK);
    pos = 0;
    lim = 0;
    if (n < 0) {
      eof = true;
      if (high >= 0) {
        throw unpaired(high);
      }
      return;
    }
    int i = 0;
    if (first && n > 0) {
      first = false;
      if (chars[0] == '\uFEFF') {
        i = 1;
      }
    }
    int k = 0;
    byte[] out = bytes;
    for (; i < n; i++) {
      char c = chars[i];
      if (high >= 0) {
        if (!Character.isLowSurrogate(c)) {
          throw unpaired(high);
        }
        int cp = Character.toCodePoint((char) high, c);
        high = -1;
        out[k++] = (byte) (0xf0 | cp >> 18);
        out[k++] = (byte) (0x80 | (cp >> 12 & 0x3f));
        out[k++] = (byte) (0x80 | (cp >> 6 & 0x3f));
        out[k++] = (byte) (0x80 | (cp & 0x3f));
      } else if (c < 0x80) {
        out[k++] = (byte) c;
      } else if (c < 0x800) {
        out[k++] = (byte) (0xc0 | c >> 6);
        out[k++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c)) {
        high = c;
      } else if (Character.isLowSurrogate(c)) {
        throw unpaired(c);
      } else {
        out[k++] = (byte) (0xe0 | c >> 12);
        out[k++] = (byte) (0x80 | (c >> 6 & 0x3f));
        out[k++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    lim = k;
  }

  private static MalformedDocumentException unpaired(int c) {
    return new MalformedDocumentException(
        String.format("Unpaired surrogate U+%04X in the document's characters", c),
        ParseLocation.UNKNOWN,
        null);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
