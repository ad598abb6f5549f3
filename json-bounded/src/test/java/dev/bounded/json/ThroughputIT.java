package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A short run of {@link ThroughputCheck} (bounded against raw Jackson, interleaved in this JVM,
 * best of three rounds of thread CPU time) that prints the ratios and guards one defect class:
 * bounded parsing doing work out of proportion with Jackson's, such as a second pass over the
 * input, a copy of every value, an exception or a clock read built per token, or a check whose cost
 * grows with the document. Each of those reads at or under a third of raw Jackson's speed; the bar
 * sits there, at 0.33 for the streaming APIs (measured 0.70-0.95 on a loaded 2-core CI, so the bar
 * is about half the worst reading: load alone does not trip it) and at 0.2 for a 20 MB tree, which
 * is dominated by garbage collection in a 1 GB heap. The throughput targets themselves (>= 0.95 and
 * >= 0.90 of raw) are the bench module's paired runner's to measure (bench/NOTES.md). A failsafe
 * test: {@code mvn verify} runs it after the unit tests; budget two minutes.
 */
class ThroughputIT {
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void boundedParsingDoesNoWorkOutOfProportionWithRawJackson() throws Exception {
    double[] r = ThroughputCheck.measure(3, 3, true);
    String[] names = {
      "pull 20 MB", "push 20 MB", "readTree 20 MB", "pull 1 KB", "push 1 KB", "readTree 1 KB"
    };
    for (int i = 0; i < r.length; i++) {
      double floor = i == 2 ? 0.2 : 0.33;
      assertTrue(r[i] > floor, names[i] + ": " + r[i] + " of raw Jackson, bar " + floor);
    }
  }
}
