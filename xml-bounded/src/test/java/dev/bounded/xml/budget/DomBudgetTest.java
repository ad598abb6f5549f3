package dev.bounded.xml.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.ParseBudget;
import dev.bounded.xml.BoundedDocumentBuilderFactory;
import dev.bounded.xml.DomLimits;
import dev.bounded.xml.XmlLimits;
import dev.bounded.xml.internal.dom.DomCosts;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilder;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.SAXParseException;

/**
 * The DOM drop-in charges the shared ParseBudget as its tree grows and releases it when parse ends.
 */
class DomBudgetTest {
  private static final long MB = 1L << 20;

  private static DocumentBuilder builder(ParseBudget budget) throws Exception {
    return BoundedDocumentBuilderFactory.newInstance(
            XmlLimits.defaults(), DomLimits.builder().parseBudget(budget).build())
        .newDocumentBuilder();
  }

  private static byte[] elements(int n) {
    return ("<r>" + "<e>x</e>".repeat(n) + "</r>").getBytes(StandardCharsets.UTF_8);
  }

  private static LimitExceededException budgetBreach(SAXParseException e) {
    LimitExceededException l =
        BoundedParseException.find(e, LimitExceededException.class).orElseThrow();
    assertSame(l, e.getCause());
    assertEquals(Limit.PARSE_BUDGET, l.limit());
    assertEquals("ParseBudget.capacity", l.setting());
    return l;
  }

  @Test
  void theDefaultFactoryChargesTheProcessDefaultBudget() {
    assertSame(
        ParseBudget.processDefault(),
        BoundedDocumentBuilderFactory.newInstance().domLimits().parseBudget());
    assertSame(ParseBudget.processDefault(), DomLimits.defaults().parseBudget());
    assertEquals(
        Runtime.getRuntime().maxMemory() / ParseBudget.DEFAULT_HEAP_DIVISOR,
        ParseBudget.processDefault().capacity());
  }

  @Test
  void aParseIsChargedTheDocumentedEstimateAndReleasedWhenParseReturns() throws Exception {
    ParseBudget budget = ParseBudget.of(64 * MB, Duration.ZERO);
    Document d = builder(budget).parse(new ByteArrayInputStream(elements(1000)));
    // 2001 nodes (1000 elements, 1000 texts, the root) and 1000 characters
    long charged =
        2001 * DomCosts.ESTIMATED_BYTES_PER_NODE + 1000 * DomCosts.ESTIMATED_BYTES_PER_CHARACTER;
    // a reservation runs at most a quarter (and at most 64 KiB) ahead of the charge
    assertTrue(
        budget.highWaterMark() >= charged
            && budget.highWaterMark() <= charged + Math.min(charged / 4, 64 << 10),
        "high-water mark " + budget.highWaterMark() + " for a charge of " + charged);
    assertEquals(0, budget.held());
    assertEquals(0, budget.activeParses());
    assertEquals(1000, d.getDocumentElement().getChildNodes().getLength());
  }

  @Test
  void aTreeWhoseEstimateFitsTheBudgetExactlyIsBuiltAndOneNodeMoreIsRefused() throws Exception {
    long perElement =
        DomCosts.ESTIMATED_BYTES_PER_NODE * 2 + DomCosts.ESTIMATED_BYTES_PER_CHARACTER;
    long exact = DomCosts.ESTIMATED_BYTES_PER_NODE + 1000 * perElement; // root + 1000 elements
    // one parse may hold all but the reserve for small ones
    ParseBudget fits = Budgets.forOneParseOf(exact, Duration.ZERO);
    builder(fits).parse(new ByteArrayInputStream(elements(1000)));
    assertEquals(exact, fits.highWaterMark());

    ParseBudget tight = Budgets.forOneParseOf(exact - 1, Duration.ZERO);
    SAXParseException e =
        assertThrows(
            SAXParseException.class,
            () -> builder(tight).parse(new ByteArrayInputStream(elements(1000))));
    LimitExceededException l = budgetBreach(e);
    assertEquals(exact - 1, l.maximum());
    assertTrue(l.actual() > exact - 1, "actual " + l.actual());
    assertTrue(
        l.getMessage()
            .startsWith(
                "Shared parse budget ("
                    + l.actual()
                    + " bytes) exceeds the maximum allowed ("
                    + (exact - 1)
                    + " bytes, from ParseBudget.capacity) at line 1, column "),
        l.getMessage());
    assertEquals(0, tight.held());
    assertEquals(1, tight.refusals());
  }

  /** Blocks after handing out the head of a document until released. */
  private static InputStream pausing(
      byte[] doc, int head, CountDownLatch paused, CountDownLatch go) {
    return new InputStream() {
      int pos;

      @Override
      public int read() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (pos == head) {
          paused.countDown();
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        if (pos >= doc.length) {
          return -1;
        }
        int n = Math.min(len, (pos < head ? head : doc.length) - pos);
        System.arraycopy(doc, pos, b, off, n);
        pos += n;
        return n;
      }
    };
  }

  @Test
  void twoConcurrentParsesOverASmallBudgetOneWaitsForTheOther() throws Exception {
    byte[] doc = elements(20_000); // charged about 6.4 MB
    ParseBudget budget = ParseBudget.of(10 * MB, Duration.ofSeconds(20));
    CountDownLatch paused = new CountDownLatch(1);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      // the first parse builds most of its tree, then its source stalls
      Future<Document> first =
          pool.submit(() -> builder(budget).parse(pausing(doc, doc.length - 100, paused, go)));
      assertTrue(paused.await(20, TimeUnit.SECONDS));
      long heldByFirst = budget.held();
      assertTrue(heldByFirst > 5 * MB, "first holds " + heldByFirst);
      // the second needs more than is left, so it waits for the first
      Future<Document> second =
          pool.submit(() -> builder(budget).parse(new ByteArrayInputStream(doc)));
      long t0 = System.nanoTime();
      while (budget.waits() == 0 && System.nanoTime() - t0 < 10_000_000_000L) {
        Thread.sleep(5);
      }
      assertEquals(1, budget.waits());
      assertEquals(2, budget.activeParses());
      go.countDown();
      assertEquals(
          20_000, first.get(20, TimeUnit.SECONDS).getDocumentElement().getChildNodes().getLength());
      assertEquals(
          20_000,
          second.get(20, TimeUnit.SECONDS).getDocumentElement().getChildNodes().getLength());
    } finally {
      go.countDown();
      pool.shutdownNow();
    }
    assertEquals(0, budget.held());
    assertEquals(0, budget.activeParses());
    assertEquals(0, budget.refusals());
    assertTrue(budget.highWaterMark() <= 10 * MB);
  }

  @Test
  void twoConcurrentParsesOverASmallBudgetWithNoWaitOneFailsTyped() throws Exception {
    byte[] doc = elements(20_000);
    ParseBudget budget = ParseBudget.of(10 * MB, Duration.ZERO);
    CountDownLatch paused = new CountDownLatch(1);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Document> first =
          pool.submit(() -> builder(budget).parse(pausing(doc, doc.length - 100, paused, go)));
      assertTrue(paused.await(20, TimeUnit.SECONDS));
      SAXParseException e =
          assertThrows(
              SAXParseException.class, () -> builder(budget).parse(new ByteArrayInputStream(doc)));
      assertEquals(10 * MB - budget.reserveBytes(), budgetBreach(e).maximum());
      go.countDown();
      assertEquals(
          20_000, first.get(20, TimeUnit.SECONDS).getDocumentElement().getChildNodes().getLength());
    } finally {
      go.countDown();
      pool.shutdownNow();
    }
    assertEquals(0, budget.held());
    assertEquals(1, budget.refusals());
  }

  @Test
  void aFailedParseReleasesItsCharge() throws Exception {
    ParseBudget budget = ParseBudget.of(64 * MB, Duration.ZERO);
    byte[] broken = "<r><e>x</e><e>".getBytes(StandardCharsets.UTF_8);
    assertThrows(
        SAXParseException.class, () -> builder(budget).parse(new ByteArrayInputStream(broken)));
    assertTrue(budget.highWaterMark() > 0);
    assertEquals(0, budget.held());
    assertEquals(0, budget.activeParses());
  }
}
