package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Huge and endless generated inputs (never held in memory) fail on the right limit soon after it:
 * the bytes pulled from the source stay within a small multiple of the limit plus read-ahead, so
 * nothing can have been buffered beyond that. Default limits unless stated.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HugeInputTest {
  static final long HUNDRED_MB = 100L << 20;
  static final long READ_AHEAD = 64 << 10;
  static final XmlLimits DEFAULTS = XmlLimits.defaults();
  static final XmlLimits IGNORE_DTD = XmlLimits.builder().dtdPolicy(DtdPolicy.IGNORE).build();

  static long d(Limit l) {
    return DEFAULTS.maximum(l);
  }

  static Stream<Arguments> cases() {
    List<Arguments> c = new ArrayList<>();
    long text = d(Limit.MAX_TEXT_LENGTH);
    long name = d(Limit.MAX_NAME_LENGTH);
    long attr = d(Limit.MAX_ATTRIBUTE_LENGTH);
    add(
        c,
        "1,000,000 nested elements",
        "",
        "<a>",
        1_000_000,
        Limit.MAX_DEPTH,
        3 * d(Limit.MAX_DEPTH));
    add(
        c,
        "100 MB attribute value",
        "<r a='",
        "v",
        HUNDRED_MB,
        Limit.MAX_ATTRIBUTE_LENGTH,
        4 * attr);
    add(
        c,
        "100 MB attribute of character references",
        "<r a='",
        "&#x41;",
        HUNDRED_MB / 6,
        Limit.MAX_ATTRIBUTE_LENGTH,
        6 * attr);
    add(c, "100 MB element name", "<", "n", HUNDRED_MB, Limit.MAX_NAME_LENGTH, 4 * name);
    add(c, "100 MB end-tag name", "<r></", "n", HUNDRED_MB, Limit.MAX_NAME_LENGTH, 4 * name);
    add(c, "100 MB attribute name", "<r ", "a", HUNDRED_MB, Limit.MAX_NAME_LENGTH, 4 * name);
    add(c, "100 MB PI target", "<r><?", "t", HUNDRED_MB, Limit.MAX_NAME_LENGTH, 4 * name);
    add(c, "100 MB entity name", "<r>&", "e", HUNDRED_MB, Limit.MAX_NAME_LENGTH, 4 * name);
    add(c, "100 MB PI data", "<r><?pi ", "d", HUNDRED_MB, Limit.MAX_TEXT_LENGTH, 4 * text);
    add(c, "100 MB comment", "<r><!--", "c", HUNDRED_MB, Limit.MAX_TEXT_LENGTH, 4 * text);
    add(
        c,
        "100 MB comment of single dashes",
        "<r><!--",
        "-x",
        HUNDRED_MB / 2,
        Limit.MAX_TEXT_LENGTH,
        4 * text);
    add(c, "100 MB text node", "<r>", "t", HUNDRED_MB, Limit.MAX_TEXT_LENGTH, 4 * text);
    add(
        c,
        "100 MB non-ASCII text node",
        "<r>",
        "\u00e9\u20ac\ud83d\ude00",
        HUNDRED_MB / 9,
        Limit.MAX_TEXT_LENGTH,
        4 * text);
    add(
        c,
        "100 MB CDATA section",
        "<r><![CDATA[",
        "c",
        HUNDRED_MB,
        Limit.MAX_TEXT_LENGTH,
        4 * text);
    add(
        c,
        "100 MB of entity references",
        "<r>",
        "&amp;",
        HUNDRED_MB / 5,
        Limit.MAX_TEXT_LENGTH,
        5 * text);
    add(
        c,
        "100 MB of CDATA sections in one run",
        "<r>",
        "<![CDATA[x]]>",
        HUNDRED_MB / 13,
        Limit.MAX_TEXT_LENGTH,
        13 * text);
    add(
        c,
        "100 MB of attributes",
        "<r",
        " a='1'",
        HUNDRED_MB / 6,
        Limit.MAX_ATTRIBUTES,
        6 * d(Limit.MAX_ATTRIBUTES));
    add(
        c,
        "100 MB of sibling elements",
        "<r>",
        "<e/>",
        HUNDRED_MB / 4,
        Limit.MAX_ELEMENTS,
        4 * d(Limit.MAX_ELEMENTS));
    add(
        c,
        "endless elements",
        "<r>",
        "<e>x</e>",
        GeneratedStream.ENDLESS,
        Limit.MAX_ELEMENTS,
        8 * d(Limit.MAX_ELEMENTS));
    add(c, "endless text", "<r>", "x", GeneratedStream.ENDLESS, Limit.MAX_TEXT_LENGTH, 4 * text);
    add(
        c,
        "endless comments",
        "<r>",
        "<!--c-->",
        GeneratedStream.ENDLESS,
        Limit.MAX_BYTES,
        d(Limit.MAX_BYTES));
    add(
        c,
        "endless whitespace in a start tag",
        "<r",
        " ",
        GeneratedStream.ENDLESS,
        Limit.MAX_BYTES,
        d(Limit.MAX_BYTES));
    // Whitespace in the prolog is no text run (the parser reports no event for it): only maxBytes
    // stops it, and the parser skips it in constant memory.
    add(
        c,
        "endless whitespace before the root",
        "",
        " ",
        GeneratedStream.ENDLESS,
        Limit.MAX_BYTES,
        d(Limit.MAX_BYTES));
    return c.stream();
  }

  static void add(
      List<Arguments> c,
      String name,
      String head,
      String unit,
      long repeats,
      Limit limit,
      long bound) {
    for (boolean pull : new boolean[] {false, true}) {
      if (pull && limit == Limit.MAX_BYTES) {
        continue; // 64 MB each; the push run proves it
      }
      c.add(
          Arguments.of(
              name + (pull ? " (pull)" : " (push)"),
              DEFAULTS,
              head,
              unit,
              repeats,
              limit,
              bound,
              pull));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void failsOnTheRightLimitAfterReadingAboutTheLimit(
      String name,
      XmlLimits limits,
      String head,
      String unit,
      long repeats,
      Limit limit,
      long bound,
      boolean pull) {
    GeneratedStream in = new GeneratedStream(head, unit, repeats, "");
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () -> {
              if (pull) {
                InputMode.pull(in, limits, new XmlHandler() {});
              } else {
                BoundedXml.parse(in, limits, new XmlHandler() {});
              }
            });
    assertEquals(limit, e.limit(), e::getMessage);
    assertEquals(limits.maximum(limit), e.maximum());
    assertTrue(
        in.pulled() <= bound + READ_AHEAD,
        () -> name + ": pulled " + in.pulled() + " bytes, bound " + (bound + READ_AHEAD));
  }

  static Stream<Arguments> dtdCases() {
    long text = d(Limit.MAX_TEXT_LENGTH);
    return Stream.of(
        Arguments.of(
            "100 MB internal subset", "<!DOCTYPE r [", "<!-- x -->", HUNDRED_MB / 10, text),
        Arguments.of("100 MB system id", "<!DOCTYPE r SYSTEM \"", "x", HUNDRED_MB, text),
        Arguments.of("100 MB entity value", "<!DOCTYPE r [<!ENTITY e \"", "x", HUNDRED_MB, text),
        Arguments.of("100 MB comment in the subset", "<!DOCTYPE r [<!--", "x", HUNDRED_MB, text),
        Arguments.of("100 MB PI in the subset", "<!DOCTYPE r [<?p ", "x", HUNDRED_MB, text),
        Arguments.of("100 MB DOCTYPE name", "<!DOCTYPE ", "n", HUNDRED_MB, text));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dtdCases")
  void aHugeDoctypeFailsOnMaxTextLengthUnderIgnore(
      String name, String head, String unit, long repeats, long limit) {
    GeneratedStream in = new GeneratedStream(head, unit, repeats, "");
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () -> BoundedXml.parse(in, IGNORE_DTD, new XmlHandler() {}));
    assertEquals(Limit.MAX_TEXT_LENGTH, e.limit());
    assertTrue(in.pulled() <= limit + READ_AHEAD, () -> "pulled " + in.pulled());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dtdCases")
  void aHugeDoctypeIsRefusedAtOnceUnderRefuse(
      String name, String head, String unit, long repeats, long limit) {
    GeneratedStream in = new GeneratedStream(head, unit, repeats, "");
    assertThrows(
        dev.bounded.core.ForbiddenConstructException.class,
        () -> BoundedXml.parse(in, DEFAULTS, new XmlHandler() {}));
    assertTrue(in.pulled() <= READ_AHEAD, () -> "pulled " + in.pulled());
  }

  @org.junit.jupiter.api.Test
  void aHugeXmlDeclarationIsMalformed() {
    GeneratedStream in = new GeneratedStream("<?xml version=\"1.0\"", " ", HUNDRED_MB, "");
    BoundedParseException e =
        assertThrows(
            BoundedParseException.class, () -> BoundedXml.parse(in, DEFAULTS, new XmlHandler() {}));
    assertInstanceOf(MalformedDocumentException.class, e);
    assertTrue(in.pulled() <= READ_AHEAD, () -> "pulled " + in.pulled());
  }

  @org.junit.jupiter.api.Test
  void anEndlessStreamFailsOnMaxBytesWhenEverythingElseIsLifted() {
    XmlLimits limits = XmlLimits.builder().unlimited().maxBytes(10L << 20).build();
    GeneratedStream in =
        new GeneratedStream("<r>", "<e a='1'>x</e><!--c-->", GeneratedStream.ENDLESS, "");
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class, () -> BoundedXml.parse(in, limits, new XmlHandler() {}));
    assertEquals(Limit.MAX_BYTES, e.limit());
    assertEquals(10L << 20, e.byteOffset());
    assertTrue(in.pulled() <= (10L << 20) + 1, () -> "pulled " + in.pulled());
  }
}
