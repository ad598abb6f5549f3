package dev.bounded.bench.report;

/**
 * One contender's throughput on one document.
 *
 * @param doc the document id
 * @param contender the contender id
 * @param bytes the document's size
 * @param opsPerSecond wall-clock ops/s: the median of the measured iterations of all forks
 * @param opsPerSecondError half the spread (max - min) of those iterations
 * @param opsPerCpuSecond operations per CPU second of the benchmark JVM ({@code CpuTimeProfiler}),
 *     the median of the iterations
 * @param opsPerCpuSecondError half the spread of those iterations
 * @param cpuLoad the JVM's CPU seconds per wall second during measurement
 */
public record Measurement(
    String doc,
    String contender,
    long bytes,
    double opsPerSecond,
    double opsPerSecondError,
    double opsPerCpuSecond,
    double opsPerCpuSecondError,
    double cpuLoad) {

  /** Wall-clock MB/s (10^6 bytes). */
  public double mbPerSecond() {
    return opsPerSecond * bytes / 1e6;
  }

  /** MB per CPU second. */
  public double mbPerCpuSecond() {
    return opsPerCpuSecond * bytes / 1e6;
  }
}
