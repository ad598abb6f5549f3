package dev.bounded.core.internal;

import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.LimitedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.apache.commons.io.input.CloseShieldInputStream;
import org.apache.commons.io.input.ProxyInputStream;

/**
 * The one guarded, limited byte source every parse reads through (XML, JSON, the feed reader's
 * command line): on commons-io's {@link ProxyInputStream}, whose {@code beforeRead} hook checks the
 * parse's {@link ParseGuard} (deadline, allocation cap) before every read from the source, so a
 * trickling source is caught between two events, and whose {@code afterRead} hook counts the bytes
 * handed out. The byte limit is core's {@link LimitedInputStream} underneath (never more than one
 * byte past the limit pulled from the source; a source of exactly {@code maxBytes} bytes reads to a
 * normal end, one more fails with {@link Limit#MAX_BYTES} on the read after the bytes up to the
 * limit). Costs a few calls per read call (parsers read thousands of bytes at a time), nothing per
 * byte. Closing it closes the source (wrap the source in {@link #unclosed} to keep it open). Not
 * thread-safe, except that {@link #count()} may be read from any thread (a progress line).
 */
public final class GuardedInputStream extends ProxyInputStream {
  /** Null when the parse has neither deadline nor allocation cap. */
  private final ParseGuard guard;

  private volatile long count;
  private boolean holding;

  private GuardedInputStream(InputStream in, ParseGuard guard) {
    super(in);
    this.guard = guard == ParseGuard.NONE ? null : guard;
  }

  /**
   * {@code source}, limited to {@code maxBytes} (reported with {@code setting}, such as {@code
   * "XmlLimits.maxBytes"}) and checked against {@code guard} at every read.
   *
   * @param maxBytes inclusive maximum, or {@link LimitedInputStream#UNLIMITED}
   * @param guard the parse's guard, {@link ParseGuard#NONE} or null for none
   */
  public static GuardedInputStream of(
      InputStream source, long maxBytes, String setting, ParseGuard guard) {
    Objects.requireNonNull(source, "source");
    InputStream limited =
        maxBytes == LimitedInputStream.UNLIMITED
            ? source
            : LimitedInputStream.of(source, maxBytes, setting);
    return new GuardedInputStream(limited, guard);
  }

  /** {@code source}, only counted: no limit, no guard (the command line's progress). */
  public static GuardedInputStream counting(InputStream source) {
    return new GuardedInputStream(Objects.requireNonNull(source, "source"), null);
  }

  /** {@code source} with {@code close()} shielded: the caller's stream stays open. */
  public static InputStream unclosed(InputStream source) {
    return CloseShieldInputStream.wrap(Objects.requireNonNull(source, "source"));
  }

  /**
   * While {@code hold} is true, a {@link Limit#MAX_BYTES} breach reads as the end of the input
   * instead of throwing; the breach is thrown by the first read after {@code hold(false)}. For
   * Jackson's encoding detection, which reads the first bytes before the parser exists: the parser
   * is then created, delivers the events before the breach, and meets it on its next read.
   */
  public void hold(boolean hold) {
    holding = hold;
  }

  /** Bytes handed out so far (at most {@code maxBytes}). Readable from any thread. */
  public long count() {
    return count;
  }

  @Override
  protected void beforeRead(int n) throws IOException {
    if (guard != null) {
      guard.check();
    }
  }

  @Override
  protected void afterRead(int n) {
    if (n > 0) {
      count += n;
    }
  }

  @Override
  protected void handleIOException(IOException e) throws IOException {
    if (holding && e instanceof LimitExceededException && isByteLimit(e)) {
      return; // read as the end of the input (ProxyInputStream returns -1); thrown again later
    }
    throw e;
  }

  private static boolean isByteLimit(IOException e) {
    return ((LimitExceededException) e).limit() == Limit.MAX_BYTES;
  }
}
