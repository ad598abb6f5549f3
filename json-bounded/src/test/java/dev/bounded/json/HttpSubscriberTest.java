package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 * com.sun.net.httpserver} server, the body parsed through {@link BoundedJson#subscriber} as it
 * streams.
 */
class HttpSubscriberTest {

  /** 1 GB streamed through HttpClient into the subscriber in a forked -Xmx32m JVM. */
  @Test
  void aGigabyteResponseStreamsThroughTheSubscriberInASmallHeap() throws Exception {
    long bytes = 1L << 30;
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
            java.toString(),
            "-Xmx32m",
            "-XX:+ExitOnOutOfMemoryError",
            "-cp",
            System.getProperty("java.class.path"),
            HttpFeedMain.class.getName(),
            Long.toString(bytes));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    StringBuilder out = new StringBuilder();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        out.append(line).append('\n');
      }
    }
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "timed out");
    System.out.println("HttpFeedMain 1 GB: " + out.toString().trim());
    assertEquals(0, p.exitValue(), out.toString());
    long units = bytes / HttpFeedMain.UNIT.length();
    assertTrue(out.toString().startsWith("OK " + (units + 1) + " "), out.toString());
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
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/stall",
        x -> {
          x.sendResponseHeaders(200, 0);
          byte[] buf = new byte[65536];
          try (InputStream in = new Generated("[", HttpFeedMain.UNIT, 1 << 20, "");
              OutputStream out = x.getResponseBody()) {
            int n;
            while ((n = in.read(buf)) > 0) {
              out.write(buf, 0, n);
            }
            out.flush();
            stalled.countDown();
            release.await(60, TimeUnit.SECONDS);
          } catch (Exception e) {
            // the client has gone: expected once it cancels
          }
        });
    server.start();
    HttpClient client = HttpClient.newHttpClient();
    try {
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
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/stall"))
              .build();
      // wait on the subscriber's result: HttpClient applies a fromSubscriber finisher only after
      // onComplete, so after a failure (the subscriber cancels) the body future never completes
      client.sendAsync(request, HttpResponse.BodyHandlers.fromSubscriber(s));
      CompletableFuture<Void> parsed = s.result();
      assertTrue(stalled.await(30, TimeUnit.SECONDS), "the server sent its megabyte");
      // while the server stalls, before the deadline: every byte sent is parsed, nobody reads
      while (objects.get() < (1 << 20) / HttpFeedMain.UNIT.length()
          && System.nanoTime() - start < (deadline - 300) * 1_000_000) {
        Thread.sleep(10);
      }
      assertEquals((1 << 20) / HttpFeedMain.UNIT.length(), objects.get());
      assertEquals(List.of(), threadsInASocketRead());
      ExecutionException e =
          assertThrows(
              ExecutionException.class, () -> parsed.get(deadline + 5000, TimeUnit.MILLISECONDS));
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      LimitExceededException breach = assertInstanceOf(LimitExceededException.class, e.getCause());
      assertEquals(Limit.MAX_PARSE_MILLIS, breach.limit());
      assertTrue(release.getCount() == 1, "the server is still stalled");
      assertTrue(tookMs < deadline + 1500, "failed after " + tookMs + " ms");
      System.out.println("stalled server: failed on the deadline after " + tookMs + " ms");
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
