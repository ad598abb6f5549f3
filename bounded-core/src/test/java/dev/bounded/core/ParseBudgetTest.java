package dev.bounded.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParseBudgetTest {
  private static final long MB = 1L << 20;

  @Test
  void aParseMayChargeUpToTheCapacityLessTheReserveAndOneByteMoreFails() throws Exception {
    ParseBudget budget = ParseBudget.of(8 * MB, Duration.ZERO);
    assertEquals(MB, budget.reserveBytes());
    try (ParseBudget.Account a = budget.open()) {
      a.charge(7 * MB);
      LimitExceededException e = assertThrows(LimitExceededException.class, () -> a.charge(1));
      assertEquals(Limit.PARSE_BUDGET, e.limit());
      assertEquals(7 * MB, e.maximum());
      assertEquals(7 * MB + 1, e.actual());
      assertEquals("ParseBudget.capacity", e.setting());
    }
    assertEquals(0, budget.held());
    assertEquals(7 * MB, budget.highWaterMark());
    assertEquals(1, budget.refusals());
  }

  @Test
  void closingAnAccountReleasesEverythingItHeld() throws Exception {
    ParseBudget budget = ParseBudget.of(10 * MB, Duration.ZERO);
    ParseBudget.Account a = budget.open();
    for (int i = 0; i < 1000; i++) {
      a.charge(1000);
    }
    assertEquals(1_000_000, a.charged());
    assertTrue(budget.held() >= 1_000_000 && budget.held() <= 1_000_000 + ParseBudget.MAX_AHEAD);
    assertEquals(1, budget.activeParses());
    a.close();
    a.close();
    assertEquals(0, budget.held());
    assertEquals(0, budget.activeParses());
  }

  @Test
  void aFullBudgetMakesAChargeWaitForAReleaseThenSucceed() throws Exception {
    ParseBudget budget = ParseBudget.of(4 * MB, Duration.ofSeconds(10));
    ParseBudget.Account first = budget.open();
    first.charge(4 * MB - budget.reserveBytes());
    CountDownLatch waiting = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Long> second =
          pool.submit(
              () -> {
                try (ParseBudget.Account b = budget.open()) {
                  waiting.countDown();
                  b.charge(MB);
                  return b.charged();
                }
              });
      waiting.await();
      Thread.sleep(100);
      first.close();
      assertEquals(MB, second.get(10, TimeUnit.SECONDS));
      assertEquals(1, budget.waits());
      assertEquals(0, budget.refusals());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aChargeNeverWaitsLongerThanMaxWait() throws Exception {
    ParseBudget budget = ParseBudget.of(MB, Duration.ofMillis(200));
    try (ParseBudget.Account a = budget.open()) {
      a.charge(MB - budget.reserveBytes()); // all a parse may hold
      ParseBudget.Account b = budget.open();
      long t0 = System.nanoTime();
      // not small, so the reserve is not for it: it waits for the pool, then fails
      assertThrows(LimitExceededException.class, () -> b.charge(budget.smallParseBytes() + 1));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= 150 && ms < 5_000, "waited " + ms + " ms");
      b.close();
    }
  }

  @Test
  void manyThreadsNeverHoldMoreThanTheCapacityAndEndAtZero() throws Exception {
    ParseBudget budget = ParseBudget.of(8 * MB, Duration.ofMillis(50));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger refused = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 32; t++) {
      futures.add(
          pool.submit(
              () -> {
                try (ParseBudget.Account a = budget.open()) {
                  for (int i = 0; i < 300; i++) {
                    a.charge(10_000);
                    assertTrue(budget.held() <= budget.capacity());
                  }
                } catch (LimitExceededException e) {
                  refused.incrementAndGet();
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertEquals(0, budget.held());
    assertEquals(0, budget.activeParses());
    assertTrue(budget.highWaterMark() <= 8 * MB);
    assertEquals(refused.get(), budget.refusals());
  }

  @Test
  void whenEveryParseWaitsTheLargestHolderIsRefusedAtOnceAndTheOtherGoesOn() throws Exception {
    ParseBudget budget = ParseBudget.of(16 * MB, Duration.ofSeconds(30)); // 14 MB for these two
    ParseBudget.Account large = budget.open();
    ParseBudget.Account small = budget.open();
    large.charge(10 * MB);
    small.charge(2 * MB);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      long t0 = System.nanoTime();
      Future<LimitExceededException> largeMore =
          pool.submit(() -> assertThrows(LimitExceededException.class, () -> large.charge(2 * MB)));
      Future<Long> smallMore =
          pool.submit(
              () -> {
                Thread.sleep(50); // let the large one wait first; either order must work
                small.charge(2 * MB);
                return small.charged();
              });
      LimitExceededException e = largeMore.get(10, TimeUnit.SECONDS);
      assertEquals(Limit.PARSE_BUDGET, e.limit());
      large.close();
      assertEquals(4 * MB, smallMore.get(10, TimeUnit.SECONDS));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms < 5_000, "took " + ms + " ms: the deadlock was left to time out");
      assertEquals(1, budget.refusals());
    } finally {
      small.close();
      pool.shutdownNow();
    }
    assertEquals(0, budget.held());
  }

  @Test
  void aParseNeedingMoreThanAParseMayEverHoldFailsWithoutWaiting() throws Exception {
    ParseBudget budget = ParseBudget.of(MB, Duration.ofSeconds(30));
    long most = MB - budget.reserveBytes();
    long t0 = System.nanoTime();
    try (ParseBudget.Account a = budget.open()) {
      a.charge(most - 10);
      LimitExceededException e = assertThrows(LimitExceededException.class, () -> a.charge(11));
      assertEquals(most, e.maximum());
      assertEquals(most + 1, e.actual());
      assertThrows(LimitExceededException.class, () -> a.charge(Long.MAX_VALUE));
    }
    assertTrue((System.nanoTime() - t0) / 1_000_000 < 5_000);
    assertEquals(0, budget.held());
  }

  @Test
  void theMBeanShowsTheLiveFigures() throws Exception {
    ParseBudget budget = ParseBudget.of(4 * MB, Duration.ofMillis(250));
    javax.management.MBeanServer server =
        java.lang.management.ManagementFactory.getPlatformMBeanServer();
    javax.management.ObjectName name = budget.registerMBean("test-live");
    try {
      assertEquals("dev.bounded:type=ParseBudget,name=test-live", name.toString());
      assertThrows(IllegalStateException.class, () -> budget.registerMBean("test-live"));
      try (ParseBudget.Account a = budget.open()) {
        a.charge(MB);
        assertEquals(4 * MB, server.getAttribute(name, "Capacity"));
        assertEquals(250L, server.getAttribute(name, "MaxWaitMillis"));
        assertEquals(budget.held(), server.getAttribute(name, "Held"));
        assertEquals(1L, server.getAttribute(name, "ActiveParses"));
      }
      assertEquals(0L, server.getAttribute(name, "Held"));
      assertEquals(budget.highWaterMark(), server.getAttribute(name, "HighWaterMark"));
      assertEquals(0L, server.getAttribute(name, "Waits"));
      assertEquals(0L, server.getAttribute(name, "Refusals"));
    } finally {
      server.unregisterMBean(name);
    }
  }

  @Test
  void theProcessDefaultIsHalfTheHeap() {
    assertEquals(
        Runtime.getRuntime().maxMemory() / ParseBudget.DEFAULT_HEAP_DIVISOR,
        ParseBudget.processDefault().capacity());
  }

  @Test
  void argumentErrorsNameTheValue() {
    assertEquals(
        "capacityBytes < 0: -1",
        assertThrows(IllegalArgumentException.class, () -> ParseBudget.of(-1, Duration.ZERO))
            .getMessage());
  }
}
