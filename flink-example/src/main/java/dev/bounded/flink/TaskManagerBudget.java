package dev.bounded.flink;

import dev.bounded.core.ParseBudget;
import java.time.Duration;
import java.util.Locale;
import org.apache.flink.metrics.MetricGroup;

/**
 * The one {@link ParseBudget} that the tree-building parses of a TaskManager share: JSON trees and
 * objects ({@link BoundedJsonSchema}) and DOM trees and element records ({@link BoundedXmlSchema})
 * of every task slot in the JVM charge it while they build, so together they cannot hold more than
 * its capacity, however many slots parse large messages at once. A parse that does not fit waits up
 * to the budget's {@code maxWait}, then fails with {@code PARSE_BUDGET} as an error record, and the
 * TaskManager lives.
 *
 * <p>Size: {@link #HEAP_DIVISOR a quarter} of the TaskManager's heap ({@code Runtime.maxMemory()},
 * which in Flink is the framework plus task heap), so three quarters stay for Flink, records in
 * flight and heap state. Set it with JVM options on the TaskManagers (read once, when the first
 * parse opens):
 *
 * <pre>{@code
 * # config.yaml
 * env.java.opts.taskmanager: -Dbounded.budget.bytes=512m -Dbounded.budget.maxWaitMillis=2000
 * }</pre>
 *
 * <p>One per JVM and class loader: the holder is a static field. With the Bounded jars inside the
 * job jar, Flink's per-job class loader gives each job its own budget on each TaskManager; put them
 * in Flink's {@code lib/} directory to share one budget between all jobs of a TaskManager. (A
 * MiniCluster runs its TaskManagers in one JVM, so they share one.)
 */
public final class TaskManagerBudget {
  /** System property: the capacity in bytes, with an optional k, m or g suffix (powers of 1024). */
  public static final String BYTES_PROPERTY = "bounded.budget.bytes";

  /** System property: how long a parse waits for room, in milliseconds; default 1000. */
  public static final String MAX_WAIT_PROPERTY = "bounded.budget.maxWaitMillis";

  /** Without {@link #BYTES_PROPERTY}, the capacity is {@code Runtime.maxMemory() / 4}. */
  public static final int HEAP_DIVISOR = 4;

  /** Default {@link #MAX_WAIT_PROPERTY}: one second. */
  public static final long DEFAULT_MAX_WAIT_MILLIS = 1000;

  private static volatile ParseBudget budget;

  private TaskManagerBudget() {}

  /** This TaskManager's budget, created on first use from the system properties. */
  public static ParseBudget get() {
    ParseBudget b = budget;
    if (b == null) {
      synchronized (TaskManagerBudget.class) {
        b = budget;
        if (b == null) {
          b =
              budget =
                  create(System.getProperty(BYTES_PROPERTY), System.getProperty(MAX_WAIT_PROPERTY));
        }
      }
    }
    return b;
  }

  static ParseBudget create(String bytes, String maxWaitMillis) {
    long capacity =
        bytes == null ? Runtime.getRuntime().maxMemory() / HEAP_DIVISOR : parseSize(bytes);
    long wait =
        maxWaitMillis == null ? DEFAULT_MAX_WAIT_MILLIS : Long.parseLong(maxWaitMillis.strip());
    return ParseBudget.of(capacity, Duration.ofMillis(wait));
  }

  /** {@code 1024}, {@code 64k}, {@code 512m}, {@code 2g} (case-insensitive) to bytes. */
  static long parseSize(String s) {
    String t = s.strip().toLowerCase(Locale.ROOT);
    int shift = 0;
    if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g")) {
      shift = t.endsWith("k") ? 10 : t.endsWith("m") ? 20 : 30;
      t = t.substring(0, t.length() - 1).strip();
    }
    long n = Long.parseLong(t);
    if (n < 0 || n > Long.MAX_VALUE >> shift) {
      throw new IllegalArgumentException(BYTES_PROPERTY + " out of range: " + s);
    }
    return n << shift;
  }

  /**
   * Publishes the budget as gauges in {@code group} (an operator's metric group): {@code
   * parseBudgetCapacity}, {@code parseBudgetHeld}, {@code parseBudgetHighWaterMark}, {@code
   * parseBudgetWaits}, {@code parseBudgetRefusals}, all of the TaskManager's budget.
   */
  static void register(MetricGroup group, ParseBudget b) {
    if (group == null) {
      return;
    }
    group.gauge("parseBudgetCapacity", b::capacity);
    group.gauge("parseBudgetHeld", b::held);
    group.gauge("parseBudgetHighWaterMark", b::highWaterMark);
    group.gauge("parseBudgetWaits", b::waits);
    group.gauge("parseBudgetRefusals", b::refusals);
  }
}
