package dev.bounded.fuzz.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ParseBudget;
import dev.bounded.xml.BoundedDocumentBuilderFactory;
import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.DomLimits;
import dev.bounded.xml.XmlLimits;
import dev.bounded.xml.jaxp.DomDiff;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * The JAXP drop-ins and the per-element API: totality on any bytes ({@link JaxpTotality}), and, for
 * generated well-formed documents, our DOM equals the JDK's (namespace-aware, walked by {@link
 * DomDiff} with its accepted differences) and {@code forEachElement} hands out the JDK's elements.
 */
class JaxpProperties {

  @Provide
  Arbitrary<byte[]> anyBytes() {
    return XmlTotalityProperties.anyXmlBytes();
  }

  @Provide
  Arbitrary<XmlLimits> limits() {
    return XmlTotalityProperties.anyLimits();
  }

  /** Defaults, or tiny node and character ceilings, or a tiny budget that refuses at once. */
  @Provide
  Arbitrary<DomLimits> domLimits() {
    Arbitrary<DomLimits> tiny =
        Combinators.combine(Arbitraries.longs().between(0, 64), Arbitraries.longs().between(0, 512))
            .as((n, c) -> DomLimits.builder().maxNodes(n).maxCharacters(c).build());
    Arbitrary<DomLimits> smallBudget =
        Arbitraries.longs()
            .between(0, 200_000)
            .map(b -> DomLimits.builder().parseBudget(ParseBudget.of(b, Duration.ZERO)).build());
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(DomLimits.defaults())),
        Tuple.of(2, tiny),
        Tuple.of(1, smallBudget));
  }

  @Provide
  Arbitrary<String> paths() {
    return Arbitraries.of(JaxpTotality.PATHS);
  }

  @Provide
  Arbitrary<XmlDoc> docs() {
    return XmlArbitraries.documents(XmlArbitraries.NameChars.JDK);
  }

  @Property
  void anyBytesGiveADocumentOrASaxParseExceptionCausedByOurs(
      @ForAll("anyBytes") byte[] doc,
      @ForAll("limits") XmlLimits limits,
      @ForAll("domLimits") DomLimits domLimits,
      @ForAll boolean namespaceAware,
      @ForAll boolean coalescing,
      @ForAll boolean ignoringComments) {
    JaxpTotality.dom(doc, limits, domLimits, namespaceAware, coalescing, ignoringComments);
  }

  @Property
  void anyBytesGiveSaxEventsOrASaxParseExceptionCausedByOurs(
      @ForAll("anyBytes") byte[] doc,
      @ForAll("limits") XmlLimits limits,
      @ForAll boolean namespaceAware) {
    JaxpTotality.sax(doc, limits, namespaceAware);
  }

  @Property
  void anyBytesGiveRecordsOrOurExceptionFromForEachElementAndElements(
      @ForAll("anyBytes") byte[] doc,
      @ForAll("limits") XmlLimits limits,
      @ForAll("domLimits") DomLimits records,
      @ForAll("paths") String path) {
    BoundedParseException each = JaxpTotality.forEachElement(doc, limits, records, path);
    BoundedParseException stream = JaxpTotality.elements(doc, limits, records, path);
    assertEquals(
        each == null, stream == null, () -> "forEachElement " + each + " / elements " + stream);
    if (each != null) {
      assertEquals(each.getClass(), stream.getClass());
      assertEquals(each.getMessage(), stream.getMessage());
    }
  }

  static final ErrorHandler QUIET =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) {}

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
          throw e;
        }
      };

  /** The JDK's namespace-aware builder, never fetching; the oracle. */
  static Document jdk(byte[] doc) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    DocumentBuilder b = f.newDocumentBuilder();
    b.setErrorHandler(QUIET);
    b.setEntityResolver((p, s) -> new InputSource(new StringReader("")));
    return b.parse(new ByteArrayInputStream(doc));
  }

  static Document ours(byte[] doc) throws Exception {
    BoundedDocumentBuilderFactory f =
        BoundedDocumentBuilderFactory.newInstance(
            XmlLimits.builder().unlimited().build(),
            DomLimits.builder()
                .maxNodes(DomLimits.UNLIMITED)
                .maxCharacters(DomLimits.UNLIMITED)
                .build());
    f.setNamespaceAware(true);
    DocumentBuilder b = f.newDocumentBuilder();
    b.setErrorHandler(QUIET);
    return b.parse(new ByteArrayInputStream(doc));
  }

  @Property
  void ourDomEqualsTheJdksForWellFormedDocuments(@ForAll("docs") XmlDoc doc) throws Exception {
    byte[] b = doc.bytes();
    Document jdk = jdk(b);
    Document ours = ours(b);
    assertNull(DomDiff.diff(jdk, ours));
  }

  @Property
  void forEachElementHandsOutTheJdksElements(@ForAll("docs") XmlDoc doc) throws Exception {
    byte[] b = doc.bytes();
    Element jdkRoot = jdk(b).getDocumentElement();
    XmlLimits unlimited = XmlLimits.builder().unlimited().build();
    DomLimits records =
        DomLimits.builder()
            .maxNodes(DomLimits.UNLIMITED)
            .maxCharacters(DomLimits.UNLIMITED)
            .build();
    // "*" matches the root only (no match is searched inside a match): one record, the JDK's root.
    List<Element> roots = new ArrayList<>();
    BoundedXml.forEachElement(new ByteArrayInputStream(b), unlimited, records, "*", roots::add);
    assertEquals(1, roots.size());
    assertNull(DomDiff.node(jdkRoot, roots.get(0), ""));
    // "/*/*": the root's element children, in order, same names (their in-scope namespace
    // declarations are copied onto them, so their attributes may differ from the JDK's).
    List<String> jdkChildren = new ArrayList<>();
    for (Node c = jdkRoot.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c.getNodeType() == Node.ELEMENT_NODE) {
        jdkChildren.add("{" + c.getNamespaceURI() + "}" + c.getNodeName());
      }
    }
    List<String> ourChildren = new ArrayList<>();
    long n =
        BoundedXml.forEachElement(
            new ByteArrayInputStream(b),
            unlimited,
            records,
            "/*/*",
            e -> {
              assertNotNull(e.getOwnerDocument());
              if (e.getOwnerDocument().getDocumentElement() != e) {
                fail("a record is not the document element of its own Document");
              }
              ourChildren.add("{" + e.getNamespaceURI() + "}" + e.getNodeName());
            });
    assertEquals(jdkChildren, ourChildren);
    assertEquals(jdkChildren.size(), n);
  }
}
