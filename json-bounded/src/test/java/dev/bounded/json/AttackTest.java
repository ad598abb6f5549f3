package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.testkit.Forked;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Attacks from generating streams, each in a forked {@code -Xmx32m} JVM that exits on
 * OutOfMemoryError: each must fail on the right limit (or, with raised limits, stream through).
 */
class AttackTest {

  /**
   * The expected first line; for a value that Jackson stops while buffering it, the measure at
   * which it stopped must be over the limit and within one Jackson text segment (64K chars) of it.
   */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "deep-arrays | LIMIT MAX_DEPTH Nesting depth (501) exceeds the maximum allowed (500, from JsonLimits.maxDepth) at line 1, column 501, byte 500 | 501",
        "huge-string-read | LIMIT MAX_STRING_LENGTH String length ( | 1114112",
        "huge-string-skipped | LIMIT MAX_STRING_LENGTH String length ( | 1114112",
        "huge-number | LIMIT MAX_NUMBER_LENGTH Number length ( | 66536",
        "endless-array | LIMIT MAX_TOKENS Token count (10000001) exceeds the maximum allowed (10000000, from JsonLimits.maxTokens) | 10000001",
        "gigabyte-of-objects | OK 119304645 | -1",
        "feed-deep-arrays | LIMIT MAX_DEPTH Nesting depth (501) exceeds the maximum allowed (500, from JsonLimits.maxDepth) at line 1, column 501, byte 500 | 501",
        "feed-huge-string-skipped | LIMIT MAX_STRING_LENGTH String length ( | 1114112",
        "feed-huge-number | LIMIT MAX_NUMBER_LENGTH Number length ( | 66536",
        "feed-endless-array | LIMIT MAX_TOKENS Token count (10000001) exceeds the maximum allowed (10000000, from JsonLimits.maxTokens) | 10000001",
        "feed-gigabyte-of-objects | OK 119304645 | -1",
      })
  void anAttackInATinyHeapEndsOnTheRightLimit(String attack, String expected, long maxActual)
      throws Exception {
    String out = Forked.run("-Xmx32m", 120, AttackMain.class, attack);
    assertTrue(out.startsWith(expected), "expected " + expected + " but got " + out);
    if (maxActual >= 0) {
      Matcher m = Pattern.compile("(?m)^ACTUAL (\\d+)$").matcher(out);
      assertTrue(m.find(), out);
      long actual = Long.parseLong(m.group(1));
      Matcher max = Pattern.compile("maximum allowed \\((\\d+)").matcher(out);
      assertTrue(max.find(), out);
      long limit = Long.parseLong(max.group(1));
      assertTrue(actual > limit && actual <= maxActual, "measure " + actual + " in " + out);
    }
  }
}
