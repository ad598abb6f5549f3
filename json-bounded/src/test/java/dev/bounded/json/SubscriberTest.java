package dev.bounded.json;

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
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonSubscriber} against a hand-driven subscription: demand one item at a time, the result,
 * cancellation on a failure or a STOP, the Flow rules, and the deadline timer failing a stalled
 * source with no thread waiting on it.
 */
class SubscriberTest {

  /** Records demand and cancellation. */
  static final class Upstream implements Flow.Subscription {
    final AtomicLong requested = new AtomicLong();
    final AtomicBoolean cancelled = new AtomicBoolean();

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

  private static List<ByteBuffer> item(String... parts) {
    return java.util.Arrays.stream(parts)
        .map(p -> ByteBuffer.wrap(p.getBytes(StandardCharsets.UTF_8)))
        .collect(java.util.stream.Collectors.toList());
  }

  private static Throwable failure(JsonSubscriber s) {
    CompletionException e = assertThrows(CompletionException.class, () -> s.result().join());
    return e.getCause();
  }

  @Test
  void demandIsOneItemAtATimeAndTheResultCompletesAtTheEnd() {
    Recorder r = new Recorder();
    JsonSubscriber s = BoundedJson.subscriber(JsonLimits.defaults(), r);
    Upstream up = new Upstream();
    s.onSubscribe(up);
    assertEquals(1, up.requested.get());
    s.onNext(item("[1,", "{\"a\""));
    assertEquals(2, up.requested.get());
    s.onNext(item(":true}", ",\"x\"]"));
    assertEquals(3, up.requested.get());
    assertFalse(s.result().isDone());
    s.onComplete();
    s.result().join();
    assertEquals(
        List.of("[", "number:1", "{", "name:a", "bool:true", "}", "string:x", "]"), r.events);
    assertFalse(up.cancelled.get());
  }

  @Test
  void malformedInputFailsTheResultTypedAndCancels() {
    JsonSubscriber s = BoundedJson.subscriber(JsonLimits.defaults(), new Recorder());
    Upstream up = new Upstream();
    s.onSubscribe(up);
    s.onNext(item("[1,]"));
    assertInstanceOf(MalformedDocumentException.class, failure(s));
    assertTrue(up.cancelled.get());
    assertEquals(1, up.requested.get(), "no demand after a failure");
    s.onNext(item("ignored")); // a signal in flight after cancel: ignored (rule 2.8)
    s.onComplete();
  }

  @Test
  void aLimitFailsTheResultWithTheLimit() {
    JsonSubscriber s =
        BoundedJson.subscriber(JsonLimits.builder().maxDepth(2).build(), new Recorder());
    Upstream up = new Upstream();
    s.onSubscribe(up);
    s.onNext(item("[[", "["));
    LimitExceededException e = assertInstanceOf(LimitExceededException.class, failure(s));
    assertEquals(Limit.MAX_DEPTH, e.limit());
    assertTrue(up.cancelled.get());
  }

  @Test
  void anIncompleteBodyFailsAtCompletion() {
    JsonSubscriber s = BoundedJson.subscriber(JsonLimits.defaults(), new Recorder());
    s.onSubscribe(new Upstream());
    s.onNext(item("{\"a\":"));
    s.onComplete();
    assertInstanceOf(MalformedDocumentException.class, failure(s));
  }

  @Test
  void aStopCompletesTheResultAndCancels() {
    JsonSubscriber s =
        BoundedJson.subscriber(
            JsonLimits.defaults(),
            new JsonHandler() {
              @Override
              public Control number(JsonNumber value) {
                return Control.STOP;
              }
            });
    Upstream up = new Upstream();
    s.onSubscribe(up);
    s.onNext(item("[\"a\",1,", "not json at all"));
    s.result().join();
    assertTrue(up.cancelled.get());
  }

  @Test
  void theHandlersExceptionAndTheSourcesErrorPassUnchanged() {
    IOException boom = new IOException("handler");
    JsonSubscriber s =
        BoundedJson.subscriber(
            JsonLimits.defaults(),
            new JsonHandler() {
              @Override
              public Control startArray() throws IOException {
                throw boom;
              }
            });
    Upstream up = new Upstream();
    s.onSubscribe(up);
    s.onNext(item("["));
    assertSame(boom, failure(s));
    assertTrue(up.cancelled.get());

    JsonSubscriber t = BoundedJson.subscriber(JsonLimits.defaults(), new Recorder());
    t.onSubscribe(new Upstream());
    IOException reset = new IOException("connection reset");
    t.onError(reset);
    assertSame(reset, failure(t));
  }

  @Test
  void flowRulesNullsAndASecondSubscription() {
    JsonSubscriber s = BoundedJson.subscriber(JsonLimits.defaults(), new Recorder());
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
  void aStalledSourceFailsOnTheDeadlineWithNoThreadWaiting() throws Exception {
    long deadline = 300;
    long start = System.nanoTime();
    JsonSubscriber s =
        BoundedJson.subscriber(
            JsonLimits.builder().maxParseMillis(deadline).build(), new Recorder());
    Upstream up = new Upstream();
    s.onSubscribe(up);
    s.onNext(item("[1,2,"));
    // nobody calls onNext again; this thread only waits for the result
    Throwable t =
        assertThrows(
                java.util.concurrent.ExecutionException.class,
                () -> s.result().get(deadline + 2000, TimeUnit.MILLISECONDS))
            .getCause();
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    LimitExceededException e = assertInstanceOf(LimitExceededException.class, t);
    assertEquals(Limit.MAX_PARSE_MILLIS, e.limit());
    assertEquals(deadline, e.maximum());
    assertTrue(tookMs >= deadline && tookMs < deadline + 1000, "took " + tookMs + " ms");
    assertTrue(up.cancelled.get(), "the subscription is cancelled");
    s.onNext(item("3]")); // late data after the timeout: ignored
  }

  @Test
  void aDeadlineThatPassesBeforeTheSubscriptionCancelsIt() throws Exception {
    JsonSubscriber s =
        BoundedJson.subscriber(JsonLimits.builder().maxParseMillis(50).build(), new Recorder());
    assertInstanceOf(LimitExceededException.class, failure(s));
    Upstream late = new Upstream();
    s.onSubscribe(late);
    assertTrue(late.cancelled.get());
    assertEquals(0, late.requested.get());
  }

  /** Detects overlapping calls to request and cancel (rule 2.7) and demand after cancel. */
  static final class SerialUpstream implements Flow.Subscription {
    final java.util.concurrent.atomic.AtomicInteger inside =
        new java.util.concurrent.atomic.AtomicInteger();
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
   * (with the deadline breach or normally), request and cancel never overlap, and no demand follows
   * a cancel.
   */
  @Test
  void theTimerAndTheSignalThreadNeverCallTheSubscriptionAtOnce() throws Exception {
    for (int i = 0; i < 200; i++) {
      JsonSubscriber s =
          BoundedJson.subscriber(
              JsonLimits.builder().maxParseMillis(1 + i % 5).build(), new Recorder());
      SerialUpstream up = new SerialUpstream();
      s.onSubscribe(up);
      s.onNext(item("["));
      long end = System.nanoTime() + 20_000_000;
      while (!s.result().isDone() && System.nanoTime() < end) {
        s.onNext(item("1,"));
      }
      Throwable t = failure(s);
      LimitExceededException e = assertInstanceOf(LimitExceededException.class, t);
      assertEquals(Limit.MAX_PARSE_MILLIS, e.limit());
      assertTrue(up.cancelled, "cancelled");
      assertEquals(null, up.violation);
    }
  }
}
