package dev.bounded.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A measurement run by hand (decision 012): gunzips a generated RSS feed (default 100 MB, level 6)
 * with the JDK's {@code GZIPInputStream} (8 KiB buffer, as the old {@code Decompression} used, and
 * its default 512 bytes) and with {@link Decompression#gunzip} under unlimited limits, interleaved,
 * thread CPU time, best of N rounds after warm-up. {@code java -cp ... [megabytes] [rounds]}
 */
public final class InflateThroughputMain {
  private InflateThroughputMain() {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final String[] WORDS = {
    "the", "feed", "item", "title", "news", "link", "bounded", "parser", "safe", "stream",
    "2025", "update", "release", "security", "report", "today", "world", "data", "gzip", "java"
  };

  static byte[] feed(long bytes) {
    Random r = new Random(12);
    StringBuilder sb = new StringBuilder((int) bytes + 1000);
    sb.append("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>\n");
    for (int i = 0; sb.length() < bytes; i++) {
      sb.append("<item><title>");
      for (int w = 3 + r.nextInt(8); w > 0; w--) {
        sb.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
      }
      sb.append("</title><link>https://example.org/").append(r.nextInt(1_000_000));
      sb.append("</link><guid>").append(Long.toHexString(r.nextLong())).append("</guid>");
      sb.append("<description>");
      for (int w = 20 + r.nextInt(60); w > 0; w--) {
        sb.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
      }
      sb.append("</description><pubDate>Sun, 0").append(1 + i % 9).append(" Jan 2025</pubDate>");
      sb.append("</item>\n");
    }
    sb.append("</channel></rss>\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static long drain(InputStream in, byte[] buf) throws IOException {
    long total = 0;
    try (in) {
      for (int n; (n = in.read(buf)) >= 0; ) {
        total += n;
      }
    }
    return total;
  }

  public static void main(String[] args) throws IOException {
    long mb = args.length > 0 ? Long.parseLong(args[0]) : 100;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    byte[] plain = feed(mb * 1_000_000);
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos, 1 << 16)) {
      gz.write(plain);
    }
    byte[] gz = bos.toByteArray();
    DecompressionLimits unlimited = DecompressionLimits.builder().unlimited().build();
    byte[] buf = new byte[8192];
    String[] names = {"GZIPInputStream(8 KiB)", "GZIPInputStream(512 B)", "Decompression.gunzip"};
    long[] best = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
    for (int round = -2; round < rounds; round++) {
      for (int k = 0; k < 3; k++) {
        int c = (k + Math.max(round, 0)) % 3; // rotate the order: interleaved, no fixed position
        ByteArrayInputStream src = new ByteArrayInputStream(gz);
        long t0 = THREADS.getCurrentThreadCpuTime();
        InputStream in =
            c == 0
                ? new GZIPInputStream(src, 8192)
                : c == 1 ? new GZIPInputStream(src) : Decompression.gunzip(src, unlimited);
        long n = drain(in, buf);
        long t = THREADS.getCurrentThreadCpuTime() - t0;
        if (n != plain.length) {
          throw new AssertionError(names[c] + " read " + n + " of " + plain.length);
        }
        if (round >= 0) {
          best[c] = Math.min(best[c], t);
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%,d bytes of feed, %,d gzipped (%.1fx); thread CPU, best of %d:%n",
        plain.length,
        gz.length,
        (double) plain.length / gz.length,
        rounds);
    for (int c = 0; c < 3; c++) {
      System.out.printf(
          Locale.ROOT,
          "  %-24s %7.1f ms  %6.1f MB/s  %.3fx of GZIPInputStream(8 KiB)%n",
          names[c],
          best[c] / 1e6,
          plain.length / 1e6 / (best[c] / 1e9),
          (double) best[c] / best[0]);
    }
  }
}
