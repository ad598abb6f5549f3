package dev.bounded.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a paired result becomes a target row's figure and verdict. */
class PairedVerdictTest {

  /** A JVM whose every pair had these process, thread and wall ratios. */
  static PairedResult.Jvm jvm(double process, double thread, double wall) {
    return new PairedResult.Jvm(
        new double[] {process, process - 0.01, process + 0.01},
        new double[] {thread, thread, thread},
        new double[] {wall, wall, wall},
        100,
        100 * process,
        90,
        90 * wall);
  }

  /** JVMs with these process ratios; thread and wall CPU agree with them. */
  static PairedResult result(double... medians) {
    List<PairedResult.Jvm> jvms = new ArrayList<>();
    for (double m : medians) {
      jvms.add(jvm(m, m, m));
    }
    return new PairedResult("rss-10m", "bounded-push", "woodstox-raw", 10_000_000, 4, jvms);
  }

  @Test
  void theFigureIsTheMedianOfTheJvmMedians() {
    PairedResult r = result(0.90, 0.97, 0.93);
    assertEquals(0.93, r.median(), 1e-12);
    assertEquals(0.90, r.min(), 1e-12);
    assertEquals(0.97, r.max(), 1e-12);
  }

  @Test
  void aJvmsMedianComesFromItsPairs() {
    PairedResult.Jvm j =
        new PairedResult.Jvm(
            new double[] {0.8, 1.0, 0.9, 0.95}, new double[] {1}, new double[] {1}, 1, 1, 1, 1);
    assertEquals(0.925, j.median(), 1e-12);
    assertEquals(0.875, j.q1(), 1e-12);
    assertEquals(0.9625, j.q3(), 1e-12);
  }

  @Test
  void metByEveryJvm() {
    assertEquals("met (all 3 JVMs)", result(0.96, 0.97, 0.98).verdict(0.95));
  }

  @Test
  void metByTheMedianWithOneJvmBelowSaysSo() {
    assertEquals("met (median); 1 of 3 JVMs below", result(0.94, 0.96, 0.97).verdict(0.95));
  }

  @Test
  void notMetByAnyJvm() {
    assertEquals("NOT met (all 3 JVMs)", result(0.80, 0.85, 0.90).verdict(0.95));
  }

  @Test
  void notMetByTheMedianWithOneJvmAtOrAboveSaysSo() {
    assertEquals(
        "NOT met (median); 1 of 3 JVMs at or above", result(0.93, 0.94, 0.95).verdict(0.95));
  }

  @Test
  void exactlyAtTheTargetIsMetAndNotBelow() {
    PairedResult r = result(0.95, 0.95, 0.95);
    assertTrue(r.met(0.95));
    assertEquals(0, r.below(0.95));
    assertEquals("met (all 3 JVMs)", r.verdict(0.95));
  }

  @Test
  void justUnderTheTargetIsNotMet() {
    PairedResult r = result(0.9499, 0.9499, 0.9499);
    assertFalse(r.met(0.95));
    assertEquals("NOT met (all 3 JVMs)", r.verdict(0.95));
  }

  @Test
  void threadCpuGivingTheOtherVerdictIsNamed() {
    List<PairedResult.Jvm> jvms =
        List.of(jvm(0.94, 0.96, 0.94), jvm(0.93, 0.97, 0.93), jvm(0.94, 0.96, 0.94));
    PairedResult r =
        new PairedResult("json-10m", "bounded-json-push", "jackson-raw", 10_000_000, 4, jvms);
    assertEquals("NOT met (all 3 JVMs); thread CPU alone 0.960 would be met", r.verdict(0.95));
  }

  @Test
  void threadCpuStrayingFromProcessCpuIsNamedEvenWithTheSameVerdict() {
    List<PairedResult.Jvm> jvms =
        List.of(jvm(0.80, 0.85, 0.8), jvm(0.80, 0.85, 0.8), jvm(0.80, 0.85, 0.8));
    PairedResult r =
        new PairedResult("json-10m", "bounded-json-push", "jackson-raw", 10_000_000, 4, jvms);
    assertEquals("NOT met (all 3 JVMs); thread CPU alone 0.850", r.verdict(0.95));
  }

  @Test
  void theFigureShowsMedianRangeThreadAndWall() {
    List<PairedResult.Jvm> jvms =
        List.of(jvm(0.91, 0.92, 0.90), jvm(0.93, 0.94, 0.95), jvm(0.97, 0.96, 0.99));
    PairedResult r = new PairedResult("rss-1k", "bounded-pull", "woodstox-raw", 1125, 30000, jvms);
    assertEquals("0.930 (3 JVMs 0.910-0.970; thread CPU 0.940, wall 0.950)", r.figure());
  }
}
