package dev.bounded.xml.internal;

import dev.bounded.core.internal.ParseGuard;
import java.io.FilterInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * Checks a parse's {@link ParseGuard} at every read from the source, so a trickling source (a few
 * bytes per read, slowly) breaks the deadline between two events, not only every 16 events. A read
 * that blocks is not interrupted: the check runs when it returns. The caller's stream is not
 * closed.
 */
final class GuardedSource {
  private GuardedSource() {}

  /** {@code in}, checked at each read; {@code in} itself when the guard checks nothing. */
  static InputStream of(InputStream in, ParseGuard guard) {
    if (guard == ParseGuard.NONE) {
      return in;
    }
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        guard.check();
        return super.read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        guard.check();
        return super.read(b, off, len);
      }
    };
  }

  /** {@code in}, checked at each read; {@code in} itself when the guard checks nothing. */
  static Reader of(Reader in, ParseGuard guard) {
    if (guard == ParseGuard.NONE) {
      return in;
    }
    return new FilterReader(in) {
      @Override
      public int read() throws IOException {
        guard.check();
        return super.read();
      }

      @Override
      public int read(char[] b, int off, int len) throws IOException {
        guard.check();
        return super.read(b, off, len);
      }
    };
  }
}
