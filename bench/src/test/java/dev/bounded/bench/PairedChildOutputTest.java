package dev.bounded.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bounded.bench.report.PairedResult;
import org.junit.jupiter.api.Test;

/** Reading a paired child's rounds back and pairing them. */
class PairedChildOutputTest {

  // pair 0 raw first, pair 1 bounded first (ABBA); columns: ops process thread wall (ns)
  static final String OUT =
      "BYTES 1125 uptime 300 ms\n"
          + "WARMUP 4 1000 uptime 900 ms\n"
          + "ROUND 0 raw 1000 100000000 98000000 110000000\n"
          + "ROUND 0 bounded 1000 125000000 122500000 125000000\n"
          + "ROUND 1 bounded 1000 110000000 105000000 120000000\n"
          + "ROUND 1 raw 1000 99000000 94500000 96000000\n"
          + "SINK 0 precise true uptime 1400 ms\n";

  @Test
  void roundsArePairedByTheirPairNumberWhateverTheirOrder() {
    Paired.Child c = Paired.Child.parse(OUT, 2);
    assertEquals(1000, c.ops);
    assertEquals(1125, c.bytes);
    PairedResult.Jvm j = c.toJvm();
    assertArrayEquals(new double[] {0.8, 0.9}, j.process(), 1e-12);
    assertArrayEquals(new double[] {0.8, 0.9}, j.thread(), 1e-12);
    assertArrayEquals(new double[] {110.0 / 125, 96.0 / 120}, j.wall(), 1e-12);
  }

  @Test
  void opsPerCpuSecondAreMediansOverEachSidesRounds() {
    PairedResult.Jvm j = Paired.Child.parse(OUT, 2).toJvm();
    assertEquals((1000 / 0.100 + 1000 / 0.099) / 2, j.rawOpsPerCpuSecond(), 1e-6);
    assertEquals((1000 / 0.125 + 1000 / 0.110) / 2, j.boundedOpsPerCpuSecond(), 1e-6);
  }

  @Test
  void aChildThatStoppedEarlyIsAnError() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Paired.Child.parse(OUT, 3));
    assertEquals("expected 6 rounds, got 4:\n" + OUT, e.getMessage());
  }
}
