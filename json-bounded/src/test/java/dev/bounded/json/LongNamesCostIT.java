package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Timed, so run by failsafe in a JVM of its own after the unit tests: a document of new long
 * property names costs what the same text in values costs ({@link LongNamesTest} holds the rest).
 * Inside the unit suite's JVM the push figure once read 17.8x where it reads 3.0-5.1x (the same
 * code, in a JIT state left by the hundreds of tests before it), against a defect that cost
 * 60-670x.
 */
class LongNamesCostIT {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  interface Run {
    void run(byte[] doc) throws IOException;
  }

  /** Best of {@code rounds}: thread CPU time of {@code r} over a fresh document each round. */
  private static long best(Run r, boolean names, int rounds, long salt) throws IOException {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < rounds; i++) {
      byte[] doc =
          names
              ? RetentionMain.longNames(salt * 100 + i, 100, 50_000)
              : RetentionMain.longValues(salt * 100 + i, 100, 50_000);
      long t0 = THREADS.getCurrentThreadCpuTime();
      r.run(doc);
      best = Math.min(best, THREADS.getCurrentThreadCpuTime() - t0);
    }
    return best;
  }

  /**
   * The shape, 100 new names of 50,000 characters (5 MB), against the same text in string
   * values, through every API: within 6x (best of five after a warm-up; it was about 60x through
   * the byte parser, and more on every later document as the shared table grew). A loaded machine
   * is ridden out by taking the best of five.
   */
  @Test
  void newLongNamesCostWhatTheSameTextInValuesCosts() throws Exception {
    JsonLimits limits = JsonLimits.defaults();
    ObjectMapper mapper = new ObjectMapper(BoundedJson.newFactory(limits));
    Run[] runs = {
      d -> BoundedJson.parse(d, limits, new JsonHandler() {}),
      d -> RetentionMain.drain(BoundedJson.newParser(d, limits)),
      d -> RetentionMain.drain(BoundedJson.newParser(new ByteArrayInputStream(d), limits)),
      d -> mapper.readTree(d),
      d ->
          RetentionMain.drain(
              BoundedJson.newParser(
                  new java.io.InputStreamReader(
                      new ByteArrayInputStream(d), StandardCharsets.UTF_8),
                  limits)),
    };
    String[] names = {"push", "pull bytes", "pull stream", "readTree", "Reader"};
    long salt = System.nanoTime() % 1_000_000;
    // Warm every API up before measuring any: measured first and cold, push once read 3.8x on an
    // idle machine where it reads 1.1-1.7x warm.
    for (int i = 0; i < runs.length; i++) {
      best(runs[i], true, 3, salt + 17 * i);
      best(runs[i], false, 3, salt + 17 * i + 5);
    }
    for (int i = 0; i < runs.length; i++) {
      best(runs[i], true, 2, salt + 17 * i + 7); // and once more right before its measurement
      best(runs[i], false, 2, salt + 17 * i + 8);
      long hostile = best(runs[i], true, 5, salt + 17 * i + 10);
      long plain = best(runs[i], false, 5, salt + 17 * i + 10);
      double ratio = hostile / (double) plain;
      System.out.printf(
          "LongNamesCostIT %s: names %.1f ms, values %.1f ms, ratio %.2f%n",
          names[i], hostile / 1e6, plain / 1e6, ratio);
      // The defect this guards against cost 60-670x (a shared table growing quadratically), so the
      // bar sits an order of magnitude below it, not at today's figure: names are hashed where
      // values are not (readTree hashes each 50,000-char key again for its map), and a loaded CI
      // machine read readTree at 3.0x where an idle one reads 1.5-2x. Jackson's char parser decodes
      // a name that crosses its buffer char by char (2-6x of values on its own, measured without
      // us): the Reader is held to 12x.
      double max = names[i].equals("Reader") ? 12 : 6;
      assertTrue(ratio <= max, names[i] + ": " + ratio);
    }
  }
}
