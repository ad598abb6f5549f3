package dev.bounded.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The reserve for small parses (decision 013): what counts as small, the per-parse caps, how far
 * reservations run ahead of the charge, and why stalled parses cannot keep small ones out.
 */
class ParseBudgetReserveTest {
  private static final long KB = 1L << 10;
  private static final long MB = 1L << 20;

  /** 2 MiB: small parses charge at most 1 KiB, the reserve is 256 KiB, the pool 1,792 KiB. */
  private static final long CAPACITY = 2048 * KB;

  private static ParseBudget budget(Duration wait) {
    return ParseBudget.of(CAPACITY, wait);
  }

  /** Opens an account and charges it {@code bytes} in one go (exactly: no room to run ahead). */
  private static ParseBudget.Account holding(ParseBudget b, long bytes) throws Exception {
    ParseBudget.Account a = b.open();
    a.charge(bytes);
    return a;
  }

  private static void closeAll(List<ParseBudget.Account> accounts) {
    accounts.forEach(ParseBudget.Account::close);
  }

  @Test
  void theReserveIsAnEighthAndSmallIsA2048thOfTheCapacity() {
    ParseBudget b = ParseBudget.of(32 * MB, Duration.ZERO);
    assertEquals(4 * MB, b.reserveBytes());
    assertEquals(16 * KB, b.smallParseBytes());
    ParseBudget tiny = ParseBudget.of(2047, Duration.ZERO);
    assertEquals(0, tiny.smallParseBytes()); // nothing is small in a budget that small
    assertEquals(255, tiny.reserveBytes());
  }

  @Test
  void aParseThatIsNotSmallNeverTakesTheReserveEvenAloneAndFailsWithoutWaiting() throws Exception {
    ParseBudget b = budget(Duration.ofSeconds(30));
    long pool = CAPACITY - b.reserveBytes();
    long t0 = System.nanoTime();
    try (ParseBudget.Account a = holding(b, pool)) {
      LimitExceededException e = assertThrows(LimitExceededException.class, () -> a.charge(1));
      assertEquals(pool, e.maximum());
      assertEquals(pool + 1, e.actual());
      assertEquals(
          "Shared parse budget ("
              + (pool + 1)
              + " bytes) exceeds the maximum allowed ("
              + pool
              + " bytes, from ParseBudget.capacity)",
          e.getMessage());
    }
    assertTrue((System.nanoTime() - t0) / 1_000_000 < 5_000, "it waited");
    assertEquals(0, b.held());
  }

  @Test
  @SuppressWarnings("try") // the large account only has to be open
  void aSmallParseTakesTheReserveUpToTheThresholdAndOneByteMoreIsRefused() throws Exception {
    ParseBudget b = budget(Duration.ZERO);
    long small = b.smallParseBytes();
    try (ParseBudget.Account large = holding(b, CAPACITY - b.reserveBytes());
        ParseBudget.Account s = b.open()) {
      for (int i = 0; i < small; i += 64) {
        s.charge(64); // small all the way: every charge comes from the reserve
      }
      assertEquals(small, s.charged());
      LimitExceededException e = assertThrows(LimitExceededException.class, () -> s.charge(1));
      // no longer small: the ceiling that applies is the pool's, which the large parse fills
      assertEquals(CAPACITY - b.reserveBytes(), e.maximum());
      assertEquals(CAPACITY - b.reserveBytes() + small + 1, e.actual());
    }
    assertEquals(0, b.held());
    assertEquals(0, b.activeParses());
  }

  @Test
  void aSmallParseInTheReserveMustLeaveAtLeastWhatItHoldsFree() throws Exception {
    ParseBudget b = budget(Duration.ZERO);
    long small = b.smallParseBytes(); // 1 KiB
    List<ParseBudget.Account> stalled = new ArrayList<>();
    try {
      stalled.add(holding(b, CAPACITY - b.reserveBytes()));
      // 1 KiB parses enter while 2 KiB or more is free: 255 of them, leaving exactly 1 KiB
      for (int i = 0; i < 255; i++) {
        stalled.add(holding(b, small));
      }
      assertEquals(small, CAPACITY - b.held());
      assertThrows(LimitExceededException.class, () -> holding(b, small).close());
      // a parse of half that still fits exactly (512 free after it, 512 held); one byte more not
      ParseBudget.Account half = holding(b, small / 2);
      assertEquals(small / 2, CAPACITY - b.held());
      half.close();
      ParseBudget.Account over = b.open();
      LimitExceededException e =
          assertThrows(LimitExceededException.class, () -> over.charge(small / 2 + 1));
      over.close();
      assertEquals(CAPACITY - (small / 2 + 1), e.maximum()); // it had to leave its own size free
      assertEquals(CAPACITY - small + small / 2 + 1, e.actual());
    } finally {
      closeAll(stalled);
    }
    assertEquals(0, b.held());
  }

  @Test
  void anyNumberOfStalledSmallParsesLeavesRoomForAParseHalfTheSizeOfTheSmallestOfThem()
      throws Exception {
    long seed = System.nanoTime();
    System.out.println("ParseBudgetReserveTest seed=" + seed);
    Random random = new Random(seed);
    for (int round = 0; round < 20; round++) {
      ParseBudget b = budget(Duration.ZERO);
      List<ParseBudget.Account> stalled = new ArrayList<>();
      long smallest = Long.MAX_VALUE;
      try {
        stalled.add(holding(b, CAPACITY - b.reserveBytes() - random.nextInt(4096)));
        // a flood of small parses of random sizes, each charging in random steps until refused
        for (int p = 0; p < 2_000; p++) {
          ParseBudget.Account a = b.open();
          long size = 1 + random.nextInt((int) b.smallParseBytes());
          try {
            while (a.charged() < size) {
              a.charge(Math.min(size - a.charged(), 1 + random.nextInt(200)));
            }
          } catch (LimitExceededException refused) {
            // refused part-way: it stays open, stalled, holding what it got
          }
          if (a.charged() > 0) {
            smallest = Math.min(smallest, a.charged());
          }
          stalled.add(a);
          assertTrue(CAPACITY - b.held() >= a.charged(), "round " + round + ": reserve exhausted");
        }
        long victim = smallest / 2;
        try (ParseBudget.Account v = b.open()) {
          v.charge(victim); // must not throw
        }
      } finally {
        closeAll(stalled);
      }
      assertEquals(0, b.held());
    }
  }

  @Test
  void aSmallParseNeverWaitsBehindAWaitingParseThatIsNotSmall() throws Exception {
    ParseBudget b = budget(Duration.ofSeconds(30));
    long small = b.smallParseBytes();
    List<ParseBudget.Account> stalled = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      stalled.add(holding(b, CAPACITY - b.reserveBytes()));
      for (int i = 0; i < 254; i++) {
        stalled.add(holding(b, small)); // 2 KiB left free
      }
      // a parse enters the reserve while small, then grows past the threshold: it must wait
      ParseBudget.Account growing = holding(b, small);
      Future<LimitExceededException> grown =
          pool.submit(() -> assertThrows(LimitExceededException.class, () -> growing.charge(1)));
      long t0 = System.nanoTime();
      while (b.waits() == 0) {
        Thread.sleep(1);
      }
      // 1 KiB free: a small parse of 600 bytes does not fit until the waiting one is refused
      Future<Long> victim =
          pool.submit(
              () -> {
                try (ParseBudget.Account v = b.open()) {
                  v.charge(600);
                  return v.charged();
                }
              });
      assertEquals(Limit.PARSE_BUDGET, grown.get(10, TimeUnit.SECONDS).limit());
      growing.close(); // as a failed parse does
      assertEquals(600, victim.get(10, TimeUnit.SECONDS));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms < 5_000, "took " + ms + " ms: the small parse waited out the large one");
      assertEquals(1, b.refusals());
    } finally {
      closeAll(stalled);
      pool.shutdownNow();
    }
    assertEquals(0, b.held());
    assertEquals(0, b.activeParses());
  }

  @Test
  void aSmallParseNeverWaitsBehindAWaitingSmallParseHoldingMoreThanItWould() throws Exception {
    ParseBudget b = budget(Duration.ofSeconds(30));
    long small = b.smallParseBytes();
    List<ParseBudget.Account> stalled = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      stalled.add(holding(b, CAPACITY - b.reserveBytes()));
      for (int i = 0; i < 255; i++) {
        stalled.add(holding(b, small)); // 1 KiB left free
      }
      ParseBudget.Account growing = holding(b, 500); // 524 free
      // 100 more would leave 424 free for 600 held: it waits, small, behind no one larger
      Future<LimitExceededException> grown =
          pool.submit(() -> assertThrows(LimitExceededException.class, () -> growing.charge(100)));
      long t0 = System.nanoTime();
      while (b.waits() == 0) {
        Thread.sleep(1);
      }
      Thread.sleep(50);
      assertEquals(0, b.refusals(), "a small parse waiting alone was refused");
      // 300 would leave 224 free: it waits too, and the waiting one holding 500 is refused
      Future<Long> victim =
          pool.submit(
              () -> {
                try (ParseBudget.Account v = b.open()) {
                  v.charge(300);
                  return v.charged();
                }
              });
      assertEquals(Limit.PARSE_BUDGET, grown.get(10, TimeUnit.SECONDS).limit());
      growing.close();
      assertEquals(300, victim.get(10, TimeUnit.SECONDS));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms < 5_000, "took " + ms + " ms");
      assertEquals(1, b.refusals());
    } finally {
      closeAll(stalled);
      pool.shutdownNow();
    }
    assertEquals(0, b.held());
  }

  @Test
  void reservationsRunAQuarterAheadOfTheChargeAtMost64KiBAndNeverPastTheSmallThreshold()
      throws Exception {
    ParseBudget b = ParseBudget.of(1L << 30, Duration.ZERO);
    try (ParseBudget.Account a = b.open()) {
      a.charge(160);
      assertEquals(200, b.held()); // one node of a tiny document: 160 charged, 40 ahead
      long threshold = b.smallParseBytes(); // 512 KiB
      while (a.charged() < 10 * MB) {
        a.charge(160);
        long ahead = b.held() - a.charged();
        assertTrue(
            ahead >= 0 && ahead <= Math.min(a.charged() / 4, ParseBudget.MAX_AHEAD), "ahead");
        if (a.charged() <= threshold) {
          assertTrue(b.held() <= threshold, "held past the small threshold while small");
        }
      }
    }
    assertEquals(0, b.held());
  }

  /**
   * Finding 7 of issue 14, at the level of accounts: a budget the size of the default for a 64 MB
   * heap, filled by parses that charged a document's body and stalled (as a 36 KB or 3.6 KB feed
   * charges: about 8 bytes per byte, 160 at a time), then a victim's small parses.
   */
  @Test
  void stalledFloodsOfDocumentsLeaveEverySmallParseRoomAtOnce() throws Exception {
    long capacity = (64 * MB) / ParseBudget.DEFAULT_HEAP_DIVISOR;
    for (long[] flood : new long[][] {{140, 36_000}, {1_200, 3_600}}) {
      ParseBudget b = ParseBudget.of(capacity, Duration.ZERO); // small parses may not even wait
      List<ParseBudget.Account> stalled = new ArrayList<>();
      int refused = 0;
      try {
        for (int i = 0; i < flood[0]; i++) {
          ParseBudget.Account a = b.open();
          try {
            for (long c = 0; c < flood[1] * 8; c += 160) {
              a.charge(160);
            }
            stalled.add(a);
          } catch (LimitExceededException e) {
            a.close();
            refused++;
          }
        }
        long t0 = System.nanoTime();
        for (int v = 0; v < 10_000; v++) {
          try (ParseBudget.Account a = b.open()) {
            for (int n = 0; n < 20; n++) {
              a.charge(160); // a small parse: 20 nodes
            }
          }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf(
            "flood %d x %d B: %d stalled, %d refused, held %d of %d; 10,000 small parses in %d ms%n",
            flood[0], flood[1], stalled.size(), refused, b.held(), capacity, ms);
        assertTrue(ms < 5_000, "the small parses waited: " + ms + " ms");
        assertEquals(refused, b.refusals(), "a small parse was refused");
      } finally {
        closeAll(stalled);
      }
      assertEquals(0, b.held());
      assertEquals(0, b.activeParses());
    }
  }
}
