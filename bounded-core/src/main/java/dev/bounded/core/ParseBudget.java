package dev.bounded.core;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * A memory budget shared by many concurrent parses: it caps the estimated heap that all
 * tree-building and buffering parses drawing on it may hold at once, so several large but
 * individually allowed documents arriving together fail (or wait) instead of exhausting the heap
 * together.
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
 * When the budget is full, {@link Account#charge} waits up to {@link #maxWait()} for other parses
 * to release, then fails with a {@link LimitExceededException} for {@link Limit#PARSE_BUDGET}; it
 * never blocks longer. A single charge larger than the whole capacity fails at once.
 *
 * <p><b>No deadlock, small parses first.</b> Parses keep what they hold while they wait, so several
 * large parses could each hold part of a full budget and wait for one another until all time out.
 * To break that, when every open account is waiting (no one can release), the account holding the
 * most is refused at once; the others go on with what it released. A parse that is alone and needs
 * more than the whole budget fails at once for the same reason. So under pressure the largest
 * parses fail first and small ones wait only as long as it takes a large one to fail.
 *
 * <p><b>Room for small parses.</b> A parse holding more than an eighth of the capacity (a "large"
 * one) may not take the last eighth while any other parse is open: however many large documents
 * arrive, small ones still find room and need not wait. A parse alone may use the whole capacity.
 *
 * <p>Accounts take room from the budget in chunks of {@link #CHUNK_BYTES}, so charging is cheap
 * enough to call per node; a parse holds at most one chunk it has not used yet. Thread-safe.
 */
public final class ParseBudget {
  /** The JMX domain of {@link #registerMBean(String)}: {@value}. */
  public static final String JMX_DOMAIN = "dev.bounded";

  /**
   * The share kept for small parses: a parse holding more than {@code capacity / 8} may not take
   * the last {@code capacity / 8} while other parses are open.
   */
  public static final int SMALL_SHARE = 8;

  /** Granularity of reservations: 64 KiB. */
  public static final long CHUNK_BYTES = 64L << 10;

  private static volatile ParseBudget processDefault;

  private final long capacity;
  private final long smallLimit;
  private final long maxWaitNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition released = lock.newCondition();
  private long held;
  private long highWaterMark;
  private long waits;
  private long refusals;
  private long active;
  private long waiting;
  private final Set<Account> open = Collections.newSetFromMap(new IdentityHashMap<>());

  private ParseBudget(long capacity, Duration maxWait) {
    this.capacity = capacity;
    this.smallLimit = capacity / SMALL_SHARE;
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
   * The share of {@link Runtime#maxMemory()} the process-wide default budget holds: one half, in
   * charged (estimated) bytes. The tree builders' charges are conservative, 1.4x to 2.7x the real
   * heap of the JDK DOM depending on the document's shape (see {@code DomLimits}), so the trees
   * being built at once really hold a fifth to a third of the heap, leaving the rest to the
   * application. (At a quarter, the largest document one parse could build was smaller than many a
   * service accepts today.)
   */
  public static final int DEFAULT_HEAP_DIVISOR = 2;

  /**
   * The process-wide default: {@code Runtime.maxMemory() / DEFAULT_HEAP_DIVISOR}, waiting up to one
   * second for room. Used by the tree-building drop-ins unless the caller passes another budget.
   */
  public static ParseBudget processDefault() {
    ParseBudget b = processDefault;
    if (b == null) {
      synchronized (ParseBudget.class) {
        b = processDefault;
        if (b == null) {
          b = of(Runtime.getRuntime().maxMemory() / DEFAULT_HEAP_DIVISOR, Duration.ofSeconds(1));
          processDefault = b;
        }
      }
    }
    return b;
  }

  /** Opens an account for one parse; close it when the parse (and its result) is done. */
  public Account open() {
    Account a = new Account();
    lock.lock();
    try {
      active++;
      open.add(a);
    } finally {
      lock.unlock();
    }
    return a;
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

  /**
   * Charges refused: no room came within {@link #maxWait()}, or the charge could never be met (more
   * than the capacity, or every open parse waiting and this one holding the most).
   */
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

  private void reserve(long bytes, Account caller) throws LimitExceededException {
    lock.lock();
    try {
      if (held + bytes > ceiling(caller, bytes)) {
        if (caller.reserved + bytes > capacity) {
          refusals++;
          throw refused(bytes);
        }
        waits++;
        waiting++;
        caller.waiting = true;
        try {
          long left = maxWaitNanos;
          while (held + bytes > ceiling(caller, bytes)) {
            if (caller.victim || left <= 0 || breakDeadlock(caller)) {
              refusals++;
              throw refused(bytes);
            }
            try {
              left = released.awaitNanos(left);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              refusals++;
              throw refused(bytes);
            }
          }
        } finally {
          waiting--;
          caller.waiting = false;
          caller.victim = false;
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

  /**
   * If every open account is waiting, marks the one holding the most (the caller on a tie) to be
   * refused and wakes it; returns true if that is the caller. Holds the lock.
   */
  private boolean breakDeadlock(Account caller) {
    if (waiting < active) {
      return false;
    }
    Account largest = caller;
    for (Account a : open) {
      if (a.waiting && !a.victim && a.reserved > largest.reserved) {
        largest = a;
      }
    }
    if (largest == caller) {
      return true;
    }
    largest.victim = true;
    released.signalAll();
    return false;
  }

  /**
   * What all parses may hold once {@code caller} has {@code bytes} more: the capacity, but for a
   * large parse (over an eighth) among others, the capacity less the {@linkplain #SMALL_SHARE
   * eighth kept for small parses}. Holds the lock.
   */
  private long ceiling(Account caller, long bytes) {
    if (caller.reserved + bytes <= smallLimit || active <= 1) {
      return capacity;
    }
    return capacity - smallLimit;
  }

  private boolean tryReserve(long bytes, Account caller) {
    lock.lock();
    try {
      if (held + bytes > ceiling(caller, bytes)) {
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

  /** The refusal of {@code bytes} more: actual is what all parses would hold with them. */
  private LimitExceededException refused(long bytes) {
    return new LimitExceededException(
        Limit.PARSE_BUDGET, capacity, held + bytes, "ParseBudget.capacity", ParseLocation.UNKNOWN);
  }

  private void release(Account a, long bytes) {
    lock.lock();
    try {
      held -= bytes;
      active--;
      open.remove(a);
      released.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Registers a {@link ParseBudgetMXBean} view of this budget with the platform MBean server, under
   * {@code dev.bounded:type=ParseBudget,name=<name>}, so an operator sees the pressure in JConsole,
   * VisualVM or a JMX exporter. Unregister it with {@code
   * ManagementFactory.getPlatformMBeanServer().unregisterMBean(returnedName)}.
   *
   * <pre>{@code
   * ParseBudget.processDefault().registerMBean("default");
   * }</pre>
   *
   * @return the name it was registered under
   * @throws IllegalArgumentException if {@code name} is not a valid JMX key value
   * @throws IllegalStateException if that name is already registered
   */
  public ObjectName registerMBean(String name) {
    Objects.requireNonNull(name, "name");
    ObjectName on;
    try {
      on = new ObjectName(JMX_DOMAIN + ":type=ParseBudget,name=" + name);
    } catch (JMException e) {
      throw new IllegalArgumentException("not a valid JMX name value: " + name, e);
    }
    try {
      ManagementFactory.getPlatformMBeanServer().registerMBean(new View(), on);
    } catch (javax.management.InstanceAlreadyExistsException e) {
      throw new IllegalStateException("already registered: " + on, e);
    } catch (JMException e) {
      throw new IllegalStateException("could not register " + on + ": " + e.getMessage(), e);
    }
    return on;
  }

  /** The JMX view: reads the live figures of this budget. */
  private final class View implements ParseBudgetMXBean {
    @Override
    public long getCapacity() {
      return capacity;
    }

    @Override
    public long getMaxWaitMillis() {
      return maxWaitNanos / 1_000_000;
    }

    @Override
    public long getHeld() {
      return held();
    }

    @Override
    public long getHighWaterMark() {
      return highWaterMark();
    }

    @Override
    public long getWaits() {
      return waits();
    }

    @Override
    public long getRefusals() {
      return refusals();
    }

    @Override
    public long getActiveParses() {
      return activeParses();
    }
  }

  @Override
  public String toString() {
    return "ParseBudget{capacity="
        + capacity
        + ", held="
        + held()
        + ", highWaterMark="
        + highWaterMark()
        + '}';
  }

  /** One parse's share of the budget. Not thread-safe: one parse, one thread. */
  public final class Account implements AutoCloseable {
    private long reserved;
    private long used;
    private boolean closed;
    private boolean waiting; // guarded by the budget's lock
    private boolean victim; // guarded by the budget's lock

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
        if (grant == need || !tryReserve(grant, this)) {
          grant = need;
          reserve(need, this);
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
        release(this, reserved);
        reserved = 0;
      }
    }
  }
}
