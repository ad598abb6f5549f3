package dev.bounded.bench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.bench.report.PairedResult.Stats;
import org.junit.jupiter.api.Test;

/** Medians, quartiles and per-pair ratios of the paired runner. */
class PairedStatsTest {

  @Test
  void medianOfAnOddCountIsTheMiddleValueWhateverTheOrder() {
    assertEquals(0.9, Stats.median(new double[] {1.2, 0.9, 0.5}));
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertEquals(0.85, Stats.median(new double[] {0.9, 1.0, 0.8, 0.7}), 1e-12);
  }

  @Test
  void medianOfNothingIsNaN() {
    assertTrue(Double.isNaN(Stats.median(new double[0])));
  }

  @Test
  void quartilesInterpolateBetweenTheClosestRanks() {
    double[] v = {4, 1, 3, 2, 5}; // sorted 1..5: positions 1 and 3
    assertEquals(2.0, Stats.quantile(v, 0.25), 1e-12);
    assertEquals(4.0, Stats.quantile(v, 0.75), 1e-12);
    double[] w = {10, 20, 30, 40}; // position 0.75 and 2.25
    assertEquals(17.5, Stats.quantile(w, 0.25), 1e-12);
    assertEquals(32.5, Stats.quantile(w, 0.75), 1e-12);
  }

  @Test
  void quantileEndsAreTheExtremes() {
    double[] v = {3, 9, 1};
    assertEquals(1.0, Stats.quantile(v, 0));
    assertEquals(9.0, Stats.quantile(v, 1));
  }

  @Test
  void quantileOutsideZeroToOneIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Stats.quantile(new double[] {1}, 1.5));
    assertEquals("q outside [0, 1]: 1.5", e.getMessage());
  }

  @Test
  void quantileLeavesItsInputUnsorted() {
    double[] v = {3, 1, 2};
    Stats.quantile(v, 0.5);
    assertArrayEquals(new double[] {3, 1, 2}, v);
  }

  @Test
  void aPairsRatioIsRawTimeOverBoundedTimeForTheSameOperations() {
    // raw took 100 ms, bounded 125 ms for the same parses: bounded runs at 0.8 x raw's rate
    assertArrayEquals(
        new double[] {0.8, 1.0}, Stats.ratios(new long[] {100, 50}, new long[] {125, 50}), 1e-12);
  }

  @Test
  void unpairedRoundsAreRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Stats.ratios(new long[2], new long[3]));
    assertEquals("unpaired rounds: 2 raw, 3 bounded", e.getMessage());
  }

  @Test
  void ratiosPrintWithThreeDecimalsRoundedDownSoNothingUnderATargetPrintsAsIt() {
    assertEquals("0.949", PairedResult.ratio(0.94999));
    assertEquals("0.950", PairedResult.ratio(0.95));
    assertEquals("1.234", PairedResult.ratio(1.2349));
    assertEquals("-", PairedResult.ratio(Double.NaN));
  }
}
