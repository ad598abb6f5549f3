package dev.bounded.fuzz.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.xml.XmlEngine;
import dev.bounded.xml.XmlLimits;
import dev.bounded.xml.internal.CollidingNamesTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;

/**
 * Differential, aimed at our own symbol table ({@code WoodstoxSymbolTable}: open addressing, at
 * most 4,096 names, at most 32 slots probed, copy-on-write children of a table shared between
 * parses): documents of many element and attribute names, ordinary ones mixed with families of
 * names that share one hash under every seed ({@code "Aa"} and {@code "BB"} blocks), so that tables
 * grow, probes run into the cap, names are not kept and the shared table is replaced. Our events
 * (pull and push) must equal raw Woodstox's. Every try uses the same limits, so the same cached
 * factory: each parse starts from the names an earlier try left in the shared table.
 */
class XmlSymbolTableProperties {
  // The WOODSTOX engine, named: its symbol table is what this targets, and BOUNDED is the default
  // (decision 018; our tokenizer's NameTable has its own tests).
  private static final XmlLimits LIMITS =
      XmlLimits.builder().unlimited().engine(XmlEngine.WOODSTOX).build();

  /** What to build a document from. */
  record Plan(int collidingBits, List<String> ordinary, List<Integer> uses, boolean attributes) {
    int names() {
      return (1 << collidingBits) + ordinary.size();
    }

    String name(int i) {
      int colliding = 1 << collidingBits;
      if (i % names() < colliding) {
        return CollidingNamesTest.colliding(i % names(), collidingBits);
      }
      return ordinary.get(i % names() - colliding);
    }

    byte[] document() {
      StringBuilder sb = new StringBuilder("<r>");
      for (int i = 0; i < uses.size(); i++) {
        String n = name(uses.get(i));
        sb.append('<').append(n);
        if (attributes) {
          // two attributes named from the pool too (distinct from each other)
          String a = name(uses.get(i) + 1);
          String b = name(uses.get(i) + 2);
          if (!a.equals(b)) {
            sb.append(' ').append(a).append("='1' ").append(b).append("='2'");
          }
        }
        sb.append("/>");
      }
      return sb.append("</r>").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return "Plan[2^"
          + collidingBits
          + " colliding + "
          + ordinary.size()
          + " ordinary names, "
          + uses.size()
          + " elements, attributes "
          + attributes
          + "]";
    }
  }

  @Provide
  Arbitrary<Plan> plans() {
    Arbitrary<String> ordinaryName =
        Combinators.combine(
                Arbitraries.chars().range('a', 'z').range('A', 'Z'),
                Arbitraries.strings()
                    .withCharRange('a', 'z')
                    .withCharRange('0', '9')
                    .withChars('.', '-', '_')
                    .ofMaxLength(11))
            .as((c, rest) -> c + rest)
            // no reserved "xml" names; never equal to a family name, whose blocks are upper case
            .filter(s -> !s.startsWith("xml") && !s.startsWith("Xml") && !s.startsWith("XML"));
    return Combinators.combine(
            Arbitraries.integers().between(0, 13),
            ordinaryName.list().ofMaxSize(3_000).withSizeDistribution(RandomDistribution.uniform()),
            Arbitraries.integers()
                .between(0, Integer.MAX_VALUE / 4)
                .list()
                .ofMaxSize(8_000)
                .withSizeDistribution(RandomDistribution.uniform()),
            Arbitraries.of(true, false))
        .as(Plan::new);
  }

  // Edge cases (empty lists, no names) say nothing about the table; random plans fill it.
  @Property(edgeCases = EdgeCasesMode.NONE)
  void eventsEqualRawWoodstoxWhateverTheNamesHash(@ForAll("plans") Plan plan) {
    byte[] doc = plan.document();
    XmlEvents.Outcome raw = XmlEvents.raw(doc);
    XmlEvents.Outcome pull = XmlEvents.boundedPull(doc, LIMITS);
    XmlEvents.Outcome push = XmlEvents.boundedPush(doc, LIMITS);
    assertTrue(raw.ok(), () -> "raw Woodstox refused the plan's document: " + raw.failure());
    assertEquals(raw.ok(), pull.ok(), () -> "pull " + pull.failure());
    assertEquals(raw.ok(), push.ok(), () -> "push " + push.failure());
    assertEquals(raw.events(), pull.events(), "pull events");
    assertEquals(raw.events(), push.events(), "push events");
  }
}
