package dev.bounded.core.internal;

import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.ParseLocation;
import java.lang.management.ManagementFactory;

/**
 * One parse's wall-clock deadline and heap-allocation cap, checked cheaply while streaming, with no
 * thread of its own (decision 020): the parsers check it at every read from the source and call
 * {@link #tick()} per event (a counter decrement), the real check running every {@link
 * #EVENTS_PER_CHECK} events (JSON: every 64 tokens, on its token counter). Neither check preempts:
 * a handler that blocks is only caught when it returns, and the deadline is noticed at most one
 * read or one check interval after it passes. A guard from {@link #startAtFirstRead} takes its
 * start time (and allocation baseline) from its first check, which the parsers make at the first
 * read from the source (or the first token of an in-memory document); one from {@link #start} from
 * its creation, for feeders, whose deadline also covers a client that never sends a byte. Not
 * thread-safe: one parse, one thread.
 */
public final class ParseGuard {
  /** Events between two real checks: a clock read costs about 20 ns, an event about 100 ns. */
  public static final int EVENTS_PER_CHECK = 16;

  private static final com.sun.management.ThreadMXBean THREADS = threads();

  /** A guard that checks nothing (both limits unlimited): its {@link #tick()} is free. */
  public static final ParseGuard NONE = new ParseGuard(Long.MAX_VALUE, Long.MAX_VALUE, "", false);

  private final long maxMillis;
  private long deadlineNanos;
  private long startNanos;
  private final long maxAllocated;
  private long startAllocated;
  private long threadId;
  private final String settingsClass; // names the settings only when a breach is reported
  private final boolean active;

  /** The clock and the allocation baseline have been read. */
  private boolean started;

  private int countdown = EVENTS_PER_CHECK;

  private ParseGuard(long maxMillis, long maxAllocated, String settingsClass, boolean active) {
    this.maxMillis = maxMillis;
    this.maxAllocated = maxAllocated;
    this.settingsClass = settingsClass;
    this.active = active;
    this.deadlineNanos = Long.MAX_VALUE;
  }

  /** Reads the clock and the allocation counter: the parse's time and allocation count from now. */
  private void begin() {
    started = true;
    startNanos = System.nanoTime();
    deadlineNanos =
        maxMillis == Long.MAX_VALUE
            ? Long.MAX_VALUE
            : startNanos + Math.min(maxMillis, Long.MAX_VALUE / 2_000_000) * 1_000_000;
    threadId = Thread.currentThread().getId();
    startAllocated = maxAllocated != Long.MAX_VALUE ? allocated() : 0;
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
    ParseGuard g = startAtFirstRead(maxMillis, maxAllocatedBytes, settingsClass);
    if (g != NONE) {
      g.begin();
    }
    return g;
  }

  /**
   * As {@link #start}, except that the time and the allocation count start at the guard's first
   * {@link #check()}: the parsers check at every read from the source, so the first read starts
   * them, and the set-up before it reads no clock.
   */
  public static ParseGuard startAtFirstRead(
      long maxMillis, long maxAllocatedBytes, String settingsClass) {
    if (maxMillis == Long.MAX_VALUE && maxAllocatedBytes == Long.MAX_VALUE) {
      return NONE;
    }
    if (maxAllocatedBytes != Long.MAX_VALUE) {
      requireAllocationCounter(settingsClass);
    }
    return new ParseGuard(maxMillis, maxAllocatedBytes, settingsClass, true);
  }

  /**
   * True for a source whose reads cannot block: a {@link java.io.ByteArrayInputStream} itself (not
   * a subclass, which may override {@code read}). A check before a read exists to stop a parse past
   * its deadline from starting a read that may block (decision 020); a read from memory returns at
   * once, so the parsers check no guard at its reads and time its parse by events or tokens alone,
   * from the first (decision 026).
   */
  public static boolean cannotBlock(java.io.InputStream in) {
    return in != null && in.getClass() == java.io.ByteArrayInputStream.class;
  }

  /**
   * For a parse whose reads check nothing ({@link #cannotBlock}): the first {@link #tick()} checks,
   * so the clock starts at the first event rather than the {@link #EVENTS_PER_CHECK}th.
   */
  public void checkAtFirstEvent() {
    if (active && !started) {
      countdown = 1;
    }
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
   * when there is none or it has not started. Thread-safe for a guard from {@link #start} (whose
   * fields are set before it is shared): reads only the clock and fields no longer written.
   */
  public long nanosLeft() {
    return deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
  }

  /** Checks both limits now. */
  public void check() throws LimitExceededException {
    if (!active) {
      return;
    }
    if (!started) {
      begin(); // the first read: the parse's time starts now
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
