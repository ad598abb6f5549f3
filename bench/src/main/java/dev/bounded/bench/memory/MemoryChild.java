package dev.bounded.bench.memory;

import dev.bounded.bench.contender.Contender;
import dev.bounded.bench.contender.Contenders;
import dev.bounded.bench.contender.Tally;
import java.io.FileInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One memory probe, run by {@link MemoryRunner} in a JVM of its own: parses a file with one
 * contender and prints one {@code RESULT} line with the parse time, the bytes this thread allocated
 * during the parse ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}) and the
 * process's peak resident set ({@code VmHWM} from {@code /proc/self/status}, -1 where there is
 * none).
 *
 * <p>{@code java -Xmx16m -XX:+ExitOnOutOfMemoryError -cp benchmarks.jar
 * dev.bounded.bench.memory.MemoryChild <contender> <file>}
 */
public final class MemoryChild {
  private MemoryChild() {}

  /** The line prefix the runner looks for. */
  static final String RESULT = "RESULT";

  /** Exit status when the parse spends nearly all its time collecting garbage. */
  static final int THRASH = 4;

  /** Over this window, GC pauses taking this share of the time end the probe as too small. */
  static final long THRASH_WINDOW_MILLIS = 10_000;

  static final double THRASH_SHARE = 0.9;

  public static void main(String[] args) throws Exception {
    watchForThrash();
    Contender c = Contenders.byId(args[0]);
    Path file = Path.of(args[1]);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    Tally tally = new Tally();
    long allocated0 = threads.getThreadAllocatedBytes(thread);
    long t0 = System.nanoTime();
    try (InputStream in = new FileInputStream(file.toFile())) {
      c.parse(in, tally);
    }
    long elapsed = System.nanoTime() - t0;
    long allocated = threads.getThreadAllocatedBytes(thread) - allocated0;
    System.out.println(
        RESULT
            + " elapsedNanos="
            + elapsed
            + " allocated="
            + allocated
            + " hwmKb="
            + peakRssKb()
            + " elements="
            + tally.elements
            + " textChars="
            + tally.textChars);
  }

  /**
   * Like the parallel collector's GC overhead limit, for any collector: a heap in which the parse
   * spends {@value #THRASH_SHARE} of {@value #THRASH_WINDOW_MILLIS} ms in GC pauses is too small to
   * be of use, so the probe ends there (exit {@value #THRASH}) instead of crawling to a timeout.
   */
  private static void watchForThrash() {
    Thread t =
        new Thread(
            () -> {
              long[] gc = new long[64];
              long[] wall = new long[64];
              int n = 0;
              while (true) {
                try {
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  return;
                }
                long g = 0;
                for (java.lang.management.GarbageCollectorMXBean b :
                    ManagementFactory.getGarbageCollectorMXBeans()) {
                  g += Math.max(0, b.getCollectionTime());
                }
                gc[n % 64] = g;
                wall[n % 64] = System.currentTimeMillis();
                int back = (int) (THRASH_WINDOW_MILLIS / 1000);
                if (n >= back) {
                  int then = (n - back) % 64;
                  double share = (double) (g - gc[then]) / (wall[n % 64] - wall[then]);
                  if (share >= THRASH_SHARE) {
                    System.out.println("THRASH gc share " + share);
                    System.out.flush();
                    Runtime.getRuntime().halt(THRASH);
                  }
                }
                n++;
              }
            },
            "thrash-watch");
    t.setDaemon(true);
    t.start();
  }

  /** VmHWM of this process in KiB, or -1. */
  static long peakRssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (Exception e) {
      // not Linux: no figure
    }
    return -1;
  }
}
