package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.testkit.Loopback;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Real parts: the JDK's {@code HttpClient.sendAsync} against a loopback {@code
 * com.sun.net.httpserver} server, the body parsed through {@link BoundedXml#subscriber} as it
 * streams: a 64 MB generated feed whole, and a server that stalls after its first megabyte failing
 * on the deadline with no thread in a socket read.
 */
class HttpSubscriberTest {
  static final String UNIT =
      "<item><title>caf\u00e9 &amp; news</title><link>https://x/1</link></item>\n";
  static final XmlLimits LIMITS =
      XmlLimits.builder()
          .engine(XmlEngine.BOUNDED)
          .maxBytes(XmlLimits.UNLIMITED)
          .maxElements(XmlLimits.UNLIMITED)
          .build();

  /** The generated feed: {@code units} items, whole, or without its tail for a stalling server. */
  private static GeneratedStream body(long units, boolean whole) {
    return new GeneratedStream("<rss><channel>", UNIT, units, whole ? "</channel></rss>" : "");
  }

  @Test
  void aGeneratedFeedStreamsThroughTheSubscriberWithTheBlockingParsesStats() throws Exception {
    XmlStats stats = streamThroughTheSubscriber(64L << 20);
    assertEquals(4, stats.maxDepth()); // rss, channel, item, title
  }

  /**
   * Serves a generated feed of about {@code size} bytes on loopback and parses it through {@code
   * HttpClient.sendAsync} and {@link BoundedXml#subscriber}; checks every item arrived and the
   * stats are the blocking parse's. Also run on 1 GB in a forked {@code -Xmx32m} JVM ({@link
   * ForkedMemoryIT}).
   */
  static XmlStats streamThroughTheSubscriber(long size) throws Exception {
    long units = size / UNIT.length();
    try (Loopback server = Loopback.serving(() -> body(units, true))) {
      AtomicLong items = new AtomicLong();
      XmlSubscriber s =
          BoundedXml.subscriber(
              LIMITS,
              new XmlHandler() {
                @Override
                public void endElement(String ns, String local, String prefix) {
                  if (local.equals("item")) {
                    items.incrementAndGet();
                  }
                }
              });
      XmlStats stats =
          server
              .client()
              .sendAsync(
                  server.request(),
                  HttpResponse.BodyHandlers.fromSubscriber(s, XmlSubscriber::result))
              .thenCompose(HttpResponse::body)
              .get(300, TimeUnit.SECONDS);
      assertEquals(units, items.get());
      assertTrue(stats.complete());
      long bytes =
          "<rss><channel></channel></rss>".length() + units * UNIT.getBytes("UTF-8").length;
      assertEquals(bytes, stats.bytes());
      assertEquals(1 + 3 * units + 1, stats.elements());
      return stats;
    }
  }

  /**
   * A server that sends its first megabyte and then stalls: the parse fails on its deadline while
   * the server is still stalled, and meanwhile no thread is in a socket read.
   */
  @Test
  void aServerThatStallsAfterItsFirstMegabyteFailsOnTheDeadlineWithNoThreadReading()
      throws Exception {
    long units = (1 << 20) / UNIT.length();
    try (Loopback server = Loopback.stallingAfter(() -> body(units, false))) {
      long deadline = 6000; // from creation: connecting and the first megabyte fit well inside
      AtomicLong items = new AtomicLong();
      long start = System.nanoTime();
      XmlSubscriber s =
          BoundedXml.subscriber(
              XmlLimits.builder()
                  .engine(XmlEngine.BOUNDED)
                  .maxElements(XmlLimits.UNLIMITED)
                  .maxParseMillis(deadline)
                  .build(),
              new XmlHandler() {
                @Override
                public void endElement(String ns, String local, String prefix) {
                  if (local.equals("item")) {
                    items.incrementAndGet();
                  }
                }
              });
      server.assertStallFailsOnTheDeadline(s, s.result(), deadline, start, items::get, units);
    }
  }
}
