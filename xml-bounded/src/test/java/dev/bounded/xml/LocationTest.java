package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bounded.core.BoundedParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exact messages and locations. Lines and columns count from 1 (columns in UTF-16 code units, a
 * byte-order mark not counted); byte offsets count from 0 in the raw input and point at:
 *
 * <ul>
 *   <li>counts (depth, elements): the {@code <} of the element that is one too many;
 *   <li>attribute count: the first byte of the attribute name that is one too many;
 *   <li>lengths (names, attribute values, comments, PI data): the first byte of the character that
 *       makes the length one too many (for a reference, its {@code ;});
 *   <li>maxBytes: byte {@code maxBytes}, the first byte past the limit;
 *   <li>a refused DOCTYPE: its {@code <}.
 * </ul>
 *
 * On the WOODSTOX engine, text runs are counted on parser events: their breach names the line and
 * column where the parser's text segment that crossed the limit starts, with no byte offset, and
 * the length of the run at the end of that segment (at least the maximum + 1). The BOUNDED engine
 * counts text as it decodes it: the breach names the first character over, with its byte offset.
 * Character sources (a Reader, UTF-16/32 input) report no byte offsets.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(XmlEngine.class)
class LocationTest extends EngineParameterized {
  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    add(
        cases,
        "<r>\n <a>\n  <b>x</b></a></r>",
        b -> b.maxDepth(2),
        "Nesting depth (3) exceeds the maximum allowed (2, from XmlLimits.maxDepth) at line 3, column 3, byte 11");
    add(
        cases,
        "<a>".repeat(51) + "</a>".repeat(51),
        b -> b.maxDepth(50),
        "Nesting depth (51) exceeds the maximum allowed (50, from XmlLimits.maxDepth) at line 1, column 151, byte 150");
    add(
        cases,
        "<r>\n<a/>\n<b/><c/></r>",
        b -> b.maxElements(3),
        "Element count (4) exceeds the maximum allowed (3, from XmlLimits.maxElements) at line 3, column 5, byte 13");
    add(
        cases,
        "<r \u00e9='\u00e9'>\n<\u00e9\u00e9\u00e9 a='1' b='2'/></r>",
        b -> b.maxAttributes(1),
        "Attribute count (2) exceeds the maximum allowed (1, from XmlLimits.maxAttributes) at line 2, column 12, byte 26");
    add(
        cases,
        "<r>\r\n<!--abcdef--></r>",
        b -> b.maxTextLength(3),
        "Text length (4 characters) exceeds the maximum allowed (3 characters, from XmlLimits.maxTextLength) at line 2, column 8, byte 12");
    add(
        cases,
        "<r>\n<?pi \u00e9\u00e9\u00e9\u00e9?></r>",
        b -> b.maxTextLength(3),
        "Text length (4 characters) exceeds the maximum allowed (3 characters, from XmlLimits.maxTextLength) at line 2, column 9, byte 15");
    add(
        cases,
        "\uFEFF<rrrr/>",
        b -> b.maxNameLength(3),
        "Name length (4 characters) exceeds the maximum allowed (3 characters, from XmlLimits.maxNameLength) at line 1, column 5, byte 7");
    add(
        cases,
        "<r\n  a='xyz&amp;'/>",
        b -> b.maxAttributeLength(3),
        "Attribute value length (4 characters) exceeds the maximum allowed (3 characters, from XmlLimits.maxAttributeLength) at line 2, column 13, byte 15");
    add(
        cases,
        "<r>\n<a>&aaaa;</a></r>",
        b -> b.maxNameLength(3),
        "Name length (4 characters) exceeds the maximum allowed (3 characters, from XmlLimits.maxNameLength) at line 2, column 8, byte 11");
    add(
        cases,
        "<r>\n abcdef</r>",
        b -> b.maxTextLength(3),
        "Text length (8 characters) exceeds the maximum allowed (3 characters, from XmlLimits.maxTextLength) at line 1, column 4",
        // our tokenizer counts text as it decodes it: the exact character, with its byte offset
        "Text length (4 characters) exceeds the maximum allowed (3 characters, from XmlLimits.maxTextLength) at line 2, column 3, byte 6");
    add(
        cases,
        "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x \"y\">]><r/>",
        b -> b,
        "DOCTYPE declarations are refused (XmlLimits.dtdPolicy is REFUSE) at line 2, column 1, byte 22");
    return cases.stream();
  }

  static void add(
      List<Arguments> cases, String doc, UnaryOperator<XmlLimits.Builder> limits, String message) {
    add(cases, doc, limits, message, message);
  }

  /** A case whose message differs on the BOUNDED engine. */
  static void add(
      List<Arguments> cases,
      String doc,
      UnaryOperator<XmlLimits.Builder> limits,
      String woodstox,
      String bounded) {
    for (InputMode m : InputMode.values()) {
      if (m == InputMode.UTF16 && doc.startsWith("\uFEFF")) {
        continue; // that mode writes its own byte-order mark
      }
      cases.add(Arguments.of(m, doc, limits, woodstox, bounded));
    }
  }

  @ParameterizedTest(name = "{0}: {3}")
  @MethodSource("cases")
  void errorsNameTheExactLocation(
      InputMode mode,
      String doc,
      UnaryOperator<XmlLimits.Builder> limits,
      String woodstox,
      String bounded) {
    String message = engine == XmlEngine.BOUNDED ? bounded : woodstox;
    BoundedParseException e =
        assertThrows(
            BoundedParseException.class,
            () -> mode.parse(doc, limits.apply(builder()).build(), new Recorder()));
    String expected = mode.reportsByteOffsets() ? message : message.replaceAll(", byte \\d+$", "");
    assertEquals(expected, e.getMessage());
  }

  static Stream<Arguments> byteLimitCases() {
    return Stream.of(
            InputMode.BYTES,
            InputMode.STREAM,
            InputMode.ONE_BYTE_AT_A_TIME,
            InputMode.PULL,
            InputMode.READER)
        .map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("byteLimitCases")
  void aByteLimitBreachPointsAtTheFirstByteOverTheLimit(InputMode mode) {
    BoundedParseException e =
        assertThrows(
            BoundedParseException.class,
            () -> mode.parse("<r>\n<a/>\n</r>", builder().maxBytes(6).build(), new Recorder()));
    String expected =
        "Document size (7 bytes) exceeds the maximum allowed (6 bytes, from XmlLimits.maxBytes) at line 2, column 3";
    assertEquals(mode.reportsByteOffsets() ? expected + ", byte 6" : expected, e.getMessage());
  }
}
