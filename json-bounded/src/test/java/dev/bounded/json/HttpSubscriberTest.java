package dev.bounded.json;

import dev.bounded.testkit.Loopback;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Real parts: the JDK's {@code HttpClient.sendAsync} against a loopback {@code
 * com.sun.net.httpserver} server, the body parsed through {@link BoundedJson#subscriber} as it
 * streams. The gigabyte run in a small heap is {@link HttpSubscriberIT}, with the other soak tests.
 */
class HttpSubscriberTest {

  /**
   * A server that sends its first megabyte and then stalls: the parse fails on its deadline while
   * the server is still stalled, and meanwhile no thread is in a socket read.
   */
  @Test
  void aServerThatStallsAfterItsFirstMegabyteFailsOnTheDeadlineWithNoThreadReading()
      throws Exception {
    long units = (1 << 20) / HttpFeedMain.UNIT.length();
    try (Loopback server =
        Loopback.stallingAfter(() -> new Generated("[", HttpFeedMain.UNIT, 1 << 20, ""))) {
      long deadline = 6000; // from creation: connecting and the first megabyte fit well inside
      AtomicLong objects = new AtomicLong();
      long start = System.nanoTime();
      JsonSubscriber s =
          BoundedJson.subscriber(
              JsonLimits.builder().maxParseMillis(deadline).build(),
              new JsonHandler() {
                @Override
                public Control endObject() {
                  objects.incrementAndGet();
                  return Control.CONTINUE;
                }
              });
      server.assertStallFailsOnTheDeadline(s, s.result(), deadline, start, objects::get, units);
    }
  }
}
