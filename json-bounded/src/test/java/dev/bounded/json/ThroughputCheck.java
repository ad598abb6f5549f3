package dev.bounded.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A quick, JMH-free comparison of raw Jackson against the bounded APIs, on a ~20 MB array of small
 * objects and on a ~1 KB one. Every variant receives the same data: raw Jackson and the bounded
 * pull parser pull every token and read every name and the text length of every string and number
 * (the push handler reads the same); databind builds a tree with a default and with a bounded
 * factory. Variants are interleaved round by round (so all see the same machine load) after a
 * warm-up, and the best round of each is kept. Times are the thread's CPU time, which a loaded
 * machine distorts far less than wall time. Run as a main for the measurement ({@code rounds}
 * argument); ThroughputIT runs a short version.
 */
public final class ThroughputCheck {
  private static final JsonFactory RAW = new JsonFactory();
  private static final JsonLimits LIMITS =
      JsonLimits.builder()
          .maxBytes(JsonLimits.UNLIMITED)
          .maxTokens(JsonLimits.UNLIMITED)
          .maxTreeNodes(JsonLimits.UNLIMITED)
          .build();
  private static final ObjectMapper RAW_MAPPER = new ObjectMapper(RAW);
  private static final ObjectMapper BOUNDED_MAPPER =
      new ObjectMapper(BoundedJson.newFactory(LIMITS));
  private static volatile long sink;

  private ThroughputCheck() {}

  public static byte[] document(int approxBytes) {
    StringBuilder sb = new StringBuilder(approxBytes + 256);
    sb.append('[');
    int i = 0;
    while (sb.length() < approxBytes) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"id\":")
          .append(1000 + i)
          .append(",\"name\":\"user number ")
          .append(i)
          .append("\",\"email\":\"user")
          .append(i)
          .append("@example.com\"")
          .append(",\"score\":")
          .append(i * 0.37)
          .append(",\"active\":")
          .append(i % 2 == 0)
          .append(",\"tags\":[\"alpha\",\"beta\",\"gamma\"]")
          .append(
              ",\"bio\":\"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.\"")
          .append(",\"address\":{\"street\":\"")
          .append(i)
          .append(" Main St\",\"zip\":\"0")
          .append(i % 9999)
          .append("\"},\"ratio\":null}");
      i++;
    }
    sb.append(']');
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  static long consume(JsonParser p) throws IOException {
    long n = 0;
    JsonToken t;
    while ((t = p.nextToken()) != null) {
      if (t == JsonToken.VALUE_STRING
          || t == JsonToken.VALUE_NUMBER_INT
          || t == JsonToken.VALUE_NUMBER_FLOAT) {
        n += p.getTextLength();
      } else if (t == JsonToken.FIELD_NAME) {
        n += p.currentName().length();
      } else {
        n++;
      }
    }
    return n;
  }

  /**
   * {@link #consume} again, for the bounded parser: one loop for both would make its call sites see
   * two parser classes, a cost neither would pay in an application (which uses one).
   */
  static long consumeBounded(JsonParser p) throws IOException {
    long n = 0;
    JsonToken t;
    while ((t = p.nextToken()) != null) {
      if (t == JsonToken.VALUE_STRING
          || t == JsonToken.VALUE_NUMBER_INT
          || t == JsonToken.VALUE_NUMBER_FLOAT) {
        n += p.getTextLength();
      } else if (t == JsonToken.FIELD_NAME) {
        n += p.currentName().length();
      } else {
        n++;
      }
    }
    return n;
  }

  static long raw(byte[] doc) throws IOException {
    try (JsonParser p = RAW.createParser(doc)) {
      return consume(p);
    }
  }

  static long pull(byte[] doc) throws IOException {
    try (JsonParser p = BoundedJson.newParser(doc, LIMITS)) {
      return consumeBounded(p);
    }
  }

  /**
   * Reads every name and the length of every string and number (shared with FeederThroughputMain).
   */
  static final class Counter implements JsonHandler {
    long n;

    @Override
    public Control fieldName(String name) {
      n += name.length();
      return Control.CONTINUE;
    }

    @Override
    public Control string(CharSequence value) {
      n += value.length();
      return Control.CONTINUE;
    }

    @Override
    public Control number(JsonNumber value) {
      n += value.length();
      return Control.CONTINUE;
    }
  }

  static long push(byte[] doc) throws IOException {
    Counter c = new Counter();
    BoundedJson.parse(doc, LIMITS, c);
    return c.n;
  }

  static long treeRaw(byte[] doc) throws IOException {
    return RAW_MAPPER.readTree(doc).size();
  }

  static long treeBounded(byte[] doc) throws IOException {
    return BOUNDED_MAPPER.readTree(doc).size();
  }

  interface Run {
    long run(byte[] doc) throws IOException;
  }

  static final String[] NAMES = {"raw", "pull", "push", "tree raw", "tree bounded"};
  static final Run[] RUNS = {
    ThroughputCheck::raw,
    ThroughputCheck::pull,
    ThroughputCheck::push,
    ThroughputCheck::treeRaw,
    ThroughputCheck::treeBounded
  };

  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  /**
   * This thread's CPU time, so that a shared, loaded machine (time slices lost to other processes)
   * does not distort the comparison; wall time where CPU time is not supported.
   */
  private static long now() {
    return THREADS.isCurrentThreadCpuTimeSupported()
        ? THREADS.getCurrentThreadCpuTime()
        : System.nanoTime();
  }

  /** CPU nanoseconds per iteration of one timed batch. */
  static double time(Run r, byte[] doc, int iterations) throws IOException {
    long t0 = now();
    for (int i = 0; i < iterations; i++) {
      sink += r.run(doc);
    }
    return (now() - t0) / (double) iterations;
  }

  /** Best-of-rounds ns per iteration for each of {@link #RUNS}, interleaved round by round. */
  static double[] best(byte[] doc, int iterations, int rounds) throws IOException {
    double[] best = new double[RUNS.length];
    java.util.Arrays.fill(best, Double.MAX_VALUE);
    for (int round = -2; round < rounds; round++) { // two warm-up rounds
      for (int v = 0; v < RUNS.length; v++) {
        double t = time(RUNS[v], doc, iterations);
        if (round >= 0) {
          best[v] = Math.min(best[v], t);
        }
      }
    }
    return best;
  }

  /**
   * Ratios bounded speed / raw speed: {pull, push, tree} for the large document, then the same for
   * the 1 KB one.
   */
  static double[] measure(int bigRounds, int smallRounds, boolean print) throws IOException {
    byte[] big = document(20 << 20);
    byte[] small = document(1000);
    double[] b = best(big, 1, bigRounds);
    double[] s = best(small, 20_000, smallRounds);
    double[] r = {b[0] / b[1], b[0] / b[2], b[3] / b[4], s[0] / s[1], s[0] / s[2], s[3] / s[4]};
    if (print) {
      System.out.printf(
          "Throughput %d MB: raw %.0f MB/s, pull %.0f MB/s (%.1f%%), push %.0f MB/s (%.1f%%);"
              + " readTree raw %.0f MB/s, bounded %.0f MB/s (%.1f%%)%n",
          big.length >> 20,
          mbs(big, b[0]),
          mbs(big, b[1]),
          100 * r[0],
          mbs(big, b[2]),
          100 * r[1],
          mbs(big, b[3]),
          mbs(big, b[4]),
          100 * r[2]);
      System.out.printf(
          "Throughput %d B: raw %.0f ops/s, pull %.0f ops/s (%.1f%%), push %.0f ops/s (%.1f%%);"
              + " readTree raw %.0f ops/s, bounded %.0f ops/s (%.1f%%)%n",
          small.length,
          1e9 / s[0],
          1e9 / s[1],
          100 * r[3],
          1e9 / s[2],
          100 * r[4],
          1e9 / s[3],
          1e9 / s[4],
          100 * r[5]);
    }
    return r;
  }

  private static double mbs(byte[] doc, double ns) {
    return doc.length / ns * 1e9 / (1 << 20);
  }

  public static void main(String[] args) throws IOException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    measure(rounds, rounds, true);
  }
}
