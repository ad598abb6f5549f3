package dev.bounded.bench.report;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the benchmarks ran on, for the report. */
public final class Machine {
  private Machine() {}

  /** CPU model, core count, memory. */
  public static String hardware() {
    String model = "unknown CPU";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          model = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
    } catch (Exception e) {
      // not Linux
    }
    long mem =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    return Runtime.getRuntime().availableProcessors()
        + " cores ("
        + model
        + "), "
        + String.format("%.1f GiB RAM", mem / (double) (1L << 30));
  }

  /** JVM vendor and version. */
  public static String jvm() {
    return System.getProperty("java.vm.name")
        + " "
        + System.getProperty("java.runtime.version")
        + " ("
        + System.getProperty("java.vm.vendor")
        + "), default GC: "
        + gc();
  }

  /** OS name, version, architecture. */
  public static String os() {
    return System.getProperty("os.name")
        + " "
        + System.getProperty("os.version")
        + " "
        + System.getProperty("os.arch");
  }

  /** The 1-minute load average, or -1. */
  public static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static String gc() {
    List<String> names = new ArrayList<>();
    for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      names.add(b.getName());
    }
    return String.join(" + ", names);
  }
}
