package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import java.io.IOException;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every limit: a document measuring exactly the maximum passes, one more fails with that limit. */
class LimitBoundaryTest {
  private static final int N = 50;

  static String repeat(String s, int n) {
    return s.repeat(Math.max(0, n));
  }

  /** Each case: the limit, how to set it to N, and a document measuring n for that limit. */
  static Stream<Arguments> cases() {
    return Stream.of(
        c(Limit.MAX_DEPTH, b -> b.maxDepth(N), n -> repeat("<a>", n) + repeat("</a>", n)),
        c(Limit.MAX_ELEMENTS, b -> b.maxElements(N), n -> "<r>" + repeat("<e/>", n - 1) + "</r>"),
        c(Limit.MAX_ATTRIBUTES, b -> b.maxAttributes(N), n -> "<r" + attrs(n) + "/>"),
        c(
            Limit.MAX_ATTRIBUTES,
            b -> b.maxAttributes(N),
            n -> "<r xmlns='u' xmlns:p='v'" + attrs(n - 2) + "/>"),
        c(
            Limit.MAX_ATTRIBUTE_LENGTH,
            b -> b.maxAttributeLength(N),
            n -> "<r a='" + repeat("v", n) + "'/>"),
        c(
            Limit.MAX_ATTRIBUTE_LENGTH,
            b -> b.maxAttributeLength(N),
            n -> "<r a=\"&amp;&#x1F600;" + repeat("\u00e9", n - 3) + "\"/>"),
        c(
            Limit.MAX_ATTRIBUTE_LENGTH,
            b -> b.maxAttributeLength(N),
            n -> "<r xmlns:p='" + repeat("u", n) + "'/>"),
        c(Limit.MAX_TEXT_LENGTH, b -> b.maxTextLength(N), n -> "<r>" + repeat("t", n) + "</r>"),
        c(
            Limit.MAX_TEXT_LENGTH,
            b -> b.maxTextLength(N),
            n -> "<r>ab<![CDATA[cd]]>&amp;&#65;" + repeat("x", n - 6) + "</r>"),
        c(
            Limit.MAX_TEXT_LENGTH,
            b -> b.maxTextLength(N),
            n -> "<r>a\r\nb" + repeat("x", n - 3) + "</r>"),
        c(
            Limit.MAX_TEXT_LENGTH,
            b -> b.maxTextLength(N),
            n -> "<r><!--" + repeat("c", n) + "--></r>"),
        c(
            Limit.MAX_TEXT_LENGTH,
            b -> b.maxTextLength(N),
            n -> "<r><?pi " + repeat("d", n) + "?></r>"),
        c(Limit.MAX_NAME_LENGTH, b -> b.maxNameLength(N), n -> "<" + repeat("n", n) + "/>"),
        c(
            Limit.MAX_NAME_LENGTH,
            b -> b.maxNameLength(N),
            n -> "<p:" + repeat("n", n - 2) + " xmlns:p='u'/>"),
        c(Limit.MAX_NAME_LENGTH, b -> b.maxNameLength(N), n -> "<r " + repeat("a", n) + "='1'/>"),
        c(
            Limit.MAX_NAME_LENGTH,
            b -> b.maxNameLength(N),
            n -> "<r><?" + repeat("t", n) + " x?></r>"),
        c(Limit.MAX_BYTES, b -> b.maxBytes(N), n -> "<r>" + repeat("x", n - 7) + "</r>"),
        // namespace declarations in scope: on one tag, one per level, the default one counted,
        // siblings' going out of scope, and values the scanner's fast path leaves to its slow one
        c(Limit.MAX_NAMESPACES, b -> b.maxNamespaces(N), n -> "<r" + declarations(0, n) + "/>"),
        c(
            Limit.MAX_NAMESPACES,
            b -> b.maxNamespaces(N),
            n -> {
              StringBuilder sb = new StringBuilder("<r xmlns='urn:d'>");
              for (int i = 1; i < n; i++) {
                sb.append("<p").append(i).append(":e").append(declarations(i, 1)).append('>');
              }
              for (int i = n - 1; i >= 1; i--) {
                sb.append("</p").append(i).append(":e>");
              }
              return sb.append("</r>").toString();
            }),
        c(
            Limit.MAX_NAMESPACES,
            b -> b.maxNamespaces(N),
            n ->
                "<r"
                    + declarations(0, 2)
                    + "><s"
                    + declarations(2, N - 2)
                    + "/><s"
                    + declarations(2, N - 2)
                    + "><t"
                    + declarations(N, n - N)
                    + "/></s></r>"),
        c(
            Limit.MAX_NAMESPACES,
            b -> b.maxNamespaces(N),
            n -> "<r" + declarations(0, n).replace("urn:", "urn:\u00e9&amp;") + "/>"));
  }

  /** {@code n} declarations of prefixes {@code p<from>...}. */
  static String declarations(int from, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < from + n; i++) {
      sb.append(" xmlns:p").append(i).append("='urn:").append(i).append('\'');
    }
    return sb.toString();
  }

  static String attrs(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(" a").append(i).append("='").append(i).append('\'');
    }
    return sb.toString();
  }

  interface Setter {
    XmlLimits.Builder set(XmlLimits.Builder b);
  }

  static Arguments c(Limit limit, Setter setter, IntFunction<String> doc) {
    return Arguments.of(limit, setter, doc);
  }

  /** Every case in every input mode, on both engines. */
  static Stream<Arguments> casesInEveryMode() {
    return cases()
        .flatMap(
            c ->
                Stream.of(InputMode.values())
                    .flatMap(
                        m ->
                            Stream.of(XmlEngine.values())
                                .map(e -> Arguments.of(c.get()[0], c.get()[1], c.get()[2], m, e))));
  }

  @ParameterizedTest(name = "{0} #{index} {3} {4}")
  @MethodSource("casesInEveryMode")
  void exactlyAtTheLimitPassesAndOneOverFails(
      Limit limit, Setter setter, IntFunction<String> doc, InputMode mode, XmlEngine engine)
      throws IOException {
    XmlLimits.Builder builder = setter.set(XmlLimits.builder().engine(engine));
    long max = N;
    if (limit == Limit.MAX_BYTES) {
      max = mode.sourceSize(doc.apply(N));
      builder.maxBytes(max);
    }
    XmlLimits limits = builder.build();
    Recorder atLimit = new Recorder();
    mode.parse(doc.apply(N), limits, atLimit);
    assertEquals("END", atLimit.events.get(atLimit.events.size() - 1));

    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () -> mode.parse(doc.apply(N + 1), limits, new Recorder()));
    assertEquals(limit, e.limit());
    assertEquals(max, e.maximum());
    assertEquals("XmlLimits." + setterName(limit), e.setting());
    if (limit != Limit.MAX_BYTES) {
      assertEquals(N + 1, e.actual(), e.getMessage());
    }
    assertTrue(e.getMessage().startsWith(e.problem()), e.getMessage());
  }

  static String setterName(Limit limit) {
    String[] words = limit.name().toLowerCase(java.util.Locale.ROOT).split("_");
    StringBuilder sb = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      sb.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
    }
    return sb.toString();
  }
}
