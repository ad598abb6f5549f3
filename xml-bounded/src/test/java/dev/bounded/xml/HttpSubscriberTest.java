package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
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

  private static HttpServer serve(
      String path, long units, CountDownLatch stalled, CountDownLatch release) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        path,
        x -> {
          x.sendResponseHeaders(200, 0);
          byte[] buf = new byte[65536];
          try (InputStream in =
                  new GeneratedStream(
                      "<rss><channel>", UNIT, units, release == null ? "</channel></rss>" : "");
              OutputStream out = x.getResponseBody()) {
            int n;
            while ((n = in.read(buf)) > 0) {
              out.write(buf, 0, n);
            }
            out.flush();
            if (release != null) {
              stalled.countDown();
              release.await(60, TimeUnit.SECONDS);
            }
          } catch (Exception e) {
            // the client has gone: expected once it cancels
          }
        });
    server.start();
    return server;
  }

  private static HttpRequest get(HttpServer server, String path) {
    return HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
        .build();
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
    HttpServer server = serve("/feed", units, null, null);
    try {
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
          HttpClient.newHttpClient()
              .sendAsync(
                  get(server, "/feed"),
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
    } finally {
      server.stop(0);
    }
  }

  /**
   * A server that sends its first megabyte and then stalls: the parse fails on its deadline while
   * the server is still stalled, and meanwhile no thread is in a socket read.
   */
  @Test
  void aServerThatStallsAfterItsFirstMegabyteFailsOnTheDeadlineWithNoThreadReading()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch stalled = new CountDownLatch(1);
    long units = (1 << 20) / UNIT.length();
    HttpServer server = serve("/stall", units, stalled, release);
    try {
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
      // wait on the subscriber's result: HttpClient applies a fromSubscriber finisher only after
      // onComplete, so after a failure (the subscriber cancels) the body future never completes
      HttpClient.newHttpClient()
          .sendAsync(get(server, "/stall"), HttpResponse.BodyHandlers.fromSubscriber(s));
      CompletableFuture<XmlStats> parsed = s.result();
      assertTrue(stalled.await(30, TimeUnit.SECONDS), "the server sent its megabyte");
      while (items.get() < units && System.nanoTime() - start < (deadline - 300) * 1_000_000) {
        Thread.sleep(10);
      }
      assertEquals(units, items.get(), "every item sent is parsed while the server stalls");
      assertEquals(List.of(), threadsInASocketRead());
      ExecutionException e =
          assertThrows(
              ExecutionException.class, () -> parsed.get(deadline + 5000, TimeUnit.MILLISECONDS));
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      LimitExceededException breach = assertInstanceOf(LimitExceededException.class, e.getCause());
      assertEquals(Limit.MAX_PARSE_MILLIS, breach.limit());
      assertTrue(release.getCount() == 1, "the server is still stalled");
      // The defect (a deadline that waits for the next chunk) never fails: the get above times out.
      // This bar only allows for a timer late on a loaded machine.
      assertTrue(tookMs < deadline + 4000, "failed after " + tookMs + " ms");
    } finally {
      release.countDown();
      server.stop(0);
    }
  }

  /** Threads whose stack is in a socket read (blocking or channel), by name. */
  private static List<String> threadsInASocketRead() {
    List<String> reading = new ArrayList<>();
    for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
      for (StackTraceElement f : t.getStackTrace()) {
        String c = f.getClassName();
        if (f.getMethodName().startsWith("read")
            && (c.contains("NioSocketImpl")
                || c.contains("SocketInputStream")
                || c.contains("SocketChannelImpl")
                || c.contains("SocketDispatcher"))) {
          reading.add(t.getThreadName() + " in " + f);
          break;
        }
      }
    }
    return reading;
  }
}
