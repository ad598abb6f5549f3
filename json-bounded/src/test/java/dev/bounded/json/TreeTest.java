package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.testkit.Forked;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Databind trees under a ceiling (issue 14, finding 6): the one-line hardened {@code ObjectMapper}
 * with default limits, in a forked 64 MB JVM that exits on OutOfMemoryError ({@link TreeMain}).
 * {@code readTree} of {@code [{},{},...]} (15 MB, within {@code maxTokens}) held 406 MB; an endless
 * {@code [1,1,...} ran out of memory before {@code MAX_TOKENS} fired. Each must now stop on the
 * heap-scaled node ceiling, and the mapper must work normally afterwards.
 */
class TreeTest {
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "objects, tree", "objects, reader", "objects, list",
    "endless, tree", "endless, reader", "endless, list"
  })
  void aHostileTreeInASmallHeapStopsOnTheNodeCeiling(String shape, String api) throws Exception {
    String out = Forked.run("-Xmx64m", 120, TreeMain.class, shape, api) + "\n";
    assertTrue(
        out.startsWith("LIMIT MAX_NODES Node count (") || out.startsWith("LIMIT PARSE_BUDGET"),
        out);
    assertTrue(out.contains("from JsonLimits.maxTreeNodes) at line 1"), out);
    assertTrue(out.contains("\nAFTER OK\n"), out);
  }
}
