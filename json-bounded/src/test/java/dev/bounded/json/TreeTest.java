package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
            java.toString(),
            "-Xmx64m",
            "-XX:+ExitOnOutOfMemoryError",
            "-cp",
            System.getProperty("java.class.path"),
            TreeMain.class.getName(),
            shape,
            api);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    StringBuilder out = new StringBuilder();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        out.append(line).append('\n');
      }
    }
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out");
    assertEquals(0, p.exitValue(), out.toString());
    assertTrue(
        out.toString().startsWith("LIMIT MAX_NODES Node count (")
            || out.toString().startsWith("LIMIT PARSE_BUDGET"),
        out.toString());
    assertTrue(out.toString().contains("from JsonLimits.maxTreeNodes) at line 1"), out.toString());
    assertTrue(out.toString().contains("\nAFTER OK\n"), out.toString());
  }
}
