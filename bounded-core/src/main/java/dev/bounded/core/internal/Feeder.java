package dev.bounded.core.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

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
  boolean feed(ByteBuffer chunk) throws IOException;

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
