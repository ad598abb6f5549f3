package dev.bounded.bench.report;

import java.util.Arrays;
import java.util.List;

/**
 * A paired, interleaved measurement of one bounded contender against its raw baseline on one
 * document (see {@code dev.bounded.bench.Paired}): several fresh JVMs, each running both contenders
 * alternately in rounds of the same number of whole-document operations. The figure is the ratio of
 * ops per CPU second (bounded / raw) of two adjacent rounds; per JVM the median over its pairs of
 * rounds, across JVMs the median of those medians, with their range.
 *
 * <p>CPU time is the whole child JVM's ({@code getProcessCpuTime}, so the GC and JIT work a
 * contender causes is charged to it, as in the JMH tables); the benchmark thread's own CPU time
 * ({@code getCurrentThreadCpuTime}) and wall time are kept beside it.
 *
 * @param doc the document id
 * @param contender the bounded contender's id
 * @param baseline the raw parser's id
 * @param bytes the document's size
 * @param opsPerRound whole-document operations per round (the same for both contenders in one JVM;
 *     the largest over the JVMs)
 * @param jvms one entry per JVM
 */
public record PairedResult(
    String doc, String contender, String baseline, long bytes, int opsPerRound, List<Jvm> jvms) {

  /** How far the thread-CPU median may stray from the process-CPU one before the row says so. */
  public static final double CLOCK_DISAGREEMENT = 0.03;

  /**
   * One JVM's rounds.
   *
   * @param process per pair of adjacent rounds: bounded ops per process-CPU second / raw's
   * @param thread the same from the benchmark thread's CPU time
   * @param wall the same from wall time
   * @param rawOpsPerCpuSecond the raw parser's ops per process-CPU second, median over its rounds
   * @param boundedOpsPerCpuSecond the bounded contender's, likewise
   * @param rawOpsPerSecond the raw parser's wall-clock ops per second, median over its rounds
   * @param boundedOpsPerSecond the bounded contender's, likewise
   */
  public record Jvm(
      double[] process,
      double[] thread,
      double[] wall,
      double rawOpsPerCpuSecond,
      double boundedOpsPerCpuSecond,
      double rawOpsPerSecond,
      double boundedOpsPerSecond) {

    /** The median process-CPU ratio of this JVM. */
    public double median() {
      return Stats.median(process);
    }

    /** Lower quartile of the process-CPU ratios. */
    public double q1() {
      return Stats.quantile(process, 0.25);
    }

    /** Upper quartile of the process-CPU ratios. */
    public double q3() {
      return Stats.quantile(process, 0.75);
    }

    /** The median thread-CPU ratio. */
    public double threadMedian() {
      return Stats.median(thread);
    }

    /** The median wall-clock ratio. */
    public double wallMedian() {
      return Stats.median(wall);
    }
  }

  /** The per-JVM medians, in JVM order. */
  public double[] jvmMedians() {
    return jvms.stream().mapToDouble(Jvm::median).toArray();
  }

  /** The figure the verdict is taken on: the median over the JVMs of each JVM's median ratio. */
  public double median() {
    return Stats.median(jvmMedians());
  }

  /** The smallest JVM median. */
  public double min() {
    return Arrays.stream(jvmMedians()).min().orElse(Double.NaN);
  }

  /** The largest JVM median. */
  public double max() {
    return Arrays.stream(jvmMedians()).max().orElse(Double.NaN);
  }

  /** The median over the JVMs of the thread-CPU medians. */
  public double threadMedian() {
    return Stats.median(jvms.stream().mapToDouble(Jvm::threadMedian).toArray());
  }

  /** The median over the JVMs of the wall-clock medians. */
  public double wallMedian() {
    return Stats.median(jvms.stream().mapToDouble(Jvm::wallMedian).toArray());
  }

  /** The raw parser's ops per CPU second, median over the JVMs. */
  public double rawOpsPerCpuSecond() {
    return Stats.median(jvms.stream().mapToDouble(Jvm::rawOpsPerCpuSecond).toArray());
  }

  /** The bounded contender's ops per CPU second, median over the JVMs. */
  public double boundedOpsPerCpuSecond() {
    return Stats.median(jvms.stream().mapToDouble(Jvm::boundedOpsPerCpuSecond).toArray());
  }

  /** The raw parser's wall-clock ops per second, median over the JVMs. */
  public double rawOpsPerSecond() {
    return Stats.median(jvms.stream().mapToDouble(Jvm::rawOpsPerSecond).toArray());
  }

  /** The bounded contender's wall-clock ops per second, median over the JVMs. */
  public double boundedOpsPerSecond() {
    return Stats.median(jvms.stream().mapToDouble(Jvm::boundedOpsPerSecond).toArray());
  }

  /** The widest per-JVM interquartile range, relative to that JVM's median. */
  public double widestIqr() {
    double w = 0;
    for (Jvm j : jvms) {
      w = Math.max(w, (j.q3() - j.q1()) / j.median());
    }
    return w;
  }

  /** How many JVMs' medians fall below {@code target}. */
  public int below(double target) {
    int n = 0;
    for (double m : jvmMedians()) {
      if (m < target) {
        n++;
      }
    }
    return n;
  }

  /** Whether the target is met: the median over the JVMs is at least {@code target}. */
  public boolean met(double target) {
    return median() >= target;
  }

  /**
   * The target row's figure: {@code 0.937 (3 JVMs 0.921-0.951; thread CPU 0.940, wall 0.938)}, each
   * {@link #ratio}.
   */
  public String figure() {
    return String.format(
        "%s (%d JVMs %s-%s; thread CPU %s, wall %s)",
        ratio(median()),
        jvms.size(),
        ratio(min()),
        ratio(max()),
        ratio(threadMedian()),
        ratio(wallMedian()));
  }

  /**
   * A ratio with three decimals, rounded down, so a figure under a target never prints as the
   * target: 0.9499 is {@code 0.949}.
   */
  public static String ratio(double r) {
    if (Double.isNaN(r)) {
      return "-";
    }
    return String.format("%.3f", Math.floor(r * 1000 + 1e-6) / 1000);
  }

  /**
   * The verdict on {@code target}, honest about JVMs that disagree with the median: {@code met (all
   * 3 JVMs)}, {@code met (median); 1 of 3 JVMs below}, {@code NOT met (all 3 JVMs)}, {@code NOT met
   * (median); 2 of 3 JVMs at or above}; plus a note when the benchmark thread's CPU time alone
   * would give the other verdict, or strays from the process CPU figure by more than {@link
   * #CLOCK_DISAGREEMENT} (the two contenders cause different GC or JIT work).
   */
  public String verdict(double target) {
    int n = jvms.size();
    if (n == 0) {
      return "not measured";
    }
    int below = below(target);
    String v;
    if (met(target)) {
      v =
          below == 0
              ? "met (all " + n + " JVMs)"
              : "met (median); " + below + " of " + n + " JVMs below";
    } else {
      int above = n - below;
      v =
          above == 0
              ? "NOT met (all " + n + " JVMs)"
              : "NOT met (median); " + above + " of " + n + " JVMs at or above";
    }
    double thread = threadMedian();
    boolean threadMet = thread >= target;
    if (threadMet != met(target)) {
      v += "; thread CPU alone " + ratio(thread) + " would be " + (threadMet ? "met" : "NOT met");
    } else if (Math.abs(thread - median()) > CLOCK_DISAGREEMENT) {
      v += "; thread CPU alone " + ratio(thread);
    }
    return v;
  }

  /** Medians and quantiles. */
  public static final class Stats {
    private Stats() {}

    /** The median (mean of the middle two for an even count); NaN when empty. */
    public static double median(double[] v) {
      return quantile(v, 0.5);
    }

    /**
     * The {@code q} quantile by linear interpolation between the closest ranks (R's type 7, as in
     * most spreadsheets): position {@code q * (n - 1)} of the sorted values. NaN when empty.
     */
    public static double quantile(double[] v, double q) {
      if (q < 0 || q > 1) {
        throw new IllegalArgumentException("q outside [0, 1]: " + q);
      }
      if (v.length == 0) {
        return Double.NaN;
      }
      double[] s = v.clone();
      Arrays.sort(s);
      double pos = q * (s.length - 1);
      int lo = (int) Math.floor(pos);
      int hi = (int) Math.ceil(pos);
      return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }

    /**
     * Per pair of adjacent rounds, bounded ops per second / raw ops per second, from the time each
     * round took for the same number of operations: {@code rawTime[i] / boundedTime[i]}.
     */
    public static double[] ratios(long[] rawTime, long[] boundedTime) {
      if (rawTime.length != boundedTime.length) {
        throw new IllegalArgumentException(
            "unpaired rounds: " + rawTime.length + " raw, " + boundedTime.length + " bounded");
      }
      double[] r = new double[rawTime.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = (double) rawTime[i] / boundedTime[i];
      }
      return r;
    }
  }
}
