package dev.bounded.core.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * A non-blocking parse fed chunk by chunk: what {@link FeedSubscriber} drives. Each module's feeder
 * (JSON's, later XML's) implements it over its own push loop. Not thread-safe: one caller at a
 * time, as the Reactive Streams rules serialize a subscriber's signals.
 *
 * @param <R> what the parse returns at its end, as the blocking parse does
 */
public interface Feeder<R> {

  /**
   * Parses the chunk's remaining bytes (its position moves to its limit) and delivers their events.
   * Nothing of the chunk is kept after the call.
   *
   * @return false once the parse has ended early (a handler stopped it): no more input is wanted
   * @throws IOException the typed error of the input, or whatever the handler throws
   */
  default boolean feed(ByteBuffer chunk) throws IOException {
    return feed(chunk, this::feed, this::scratch);
  }

  /** Where {@link #feed(ByteBuffer, Sink, Supplier)} hands the bytes: an array range. */
  @FunctionalInterface
  interface Sink {
    /**
     * Takes {@code len} bytes of {@code b} from {@code off}; nothing of the array may be kept.
     *
     * @return false once no more input is wanted
     */
    boolean take(byte[] b, int off, int len) throws IOException;
  }

  /**
   * Hands {@code chunk}'s remaining bytes to {@code sink} as array ranges (its position moves to
   * its limit): a heap buffer in place, a direct one copied through {@code scratch} piece by piece
   * (stopping early once the sink wants no more). An empty buffer is one empty range.
   *
   * @return what the sink returned last
   */
  static boolean feed(ByteBuffer chunk, Sink sink, Supplier<byte[]> scratch) throws IOException {
    if (chunk.hasArray()) {
      int n = chunk.remaining();
      boolean more = sink.take(chunk.array(), chunk.arrayOffset() + chunk.position(), n);
      chunk.position(chunk.limit());
      return more;
    }
    if (!chunk.hasRemaining()) {
      return sink.take(new byte[0], 0, 0);
    }
    byte[] s = scratch.get();
    boolean more = true;
    while (more && chunk.hasRemaining()) {
      int n = Math.min(s.length, chunk.remaining());
      chunk.get(s, 0, n);
      more = sink.take(s, 0, n);
    }
    chunk.position(chunk.limit());
    return more;
  }

  /**
   * Parses {@code len} bytes of {@code chunk} from {@code off} and delivers their events; nothing
   * of the array is kept after the call.
   *
   * @return false once the parse has ended early (a handler stopped it)
   * @throws IOException the typed error of the input, or whatever the handler throws
   */
  boolean feed(byte[] chunk, int off, int len) throws IOException;

  /** The array direct buffers are copied through (made once per feeder, reused). */
  byte[] scratch();

  /** The input has ended: finishes the parse and returns its result. */
  R endOfInput() throws IOException;

  /** The parse's deadline (checked on every feed); used to fail it between feeds. */
  ParseGuard guard();

  /**
   * Ends the parse early without a result, releasing what it holds; never throws. Called after a
   * failure or a cancelled upstream.
   */
  void abandon();
}
