package dev.bounded.fuzz.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bounded.core.LimitExceededException;
import dev.bounded.fuzz.ByteMutators.Mutation;
import dev.bounded.fuzz.DecoderMutators;
import dev.bounded.xml.DtdPolicy;
import dev.bounded.xml.XmlLimits;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The limits saw everything Woodstox delivered, on documents mutated at the boundary between the
 * byte-level scanner and Woodstox's decoder ({@link DecoderMutators}: overlong forms of markup,
 * invalid and truncated UTF-8, surrogates, BOMs, line-end variants, an encoding declaration that
 * disagrees with the bytes). The scanner reads markup as ASCII bytes and enforces the element,
 * depth, attribute and name limits; Woodstox decodes characters and delivers the events. Where the
 * two disagree about where markup is, markup can reach the caller that no limit counted: the
 * overlong {@code '<'} ({@code C0 BC}), decoded by Woodstox and taken for text by the scanner, let
 * {@code <r>} and five {@code C0 BC x/>} through {@code maxElements(2)}.
 *
 * <p>Each property push-parses and pulls the mutated bytes, measures what the events delivered
 * ({@link XmlDelivered}, independent of the scanner), and checks it against the parse's {@link
 * dev.bounded.xml.XmlStats} and against the limits. Failures are allowed but must be ours (the
 * totality property, {@link XmlTotalityProperties}, checks that on other mutations and every entry
 * point; here it is checked on these inputs for push and pull).
 */
class XmlDecoderBoundaryProperties {

  @Provide
  Arbitrary<XmlDoc> docs() {
    return XmlArbitraries.documents();
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    return DecoderMutators.mutations();
  }

  @Provide
  Arbitrary<XmlLimits> generous() {
    XmlLimits unlimited = XmlLimits.builder().unlimited().build();
    return Arbitraries.of(unlimited, unlimited.toBuilder().dtdPolicy(DtdPolicy.IGNORE).build());
  }

  /**
   * A parse that succeeds reports stats covering every event it delivered: as many start tags, the
   * same deepest nesting, and at least the attributes, attribute value, name, text, comment and PI
   * lengths delivered; push and pull agree. A pull that fails has its reader's stats cover what it
   * delivered before the failure.
   */
  @Property
  void statsCoverEverythingDeliveredFromMutatedBytes(
      @ForAll("docs") XmlDoc doc,
      @ForAll("mutations") List<Mutation> mutations,
      @ForAll("generous") XmlLimits limits) {
    byte[] bytes = DecoderMutators.apply(doc.bytes(), mutations);
    check(
        bytes,
        () -> {
          XmlDelivered push = XmlDelivered.push(bytes, limits);
          XmlDelivered pull = XmlDelivered.pull(bytes, limits);
          push.assertFailureIsOurs("push");
          pull.assertFailureIsOurs("pull");
          Statistics.label("outcome").collect(outcome(push));
          if (push.stats != null) {
            push.assertStatsCoverDelivered("push");
          }
          if (pull.stats != null) {
            pull.assertStatsCoverDelivered("pull");
          } else if (pull.statsSoFar != null) {
            pull.assertStatsSoFarCoverDelivered("pull");
          }
          assertEquals(push.failure == null, pull.failure == null, () -> outcomes(push, pull));
          if (push.stats != null && pull.stats != null) {
            assertEquals(push.toString(), pull.toString(), "push and pull delivered the same");
            assertEquals(
                push.stats.toString(), pull.stats.toString(), "push and pull report the same");
          }
        });
  }

  /**
   * With every limit set to what the clean document measures (its bytes too, or no byte limit, as
   * {@code byteLimit} says), a mutated document fails with our exception or delivers nothing beyond
   * those limits: before a failure as much as in a parse that succeeds.
   */
  @Property
  void limitsOfTheCleanDocumentHoldForItsMutations(
      @ForAll("docs") XmlDoc doc,
      @ForAll("mutations") List<Mutation> mutations,
      @ForAll boolean byteLimit) {
    XmlLimits exact = doc.facts().exactLimits();
    XmlLimits limits = byteLimit ? exact : exact.toBuilder().maxBytes(XmlLimits.UNLIMITED).build();
    byte[] bytes = DecoderMutators.apply(doc.bytes(), mutations);
    check(
        bytes,
        () -> {
          XmlDelivered push = XmlDelivered.push(bytes, limits);
          XmlDelivered pull = XmlDelivered.pull(bytes, limits);
          push.assertFailureIsOurs("push");
          pull.assertFailureIsOurs("pull");
          Statistics.label("outcome").collect(outcome(push));
          push.assertWithin(limits, "push");
          pull.assertWithin(limits, "pull");
        });
  }

  /** How a parse ended, for the report's statistics: how many mutated documents still parse. */
  private static String outcome(XmlDelivered d) {
    if (d.failure == null) {
      return "parsed";
    }
    if (d.failure instanceof LimitExceededException e) {
      return e.limit().name();
    }
    return d.failure.getClass().getSimpleName();
  }

  private static String outcomes(XmlDelivered push, XmlDelivered pull) {
    return "push " + push.failure + " / pull " + pull.failure;
  }

  /** Runs {@code check}; a failure names the mutated bytes, which the report does not show. */
  private static void check(byte[] bytes, Runnable check) {
    try {
      check.run();
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage() + "\nmutated bytes: " + DecoderMutators.show(bytes), e);
    }
  }
}
