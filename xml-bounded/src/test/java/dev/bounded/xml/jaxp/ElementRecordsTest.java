package dev.bounded.xml.jaxp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.MalformedDocumentException;
import dev.bounded.testkit.RequiresCorpus;
import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.XmlLimits;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The per-element API: which elements match, what each record holds, and how streams close. */
class ElementRecordsTest {
  static final String FEED =
      "<rss xmlns:dc='urn:dc'><channel><title>c</title>"
          + "<item><title>1</title><dc:creator>a</dc:creator></item>"
          + "<item><title>2</title><item><title>nested</title></item></item>"
          + "</channel><item><title>outside</title></item></rss>";

  static List<String> titles(String path) throws IOException {
    List<String> out = new ArrayList<>();
    BoundedXml.forEachElement(
        in(FEED),
        XmlLimits.defaults(),
        path,
        e -> out.add(e.getElementsByTagName("title").item(0).getTextContent()));
    return out;
  }

  static ByteArrayInputStream in(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aNameMatchesAtAnyDepthButNotInsideAMatch() throws Exception {
    assertEquals(List.of("1", "2", "outside"), titles("item"));
  }

  @Test
  void anAbsolutePathMatchesFromTheRootOnly() throws Exception {
    assertEquals(List.of("1", "2"), titles("/rss/channel/item"));
    assertEquals(List.of("outside"), titles("/rss/item"));
    assertEquals(List.of(), titles("/channel/item"));
  }

  @Test
  void aRelativePathMatchesTheNearestAncestorsAndStarMatchesAnyName() throws Exception {
    assertEquals(List.of("1", "2"), titles("channel/item"));
    assertEquals(List.of("1", "2", "outside"), titles("*/item"));
    assertEquals(List.of("nested"), titles("item/item"));
  }

  @Test
  void aQualifiedStepMatchesThePrefixedName() throws Exception {
    List<String> got = new ArrayList<>();
    BoundedXml.forEachElement(
        in(FEED), XmlLimits.defaults(), "dc:creator", e -> got.add(e.getTextContent()));
    assertEquals(List.of("a"), got);
  }

  @Test
  void eachRecordIsTheDocumentElementOfItsOwnDocumentAndCarriesTheNamespacesInScope()
      throws Exception {
    List<Element> got = new ArrayList<>();
    BoundedXml.forEachElement(in(FEED), XmlLimits.defaults(), "/rss/channel/item", got::add);
    Element first = got.get(0);
    assertSame(first, first.getOwnerDocument().getDocumentElement());
    assertFalse(first.getOwnerDocument() == got.get(1).getOwnerDocument());
    assertEquals("urn:dc", first.getAttributeNS("http://www.w3.org/2000/xmlns/", "dc"));
    Element creator = (Element) first.getElementsByTagNameNS("urn:dc", "creator").item(0);
    assertEquals("dc", creator.getPrefix());
    assertEquals("urn:dc", creator.lookupNamespaceURI("dc"));
  }

  @Test
  void badPathsAreRefused() {
    for (String bad : new String[] {"", "/", "a//b", "a/", " a"}) {
      assertTrue(
          assertThrows(
                  IllegalArgumentException.class,
                  () -> BoundedXml.elements(in("<a/>"), XmlLimits.defaults(), bad))
              .getMessage()
              .startsWith("path must be a name or /-separated names"),
          bad);
    }
  }

  @Test
  void aStreamIsLazyAndClosingItStopsReadingWithoutClosingTheSource() throws Exception {
    boolean[] closed = {false};
    long[] read = {0};
    RssGenerator gen = new RssGenerator(100_000);
    FilterInputStream counting =
        new FilterInputStream(gen) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            read[0] += Math.max(0, n);
            return n;
          }

          @Override
          public void close() {
            closed[0] = true;
          }
        };
    List<String> firstThree;
    try (Stream<Element> items = BoundedXml.elements(counting, XmlLimits.defaults(), "item")) {
      assertEquals(0, read[0], "nothing read before the first record is asked for");
      firstThree =
          items
              .limit(3)
              .map(e -> e.getElementsByTagName("guid").item(0).getTextContent())
              .collect(Collectors.toList());
    }
    assertEquals(List.of("id-0", "id-1", "id-2"), firstThree);
    assertTrue(read[0] < 100_000, "read " + read[0] + " bytes for three records");
    assertFalse(closed[0]);
  }

  @Test
  void aStreamSurfacesInputFailuresAsUncheckedWithOurCause() {
    try (Stream<Element> s =
        BoundedXml.elements(in("<l><i>1</i><i>2</j></l>"), XmlLimits.defaults(), "i")) {
      List<Element> got = new ArrayList<>();
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> s.forEach(got::add));
      assertTrue(e.getCause() instanceof MalformedDocumentException, e::toString);
      assertEquals(1, got.size());
    }
  }

  @Test
  @RequiresCorpus("feeds")
  void everyFeedItemOrEntryEqualsTheJdksSubtree() throws Exception {
    DocumentBuilder jdk = Jdk.builder(true, false, false);
    int records = 0;
    for (Path p : Corpora.feeds()) {
      byte[] bytes = Files.readAllBytes(p);
      Document full = Jdk.parseOrNull(jdk, bytes, null);
      if (full == null || full.getDoctype() != null) {
        continue;
      }
      for (String name : new String[] {"item", "entry"}) {
        List<Element> expected = outermost(full.getElementsByTagName("*"), name);
        List<Element> actual = new ArrayList<>();
        try {
          BoundedXml.forEachElement(
              new ByteArrayInputStream(bytes), XmlLimits.defaults(), name, actual::add);
        } catch (IOException e) {
          if (DomDifferentialTest.acceptedRejection(p, e, true) != null) {
            continue;
          }
          throw new AssertionError(p + ": " + e, e);
        }
        assertEquals(expected.size(), actual.size(), p.toString());
        for (int i = 0; i < expected.size(); i++) {
          Element want = expected.get(i);
          Element got = actual.get(i);
          // the record carries the ancestors' declarations in scope: drop those before comparing
          for (String[] d : inheritedOnly(want, got)) {
            got.removeAttributeNS("http://www.w3.org/2000/xmlns/", d[0].isEmpty() ? "xmlns" : d[0]);
          }
          assertNull(DomDiff.node(want, got, p.toString()), p + " record " + i);
          records++;
        }
      }
    }
    assertTrue(records > 500, "compared only " + records + " records");
  }

  /** Elements with this local name (or qualified name) that have no such ancestor. */
  static List<Element> outermost(NodeList all, String name) {
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (!name.equals(e.getLocalName())) {
        continue;
      }
      boolean nested = false;
      for (org.w3c.dom.Node a = e.getParentNode(); a instanceof Element; a = a.getParentNode()) {
        nested |= name.equals(a.getLocalName());
      }
      if (!nested) {
        out.add(e);
      }
    }
    return out;
  }

  static List<String[]> inheritedOnly(Element want, Element got) {
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i < got.getAttributes().getLength(); i++) {
      org.w3c.dom.Attr a = (org.w3c.dom.Attr) got.getAttributes().item(i);
      if ("http://www.w3.org/2000/xmlns/".equals(a.getNamespaceURI())
          && want.getAttributeNodeNS(a.getNamespaceURI(), a.getLocalName()) == null) {
        out.add(new String[] {a.getPrefix() == null ? "" : a.getLocalName()});
      }
    }
    return out;
  }
}
