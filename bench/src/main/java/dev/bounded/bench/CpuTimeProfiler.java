package dev.bounded.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Operations per second of CPU time consumed by the whole benchmark JVM (the benchmark thread plus
 * GC and JIT threads), next to JMH's wall-clock score. On a machine shared with other work, time
 * other processes take from us inflates wall time but not our CPU time, so ratios of this figure
 * hold where wall-clock ratios wander; on an idle machine the two agree. Also reports {@code
 * cpu.load}: the JVM's CPU seconds per wall second (about 1 for one busy thread plus light GC).
 *
 * <p>{@code -prof dev.bounded.bench.CpuTimeProfiler}
 */
public final class CpuTimeProfiler implements InternalProfiler {
  /** The secondary result's label. */
  public static final String OPS_PER_CPU_SECOND = "cpu.ops";

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long cpu0;
  private long wall0;

  @Override
  public String getDescription() {
    return "operations per CPU second of the benchmark JVM";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    cpu0 = os.getProcessCpuTime();
    wall0 = System.nanoTime();
  }

  @Override
  public Collection<? extends Result<?>> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    long cpu = os.getProcessCpuTime() - cpu0;
    long wall = System.nanoTime() - wall0;
    long ops = result.getMetadata().getMeasuredOps();
    double perCpuSecond = cpu <= 0 ? Double.NaN : ops * 1e9 / cpu;
    return List.of(
        new ScalarResult(OPS_PER_CPU_SECOND, perCpuSecond, "ops/cpu-s", AggregationPolicy.AVG),
        new ScalarResult("cpu.load", (double) cpu / wall, "cpu-s/s", AggregationPolicy.AVG));
  }
}
