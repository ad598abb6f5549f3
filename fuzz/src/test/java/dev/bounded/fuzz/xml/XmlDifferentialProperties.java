package dev.bounded.fuzz.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.fuzz.xml.XmlArbitraries.NameChars;
import dev.bounded.xml.XmlEngine;
import dev.bounded.xml.XmlLimits;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Differential: for generated documents within the limits, our events (pull and push) equal raw
 * Woodstox's, text coalesced on both sides; where raw Woodstox rejects a document (fifth-edition
 * names it does not know), we reject it too, after the same events.
 */
class XmlDifferentialProperties {

  @Provide
  Arbitrary<XmlDoc> fifthEditionDocs() {
    return XmlArbitraries.documents(NameChars.FIFTH_EDITION);
  }

  @Provide
  Arbitrary<XmlDoc> docs() {
    return XmlArbitraries.documents();
  }

  /**
   * The WOODSTOX engine gives raw Woodstox's events. Named since decision 018 made BOUNDED the
   * default: on the defaults this would repeat {@link #ourEngineEventsEqualRawWoodstox}.
   */
  @Property
  void pullAndPushEventsEqualRawWoodstox(@ForAll("docs") XmlDoc doc) {
    compare(doc, doc.facts().exactLimits().toBuilder().engine(XmlEngine.WOODSTOX).build());
  }

  /**
   * The WOODSTOX engine refuses what raw Woodstox refuses (fourth-edition name rules included) and
   * accepts the rest with its events. Named since decision 018: the BOUNDED default accepts
   * fifth-edition names, the documented difference {@link #ourEngineAcceptsFifthEditionNames}
   * checks.
   */
  @Property
  void fifthEditionNamesGiveTheSameOutcomeAsRawWoodstox(@ForAll("fifthEditionDocs") XmlDoc doc) {
    compare(doc, XmlLimits.builder().unlimited().engine(XmlEngine.WOODSTOX).build());
  }

  /** Our engine gives raw Woodstox's events on generated documents, at their exact limits. */
  @Property
  void ourEngineEventsEqualRawWoodstox(@ForAll("docs") XmlDoc doc) {
    compare(doc, doc.facts().exactLimits().toBuilder().engine(XmlEngine.BOUNDED).build());
  }

  /**
   * Fifth-edition names: our engine accepts every generated document (Woodstox refuses the names
   * the fourth edition did not allow, the documented difference) and, where Woodstox accepts it
   * too, gives its events.
   */
  @Property
  void ourEngineAcceptsFifthEditionNames(@ForAll("fifthEditionDocs") XmlDoc doc) {
    XmlLimits ours = XmlLimits.builder().unlimited().engine(XmlEngine.BOUNDED).build();
    XmlEvents.Outcome raw = XmlEvents.raw(doc.bytes());
    XmlEvents.Outcome pull = XmlEvents.boundedPull(doc.bytes(), ours);
    XmlEvents.Outcome push = XmlEvents.boundedPush(doc.bytes(), ours);
    assertTrue(pull.ok(), () -> "pull " + pull.failure());
    assertTrue(push.ok(), () -> "push " + push.failure());
    assertEquals(pull.events(), push.events());
    if (raw.ok()) {
      assertEquals(raw.events(), pull.events());
    }
  }

  static void compare(XmlDoc doc, XmlLimits limits) {
    XmlEvents.Outcome raw = XmlEvents.raw(doc.bytes());
    XmlEvents.Outcome pull = XmlEvents.boundedPull(doc.bytes(), limits);
    XmlEvents.Outcome push = XmlEvents.boundedPush(doc.bytes(), limits);
    assertEquals(raw.ok(), pull.ok(), () -> "raw " + raw.failure() + " / pull " + pull.failure());
    assertEquals(raw.ok(), push.ok(), () -> "raw " + raw.failure() + " / push " + push.failure());
    assertEquals(raw.events(), pull.events(), "pull events");
    assertEquals(raw.events(), push.events(), "push events");
    if (!raw.ok()) {
      assertInstanceOf(BoundedParseException.class, pull.failure().getCause());
      assertInstanceOf(BoundedParseException.class, push.failure());
      assertTrue(raw.failure().getMessage() != null);
    }
  }
}
