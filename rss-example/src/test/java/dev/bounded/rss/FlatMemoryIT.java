package dev.bounded.rss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The story: a 1 GiB generated feed read in a 32 MB heap, in a child JVM. */
class FlatMemoryIT {
  @Test
  void aGigabyteFeedStreamsThroughA32MegabyteHeap() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx32m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                GeneratedFeedChild.class.getName(),
                "1g")
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(240, TimeUnit.SECONDS), "the child finished in time");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    Matcher m =
        Pattern.compile("items=(\\d+) generated=(\\d+) bytes=(\\d+) chars=\\d+ peakHeapMB=(\\d+)")
            .matcher(out);
    assertTrue(m.find(), out);
    assertEquals(m.group(2), m.group(1), "every generated item was read");
    assertTrue(Long.parseLong(m.group(1)) > 1_500_000, out);
    assertTrue(Long.parseLong(m.group(3)) >= 1L << 30, out);
    assertTrue(Long.parseLong(m.group(4)) <= 32, out);
  }
}
