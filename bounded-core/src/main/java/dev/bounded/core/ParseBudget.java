package dev.bounded.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A memory budget shared by many concurrent parses: it caps the estimated heap that all tree-building
 * and buffering parses drawing on it may hold at once, so several large but individually allowed
 * documents arriving together fail (or wait) instead of exhausting the heap together.
 *
 * <pre>{@code
 * ParseBudget budget = ParseBudget.of(256L << 20, Duration.ofMillis(200));  // share one per service
 * try (ParseBudget.Account account = budget.open()) {
 *   account.charge(estimatedBytes);   // as the parse grows; waits up to 200 ms for room, then fails
 *   ...
 * }                                   // everything charged is released here
 * }</pre>
 *
 * <p>Parses charge an estimate as they grow and release it all when their {@link Account} closes.
 * When the budget is full, {@link Account#charge} waits up to {@link #maxWait()} for other parses to
 * release, then fails with a {@link LimitExceededException} for {@link Limit#PARSE_BUDGET}; it never
 * blocks longer. A single charge larger than the whole capacity fails at once.
 *
 * <p>Accounts take room from the budget in chunks of {@link #CHUNK_BYTES}, so charging is cheap enough
 * to call per node; a parse holds at most one chunk it has not used yet. Thread-safe.
 */
public final class ParseBudget {
  /** Granularity of reservations: 64 KiB. */
  public static final long CHUNK_BYTES = 64L << 10;

  private static volatile ParseBudget processDefault;

  private final long capacity;
  private final long maxWaitNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition released = lock.newCondition();
  private long held;
  private long highWaterMark;
  private long waits;
  private long refusals;
  private long active;

  private ParseBudget(long capacity, Duration maxWait) {
    this.capacity = capacity;
    this.maxWaitNanos = maxWait.toNanos();
  }

  /**
   * A budget of {@code capacityBytes} (estimated heap bytes), where a parse waits at most {@code
   * maxWait} for room ({@link Duration#ZERO}: fail at once).
   */
  public static ParseBudget of(long capacityBytes, Duration maxWait) {
    if (capacityBytes < 0) {
      throw new IllegalArgumentException("capacityBytes < 0: " + capacityBytes);
    }
    Objects.requireNonNull(maxWait, "maxWait");
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait < 0: " + maxWait);
    }
    return new ParseBudget(capacityBytes, maxWait);
  }

  /**
   * The process-wide default: a quarter of {@link Runtime#maxMemory()}, waiting up to one second for
   * room. Used by the tree-building drop-ins unless the caller passes another budget.
   */
  public static ParseBudget processDefault() {
    ParseBudget b = processDefault;
    if (b == null) {
      synchronized (ParseBudget.class) {
        b = processDefault;
        if (b == null) {
          b = of(Runtime.getRuntime().maxMemory() / 4, Duration.ofSeconds(1));
          processDefault = b;
        }
      }
    }
    return b;
  }

  /** Opens an account for one parse; close it when the parse (and its result) is done. */
  public Account open() {
    lock.lock();
    try {
      active++;
    } finally {
      lock.unlock();
    }
    return new Account();
  }

  /** The configured capacity in bytes. */
  public long capacity() {
    return capacity;
  }

  /** How long a charge waits for room at most. */
  public Duration maxWait() {
    return Duration.ofNanos(maxWaitNanos);
  }

  /** Bytes reserved by open accounts now. */
  public long held() {
    lock.lock();
    try {
      return held;
    } finally {
      lock.unlock();
    }
  }

  /** The most bytes ever reserved at once. */
  public long highWaterMark() {
    lock.lock();
    try {
      return highWaterMark;
    } finally {
      lock.unlock();
    }
  }

  /** Charges that had to wait for room (whether or not they then got it). */
  public long waits() {
    lock.lock();
    try {
      return waits;
    } finally {
      lock.unlock();
    }
  }

  /** Charges refused because no room came within {@link #maxWait()}. */
  public long refusals() {
    lock.lock();
    try {
      return refusals;
    } finally {
      lock.unlock();
    }
  }

  /** Accounts open now. */
  public long activeParses() {
    lock.lock();
    try {
      return active;
    } finally {
      lock.unlock();
    }
  }

  private void reserve(long bytes, long alreadyHeldByCaller) throws LimitExceededException {
    lock.lock();
    try {
      if (held + bytes > capacity) {
        if (bytes > capacity) {
          refusals++;
          throw refused(alreadyHeldByCaller + bytes);
        }
        waits++;
        long left = maxWaitNanos;
        while (held + bytes > capacity) {
          if (left <= 0) {
            refusals++;
            throw refused(alreadyHeldByCaller + bytes);
          }
          try {
            left = released.awaitNanos(left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refusals++;
            throw refused(alreadyHeldByCaller + bytes);
          }
        }
      }
      held += bytes;
      if (held > highWaterMark) {
        highWaterMark = held;
      }
    } finally {
      lock.unlock();
    }
  }

  private boolean tryReserve(long bytes) {
    lock.lock();
    try {
      if (held + bytes > capacity) {
        return false;
      }
      held += bytes;
      if (held > highWaterMark) {
        highWaterMark = held;
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private LimitExceededException refused(long wanted) {
    return new LimitExceededException(
        Limit.PARSE_BUDGET, capacity, held + wanted, "ParseBudget.capacity", ParseLocation.UNKNOWN);
  }

  private void release(long bytes, boolean closing) {
    lock.lock();
    try {
      held -= bytes;
      if (closing) {
        active--;
      }
      released.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "ParseBudget{capacity=" + capacity + ", held=" + held() + ", highWaterMark=" + highWaterMark() + '}';
  }

  /** One parse's share of the budget. Not thread-safe: one parse, one thread. */
  public final class Account implements AutoCloseable {
    private long reserved;
    private long used;
    private boolean closed;

    private Account() {}

    /**
     * Charges {@code bytes} of estimated heap, waiting up to {@link #maxWait()} for room.
     *
     * @throws LimitExceededException ({@link Limit#PARSE_BUDGET}) if no room came in time
     */
    public void charge(long bytes) throws LimitExceededException {
      if (bytes < 0) {
        throw new IllegalArgumentException("bytes < 0: " + bytes);
      }
      if (closed) {
        throw new IllegalStateException("account closed");
      }
      long need = used + bytes - reserved;
      if (need > 0) {
        // A whole chunk if there is room at once; else exactly what is needed, waiting for it.
        long grant = Math.max(need, CHUNK_BYTES);
        if (grant == need || !tryReserve(grant)) {
          grant = need;
          reserve(need, reserved);
        }
        reserved += grant;
      }
      used += bytes;
    }

    /** Bytes charged so far. */
    public long charged() {
      return used;
    }

    /** Releases everything this account holds. Idempotent. */
    @Override
    public void close() {
      if (!closed) {
        closed = true;
        release(reserved, true);
        reserved = 0;
      }
    }
  }
}
