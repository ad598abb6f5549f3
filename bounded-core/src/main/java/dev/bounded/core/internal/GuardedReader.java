package dev.bounded.core.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.Objects;
import org.apache.commons.io.input.ProxyReader;

/**
 * The character twin of {@link GuardedInputStream}: on commons-io's {@link ProxyReader}, whose
 * {@code beforeRead} hook checks the parse's {@link ParseGuard} before every read from the source.
 * The character limit is core's {@link dev.bounded.core.LimitedReader}, layered by the caller where
 * it needs the count. Closing it closes the source. Not thread-safe.
 */
public final class GuardedReader extends ProxyReader {
  private final ParseGuard guard;

  private GuardedReader(Reader in, ParseGuard guard) {
    super(in);
    this.guard = guard;
  }

  /**
   * {@code source} checked against {@code guard} at every read; {@code source} itself when the
   * guard checks nothing ({@link ParseGuard#NONE} or null).
   */
  public static Reader of(Reader source, ParseGuard guard) {
    Objects.requireNonNull(source, "source");
    return guard == null || guard == ParseGuard.NONE ? source : new GuardedReader(source, guard);
  }

  @Override
  protected void beforeRead(int n) throws IOException {
    guard.check();
  }
}
