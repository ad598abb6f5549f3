package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.testkit.Forked;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Nothing input-driven outlives a parse (issue 14, finding 1): hostile documents one after another
 * through every API (push, pull from bytes and a stream, a Reader, an ObjectMapper on a bounded
 * factory), each in a forked small-heap JVM that exits on OutOfMemoryError ({@link RetentionMain});
 * the heap after full collections must be back within 8 MB of where it started.
 */
class RetentionTest {
  private static final long EIGHT_MB = 8L << 20;

  /**
   * The documents: 100 new names of 50,000 characters each (5 MB), ten in a row through
   * every API in 256 MB. Jackson's shared byte table kept about twice each document, so this ran
   * out of memory by the tenth.
   */
  @Test
  void documentsOfNewLongNamesLeaveNothingBehind() throws Exception {
    long[] r = run("-Xmx256m", "names", "10", "100", "50000");
    assertTrue(r[1] - r[0] < EIGHT_MB, () -> "retained " + (r[1] - r[0]) + " bytes");
  }

  /** Thirty in a row, smaller: 100 new names of 10,000 characters (1 MB) each. */
  @Test
  void thirtyDocumentsOfNewNamesLeaveNothingBehind() throws Exception {
    long[] r = run("-Xmx128m", "names", "30", "100", "10000");
    assertTrue(r[1] - r[0] < EIGHT_MB, () -> "retained " + (r[1] - r[0]) + " bytes");
  }

  /** A generated family: 30 random hostile documents (long names, many names, numbers, text). */
  @Test
  void randomHostileDocumentsLeaveNothingBehind() throws Exception {
    long seed = System.nanoTime();
    System.out.println("RetentionTest seed " + seed);
    long[] r = run("-Xmx128m", "random", "30", Long.toString(seed));
    assertTrue(
        r[1] - r[0] < EIGHT_MB, () -> "seed " + seed + ": retained " + (r[1] - r[0]) + " bytes");
  }

  /** {BASE, AFTER} of a forked RetentionMain run that must end normally. */
  static long[] run(String heap, String... args) throws Exception {
    String out = Forked.run(heap, 240, RetentionMain.class, args);
    return new long[] {value(out, "BASE"), value(out, "AFTER")};
  }

  private static long value(CharSequence out, String key) {
    Matcher m = Pattern.compile("(?m)^" + key + " (\\d+)$").matcher(out);
    assertTrue(m.find(), key + " in " + out);
    return Long.parseLong(m.group(1));
  }
}
