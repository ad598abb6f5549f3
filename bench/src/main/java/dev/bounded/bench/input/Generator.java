package dev.bounded.bench.input;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A deterministic document made of a header, numbered items and a footer. Item {@code i} depends
 * only on {@code i} and a fixed seed, so every run (and every JVM) sees the same bytes.
 */
public abstract class Generator {
  /** The seed every generator draws from. */
  public static final long SEED = 0x5EED_B0D_ED1L;

  private static final String[] WORDS = {
    "bounded",
    "parser",
    "limit",
    "stream",
    "feed",
    "release",
    "update",
    "security",
    "memory",
    "depth",
    "attribute",
    "element",
    "value",
    "token",
    "number",
    "string",
    "throughput",
    "heap",
    "café",
    "naïve",
    "Zürich",
    "überall",
    "データ",
    "résumé",
    "fast",
    "safe",
    "exact",
    "simple",
    "news",
    "report",
    "weather",
    "markets",
    "sports",
    "science",
    "music",
    "travel",
    "review"
  };

  /** The document's opening bytes. */
  public abstract String header();

  /** The document's closing bytes. */
  public abstract String footer();

  /** Item {@code index}, including any separator before it (items are numbered from 0). */
  public abstract String item(long index);

  /** A fresh random source for item {@code index}. */
  protected static SplittableRandom random(long index) {
    return new SplittableRandom(SEED ^ (index * 0x9E3779B97F4A7C15L));
  }

  /** {@code n} words from the vocabulary, space-separated. */
  protected static String words(SplittableRandom r, int n) {
    StringBuilder sb = new StringBuilder(n * 8);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(WORDS[r.nextInt(WORDS.length)]);
    }
    return sb.toString();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
