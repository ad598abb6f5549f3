package dev.bounded.xml;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A document generated on the fly, never held whole: a head, a unit repeated {@code repeats} times
 * ({@link #ENDLESS} for ever), and a tail. Counts the bytes it hands out.
 */
final class GeneratedStream extends InputStream {
  static final long ENDLESS = Long.MAX_VALUE;

  private final byte[] head;
  private final byte[] unit;
  private final byte[] tail;
  private final long repeats;
  private long pulled;
  private final long total;

  GeneratedStream(String head, String unit, long repeats, String tail) {
    this(bytes(head), bytes(unit), repeats, bytes(tail));
  }

  GeneratedStream(byte[] head, byte[] unit, long repeats, byte[] tail) {
    this.head = head;
    this.unit = unit;
    this.tail = tail;
    this.repeats = repeats;
    this.total =
        repeats == ENDLESS
                || repeats > (Long.MAX_VALUE - head.length - tail.length) / Math.max(1, unit.length)
            ? Long.MAX_VALUE
            : head.length + unit.length * repeats + tail.length;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Bytes handed out so far. */
  long pulled() {
    return pulled;
  }

  /** The document's full size ({@code Long.MAX_VALUE} if endless). */
  long size() {
    return total;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    if (pulled >= total) {
      return -1;
    }
    int n = 0;
    while (n < len && pulled < total) {
      long p = pulled;
      byte[] src;
      int at;
      if (p < head.length) {
        src = head;
        at = (int) p;
      } else if (total == Long.MAX_VALUE || p < total - tail.length) {
        src = unit;
        at = (int) ((p - head.length) % unit.length);
      } else {
        src = tail;
        at = (int) (p - (total - tail.length));
      }
      int k = Math.min(len - n, src.length - at);
      System.arraycopy(src, at, b, off + n, k);
      n += k;
      pulled += k;
    }
    return n;
  }
}
