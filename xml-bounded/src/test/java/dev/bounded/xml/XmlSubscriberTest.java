package dev.bounded.xml;

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
 * {@link XmlSubscriber} against a hand-driven subscription: demand one item at a time, the result
 * (the blocking parse's {@link XmlStats}), cancellation on a failure or a stop, the Flow rules, and
 * the deadline timer failing a stalled source with no thread waiting on it.
 */
class XmlSubscriberTest {
  private static final XmlLimits LIMITS = FeederTest.BOUNDED;

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

  private static Throwable failure(XmlSubscriber s) {
    CompletionException e = assertThrows(CompletionException.class, () -> s.result().join());
    return e.getCause();
  }

  private static XmlLimits.Builder limits() {
    return XmlLimits.builder().engine(XmlEngine.BOUNDED);
  }

  @Test
  void demandIsOneItemAtATimeAndTheResultIsTheBlockingParsesStats() throws IOException {
    Recorder r = new Recorder();
    XmlSubscriber s = BoundedXml.subscriber(LIMITS, r);
    Upstream up = new Upstream();
    s.onSubscribe(up);
    assertEquals(1, up.requested.get());
    s.onNext(item("<r a='1'><x>te", "xt</x"));
    assertEquals(2, up.requested.get());
    s.onNext(item("><!--c--></r>", "\n"));
    assertEquals(3, up.requested.get());
    assertFalse(s.result().isDone());
    s.onComplete();
    XmlStats stats = s.result().join();
    assertEquals(List.of("S:r a=1", "S:x", "T:text", "E:x", "C:c", "E:r", "END"), r.events);
    assertFalse(up.cancelled.get());
    String doc = "<r a='1'><x>text</x><!--c--></r>\n";
    assertEquals(
        BoundedXml.parse(doc.getBytes(StandardCharsets.UTF_8), LIMITS, new Recorder()).toString(),
        stats.toString());
    assertTrue(stats.complete());
  }

  @Test
  void malformedInputFailsTheResultTypedAndCancels() {
    XmlSubscriber s = BoundedXml.subscriber(LIMITS, new Recorder());
    Upstream up = new Upstream();
    s.onSubscribe(up);
    s.onNext(item("<r></x>"));
    assertInstanceOf(MalformedDocumentException.class, failure(s));
    assertTrue(up.cancelled.get());
    assertEquals(1, up.requested.get(), "no demand after a failure");
    s.onNext(item("ignored")); // a signal in flight after cancel: ignored (rule 2.8)
    s.onComplete();
  }

  @Test
  void aLimitFailsTheResultWithTheLimit() {
    XmlSubscriber s = BoundedXml.subscriber(limits().maxDepth(2).build(), new Recorder());
    Upstream up = new Upstream();
    s.onSubscribe(up);
    s.onNext(item("<a><b>", "<c>"));
    LimitExceededException e = assertInstanceOf(LimitExceededException.class, failure(s));
    assertEquals(Limit.MAX_DEPTH, e.limit());
    assertEquals(2, e.maximum());
    assertTrue(up.cancelled.get());
  }

  @Test
  void anIncompleteBodyFailsAtCompletion() {
    XmlSubscriber s = BoundedXml.subscriber(LIMITS, new Recorder());
    s.onSubscribe(new Upstream());
    s.onNext(item("<r><a>"));
    s.onComplete();
    assertInstanceOf(MalformedDocumentException.class, failure(s));
  }

  @Test
  void aStopCompletesTheResultIncompleteAndCancels() {
    XmlSubscriber s =
        BoundedXml.subscriber(
            LIMITS,
            new XmlHandler() {
              private XmlContext ctx;

              @Override
              public void startDocument(XmlContext context) {
                ctx = context;
              }

              @Override
              public void startElement(String ns, String local, String p, XmlAttributes a) {
                if (local.equals("enough")) {
                  ctx.stop();
                }
              }
            });
    Upstream up = new Upstream();
    s.onSubscribe(up);
    s.onNext(item("<r><enough/>", "not xml at all <<"));
    assertFalse(s.result().join().complete());
    assertTrue(up.cancelled.get());
  }

  @Test
  void theHandlersExceptionAndTheSourcesErrorPassUnchanged() {
    IOException boom = new IOException("handler");
    XmlSubscriber s =
        BoundedXml.subscriber(
            LIMITS,
            new XmlHandler() {
              @Override
              public void startElement(String ns, String local, String p, XmlAttributes a)
                  throws IOException {
                throw boom;
              }
            });
    Upstream up = new Upstream();
    s.onSubscribe(up);
    s.onNext(item("<r>", "<a>")); // the first four bytes are held until the encoding is sniffed
    assertSame(boom, failure(s));
    assertTrue(up.cancelled.get());

    XmlSubscriber t = BoundedXml.subscriber(LIMITS, new Recorder());
    t.onSubscribe(new Upstream());
    IOException reset = new IOException("connection reset");
    t.onError(reset);
    assertSame(reset, failure(t));
  }

  @Test
  void flowRulesNullsAndASecondSubscription() {
    XmlSubscriber s = BoundedXml.subscriber(LIMITS, new Recorder());
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
    XmlSubscriber s =
        BoundedXml.subscriber(limits().maxParseMillis(deadline).build(), new Recorder());
    Upstream up = new Upstream();
    s.onSubscribe(up);
    s.onNext(item("<r><a>1</a>"));
    // nobody calls onNext again; this thread only waits for the result
    Throwable t =
        assertThrows(
                java.util.concurrent.ExecutionException.class,
                () -> s.result().get(deadline + 5000, TimeUnit.MILLISECONDS))
            .getCause();
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    LimitExceededException e = assertInstanceOf(LimitExceededException.class, t);
    assertEquals(Limit.MAX_PARSE_MILLIS, e.limit());
    assertEquals(deadline, e.maximum());
    // The defect class: a deadline checked only when data arrives, which never fires here (the
    // get above times out). The upper bar only allows for a timer thread late on a loaded machine.
    assertTrue(tookMs >= deadline && tookMs < deadline + 4000, "took " + tookMs + " ms");
    assertTrue(up.cancelled.get(), "the subscription is cancelled");
    s.onNext(item("</r>")); // late data after the timeout: ignored
  }

  @Test
  void aDeadlineThatPassesBeforeTheSubscriptionCancelsIt() {
    XmlSubscriber s = BoundedXml.subscriber(limits().maxParseMillis(50).build(), new Recorder());
    assertInstanceOf(LimitExceededException.class, failure(s));
    Upstream late = new Upstream();
    s.onSubscribe(late);
    assertTrue(late.cancelled.get());
    assertEquals(0, late.requested.get());
  }
}
