package dev.bounded.json.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.internal.Feeder;
import dev.bounded.core.internal.ParseGuard;
import dev.bounded.json.JsonHandler;
import dev.bounded.json.JsonLimits;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Function;

/**
 * The push parse behind {@code JsonFeeder} and {@code JsonSubscriber}: a bounded non-blocking
 * parser (Jackson's {@code NonBlockingJsonParser} behind {@link BoundedJsonParser} and its {@link
 * NonBlockingFeeder}) drained by the same {@link PushLoop} as the blocking char parse after every
 * chunk. Heap byte buffers are fed in place; direct ones through one 8 KB scratch array. Not
 * thread-safe.
 */
public final class FeedPush<R> implements Feeder<R> {
  private static final int SCRATCH = 8192;

  private final JsonParser parser;
  private final ByteArrayFeeder input;
  private final PushLoop loop;
  private final ParseGuard guard;
  private final Function<PushLoop, R> result;
  private byte[] scratch;

  /** Bytes handed to the parser: what the stats report (Jackson's locations count them twice). */
  private long fed;

  /** Set once the parse has ended: "end of input" or the failure. */
  private Object ended;

  private FeedPush(
      JsonParser parser, JsonHandler h, ParseGuard guard, Function<PushLoop, R> result) {
    this.parser = parser;
    this.result = result;
    this.input = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    this.loop = new PushLoop((BoundedParser) parser, h, false);
    this.guard = guard;
  }

  /**
   * A feeder parsing one document under {@code limits}; the deadline starts now. {@code result}
   * turns the finished loop into what {@link #endOfInput()} returns (the blocking parse's stats).
   *
   * @throws IllegalArgumentException if {@code limits} caps allocation, which counts one thread
   */
  public static <R> FeedPush<R> start(
      JsonLimits limits, JsonHandler handler, Function<PushLoop, R> result) {
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(handler, "handler");
    if (limits.maxAllocatedBytes() != JsonLimits.UNLIMITED) {
      throw new IllegalArgumentException(
          "JsonLimits.maxAllocatedBytes counts the allocations of one thread, and a feeder is fed"
              + " from any thread: lift it (JsonLimits.UNLIMITED) for a feeder or subscriber; its"
              + " heap is bounded by maxStringLength, maxNameLength, maxNumberLength and maxDepth");
    }
    ParseGuard guard = ParseGuard.start(limits.maxParseMillis(), Long.MAX_VALUE, "JsonLimits");
    JsonParser p;
    try {
      p = BoundedJsonFactory.shared(limits).createNonBlockingByteArrayParser();
    } catch (IOException e) {
      throw new IllegalStateException(e); // no input read yet: Jackson declares, never throws
    }
    return new FeedPush<>(p, handler, guard, result);
  }

  /** As {@code JsonFeeder.feed(byte[], int, int)}. */
  @Override
  public boolean feed(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (!open()) {
      return false;
    }
    try {
      checkDeadline();
      if (len == 0) {
        return true;
      }
      try {
        input.feedInput(b, off, off + len);
        fed += len;
      } catch (IOException e) {
        // The pre-scanner refused the chunk's first byte: nothing was fed. The parser's next token
        // reports the breach where it stands, located as when the breach comes mid-chunk.
        if (JacksonErrors.carried(e) == null) {
          throw e;
        }
      }
      return !loop.drive();
    } catch (Throwable e) {
      failed(e);
      throw e;
    }
  }

  @Override
  public byte[] scratch() {
    byte[] s = scratch;
    if (s == null) {
      s = scratch = new byte[SCRATCH];
    }
    return s;
  }

  @Override
  public R endOfInput() throws IOException {
    if (ended instanceof Throwable) {
      throw new IllegalStateException("The parse has failed", (Throwable) ended);
    }
    if (ended != null) {
      throw new IllegalStateException("endOfInput() was called already");
    }
    if (!loop.stopped()) {
      try {
        checkDeadline();
        input.endOfInput();
        if (!loop.drive()) {
          throw JacksonErrors.malformed("Unexpected end of input", loop.located()); // cannot happen
        }
      } catch (Throwable e) {
        failed(e);
        throw e;
      }
    }
    ended = "end of input";
    close();
    loop.counted(fed);
    return result.apply(loop);
  }

  @Override
  public ParseGuard guard() {
    return guard;
  }

  @Override
  public void abandon() {
    if (ended == null) {
      ended = new IllegalStateException("The parse was abandoned");
    }
    close();
  }

  /** True while input is wanted; throws if the feeder can no longer be fed. */
  private boolean open() {
    if (ended instanceof Throwable) {
      throw new IllegalStateException("The parse has failed", (Throwable) ended);
    }
    if (ended != null) {
      throw new IllegalStateException("endOfInput() was called already");
    }
    return !loop.stopped();
  }

  private void checkDeadline() throws IOException {
    try {
      guard.check();
    } catch (LimitExceededException e) {
      throw PushLoop.ours(JacksonErrors.translate(e, loop.located()), loop.parser());
    }
  }

  private void failed(Throwable e) {
    ended = e;
    close();
  }

  private void close() {
    try {
      parser.close();
    } catch (IOException | RuntimeException e) {
      // nothing to release beyond the buffers; a close failure changes no outcome
    }
  }
}
