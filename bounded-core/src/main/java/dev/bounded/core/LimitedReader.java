package dev.bounded.core;

import java.io.IOException;
import java.io.Reader;
import java.util.Objects;

/**
 * The character twin of {@link LimitedInputStream}: hands out at most {@code max} characters and
 * fails with a {@link LimitExceededException} ({@link Limit#MAX_BYTES}, counted in characters) when
 * the source holds more. The character past the limit is never passed on: the read that finds it
 * returns the characters up to the limit, and the next read throws. Not thread-safe.
 */
public final class LimitedReader extends Reader {
  private final Reader in;
  private final long max;
  private final String setting;
  private long count;
  private LimitExceededException pending;

  private LimitedReader(Reader in, long max, String setting) {
    this.in = Objects.requireNonNull(in, "in");
    this.max = max;
    this.setting = setting;
  }

  /**
   * @param in the source, closed when this reader is closed
   * @param maxChars inclusive maximum, or {@link LimitedInputStream#UNLIMITED}
   * @param setting the public setting to name in errors
   */
  public static LimitedReader of(Reader in, long maxChars, String setting) {
    if (maxChars < 0) {
      throw new IllegalArgumentException("max < 0: " + maxChars);
    }
    return new LimitedReader(in, maxChars, setting);
  }

  /** Characters handed out so far. */
  public long count() {
    return count;
  }

  @Override
  public int read(char[] b, int off, int len) throws IOException {
    if (pending != null) {
      throw pending;
    }
    if (len == 0) {
      return 0;
    }
    // Never ask for more than one character past the limit.
    long room = max - count + 1;
    int n = in.read(b, off, (int) Math.min(len, room));
    if (n <= 0) {
      return n;
    }
    if (count + n > max) {
      int allowed = (int) (max - count);
      pending =
          new LimitExceededException(
              Limit.MAX_BYTES, max, max + 1, setting, ParseLocation.atByte(max));
      count = max;
      if (allowed <= 0) {
        throw pending;
      }
      return allowed;
    }
    count += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
