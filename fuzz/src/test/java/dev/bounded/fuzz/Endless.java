package dev.bounded.fuzz;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/**
 * A generating, never-ending InputStream: a prefix, then unit(0), unit(1), ... forever. Nothing is
 * buffered beyond one unit, so it proves limits fire without the input being held.
 */
public final class Endless extends InputStream {
  private final IntFunction<String> unit;
  private byte[] current;
  private int pos;
  private int index;

  public Endless(String prefix, IntFunction<String> unit) {
    this.current = prefix.getBytes(StandardCharsets.UTF_8);
    this.unit = unit;
  }

  public static Endless of(String prefix, String unit) {
    byte[] u = unit.getBytes(StandardCharsets.UTF_8);
    String repeated = unit.repeat(Math.max(1, 4096 / Math.max(1, u.length)));
    return new Endless(prefix, i -> repeated);
  }

  private void refill() {
    while (pos >= current.length) {
      current = unit.apply(index++).getBytes(StandardCharsets.UTF_8);
      pos = 0;
    }
  }

  @Override
  public int read() {
    refill();
    return current[pos++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    refill();
    int n = Math.min(len, current.length - pos);
    System.arraycopy(current, pos, b, off, n);
    pos += n;
    return n;
  }
}
