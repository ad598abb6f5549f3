package dev.bounded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The contract of every format's {@code Flow.Subscriber} of byte chunks (the public subscribers
 * over {@code dev.bounded.core.internal.FeedSubscriber}), against a hand-driven subscription:
 * demand one item at a time, the result, cancellation on a failure or a stop, the Flow rules, and
 * the deadline timer failing a stalled source with no thread waiting on it. A format's test extends
 * it and supplies subscribers and documents.
 *
 * @param <S> the format's subscriber type
 */
public abstract class SubscriberContract<S extends Flow.Subscriber<List<ByteBuffer>>> {

  /** A subscriber with the format's test limits and a handler that records or ignores events. */
  protected abstract S plain();

  /** As {@link #plain()}, with a maximum depth of 2. */
  protected abstract S maxDepth2();

  /** As {@link #plain()}, with this {@code maxParseMillis}. */
  protected abstract S deadline(long millis);

  /** A subscriber whose handler stops the parse at the first event of {@link #stopping()}. */
  protected abstract S stopper();

  /** A subscriber whose handler throws {@code boom} on the first element or container. */
  protected abstract S thrower(IOException boom);

  /** The subscriber's {@code result()}. */
  protected abstract CompletableFuture<?> result(S s);

  /**
   * A well-formed document as two items of two chunks each, for {@link #plain()}; {@link
   * #checkParsed} then checks what was parsed.
   */
  protected abstract String[][] wellFormed();

  /**
   * Checks the result value and events of {@link #wellFormed()} through the last {@link #plain}.
   */
  protected abstract void checkParsed(Object result);

  /** A malformed document, in one chunk. */
  protected abstract String malformed();

  /** Chunks opening three levels. */
  protected abstract String[] threeDeep();

  /** The start of a document, ending early. */
  protected abstract String incomplete();

  /** Chunks where {@link #stopper()} stops, then garbage. */
  protected abstract String[] stopping();

  /** Checks the result value of a stopped parse. */
  protected void checkStopped(Object result) {}

  /** Chunks starting the first element or container. */
  protected abstract String[] firstElement();

  /** The start of a document that stays open, and a unit that may be repeated inside it. */
  protected abstract String[] openAndUnit();

  /** Records demand and cancellation. */
  public static final class Upstream implements Flow.Subscription {
    public final AtomicLong requested = new AtomicLong();
    public final AtomicBoolean cancelled = new AtomicBoolean();

    @Override
    public void request(long n) {
      assertTrue(n > 0);
      requested.addAndGet(n);
    }

    @Override
    public void cancel() {
      cancelled.set(true);
    }
  }

  /** An item: one heap buffer per part, UTF-8. */
  public static List<ByteBuffer> item(String... parts) {
    return Arrays.stream(parts)
        .map(p -> ByteBuffer.wrap(p.getBytes(StandardCharsets.UTF_8)))
        .collect(Collectors.toList());
  }

  private Throwable failure(S s) {
    CompletionException e = assertThrows(CompletionException.class, () -> result(s).join());
    return e.getCause();
  }

  @Test
  void demandIsOneItemAtATimeAndTheResultCompletesAtTheEnd() {
    S s = plain();
    Upstream up = new Upstream();
    s.onSubscribe(up);
    assertEquals(1, up.requested.get());
    String[][] items = wellFormed();
    for (int i = 0; i < items.length; i++) {
      s.onNext(item(items[i]));
      assertEquals(i + 2, up.requested.get());
    }
    assertFalse(result(s).isDone());
    s.onComplete();
    checkParsed(result(s).join());
    assertFalse(up.cancelled.get());
  }

  @Test
  void malformedInputFailsTheResultTypedAndCancels() {
    S s = plain();
    Upstream up = new Upstream();
    s.onSubscribe(up);
    s.onNext(item(malformed()));
    assertInstanceOf(MalformedDocumentException.class, failure(s));
    assertTrue(up.cancelled.get());
    assertEquals(1, up.requested.get(), "no demand after a failure");
    s.onNext(item("ignored")); // a signal in flight after cancel: ignored (rule 2.8)
    s.onComplete();
  }

  @Test
  void aLimitFailsTheResultWithTheLimit() {
    S s = maxDepth2();
    Upstream up = new Upstream();
    s.onSubscribe(up);
    s.onNext(item(threeDeep()));
    LimitExceededException e = assertInstanceOf(LimitExceededException.class, failure(s));
    assertEquals(Limit.MAX_DEPTH, e.limit());
    assertEquals(2, e.maximum());
    assertTrue(up.cancelled.get());
  }

  @Test
  void anIncompleteBodyFailsAtCompletion() {
    S s = plain();
    s.onSubscribe(new Upstream());
    s.onNext(item(incomplete()));
    s.onComplete();
    assertInstanceOf(MalformedDocumentException.class, failure(s));
  }

  @Test
  void aStopCompletesTheResultAndCancels() {
    S s = stopper();
    Upstream up = new Upstream();
    s.onSubscribe(up);
    s.onNext(item(stopping()));
    checkStopped(result(s).join());
    assertTrue(up.cancelled.get());
  }

  @Test
  void theHandlersExceptionAndTheSourcesErrorPassUnchanged() {
    IOException boom = new IOException("handler");
    S s = thrower(boom);
    Upstream up = new Upstream();
    s.onSubscribe(up);
    s.onNext(item(firstElement()));
    assertSame(boom, failure(s));
    assertTrue(up.cancelled.get());

    S t = plain();
    t.onSubscribe(new Upstream());
    IOException reset = new IOException("connection reset");
    t.onError(reset);
    assertSame(reset, failure(t));
  }

  @Test
  void flowRulesNullsAndASecondSubscription() {
    S s = plain();
    assertThrows(NullPointerException.class, () -> s.onSubscribe(null));
    Upstream first = new Upstream();
    s.onSubscribe(first);
    Upstream second = new Upstream();
    s.onSubscribe(second);
    assertTrue(second.cancelled.get());
    assertEquals(0, second.requested.get());
    assertThrows(NullPointerException.class, () -> s.onNext(null));
    assertThrows(NullPointerException.class, () -> s.onError(null));
  }

  /** A source that sends one item and then nothing: the timer fails the parse on its deadline. */
  @Test
  void aStalledSourceFailsOnTheDeadlineWithNoThreadWaiting() {
    long deadline = 300;
    long start = System.nanoTime();
    S s = deadline(deadline);
    Upstream up = new Upstream();
    s.onSubscribe(up);
    String[] open = openAndUnit();
    s.onNext(item(open[0], open[1]));
    // nobody calls onNext again; this thread only waits for the result
    Throwable t =
        assertThrows(
                ExecutionException.class,
                () -> result(s).get(deadline + 5000, TimeUnit.MILLISECONDS))
            .getCause();
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    LimitExceededException e = assertInstanceOf(LimitExceededException.class, t);
    assertEquals(Limit.MAX_PARSE_MILLIS, e.limit());
    assertEquals(deadline, e.maximum());
    // A timer that never fires fails the get above; this bar only allows for a late timer on a
    // loaded machine.
    assertTrue(tookMs >= deadline && tookMs < deadline + 4000, "took " + tookMs + " ms");
    assertTrue(up.cancelled.get(), "the subscription is cancelled");
    s.onNext(item(open[1])); // late data after the timeout: ignored
  }

  @Test
  void aDeadlineThatPassesBeforeTheSubscriptionCancelsIt() {
    S s = deadline(50);
    assertInstanceOf(LimitExceededException.class, failure(s));
    Upstream late = new Upstream();
    s.onSubscribe(late);
    assertTrue(late.cancelled.get());
    assertEquals(0, late.requested.get());
  }

  /** Detects overlapping calls to request and cancel (rule 2.7) and demand after cancel. */
  static final class SerialUpstream implements Flow.Subscription {
    final AtomicInteger inside = new AtomicInteger();
    volatile boolean cancelled;
    volatile String violation;

    private void enter() {
      if (inside.incrementAndGet() != 1) {
        violation = "request and cancel overlapped";
      }
      for (int i = 0; i < 200; i++) {
        Thread.onSpinWait(); // widen the window
      }
    }

    @Override
    public void request(long n) {
      enter();
      if (cancelled) {
        violation = "request after cancel";
      }
      inside.decrementAndGet();
    }

    @Override
    public void cancel() {
      enter();
      cancelled = true;
      inside.decrementAndGet();
    }
  }

  /**
   * Many parses whose deadlines pass while items are being fed: each result completes exactly once
   * (with the deadline breach), request and cancel never overlap, and no demand follows a cancel.
   */
  @Test
  void theTimerAndTheSignalThreadNeverCallTheSubscriptionAtOnce() {
    String[] open = openAndUnit();
    for (int i = 0; i < 200; i++) {
      S s = deadline(1 + i % 5);
      SerialUpstream up = new SerialUpstream();
      s.onSubscribe(up);
      s.onNext(item(open[0]));
      long end = System.nanoTime() + 20_000_000;
      while (!result(s).isDone() && System.nanoTime() < end) {
        s.onNext(item(open[1]));
      }
      LimitExceededException e = assertInstanceOf(LimitExceededException.class, failure(s));
      assertEquals(Limit.MAX_PARSE_MILLIS, e.limit());
      assertTrue(up.cancelled, "cancelled");
      assertEquals(null, up.violation);
    }
  }
}
