package dev.bounded.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU time of the whole JVM at nanosecond resolution, for rounds of ~100 ms. {@code
 * com.sun.management.OperatingSystemMXBean.getProcessCpuTime} counts clock ticks on Linux (10 ms
 * steps here: +-10% on such a round), so this clock adds up the calling thread's CPU time ({@code
 * ThreadMXBean.getCurrentThreadCpuTime}, exact) and every other thread's from {@code
 * /proc/self/task/<tid>/schedstat} (its first field: nanoseconds on a CPU): the GC workers, the JIT
 * compilers and the rest. Reading those files costs the caller some CPU; it happens outside the
 * caller's own measured window, so only the other threads' deltas span it. A thread that starts
 * between two readings counts from zero; one that ends is counted up to the last reading that saw
 * it. Where {@code /proc} is missing (not Linux) it falls back to {@code getProcessCpuTime}.
 */
final class CpuClock {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final Path TASKS = Path.of("/proc/self/task");

  private final String self;
  private Map<String, Long> others = new HashMap<>();
  private long othersTotal;

  CpuClock() {
    String tid = null;
    try {
      // /proc/thread-self -> <pid>/task/<tid>
      tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
      Files.readString(TASKS.resolve(tid).resolve("schedstat"));
    } catch (IOException | UnsupportedOperationException e) {
      tid = null;
    }
    self = tid;
  }

  /**
   * Whether the other threads are read from {@code /proc} (else the tick-based process clock is
   * used).
   */
  boolean precise() {
    return self != null;
  }

  /** This thread's CPU time, ns. */
  static long thread() {
    return THREADS.getCurrentThreadCpuTime();
  }

  /**
   * Reads the other threads' CPU time; call right before the measured window opens and right after
   * it closes. Returns their accumulated CPU ns since this clock was made (or the process's CPU
   * time when not {@link #precise()}).
   */
  long others() {
    if (self == null) {
      return OS.getProcessCpuTime();
    }
    Map<String, Long> now = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path t : tasks) {
        String tid = t.getFileName().toString();
        if (tid.equals(self)) {
          continue;
        }
        try {
          String s = Files.readString(t.resolve("schedstat"));
          now.put(tid, Long.parseLong(s.substring(0, s.indexOf(' '))));
        } catch (IOException | RuntimeException e) {
          // the thread ended while we listed it
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + TASKS, e);
    }
    for (Map.Entry<String, Long> e : now.entrySet()) {
      othersTotal += e.getValue() - others.getOrDefault(e.getKey(), 0L);
    }
    // threads gone since the last reading keep what they had; a new one counted from zero
    others = now;
    return othersTotal;
  }
}
