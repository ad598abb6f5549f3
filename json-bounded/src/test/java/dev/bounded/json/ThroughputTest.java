package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A short run of {@link ThroughputCheck} that prints the ratios; it only guards against a
 * pathological slowdown, since a shared machine makes tight bounds flaky. Run ThroughputCheck's main
 * for the measurement itself.
 */
class ThroughputTest {
  @Test
  void boundedParsingKeepsMostOfRawJacksonThroughput() throws Exception {
    double[] r = ThroughputCheck.measure(4, 4, true);
    assertTrue(r[0] > 0.25, "pull, large document: " + r[0]);
    assertTrue(r[2] > 0.25, "pull, 1 KB document: " + r[2]);
  }
}
