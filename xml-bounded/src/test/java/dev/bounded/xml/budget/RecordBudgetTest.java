package dev.bounded.xml.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.ParseBudget;
import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.DomLimits;
import dev.bounded.xml.XmlLimits;
import dev.bounded.xml.internal.dom.DomCosts;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** Per-element records are charged one at a time: released when the next record is asked for. */
class RecordBudgetTest {
  private static final long NODE = DomCosts.ESTIMATED_BYTES_PER_NODE;

  private static ByteArrayInputStream items(int n, int textPerItem) {
    return new ByteArrayInputStream(
        ("<feed>" + ("<item>" + "t".repeat(textPerItem) + "</item>").repeat(n) + "</feed>")
            .getBytes(StandardCharsets.UTF_8));
  }

  private static DomLimits charging(ParseBudget budget) {
    return DomLimits.builder().parseBudget(budget).build();
  }

  @Test
  void eachRecordIsChargedAloneSoManyRecordsFitABudgetOfOne() throws Exception {
    long oneRecord = 2 * NODE + 2 * 1000; // an element and its text of 1000 characters
    ParseBudget budget = Budgets.forOneParseOf(oneRecord, Duration.ZERO);
    List<Long> heldDuring = new ArrayList<>();
    long n =
        BoundedXml.forEachElement(
            items(500, 1000),
            XmlLimits.defaults(),
            charging(budget),
            "item",
            e -> heldDuring.add(budget.held()));
    assertEquals(500, n);
    assertTrue(
        heldDuring.stream().allMatch(h -> h == oneRecord), heldDuring.subList(0, 3).toString());
    assertEquals(0, budget.held());
    assertEquals(0, budget.activeParses());
    assertEquals(oneRecord, budget.highWaterMark());
  }

  @Test
  void aRecordOverTheBudgetFailsWithParseBudgetAfterTheEarlierRecords() {
    ParseBudget budget = Budgets.forOneParseOf(2 * NODE + 2 * 1000, Duration.ZERO);
    byte[] doc =
        ("<feed><item>" + "t".repeat(1000) + "</item><item>" + "t".repeat(1001) + "</item></feed>")
            .getBytes(StandardCharsets.UTF_8);
    int[] seen = {0};
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () ->
                BoundedXml.forEachElement(
                    new ByteArrayInputStream(doc),
                    XmlLimits.defaults(),
                    charging(budget),
                    "item",
                    x -> seen[0]++));
    assertEquals(Limit.PARSE_BUDGET, e.limit());
    assertEquals(1, seen[0]);
    assertEquals(1, e.line());
    assertEquals(0, budget.held());
    assertEquals(0, budget.activeParses());
  }

  @Test
  void theStreamReleasesARecordWhenTheNextIsTakenAndTheLastAtClose() {
    ParseBudget budget = ParseBudget.of(1L << 30, Duration.ZERO);
    try (Stream<Element> s =
        BoundedXml.elements(items(3, 10), XmlLimits.defaults(), charging(budget), "item")) {
      Iterator<Element> it = s.iterator();
      it.next();
      long one = budget.held();
      assertTrue(one > 0);
      assertEquals(1, budget.activeParses());
      it.next();
      assertEquals(one, budget.held()); // the first was released when the second was built
      assertEquals(1, budget.activeParses());
    }
    assertEquals(0, budget.held());
    assertEquals(0, budget.activeParses());
  }

  @Test
  void aStreamFailureReleasesTheRecordThatFailed() {
    ParseBudget budget = Budgets.forOneParseOf(2 * NODE + 20, Duration.ZERO);
    try (Stream<Element> s =
        BoundedXml.elements(items(3, 11), XmlLimits.defaults(), charging(budget), "item")) {
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> s.count());
      assertEquals(Limit.PARSE_BUDGET, ((LimitExceededException) e.getCause()).limit());
      assertEquals(0, budget.held());
    }
    assertEquals(0, budget.activeParses());
  }
}
