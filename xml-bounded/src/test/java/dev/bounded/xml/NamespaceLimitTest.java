package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.SAXParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * {@link XmlLimits#maxNamespaces()} through every API: exact, typed, located at the declaration one
 * over, after the events before its tag. (The boundary in every input mode is in {@link
 * LimitBoundaryTest}.)
 */
@ParameterizedClass(name = "{0}")
@EnumSource(XmlEngine.class)
class NamespaceLimitTest extends EngineParameterized {
  static final XmlLimits FOUR = XmlLimits.builder().maxNamespaces(4).build();

  /** {@link #FOUR} on the engine under test. */
  XmlLimits four() {
    return on(FOUR);
  }

  /** Four declarations in scope, then a fifth on line 2. */
  static final String OVER =
      "<r xmlns='urn:d' xmlns:a='urn:a'><s xmlns:b='urn:b'><x/></s>"
          + "<s xmlns:c='urn:c' xmlns:e='urn:e'><y/>\n<t xmlns:f='urn:f'/></s></r>";

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static void assertOurs(LimitExceededException e) {
    assertEquals(Limit.MAX_NAMESPACES, e.limit());
    assertEquals(4, e.maximum());
    assertEquals(5, e.actual());
    assertEquals("XmlLimits.maxNamespaces", e.setting());
    assertEquals(2, e.line(), e.getMessage());
    assertEquals(4, e.column(), e.getMessage()); // the declaration one over
    assertEquals(OVER.indexOf("xmlns:f"), e.location().byteOffset(), e.getMessage());
    assertEquals(
        "Namespace declarations in scope (5) exceeds the maximum allowed (4, from"
            + " XmlLimits.maxNamespaces) at line 2, column 4, byte "
            + OVER.indexOf("xmlns:f"),
        e.getMessage());
  }

  @Test
  void theDefaultIsFiniteAndReportedAsTheLimitsMaximum() {
    assertEquals(64, XmlLimits.defaults().maxNamespaces());
    assertEquals(4, FOUR.maximum(Limit.MAX_NAMESPACES));
    assertEquals(XmlLimits.UNLIMITED, XmlLimits.builder().unlimited().build().maxNamespaces());
    assertTrue(FOUR.toString().contains("maxNamespaces=4"), FOUR::toString);
    assertEquals(FOUR, XmlLimits.builder().maxNamespaces(4).build());
    assertEquals(FOUR, FOUR.toBuilder().build());
    assertTrue(!FOUR.equals(XmlLimits.defaults()));
    assertEquals(
        "maxNamespaces < 0: -1",
        assertThrows(IllegalArgumentException.class, () -> XmlLimits.builder().maxNamespaces(-1))
            .getMessage());
  }

  @Test
  void pushDeliversEveryEventBeforeTheOffendingTagThenFails() {
    Recorder rec = new Recorder();
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class, () -> BoundedXml.parse(bytes(OVER), four(), rec));
    assertOurs(e);
    assertEquals("E:y", rec.events.get(rec.events.size() - 2), rec.events::toString);
    assertEquals("T:\n", rec.events.get(rec.events.size() - 1), rec.events::toString);
  }

  @Test
  void pullFailsWithOurExceptionAsTheCause() throws Exception {
    javax.xml.stream.XMLStreamReader r =
        BoundedXml.newReader(new ByteArrayInputStream(bytes(OVER)), four());
    List<String> starts = new ArrayList<>();
    javax.xml.stream.XMLStreamException e =
        assertThrows(
            javax.xml.stream.XMLStreamException.class,
            () -> {
              while (r.hasNext()) {
                if (r.next() == javax.xml.stream.XMLStreamConstants.START_ELEMENT) {
                  starts.add(r.getLocalName());
                }
              }
            });
    assertOurs(BoundedParseException.find(e, LimitExceededException.class).orElseThrow());
    assertEquals(List.of("r", "s", "x", "s", "y"), starts);
  }

  @Test
  void theDomAndSaxDropInsFailWithASaxParseExceptionCausedByOurs() throws Exception {
    DocumentBuilder b = BoundedDocumentBuilderFactory.newInstance(four()).newDocumentBuilder();
    SAXParseException dom =
        assertThrows(SAXParseException.class, () -> b.parse(new ByteArrayInputStream(bytes(OVER))));
    assertOurs((LimitExceededException) dom.getCause());
    assertEquals(2, dom.getLineNumber());

    BoundedSAXParserFactory sf = BoundedSAXParserFactory.newInstance(four());
    sf.setNamespaceAware(true);
    SAXParser p = sf.newSAXParser();
    SAXParseException sax =
        assertThrows(
            SAXParseException.class,
            () -> p.parse(new ByteArrayInputStream(bytes(OVER)), new DefaultHandler()));
    assertOurs((LimitExceededException) sax.getCause());
  }

  @Test
  void theLimitHoldsWhetherOrNotTheParseIsNamespaceAware() throws Exception {
    BoundedSAXParserFactory sf = BoundedSAXParserFactory.newInstance(four());
    sf.setNamespaceAware(false);
    SAXParseException sax =
        assertThrows(
            SAXParseException.class,
            () ->
                sf.newSAXParser()
                    .parse(new ByteArrayInputStream(bytes(OVER)), new DefaultHandler()));
    assertOurs((LimitExceededException) sax.getCause());
  }

  @Test
  void recordsBeforeTheOffendingTagAreHandedOut() {
    List<String> got = new ArrayList<>();
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                BoundedXml.forEachElement(
                    new ByteArrayInputStream(bytes(OVER)),
                    four(),
                    "s",
                    x -> got.add(x.getTagName())));
    assertOurs((LimitExceededException) e);
    assertEquals(List.of("s"), got);
    try (Stream<Element> s =
        BoundedXml.elements(new ByteArrayInputStream(bytes(OVER)), four(), "x")) {
      UncheckedIOException u = assertThrows(UncheckedIOException.class, () -> s.count());
      assertOurs((LimitExceededException) u.getCause());
    }
  }

  @Test
  void statsReportTheMostDeclarationsInScope() throws IOException {
    String doc = OVER.replace("<t xmlns:f='urn:f'/>", "<t/>");
    assertEquals(4, BoundedXml.parse(bytes(doc), four(), new XmlHandler() {}).maxNamespaces());
    String siblings = "<r xmlns:x='u'><a xmlns='v' xmlns:y='w'/><b xmlns:z='q'><c/></b></r>";
    assertEquals(3, BoundedXml.parse(bytes(siblings), four(), new XmlHandler() {}).maxNamespaces());
    assertEquals(
        0, BoundedXml.parse(bytes("<r a='1'/>"), four(), new XmlHandler() {}).maxNamespaces());
  }
}
