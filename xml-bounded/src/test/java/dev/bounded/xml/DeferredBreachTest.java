package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
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
 * A breach is deferred: every event before the offending construct reaches the handler, then the
 * parse fails. (Events of the offending construct itself are never delivered.)
 */
@ParameterizedClass(name = "{0}")
@EnumSource(XmlEngine.class)
class DeferredBreachTest extends EngineParameterized {
  /** Well within every limit below; its events must all arrive before any failure. */
  static final String PREFIX = "<r><b x='1'>hello &amp; bye<![CDATA[cd]]></b><!--c--><?p d?>";

  static final List<String> PREFIX_EVENTS =
      List.of("S:r", "S:b x=1", "T:hello & byecd", "E:b", "C:c", "P:p d");

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    add(cases, "depth", Limit.MAX_DEPTH, b -> b.maxDepth(2), "<x><y/></x>", "S:x");
    add(cases, "elements", Limit.MAX_ELEMENTS, b -> b.maxElements(3), "<x/><y/>", "S:x", "E:x");
    add(cases, "attributes", Limit.MAX_ATTRIBUTES, b -> b.maxAttributes(1), "<x a='1' b='2'/>");
    add(
        cases,
        "attribute length",
        Limit.MAX_ATTRIBUTE_LENGTH,
        b -> b.maxAttributeLength(3),
        "<x a='1234'/>");
    add(cases, "element name", Limit.MAX_NAME_LENGTH, b -> b.maxNameLength(3), "<xxxx/>");
    add(cases, "attribute name", Limit.MAX_NAME_LENGTH, b -> b.maxNameLength(3), "<x aaaa='1'/>");
    add(
        cases,
        "text",
        Limit.MAX_TEXT_LENGTH,
        b -> b.maxTextLength(13),
        "<x>12345678901234</x>",
        "S:x");
    add(cases, "comment", Limit.MAX_TEXT_LENGTH, b -> b.maxTextLength(13), "<!--12345678901234-->");
    add(cases, "pi", Limit.MAX_TEXT_LENGTH, b -> b.maxTextLength(13), "<?p 12345678901234?>");
    add(
        cases,
        "bytes",
        Limit.MAX_BYTES,
        b -> b.maxBytes(PREFIX.length() + 3),
        "<x>more</x></r>",
        "S:x");
    return cases.stream();
  }

  static void add(
      List<Arguments> cases,
      String name,
      Limit limit,
      UnaryOperator<XmlLimits.Builder> limits,
      String suffix,
      String... extra) {
    for (InputMode m : InputMode.values()) {
      if (limit == Limit.MAX_BYTES
          && (m == InputMode.UTF16 || m == InputMode.UTF16LE_ONE_BYTE_AT_A_TIME)) {
        continue; // byte counts differ; covered by LimitBoundaryTest
      }
      cases.add(Arguments.of(name, m, limit, limits, suffix, List.of(extra)));
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void everyEventBeforeTheBreachIsDelivered(
      String name,
      InputMode mode,
      Limit limit,
      UnaryOperator<XmlLimits.Builder> limits,
      String suffix,
      List<String> extra) {
    Recorder rec = new Recorder();
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () -> mode.parse(PREFIX + suffix + "</r>", limits.apply(builder()).build(), rec));
    assertEquals(limit, e.limit());
    List<String> expected = new ArrayList<>(PREFIX_EVENTS);
    expected.addAll(extra);
    assertStartsWith(expected, rec.events);
    // Nothing of the offending construct beyond a partial text chunk.
    assertTrue(
        rec.events.size() == expected.size()
            || rec.events.size() == expected.size() + 1
                && limit == Limit.MAX_TEXT_LENGTH
                && rec.events.get(expected.size()).startsWith("T:"),
        rec.events::toString);
  }

  @ParameterizedTest
  @MethodSource("modes")
  void eventsBeforeARefusedDoctypeAreDelivered(InputMode mode) {
    Recorder rec = new Recorder();
    assertThrows(
        ForbiddenConstructException.class,
        () -> mode.parse("<?p d?><!--c--><!DOCTYPE r><r/>", limits(), rec));
    assertEquals(List.of("P:p d", "C:c"), rec.events);
  }

  @ParameterizedTest
  @MethodSource("modes")
  void eventsBeforeAMismatchedEndTagAreDelivered(InputMode mode) {
    Recorder rec = new Recorder();
    BoundedParseException e =
        assertThrows(
            MalformedDocumentException.class,
            () -> mode.parse(PREFIX + "<x></y></r>", limits(), rec));
    List<String> expected = new ArrayList<>(PREFIX_EVENTS);
    expected.add("S:x");
    assertEquals(expected, rec.events, e.getMessage());
  }

  static Stream<InputMode> modes() {
    return Stream.of(InputMode.values());
  }

  static void assertStartsWith(List<String> expected, List<String> actual) {
    assertTrue(
        actual.size() >= expected.size() && actual.subList(0, expected.size()).equals(expected),
        () -> "expected events to start with " + expected + " but were " + actual);
  }
}
