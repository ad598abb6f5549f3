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
 * process's peak resident set ({@code VmHWM} from {@code /proc/self/status}, -1 where there is none).
 *
 * <p>{@code java -Xmx16m -XX:+ExitOnOutOfMemoryError -cp benchmarks.jar
 * dev.bounded.bench.memory.MemoryChild <contender> <file>}
 */
public final class MemoryChild {
  private MemoryChild() {}

  /** The line prefix the runner looks for. */
  static final String RESULT = "RESULT";

  public static void main(String[] args) throws Exception {
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
