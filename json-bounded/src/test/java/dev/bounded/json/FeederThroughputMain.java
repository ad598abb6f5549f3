package dev.bounded.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The JSON feeder's throughput against the blocking push parse on the same 10 MB document ({@link
 * ThroughputCheck#document}), with raw Jackson's blocking and non-blocking parsers for reference:
 * each handler or loop reads every name and the length of every string and number. Variants run
 * interleaved, round by round, after a warm-up; the best thread-CPU time of each is kept. Run as a
 * main: {@code [rounds] [chunk bytes]}.
 */
public final class FeederThroughputMain {
  private static final JsonLimits LIMITS =
      JsonLimits.builder().maxBytes(JsonLimits.UNLIMITED).maxTokens(JsonLimits.UNLIMITED).build();
  private static final JsonFactory RAW = new JsonFactory();
  private static volatile long sink;

  private FeederThroughputMain() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int chunk = args.length > 1 ? Integer.parseInt(args[1]) : 16384;
    byte[] doc = ThroughputCheck.document(10 << 20);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    String[] names = {
      "blocking push",
      "feeder push",
      "raw Jackson blocking",
      "raw Jackson non-blocking",
      "bounded non-blocking pull"
    };
    long[] best = new long[names.length];
    java.util.Arrays.fill(best, Long.MAX_VALUE);
    for (int r = -3; r < rounds; r++) {
      for (int v = 0; v < names.length; v++) {
        long t0 = threads.getCurrentThreadCpuTime();
        run(v, doc, chunk);
        long t = threads.getCurrentThreadCpuTime() - t0;
        if (r >= 0) {
          best[v] = Math.min(best[v], t);
        }
      }
    }
    System.out.printf(
        "10 MB document, chunks of %d bytes, best of %d rounds (thread CPU):%n", chunk, rounds);
    for (int v = 0; v < names.length; v++) {
      System.out.printf(
          "  %-26s %6.1f ms  %6.0f MB/s  %.2f of blocking push%n",
          names[v], best[v] / 1e6, doc.length / 1e6 / (best[v] / 1e9), (double) best[0] / best[v]);
    }
  }

  private static void run(int variant, byte[] doc, int chunk) throws Exception {
    switch (variant) {
      case 0:
        {
          ThroughputCheck.Counter h = new ThroughputCheck.Counter();
          BoundedJson.parse(doc, LIMITS, h);
          sink += h.n;
          break;
        }
      case 1:
        {
          ThroughputCheck.Counter h = new ThroughputCheck.Counter();
          JsonFeeder f = BoundedJson.newFeeder(LIMITS, h);
          for (int off = 0; off < doc.length; off += chunk) {
            f.feed(doc, off, Math.min(chunk, doc.length - off));
          }
          f.endOfInput();
          sink += h.n;
          break;
        }
      case 2:
        try (JsonParser p = RAW.createParser(doc)) {
          sink += pull(p);
        }
        break;
      case 4:
        sink +=
            nonBlocking(
                BoundedJson.newFactory(LIMITS).createNonBlockingByteArrayParser(), doc, chunk);
        break;
      default:
        sink += nonBlocking(RAW.createNonBlockingByteArrayParser(), doc, chunk);
    }
  }

  /** Feeds {@code doc} to a non-blocking parser in chunks, pulling after each. */
  private static long nonBlocking(JsonParser p, byte[] doc, int chunk) throws Exception {
    try (p) {
      ByteArrayFeeder in = (ByteArrayFeeder) p.getNonBlockingInputFeeder();
      long n = 0;
      for (int off = 0; off < doc.length; off += chunk) {
        in.feedInput(doc, off, Math.min(doc.length, off + chunk));
        n += pull(p);
      }
      in.endOfInput();
      return n + pull(p);
    }
  }

  /** Pulls until the parser needs input or the end, reading what the handlers read. */
  private static long pull(JsonParser p) throws Exception {
    long n = 0;
    JsonToken t;
    while ((t = p.nextToken()) != null && t != JsonToken.NOT_AVAILABLE) {
      if (t == JsonToken.FIELD_NAME) {
        n += p.currentName().length();
      } else if (t == JsonToken.VALUE_STRING || t.isNumeric()) {
        n += p.getTextLength();
      }
    }
    return n;
  }
}
