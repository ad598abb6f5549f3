package dev.bounded.fuzz.xml;

import dev.bounded.core.Limit;
import dev.bounded.fuzz.KnownBugs;
import dev.bounded.xml.XmlLimits;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a generated document measures, in the units of {@link XmlLimits}: computed by the renderer
 * from the model, independently of the parser under test.
 *
 * @param bytes UTF-8 length of the document
 * @param depth deepest element nesting (root = 1)
 * @param elements start tags
 * @param maxAttributes most attributes on one start tag, namespace declarations included
 * @param maxAttributeLength longest attribute value (namespace URIs included) in UTF-16 units,
 *     after normalisation and reference expansion
 * @param maxTextRun longest run of character data between two tags or comments/PIs, CDATA and
 *     references expanded, line ends normalised
 * @param maxCommentOrPi longest comment or processing-instruction data
 * @param maxName longest qualified name: elements, attributes ({@code xmlns:p} included), PI
 *     targets, entity names in references
 */
record XmlFacts(
    long bytes,
    long depth,
    long elements,
    long maxAttributes,
    long maxAttributeLength,
    long maxTextRun,
    long maxCommentOrPi,
    long maxName) {

  /** The measure of the document that {@code limit} bounds. */
  long measure(Limit limit) {
    switch (limit) {
      case MAX_BYTES:
        return bytes;
      case MAX_DEPTH:
        return depth;
      case MAX_ELEMENTS:
        return elements;
      case MAX_ATTRIBUTES:
        return maxAttributes;
      case MAX_ATTRIBUTE_LENGTH:
        return maxAttributeLength;
      case MAX_TEXT_LENGTH:
        return Math.max(maxTextRun, maxCommentOrPi);
      case MAX_NAME_LENGTH:
        return maxName;
      default:
        throw new IllegalArgumentException(limit.toString());
    }
  }

  /** The limits {@link XmlLimits} configures, each a measure of the document. */
  static final Limit[] XML_LIMITS = {
    Limit.MAX_BYTES,
    Limit.MAX_DEPTH,
    Limit.MAX_ELEMENTS,
    Limit.MAX_ATTRIBUTES,
    Limit.MAX_ATTRIBUTE_LENGTH,
    Limit.MAX_TEXT_LENGTH,
    Limit.MAX_NAME_LENGTH
  };

  /** Every limit set exactly to this document's measure. */
  XmlLimits exactLimits() {
    return withLimits(new EnumMap<>(Limit.class));
  }

  /** Every limit at this document's measure, except {@code limit}, set to {@code value}. */
  XmlLimits exactLimitsExcept(Limit limit, long value) {
    Map<Limit, Long> m = new EnumMap<>(Limit.class);
    m.put(limit, value);
    return withLimits(m);
  }

  private XmlLimits withLimits(Map<Limit, Long> override) {
    XmlLimits.Builder b = XmlLimits.builder();
    b.maxBytes(value(override, Limit.MAX_BYTES));
    b.maxDepth(value(override, Limit.MAX_DEPTH));
    b.maxElements(value(override, Limit.MAX_ELEMENTS));
    b.maxAttributes(value(override, Limit.MAX_ATTRIBUTES));
    b.maxAttributeLength(value(override, Limit.MAX_ATTRIBUTE_LENGTH));
    b.maxTextLength(value(override, Limit.MAX_TEXT_LENGTH));
    b.maxNameLength(value(override, Limit.MAX_NAME_LENGTH));
    return b.build();
  }

  private long value(Map<Limit, Long> override, Limit limit) {
    return KnownBugs.floor(limit, override.getOrDefault(limit, measure(limit)));
  }
}
