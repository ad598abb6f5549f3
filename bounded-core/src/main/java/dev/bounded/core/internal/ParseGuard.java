package dev.bounded.core.internal;

import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.ParseLocation;
import java.lang.management.ManagementFactory;

/**
 * One parse's wall-clock deadline and heap-allocation cap, checked cheaply while streaming: the
 * parsers call {@link #tick()} per event (a counter decrement) and the real check runs every {@link
 * #EVENTS_PER_CHECK} events. Neither check preempts: a handler that blocks is only caught when it
 * returns. Not thread-safe: one parse, one thread.
 */
public final class ParseGuard {
  /** Events between two real checks: a clock read costs about 20 ns, an event about 100 ns. */
  public static final int EVENTS_PER_CHECK = 16;

  private static final com.sun.management.ThreadMXBean THREADS = threads();

  /** A guard that checks nothing (both limits unlimited): its {@link #tick()} is free. */
  public static final ParseGuard NONE = new ParseGuard(Long.MAX_VALUE, Long.MAX_VALUE, "", false);

  private final long maxMillis;
  private final long deadlineNanos;
  private final long startNanos;
  private final long maxAllocated;
  private final long startAllocated;
  private final long threadId;
  private final String settingsClass; // names the settings only when a breach is reported
  private final boolean active;
  private int countdown = EVENTS_PER_CHECK;

  private ParseGuard(long maxMillis, long maxAllocated, String settingsClass, boolean active) {
    this.maxMillis = maxMillis;
    this.maxAllocated = maxAllocated;
    this.settingsClass = settingsClass;
    this.active = active;
    this.startNanos = active ? System.nanoTime() : 0;
    this.deadlineNanos =
        maxMillis == Long.MAX_VALUE || !active
            ? Long.MAX_VALUE
            : startNanos + Math.min(maxMillis, Long.MAX_VALUE / 2_000_000) * 1_000_000;
    this.threadId = Thread.currentThread().getId();
    this.startAllocated = maxAllocated != Long.MAX_VALUE && active ? allocated() : 0;
  }

  /** True if this JVM counts heap allocation per thread (HotSpot and most OpenJDK builds do). */
  public static boolean allocationCounterAvailable() {
    return THREADS != null;
  }

  /**
   * Starts the guard of one parse. Both limits {@code Long.MAX_VALUE} gives {@link #NONE}.
   *
   * @param settingsClass the public limits class for messages, such as {@code "XmlLimits"}
   * @throws UnsupportedOperationException if an allocation cap is asked for and this JVM has no
   *     per-thread allocation counter
   */
  public static ParseGuard start(long maxMillis, long maxAllocatedBytes, String settingsClass) {
    if (maxMillis == Long.MAX_VALUE && maxAllocatedBytes == Long.MAX_VALUE) {
      return NONE;
    }
    if (maxAllocatedBytes != Long.MAX_VALUE) {
      requireAllocationCounter(settingsClass);
    }
    return new ParseGuard(maxMillis, maxAllocatedBytes, settingsClass, true);
  }

  /** Throws the documented error if an allocation cap cannot be honoured on this JVM. */
  public static void requireAllocationCounter(String settingsClass) {
    if (THREADS == null) {
      throw new UnsupportedOperationException(
          settingsClass
              + ".maxAllocatedBytes needs a JVM that counts heap allocation per thread"
              + " (com.sun.management.ThreadMXBean with allocated-memory support); this JVM has none");
    }
  }

  /** Counts one event; every {@link #EVENTS_PER_CHECK} events, checks both limits. */
  public void tick() throws LimitExceededException {
    if (active && --countdown <= 0) {
      countdown = EVENTS_PER_CHECK;
      check();
    }
  }

  /**
   * Nanoseconds left before the deadline (negative once it has passed), or {@code Long.MAX_VALUE}
   * when there is none. Thread-safe: reads only the clock and final fields.
   */
  public long nanosLeft() {
    return deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
  }

  /** Checks both limits now. */
  public void check() throws LimitExceededException {
    if (!active) {
      return;
    }
    long now = System.nanoTime();
    if (now - deadlineNanos > 0) {
      throw new LimitExceededException(
          Limit.MAX_PARSE_MILLIS,
          maxMillis,
          (now - startNanos + 999_999) / 1_000_000, // rounded up: over the deadline reads as more
          settingsClass + ".maxParseMillis",
          ParseLocation.UNKNOWN);
    }
    if (maxAllocated != Long.MAX_VALUE && Thread.currentThread().getId() == threadId) {
      long used = allocated() - startAllocated;
      if (used > maxAllocated) {
        throw new LimitExceededException(
            Limit.MAX_ALLOCATED_BYTES,
            maxAllocated,
            used,
            settingsClass + ".maxAllocatedBytes",
            ParseLocation.UNKNOWN);
      }
    }
  }

  private static long allocated() {
    return THREADS.getCurrentThreadAllocatedBytes();
  }

  private static com.sun.management.ThreadMXBean threads() {
    try {
      java.lang.management.ThreadMXBean t = ManagementFactory.getThreadMXBean();
      if (t instanceof com.sun.management.ThreadMXBean) {
        com.sun.management.ThreadMXBean s = (com.sun.management.ThreadMXBean) t;
        if (s.isThreadAllocatedMemorySupported()) {
          if (!s.isThreadAllocatedMemoryEnabled()) {
            s.setThreadAllocatedMemoryEnabled(true);
          }
          return s.getCurrentThreadAllocatedBytes() >= 0 ? s : null;
        }
      }
      return null;
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }
}
