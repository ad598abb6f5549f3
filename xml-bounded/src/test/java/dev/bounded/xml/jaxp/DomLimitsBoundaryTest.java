package dev.bounded.xml.jaxp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.xml.BoundedDocumentBuilderFactory;
import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.DomLimits;
import dev.bounded.xml.XmlLimits;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.xml.sax.SAXParseException;

/**
 * Every DomLimits ceiling, for a whole document and for one record: a tree measuring exactly the
 * maximum is built, one more fails with that Limit and setting. Plus the heap-scaled defaults rule.
 */
class DomLimitsBoundaryTest {
  private static final int N = 40;

  /** Documents whose tree holds exactly n nodes (the Document node excluded). */
  static Stream<Arguments> nodeDocs() {
    return Stream.of(
        Arguments.of("elements", (IntFunction<String>) n -> "<r>" + "<e/>".repeat(n - 1) + "</r>"),
        Arguments.of("attributes", (IntFunction<String>) n -> "<r" + attrs(n - 1) + "/>"),
        Arguments.of(
            "namespace declarations and text",
            (IntFunction<String>)
                n ->
                    "<r xmlns='u' xmlns:p='v'>"
                        + "<p:e>t</p:e>".repeat((n - 3) / 2)
                        + ((n - 3) % 2 == 1 ? "t" : "")
                        + "</r>"),
        Arguments.of(
            "comments, PIs, CDATA and split text",
            (IntFunction<String>)
                n ->
                    "<r>"
                        + "a<!--c-->".repeat((n - 1) / 2)
                        + (n % 2 == 0 ? "<![CDATA[x]]>" : "")
                        + "</r>"));
  }

  /** Documents whose tree holds exactly n characters of character data. */
  static Stream<Arguments> charDocs() {
    return Stream.of(
        Arguments.of("text", (IntFunction<String>) n -> "<r>" + "x".repeat(n) + "</r>"),
        Arguments.of(
            "text, CDATA, attribute, comment, PI, namespace",
            (IntFunction<String>)
                n ->
                    "<r a='12' xmlns:p='uv'>x&amp;<![CDATA[y]]><!--cc--><?t dd?>"
                        + "z".repeat(n - 11)
                        + "</r>"));
  }

  static String attrs(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(" a").append(i).append("=''");
    }
    return sb.toString();
  }

  static LimitExceededException parseFails(DocumentBuilder b, String doc) {
    SAXParseException e =
        assertThrows(SAXParseException.class, () -> b.parse(in("<?xml version='1.0'?>" + doc)));
    assertTrue(e.getLineNumber() >= 1 && e.getColumnNumber() >= 1, e::toString);
    return (LimitExceededException) e.getCause();
  }

  static ByteArrayInputStream in(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  static DocumentBuilder builder(DomLimits d) throws Exception {
    BoundedDocumentBuilderFactory f =
        BoundedDocumentBuilderFactory.newInstance(XmlLimits.defaults(), d);
    f.setNamespaceAware(true);
    return f.newDocumentBuilder();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nodeDocs")
  void aDocumentOfExactlyMaxNodesIsBuiltAndOneMoreFails(String what, IntFunction<String> doc)
      throws Exception {
    DocumentBuilder b = builder(DomLimits.builder().maxNodes(N).build());
    assertEquals(N, countNodes(b.parse(in(doc.apply(N))).getDocumentElement()));
    LimitExceededException e = parseFails(b, doc.apply(N + 1));
    assertEquals(Limit.MAX_NODES, e.limit());
    assertEquals(N, e.maximum());
    assertEquals(N + 1, e.actual());
    assertEquals("DomLimits.maxNodes", e.setting());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("charDocs")
  void aDocumentOfExactlyMaxCharactersIsBuiltAndOneMoreFails(String what, IntFunction<String> doc)
      throws Exception {
    DocumentBuilder b = builder(DomLimits.builder().maxCharacters(N).build());
    b.parse(in(doc.apply(N)));
    LimitExceededException e = parseFails(b, doc.apply(N + 1));
    assertEquals(Limit.MAX_TEXT_LENGTH, e.limit());
    assertEquals(N, e.maximum());
    assertEquals("DomLimits.maxCharacters", e.setting());
    assertTrue(
        e.getMessage()
            .startsWith(
                "Text length ("
                    + e.actual()
                    + " characters) exceeds the maximum allowed (40 characters, from DomLimits.maxCharacters)"),
        e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nodeDocs")
  void aRecordOfExactlyMaxNodesIsHandedOutAndOneMoreFails(String what, IntFunction<String> doc)
      throws Exception {
    DomLimits per = DomLimits.builder().maxNodes(N).build();
    String two = "<list>" + doc.apply(N) + doc.apply(N) + "</list>";
    List<Element> got = new ArrayList<>();
    assertEquals(
        2, BoundedXml.forEachElement(in(two), XmlLimits.defaults(), per, "/list/r", got::add));
    assertEquals(N, countNodes(got.get(0)) - inheritedDeclarations(got.get(0)));
    String over = "<list>" + doc.apply(N) + doc.apply(N + 1) + "</list>";
    got.clear();
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () -> BoundedXml.forEachElement(in(over), XmlLimits.defaults(), per, "r", got::add));
    assertEquals(1, got.size(), "the record before the failure was delivered");
    assertEquals(Limit.MAX_NODES, e.limit());
    assertEquals("DomLimits.maxNodes", e.setting());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("charDocs")
  void aRecordOfExactlyMaxCharactersIsHandedOutAndOneMoreFails(String what, IntFunction<String> doc)
      throws Exception {
    DomLimits per = DomLimits.builder().maxCharacters(N).build();
    assertEquals(
        1,
        BoundedXml.forEachElement(
            in("<l>" + doc.apply(N) + "</l>"), XmlLimits.defaults(), per, "r", e -> {}));
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () ->
                BoundedXml.forEachElement(
                    in("<l>" + doc.apply(N + 1) + "</l>"),
                    XmlLimits.defaults(),
                    per,
                    "r",
                    x -> {}));
    assertEquals(Limit.MAX_TEXT_LENGTH, e.limit());
    assertEquals("DomLimits.maxCharacters", e.setting());
  }

  @Test
  void recordLimitsApplyToEachRecordNotToTheStream() throws Exception {
    DomLimits per = DomLimits.builder().maxNodes(3).build(); // <i>text</i> holds 2 nodes
    String doc = "<l>" + "<i>text</i>".repeat(1000) + "</l>";
    assertEquals(1000, BoundedXml.forEachElement(in(doc), XmlLimits.defaults(), per, "i", e -> {}));
  }

  @Test
  void defaultCeilingsScaleWithTheHeapByTheStatedRule() {
    long heap = Runtime.getRuntime().maxMemory();
    BoundedDocumentBuilderFactory f = BoundedDocumentBuilderFactory.newInstance();
    assertEquals(heap / 16, f.xmlLimits().maxBytes());
    assertEquals(heap / 256, f.xmlLimits().maxElements());
    assertEquals(heap / 256, f.domLimits().maxNodes());
    assertEquals(heap / 16, f.domLimits().maxCharacters());
    assertEquals(XmlLimits.DEFAULT_MAX_DEPTH, f.xmlLimits().maxDepth());
    assertEquals(64L << 20, BoundedDocumentBuilderFactory.heapScaledLimits(1L << 30).maxBytes());
    assertEquals(262_144, DomLimits.forHeap(64L << 20).maxNodes());
    assertEquals(1, DomLimits.forHeap(0).maxNodes());
    assertEquals(
        "heapBytes < 0: -1",
        assertThrows(IllegalArgumentException.class, () -> DomLimits.forHeap(-1)).getMessage());
    assertEquals(
        "maxNodes < 0: -1",
        assertThrows(IllegalArgumentException.class, () -> DomLimits.builder().maxNodes(-1))
            .getMessage());
    assertEquals(
        "maxCharacters < 0: -2",
        assertThrows(IllegalArgumentException.class, () -> DomLimits.builder().maxCharacters(-2))
            .getMessage());
  }

  @Test
  void theByteCeilingFailsAsASaxParseExceptionCausedByOurs() throws Exception {
    BoundedDocumentBuilderFactory f =
        BoundedDocumentBuilderFactory.newInstance(XmlLimits.builder().maxBytes(N).build());
    DocumentBuilder b = f.newDocumentBuilder();
    b.parse(in("<r>" + "x".repeat(N - 7) + "</r>"));
    SAXParseException e =
        assertThrows(
            SAXParseException.class, () -> b.parse(in("<r>" + "x".repeat(N - 6) + "</r>")));
    assertEquals(Limit.MAX_BYTES, ((LimitExceededException) e.getCause()).limit());
  }

  static int countNodes(org.w3c.dom.Node n) {
    int c = 1 + (n.getAttributes() == null ? 0 : n.getAttributes().getLength());
    for (org.w3c.dom.Node k = n.getFirstChild(); k != null; k = k.getNextSibling()) {
      c += countNodes(k);
    }
    return c;
  }

  static int inheritedDeclarations(Element e) {
    return 0; // the records here have no ancestors declaring namespaces
  }
}
