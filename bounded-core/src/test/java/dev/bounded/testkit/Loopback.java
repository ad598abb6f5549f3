package dev.bounded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import java.io.IOException;
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
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A loopback {@code com.sun.net.httpserver} server streaming a generated body, for the subscriber
 * tests of every format: whole, or stalling after it (as a slow client's server would) until the
 * server is closed; and the check that such a stall fails a parse on its deadline with no thread in
 * a socket read.
 */
public final class Loopback implements AutoCloseable {
  private final HttpServer server;
  private final CountDownLatch stalled = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  // made with the server, before a test starts a deadline: a first HttpClient costs class loading
  // and TLS set-up, seconds on a loaded machine
  private final HttpClient client = HttpClient.newHttpClient();

  private Loopback(Supplier<InputStream> body, boolean stall) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        x -> {
          x.sendResponseHeaders(200, 0);
          byte[] buf = new byte[65536];
          try (InputStream in = body.get();
              OutputStream out = x.getResponseBody()) {
            int n;
            while ((n = in.read(buf)) > 0) {
              out.write(buf, 0, n);
            }
            out.flush();
            if (stall) {
              stalled.countDown();
              release.await(60, TimeUnit.SECONDS);
            }
          } catch (Exception e) {
            // the client has gone: expected once it cancels
          }
        });
    server.start();
  }

  /** Serves {@code body} (a fresh stream per request) whole. */
  public static Loopback serving(Supplier<InputStream> body) throws IOException {
    return new Loopback(body, false);
  }

  /** Serves {@code body}, then holds the response open, sending nothing, until closed. */
  public static Loopback stallingAfter(Supplier<InputStream> body) throws IOException {
    return new Loopback(body, true);
  }

  /** The client to send {@link #request()} with. */
  public HttpClient client() {
    return client;
  }

  /** A GET of the served body. */
  public HttpRequest request() {
    return HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
        .build();
  }

  /** Releases a stalled response and stops the server. */
  @Override
  public void close() {
    release.countDown();
    server.stop(0);
  }

  /**
   * Sends this stalling server's body to {@code s} through {@code HttpClient.sendAsync} and checks
   * the deadline failure: every unit sent is parsed ({@code parsed} reaches {@code sent}) while the
   * server stalls, no thread is then in a socket read, and {@code result} fails with {@code
   * MAX_PARSE_MILLIS} within 1.5 s of {@code deadlineMillis} counted from {@code startNanos} (the
   * subscriber's creation), while the server is still stalled.
   *
   * @return milliseconds from {@code startNanos} to the failure
   */
  public long assertStallFailsOnTheDeadline(
      Flow.Subscriber<List<ByteBuffer>> s,
      CompletableFuture<?> result,
      long deadlineMillis,
      long startNanos,
      LongSupplier parsed,
      long sent)
      throws Exception {
    // wait on the subscriber's result: HttpClient applies a fromSubscriber finisher only after
    // onComplete, so after a failure (the subscriber cancels) the body future never completes
    client.sendAsync(request(), HttpResponse.BodyHandlers.fromSubscriber(s));
    assertTrue(stalled.await(30, TimeUnit.SECONDS), "the server sent its body");
    while (parsed.getAsLong() < sent
        && System.nanoTime() - startNanos < (deadlineMillis - 300) * 1_000_000) {
      Thread.sleep(10);
    }
    assertEquals(
        sent,
        parsed.getAsLong(),
        () -> "every unit sent is parsed while the server stalls; the parse: " + describe(result));
    assertEquals(List.of(), threadsInASocketRead());
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> result.get(deadlineMillis + 5000, TimeUnit.MILLISECONDS));
    long tookMs = (System.nanoTime() - startNanos) / 1_000_000;
    LimitExceededException breach = assertInstanceOf(LimitExceededException.class, e.getCause());
    assertEquals(Limit.MAX_PARSE_MILLIS, breach.limit());
    assertEquals(1, release.getCount(), "the server is still stalled");
    // The defect (a deadline that waits for the next chunk) never fails: the get above times out.
    // This bar only allows for a timer late on a loaded machine.
    assertTrue(tookMs < deadlineMillis + 4000, "failed after " + tookMs + " ms");
    System.out.println("stalled server: failed on the deadline after " + tookMs + " ms");
    return tookMs;
  }

  private static String describe(CompletableFuture<?> result) {
    if (!result.isCompletedExceptionally()) {
      return result.toString();
    }
    try {
      result.join();
      return result.toString();
    } catch (RuntimeException e) {
      return "failed: " + e.getCause();
    }
  }

  /** Threads whose stack is in a socket read (blocking or channel), by name. */
  public static List<String> threadsInASocketRead() {
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
