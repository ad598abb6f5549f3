package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A short run of {@link ThroughputCheck} that prints the ratios; it only guards against a
 * pathological slowdown, since a shared machine makes tight bounds flaky. Run ThroughputCheck's
 * main for the measurement itself.
 */
class ThroughputTest {
  @Test
  void boundedParsingKeepsMostOfRawJacksonThroughput() throws Exception {
    double[] r = ThroughputCheck.measure(3, 3, true);
    String[] names = {
      "pull 20 MB", "push 20 MB", "readTree 20 MB", "pull 1 KB", "push 1 KB", "readTree 1 KB"
    };
    for (int i = 0; i < r.length; i++) {
      // A 20 MB tree is dominated by garbage collection in the test JVM's 1 GB heap: looser there.
      double floor = i == 2 ? 0.3 : 0.5;
      assertTrue(r[i] > floor, names[i] + ": " + r[i]);
    }
  }
}
