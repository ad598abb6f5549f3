package dev.bounded.json;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Streams a generated JSON array of the given size from a loopback {@code com.sun.net.httpserver}
 * server (127.0.0.1 only) to the JDK's {@code HttpClient}, parsed as it arrives through {@link
 * BoundedJson#subscriber}; run in a small-heap JVM by {@link HttpSubscriberIT}. Prints {@code OK
 * <objects> <MB/s> <peak heap MB>}, or the failure.
 */
public final class HttpFeedMain {
  static final String UNIT = "{\"id\":12345,\"name\":\"abc\",\"ok\":true},";

  private HttpFeedMain() {}

  public static void main(String[] args) throws Exception {
    long bytes = Long.parseLong(args[0]);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/feed",
        x -> {
          x.sendResponseHeaders(200, 0); // chunked
          byte[] buf = new byte[65536];
          try (InputStream in = new Generated("[", UNIT, bytes, "{}]");
              OutputStream out = x.getResponseBody()) {
            int n;
            while ((n = in.read(buf)) > 0) {
              out.write(buf, 0, n);
            }
          }
        });
    server.start();
    try {
      long[] objects = new long[1];
      JsonLimits limits =
          JsonLimits.builder()
              .maxBytes(JsonLimits.UNLIMITED)
              .maxTokens(JsonLimits.UNLIMITED)
              .build();
      JsonSubscriber s =
          BoundedJson.subscriber(
              limits,
              new JsonHandler() {
                @Override
                public Control endObject() {
                  objects[0]++;
                  return Control.CONTINUE;
                }
              });
      HttpClient client = HttpClient.newHttpClient();
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/feed"))
              .build();
      long start = System.nanoTime();
      // wait on the subscriber's result: HttpClient applies a fromSubscriber finisher only after
      // onComplete, so after a failure (the subscriber cancels) the body future never completes
      client.sendAsync(request, HttpResponse.BodyHandlers.fromSubscriber(s));
      CompletableFuture<JsonStats> parsed = s.result();
      parsed.join();
      double seconds = (System.nanoTime() - start) / 1e9;
      long peak = 0;
      for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
        if (p.getType() == MemoryType.HEAP) {
          peak += p.getPeakUsage().getUsed();
        }
      }
      System.out.printf(
          "OK %d %.0f MB/s peak heap %d MB%n", objects[0], bytes / 1e6 / seconds, peak >> 20);
    } finally {
      server.stop(0);
    }
  }
}
