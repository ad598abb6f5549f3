package dev.bounded.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A quick, JMH-free comparison of raw Jackson streaming against the bounded pull parser and the
 * push API, on a 20 MB document and on a 1 KB one. Both loops pull every token and read the text
 * of every string and number, as a real consumer does. Run as a main for the full measurement;
 * ThroughputTest runs a short version.
 */
public final class ThroughputCheck {
  private static final JsonFactory RAW = new JsonFactory();
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
      sb.append("{\"id\":").append(1000 + i)
          .append(",\"name\":\"user number ").append(i)
          .append("\",\"email\":\"user").append(i).append("@example.com\"")
          .append(",\"score\":").append(i * 0.37)
          .append(",\"active\":").append(i % 2 == 0)
          .append(",\"tags\":[\"alpha\",\"beta\",\"gamma\"]")
          .append(",\"bio\":\"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.\"")
          .append(",\"address\":{\"street\":\"").append(i).append(" Main St\",\"zip\":\"0").append(i % 9999)
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
      if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        n += p.getTextLength();
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

  static long bounded(byte[] doc, JsonLimits limits) throws IOException {
    try (JsonParser p = BoundedJson.newParser(doc, limits)) {
      return consume(p);
    }
  }

  static long push(byte[] doc, JsonLimits limits) throws IOException {
    long[] n = new long[1];
    BoundedJson.parse(
        doc,
        limits,
        new JsonHandler() {
          @Override
          public Control string(CharSequence value) {
            n[0] += value.length();
            return Control.CONTINUE;
          }

          @Override
          public Control number(JsonNumber value) {
            n[0] += value.length();
            return Control.CONTINUE;
          }
        });
    return n[0];
  }

  interface Run {
    long run(byte[] doc) throws IOException;
  }

  /** Best-of-rounds nanoseconds per iteration. */
  static double time(Run r, byte[] doc, int iterations, int rounds) throws IOException {
    double best = Double.MAX_VALUE;
    for (int round = 0; round < rounds; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < iterations; i++) {
        sink += r.run(doc);
      }
      best = Math.min(best, (System.nanoTime() - t0) / (double) iterations);
    }
    return best;
  }

  /** Returns {pull ratio, push ratio} for large and small documents: bounded speed / raw speed. */
  static double[] measure(int bigRounds, int smallRounds, boolean print) throws IOException {
    JsonLimits limits = JsonLimits.builder().maxBytes(JsonLimits.UNLIMITED).maxTokens(JsonLimits.UNLIMITED).build();
    byte[] big = document(20 << 20);
    byte[] small = document(1000);
    double[] r = new double[4];
    // Interleave so that both sides see the same machine load.
    double rawBig = Double.MAX_VALUE, pullBig = Double.MAX_VALUE, pushBig = Double.MAX_VALUE;
    double rawSmall = Double.MAX_VALUE, pullSmall = Double.MAX_VALUE, pushSmall = Double.MAX_VALUE;
    for (int i = 0; i < bigRounds; i++) {
      rawBig = Math.min(rawBig, time(ThroughputCheck::raw, big, 1, 1));
      pullBig = Math.min(pullBig, time(d -> bounded(d, limits), big, 1, 1));
      pushBig = Math.min(pushBig, time(d -> push(d, limits), big, 1, 1));
    }
    for (int i = 0; i < smallRounds; i++) {
      rawSmall = Math.min(rawSmall, time(ThroughputCheck::raw, small, 20_000, 1));
      pullSmall = Math.min(pullSmall, time(d -> bounded(d, limits), small, 20_000, 1));
      pushSmall = Math.min(pushSmall, time(d -> push(d, limits), small, 20_000, 1));
    }
    r[0] = rawBig / pullBig;
    r[1] = rawBig / pushBig;
    r[2] = rawSmall / pullSmall;
    r[3] = rawSmall / pushSmall;
    if (print) {
      System.out.printf(
          "Throughput %d MB: raw %.0f MB/s, bounded pull %.0f MB/s (%.1f%%), push %.0f MB/s (%.1f%%)%n",
          big.length >> 20, big.length / rawBig * 1e3, big.length / pullBig * 1e3, 100 * r[0],
          big.length / pushBig * 1e3, 100 * r[1]);
      System.out.printf(
          "Throughput %d B: raw %.0f ops/s, bounded pull %.0f ops/s (%.1f%%), push %.0f ops/s (%.1f%%)%n",
          small.length, 1e9 / rawSmall, 1e9 / pullSmall, 100 * r[2], 1e9 / pushSmall, 100 * r[3]);
    }
    return r;
  }

  public static void main(String[] args) throws IOException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    measure(rounds, rounds, true);
  }
}
