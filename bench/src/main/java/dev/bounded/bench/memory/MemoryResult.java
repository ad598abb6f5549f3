package dev.bounded.bench.memory;

/**
 * What the memory runner found for one contender.
 *
 * @param contender the contender's id
 * @param minHeapMb the smallest -Xmx (MiB) in which the parse succeeded, or -1 if none up to the
 *     cap
 * @param failedHeapMb the largest -Xmx (MiB) tried in which it failed (0 if none failed)
 * @param peakRssKb peak resident set (VmHWM, KiB) of the run at {@code minHeapMb}
 * @param allocatedBytes bytes allocated by the parsing thread in that run
 * @param inputBytes size of the input
 * @param elapsedNanos parse time in that run (a probe near the limit is slowed by GC)
 * @param comfortableNanos parse time in the fastest successful probe (the largest heap tried)
 * @param probes how many child JVMs were started
 * @param note anything the reader should know (a cap reached, a probe timed out)
 */
public record MemoryResult(
    String contender,
    long minHeapMb,
    long failedHeapMb,
    long peakRssKb,
    long allocatedBytes,
    long inputBytes,
    long elapsedNanos,
    long comfortableNanos,
    int probes,
    String note) {

  /** Bytes allocated per input byte. */
  public double allocatedPerInputByte() {
    return inputBytes == 0 ? Double.NaN : (double) allocatedBytes / inputBytes;
  }
}
