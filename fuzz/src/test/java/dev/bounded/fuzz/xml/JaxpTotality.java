package dev.bounded.fuzz.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bounded.core.BoundedParseException;
import dev.bounded.xml.BoundedDocumentBuilderFactory;
import dev.bounded.xml.BoundedSAXParserFactory;
import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.DomLimits;
import dev.bounded.xml.XmlLimits;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.SAXParser;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;
import org.xml.sax.ext.DefaultHandler2;

/**
 * Totality of the JAXP drop-ins and the per-element API: any bytes give a {@code Document} (SAX: a
 * complete event stream; per-element: a record count), or fail with the documented type whose cause
 * is our {@link BoundedParseException}: {@link SAXParseException} for DOM and SAX (reported to the
 * {@code ErrorHandler} exactly once, and the very exception thrown), our exception itself for
 * {@code forEachElement}, an {@link UncheckedIOException} around it for {@code elements}. Nothing
 * else.
 */
public final class JaxpTotality {
  private JaxpTotality() {}

  /**
   * Paths for the per-element API: root only, children, any depth, absolute, qualified, wildcard.
   */
  public static final List<String> PATHS =
      List.of("*", "*/*", "a", "/a/b", "item", "channel/item", "/*/*/*", "p:a", "x-y");

  /** Records every fatalError; returns normally so the builder must throw on its own. */
  static final class Fatal implements ErrorHandler {
    final List<SAXParseException> fatal = new ArrayList<>();

    @Override
    public void warning(SAXParseException e) {}

    @Override
    public void error(SAXParseException e) {}

    @Override
    public void fatalError(SAXParseException e) {
      fatal.add(e);
    }
  }

  /** Checks an input failure from DOM or SAX: a SAXParseException caused by ours, reported once. */
  static BoundedParseException checkJaxpFailure(
      String api, Throwable t, List<SAXParseException> reported) {
    if (!(t instanceof SAXParseException)) {
      fail(api + " threw " + t, t);
    }
    if (!(t.getCause() instanceof BoundedParseException)) {
      fail(
          api + " threw SAXParseException not caused by ours: " + t + " / cause " + t.getCause(),
          t);
    }
    assertEquals(1, reported.size(), () -> api + ": fatalError calls " + reported);
    assertSame(t, reported.get(0), api + ": the exception thrown is the one reported");
    return (BoundedParseException) t.getCause();
  }

  /** DOM drop-in: a Document (walked to the end) or our failure; returns the failure or null. */
  public static BoundedParseException dom(
      byte[] doc,
      XmlLimits limits,
      DomLimits domLimits,
      boolean ns,
      boolean coalescing,
      boolean noComments) {
    Fatal h = new Fatal();
    try {
      BoundedDocumentBuilderFactory f =
          BoundedDocumentBuilderFactory.newInstance(limits, domLimits);
      f.setNamespaceAware(ns);
      f.setCoalescing(coalescing);
      f.setIgnoringComments(noComments);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(h);
      Document d = b.parse(new ByteArrayInputStream(doc));
      walk(d);
      if (!h.fatal.isEmpty()) {
        fail("DOM returned a Document after reporting fatalError " + h.fatal);
      }
      return null;
    } catch (Throwable t) {
      return checkJaxpFailure("DOM", t, h.fatal);
    }
  }

  /** DOM drop-in with defaults for the tree: namespace-aware or not, otherwise plain. */
  public static BoundedParseException dom(byte[] doc, XmlLimits limits, boolean ns) {
    return dom(doc, limits, DomLimits.defaults(), ns, false, false);
  }

  /** A SAX handler that touches every argument it is given and checks the events nest. */
  static final class Touch extends DefaultHandler2 {
    final Fatal errors = new Fatal();
    int open;
    boolean started;
    boolean ended;

    @Override
    public void startDocument() {
      started = true;
    }

    @Override
    public void endDocument() {
      ended = true;
    }

    @Override
    public void startElement(String uri, String local, String qName, Attributes a) {
      open++;
      for (int i = 0; i < a.getLength(); i++) {
        a.getURI(i);
        a.getLocalName(i);
        a.getQName(i);
        a.getType(i);
        a.getValue(i);
      }
    }

    @Override
    public void endElement(String uri, String local, String qName) {
      open--;
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      new String(ch, start, length);
    }

    @Override
    public void comment(char[] ch, int start, int length) {
      new String(ch, start, length);
    }

    @Override
    public void fatalError(SAXParseException e) {
      errors.fatalError(e);
    }
  }

  /** SAX drop-in (with a lexical handler): complete events or our failure; returns it or null. */
  public static BoundedParseException sax(byte[] doc, XmlLimits limits, boolean ns) {
    Touch h = new Touch();
    try {
      BoundedSAXParserFactory f = BoundedSAXParserFactory.newInstance(limits);
      f.setNamespaceAware(ns);
      SAXParser p = f.newSAXParser();
      p.setProperty("http://xml.org/sax/properties/lexical-handler", h);
      p.parse(new ByteArrayInputStream(doc), h);
    } catch (Throwable t) {
      return checkJaxpFailure("SAX", t, h.errors.fatal);
    }
    if (!h.errors.fatal.isEmpty()) {
      fail("SAX returned normally after reporting fatalError " + h.errors.fatal);
    }
    if (!h.started || !h.ended || h.open != 0) {
      fail(
          "SAX returned normally with events unbalanced: started="
              + h.started
              + " ended="
              + h.ended
              + " open="
              + h.open);
    }
    return null;
  }

  /** forEachElement: a record count, or our exception itself. Returns the failure or null. */
  public static BoundedParseException forEachElement(
      byte[] doc, XmlLimits limits, DomLimits records, String path) {
    try {
      long n =
          BoundedXml.forEachElement(
              new ByteArrayInputStream(doc), limits, records, path, JaxpTotality::walk);
      if (n < 0) {
        fail("negative record count " + n);
      }
      return null;
    } catch (BoundedParseException expected) {
      return expected;
    } catch (Throwable t) {
      fail("forEachElement(" + path + ") threw " + t, t);
      return null;
    }
  }

  /** elements(): a stream of records, or an UncheckedIOException whose cause is ours. */
  public static BoundedParseException elements(
      byte[] doc, XmlLimits limits, DomLimits records, String path) {
    try (Stream<Element> s =
        BoundedXml.elements(new ByteArrayInputStream(doc), limits, records, path)) {
      s.forEach(JaxpTotality::walk);
      return null;
    } catch (UncheckedIOException e) {
      if (!(e.getCause() instanceof BoundedParseException)) {
        fail(
            "elements(" + path + ") threw UncheckedIOException not caused by ours: " + e.getCause(),
            e);
      }
      return (BoundedParseException) e.getCause();
    } catch (Throwable t) {
      fail("elements(" + path + ") threw " + t, t);
      return null;
    }
  }

  /** All four: DOM (both namespace modes), SAX (both), forEachElement and elements on one path. */
  public static void assertTotal(byte[] doc, XmlLimits limits, DomLimits records, String path) {
    dom(doc, limits, records, true, false, false);
    dom(doc, limits, records, false, true, true);
    sax(doc, limits, true);
    sax(doc, limits, false);
    BoundedParseException each = forEachElement(doc, limits, records, path);
    BoundedParseException stream = elements(doc, limits, records, path);
    if ((each == null) != (stream == null)) {
      fail("forEachElement and elements disagree on " + path + ": " + each + " / " + stream);
    }
  }

  /** Touches every node, attribute and value (a lazily failing DOM would show here). */
  static void walk(Node n) {
    n.getNodeName();
    n.getNodeValue();
    n.getNamespaceURI();
    n.getLocalName();
    NamedNodeMap m = n.getAttributes();
    if (m != null) {
      for (int i = 0; i < m.getLength(); i++) {
        Attr a = (Attr) m.item(i);
        a.getName();
        a.getValue();
        a.getNamespaceURI();
      }
    }
    for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
      walk(c);
    }
  }
}
