package dev.bounded.json.internal;

import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.ParseLocation;
import dev.bounded.core.internal.ParseGuard;
import java.io.IOException;
import java.io.Reader;

/**
 * The character twin of {@link dev.bounded.core.LimitedInputStream}: hands out at most {@code max}
 * chars, never passes on the one past the limit, and fails the read after it with {@link
 * Limit#MAX_BYTES} (which counts chars for a {@code Reader} source). Checks the parse's {@link
 * ParseGuard} (deadline, allocation cap) before every read. Not thread-safe.
 */
final class LimitedReader extends Reader {
  private final Reader in;
  private final long max;
  private final String setting;
  /** Null when the parse has neither deadline nor allocation cap. */
  private final ParseGuard guard;
  private long count;
  private LimitExceededException pending;

  LimitedReader(Reader in, long max, String setting, ParseGuard guard) {
    this.in = in;
    this.max = max;
    this.setting = setting;
    this.guard = guard;
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    if (pending != null) {
      throw pending;
    }
    if (len == 0) {
      return 0;
    }
    if (guard != null) {
      guard.check();
    }
    // Ask for at most one char past the limit.
    long room = max == Long.MAX_VALUE ? Long.MAX_VALUE : max - count + 1;
    int n = in.read(cbuf, off, (int) Math.min(len, room));
    if (n <= 0) {
      return n;
    }
    if (count + n > max) {
      int allowed = (int) (max - count);
      count = max;
      pending =
          new LimitExceededException(
              Limit.MAX_BYTES, max, max + 1, setting, ParseLocation.atByte(max));
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
