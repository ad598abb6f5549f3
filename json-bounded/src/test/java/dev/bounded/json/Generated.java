package dev.bounded.json;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A generating InputStream: a prefix, then a repeated unit (for a given number of bytes, or
 * forever), then a suffix. Nothing is held but the three patterns.
 */
final class Generated extends InputStream {
  private final byte[] prefix;
  private final byte[] unit;
  private final byte[] suffix;
  private final long bodyBytes;
  private long pos;

  Generated(String prefix, String unit, long bodyBytes, String suffix) {
    this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
    this.unit = unit.getBytes(StandardCharsets.UTF_8);
    this.suffix = suffix.getBytes(StandardCharsets.UTF_8);
    this.bodyBytes = bodyBytes - bodyBytes % this.unit.length;
  }

  /** Never ends. */
  static Generated endless(String prefix, String unit) {
    return new Generated(prefix, unit, Long.MAX_VALUE - 1024, "");
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    int n = 0;
    while (n < len) {
      long p = pos;
      byte c;
      if (p < prefix.length) {
        c = prefix[(int) p];
      } else if (p - prefix.length < bodyBytes) {
        c = unit[(int) ((p - prefix.length) % unit.length)];
      } else if (p - prefix.length - bodyBytes < suffix.length) {
        c = suffix[(int) (p - prefix.length - bodyBytes)];
      } else {
        break;
      }
      b[off + n++] = c;
      pos++;
    }
    return n == 0 && len > 0 ? -1 : n;
  }
}
