package dev.bounded.json.internal;

import dev.bounded.core.internal.ParseGuard;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/** Checks the parse's {@link ParseGuard} (deadline, allocation cap) before every read. */
final class GuardedReader extends FilterReader {
  private final ParseGuard guard;

  GuardedReader(Reader in, ParseGuard guard) {
    super(in);
    this.guard = guard;
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    guard.check();
    return in.read(cbuf, off, len);
  }

  @Override
  public int read() throws IOException {
    guard.check();
    return in.read();
  }
}
