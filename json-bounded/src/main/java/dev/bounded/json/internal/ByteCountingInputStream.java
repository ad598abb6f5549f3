package dev.bounded.json.internal;

import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.ParseLocation;
import dev.bounded.core.internal.ParseGuard;
import java.io.IOException;
import java.io.InputStream;

/**
 * The byte source Jackson reads when {@code maxBytes} can be reached or the parse has a deadline or
 * allocation cap: hands out at most {@code max} bytes, never pulls more than one byte past the
 * limit from the source, and fails the read after the last allowed byte with {@link
 * Limit#MAX_BYTES}; checks the parse's {@link ParseGuard} before every read, so a trickling source
 * is caught between two tokens. Costs a few instructions per read call (Jackson reads 8000 bytes at
 * a time), nothing per byte.
 *
 * <p>Jackson's encoding detection reads the first bytes eagerly, before the parser exists; a breach
 * among them is signalled as end of input until {@link #opened()}, so that the parser is created,
 * delivers the events before the breach, and then meets the breach on its next read. Not
 * thread-safe.
 */
final class ByteCountingInputStream extends InputStream {
  private final InputStream in;
  private final long max;

  /** Null when the parse has neither deadline nor allocation cap. */
  private final ParseGuard guard;

  private long count;
  private LimitExceededException pending;
  private boolean opening = true;

  ByteCountingInputStream(InputStream in, long max, ParseGuard guard) {
    this.in = in;
    this.max = max;
    this.guard = guard;
  }

  /** The parser exists: from now on a breach is thrown. */
  void opened() {
    opening = false;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n <= 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (pending != null) {
      return failed();
    }
    if (len == 0) {
      return 0;
    }
    if (guard != null) {
      guard.check();
    }
    long room = max - count;
    // Ask for at most one byte past the limit.
    int n = in.read(b, off, room >= len ? len : (int) room + 1);
    if (n <= 0) {
      return n;
    }
    if (n > room) {
      count = max;
      pending =
          new LimitExceededException(
              Limit.MAX_BYTES, max, max + 1, "JsonLimits.maxBytes", ParseLocation.atByte(max));
      return room > 0 ? (int) room : failed();
    }
    count += n;
    return n;
  }

  private int failed() throws IOException {
    if (opening) {
      return -1;
    }
    throw pending;
  }

  @Override
  public int available() throws IOException {
    return pending != null ? 0 : (int) Math.min(in.available(), max - count);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
