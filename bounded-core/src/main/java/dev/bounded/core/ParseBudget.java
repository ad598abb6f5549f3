package dev.bounded.core;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashSet;
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
 * together, and clients that stall mid-document cannot keep small parses out.
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
 * When there is no room, {@link Account#charge} waits up to {@link #maxWait()} for other parses to
 * release, then fails with a {@link LimitExceededException} for {@link Limit#PARSE_BUDGET}; it
 * never blocks longer. A charge that could never be met fails at once.
 *
 * <p><b>The reserve, and what counts as small.</b> The last {@link #reserveBytes()} of the capacity
 * (an eighth) is kept for <em>small</em> parses. A parse is small while everything it has charged
 * is at most {@link #smallParseBytes()} ({@code capacity / 2048}: 16 KiB in the default budget of a
 * 64 MB heap, about a 2 KB feed; 256 KiB at 1 GB); once it has charged more it is not small, for
 * the rest of its life. So:
 *
 * <ul>
 *   <li><b>Per-parse cap.</b> A parse that is not small may hold at most {@code capacity -
 *       reserveBytes()}, alone or not, and all such parses together no more: a stalled large
 *       document, or a crowd of medium ones, never holds the room small parses need.
 *   <li><b>Each small parse leaves as much as it takes.</b> A small parse may take room from the
 *       reserve only while the room left free after its charge is at least everything it holds.
 *       However many small parses stall holding reserve room, the free room never falls below what
 *       the last of them holds, so a parse needing at most half of that still fits: stalled small
 *       documents cannot exhaust the reserve, only shrink the largest parse it still admits (to
 *       keep out a small parse, stalled small parses must hold the reserve together: about {@code
 *       reserveBytes() / smallParseBytes() = 256} of the largest small size at once, plus a few of
 *       ever smaller sizes).
 * </ul>
 *
 * <p><b>No deadlock, small parses first.</b> Parses keep what they hold while they wait, so several
 * large parses could each hold part of a full budget and wait for one another until all time out.
 * To break that, when every open account is waiting (no one can release), the account holding the
 * most is refused at once; the others go on with what it released. And a small parse never waits
 * behind a waiting parse that is not small, nor behind a waiting one holding more than it would:
 * the one holding the most is refused at once (once its parse ends and closes its account, the
 * small one goes on; one at a time). Under pressure the largest parses fail first.
 *
 * <p><b>Reservations follow the charge.</b> Accounts take room ahead of their charge so that
 * charging per node is a field update most of the time, but never more than a quarter of what they
 * have charged and never more than 64 KiB ahead; none at all from the reserve, and never so far
 * that a small parse would stop being small. A parse of a tiny document holds about what it
 * charged. Thread-safe.
 *
 * <p>A refusal is a {@link LimitExceededException} whose {@link LimitExceededException#maximum()}
 * is the ceiling that applied to that parse (the capacity less the reserve for a parse that is not
 * small; the capacity less what it would hold for a small one taking reserve room) and whose {@link
 * LimitExceededException#actual()} is what all parses would have held with the charge; its setting
 * is {@code "ParseBudget.capacity"}.
 */
public final class ParseBudget {
  /** The JMX domain of {@link #registerMBean(String)}: {@value}. */
  public static final String JMX_DOMAIN = "dev.bounded";

  /** The reserve for small parses is {@code capacity / RESERVE_DIVISOR}. */
  static final int RESERVE_DIVISOR = 8;

  /** A parse is small while it has charged at most {@code capacity / SMALL_DIVISOR}. */
  static final int SMALL_DIVISOR = 2048;

  /** The most a reservation runs ahead of the charge: 64 KiB. */
  static final long MAX_AHEAD = 64L << 10;

  /** A reservation runs ahead of the charge by at most {@code charged >> AHEAD_SHIFT}. */
  private static final int AHEAD_SHIFT = 2;

  private static volatile ParseBudget processDefault;

  private final long capacity;
  private final long reserve;
  private final long pool; // capacity - reserve: what parses that are not small may hold
  private final long small;
  private final long maxWaitNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private long held;
  private long highWaterMark;
  private long waits;
  private long refusals;
  private long active;
  private long pendingRefusals; // accounts marked to be refused that have not closed yet
  private final Set<Account> waiters = new LinkedHashSet<>(); // identity: Account keeps Object's

  private ParseBudget(long capacity, Duration maxWait) {
    this.capacity = capacity;
    this.reserve = capacity / RESERVE_DIVISOR;
    this.pool = capacity - reserve;
    this.small = capacity / SMALL_DIVISOR;
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

  /**
   * The room kept for small parses: {@code capacity / 8}. A parse that is not small may hold at
   * most {@code capacity() - reserveBytes()}, and all of them together no more.
   */
  public long reserveBytes() {
    return reserve;
  }

  /**
   * A parse is small while everything it has charged is at most this: {@code capacity / 2048}. Only
   * small parses may take room from the {@linkplain #reserveBytes() reserve}, each only while it
   * leaves at least as much free as it holds.
   */
  public long smallParseBytes() {
    return small;
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

  /**
   * Reserves {@code need} bytes more for {@code a} (plus {@code ahead} if the pool has room for
   * both at once), waiting for room as the class comment says.
   */
  private void reserve(Account a, long need, long ahead) throws LimitExceededException {
    lock.lock();
    try {
      if (ahead > 0 && need <= pool - held - ahead) {
        take(a, need + ahead);
        return;
      }
      if (fits(a, need)) {
        take(a, need);
        return;
      }
      if (need > pool - a.reserved) { // more than any parse may ever hold
        refusals++;
        throw refused(a, need);
      }
      waits++;
      a.wanted = need;
      a.wantsSmall = isSmall(a, need);
      waiters.add(a);
      try {
        arbitrate();
        long left = maxWaitNanos;
        while (!fits(a, need)) {
          if (a.refuse || left <= 0) {
            refusals++;
            throw refused(a, need);
          }
          try {
            left = a.wake.awaitNanos(left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refusals++;
            throw refused(a, need);
          }
        }
      } finally {
        waiters.remove(a);
      }
      if (a.refuse) { // room came before it saw the mark: it goes on, and the mark is lifted
        a.refuse = false;
        pendingRefusals--;
      }
      take(a, need);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Decides for the waiting parses after anything changed: wakes those that now fit, and unless a
   * parse marked to be refused is still open, marks one: when every open parse waits, the one
   * holding the most (no one else can release); else, when a small parse waits without room, the
   * waiting parse holding the most if it is not small or holds more than that small parse would,
   * else the largest waiting parse that is not small. Holds the lock.
   */
  private void arbitrate() {
    long smallNeed = Long.MAX_VALUE; // the least a small parse waiting without room would hold
    int stuck = 0;
    Account largest = null;
    Account largestNotSmall = null;
    for (Account w : waiters) {
      if (w.refuse || fits(w, w.wanted)) {
        w.wake.signal();
        continue;
      }
      stuck++;
      if (w.wantsSmall) {
        smallNeed = Math.min(smallNeed, w.reserved + w.wanted);
      }
      if (largest == null || w.reserved > largest.reserved) {
        largest = w;
      }
      if (!w.wantsSmall && (largestNotSmall == null || w.reserved > largestNotSmall.reserved)) {
        largestNotSmall = w;
      }
    }
    if (pendingRefusals > 0 || largest == null) {
      return;
    }
    if (stuck == active) {
      mark(largest);
    } else if (smallNeed != Long.MAX_VALUE) {
      if (!largest.wantsSmall || largest.reserved > smallNeed) {
        mark(largest);
      } else if (largestNotSmall != null) {
        mark(largestNotSmall);
      }
    }
  }

  /** Marks {@code a}, which is waiting, to be refused, and wakes it. Holds the lock. */
  private void mark(Account a) {
    a.refuse = true;
    pendingRefusals++;
    a.wake.signal();
  }

  /** Holds the lock. */
  private void take(Account a, long grant) {
    held += grant;
    a.reserved += grant;
    if (held > highWaterMark) {
      highWaterMark = held;
    }
  }

  /**
   * Whether {@code a} may hold {@code grant} more now: within the pool, or, small, from the reserve
   * leaving at least what it would then hold free. Holds the lock.
   */
  private boolean fits(Account a, long grant) {
    if (grant <= pool - held) {
      return true;
    }
    return isSmall(a, grant) && grant + a.reserved + grant <= capacity - held;
  }

  /** Whether {@code a} is still small with {@code grant} more. Holds the lock (reads reserved). */
  private boolean isSmall(Account a, long grant) {
    return grant <= small - a.reserved;
  }

  /**
   * The refusal of {@code grant} more to {@code a}: the maximum is the ceiling that applied to it,
   * actual what all parses would hold with the grant. Holds the lock.
   */
  private LimitExceededException refused(Account a, long grant) {
    long wouldHold = grant > Long.MAX_VALUE - held ? Long.MAX_VALUE : held + grant;
    long ceiling = isSmall(a, grant) ? capacity - (a.reserved + grant) : pool;
    return new LimitExceededException(
        Limit.PARSE_BUDGET, ceiling, wouldHold, "ParseBudget.capacity", ParseLocation.UNKNOWN);
  }

  private void release(Account a) {
    lock.lock();
    try {
      held -= a.reserved;
      a.reserved = 0;
      if (a.refuse) {
        pendingRefusals--;
      }
      active--;
      arbitrate();
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
    private long reserved; // guarded by the budget's lock (others read it)
    private long used;
    private boolean closed;
    private final Condition wake = lock.newCondition(); // signalled when it may go on
    private long wanted; // guarded by the budget's lock: what it waits for
    private boolean wantsSmall; // guarded by the budget's lock: small with what it waits for
    private boolean refuse; // guarded by the budget's lock: refuse its waits; set until it closes

    private Account() {}

    /**
     * Charges {@code bytes} of estimated heap, waiting up to {@link #maxWait()} for room.
     *
     * @throws LimitExceededException ({@link Limit#PARSE_BUDGET}) if no room came in time, or none
     *     can (more than a parse may ever hold); the parse is then expected to end and close this
     *     account, as a parse does after any failure
     */
    public void charge(long bytes) throws LimitExceededException {
      if (bytes < 0) {
        throw new IllegalArgumentException("bytes < 0: " + bytes);
      }
      if (closed) {
        throw new IllegalStateException("account closed");
      }
      long room = reserved - used; // reserved ahead, not yet charged; only this thread grows it
      if (bytes > room) {
        long after = bytes > Long.MAX_VALUE - used ? Long.MAX_VALUE : used + bytes;
        reserve(this, bytes - room, ahead(after));
      }
      used += bytes;
    }

    /**
     * How far to reserve ahead of a charge reaching {@code after}: a quarter of it, at most 64 KiB,
     * and never past the small threshold while the parse is still small.
     */
    private long ahead(long after) {
      long ahead = Math.min(after >>> AHEAD_SHIFT, MAX_AHEAD);
      return after <= small ? Math.min(ahead, small - after) : ahead;
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
        release(this);
      }
    }
  }
}
