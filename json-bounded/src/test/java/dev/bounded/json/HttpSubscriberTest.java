package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.testkit.Loopback;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
