package dev.bounded.json.internal;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.LimitedInputStream;
import dev.bounded.json.JsonLimits;
import java.io.IOException;
import java.io.InputStream;

/**
 * The byte source Jackson reads: {@link LimitedInputStream} (exact {@code maxBytes}) under a {@link
 * Scanner}. A breach found in a chunk hands Jackson the bytes before it, then fails the next read
 * with the breach as a Jackson-typed exception, so every event before it is delivered.
 */
final class ScanningInputStream extends InputStream {
  private final InputStream in;
  private final Scanner scanner;
  private IOException pending;
  private boolean opening = true;

  ScanningInputStream(InputStream source, JsonLimits limits) {
    this.in = LimitedInputStream.of(source, limits.maxBytes(), "JsonLimits.maxBytes");
    this.scanner = new Scanner(limits, true);
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
    int n;
    try {
      n = in.read(b, off, len);
    } catch (BoundedParseException e) {
      pending = Errors.toJackson(e);
      return failed();
    }
    if (n <= 0) {
      return n;
    }
    int end = off + n;
    int stop = scanner.scan(b, off, end);
    if (stop == end) {
      return n;
    }
    pending = Errors.toJackson(scanner.failure());
    if (stop > off) {
      return stop - off;
    }
    return failed();
  }

  /** The parser exists: from now on a breach is thrown. */
  void opened() {
    opening = false;
  }

  /**
   * Throws the pending breach. Jackson's encoding detection reads the first bytes eagerly, before
   * the parser exists; a limit breach among them is signalled as end of input until {@link
   * #opened()}, so that the parser is created, delivers the events before the breach, and then
   * meets the breach on its next read, with a line and column. Encoding errors throw at once.
   */
  private int failed() throws IOException {
    if (opening && pending instanceof Errors.BoundedStreamConstraintsException) {
      return -1;
    }
    throw pending;
  }

  @Override
  public int available() throws IOException {
    return pending != null ? 0 : in.available();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
