package dev.bounded.xml.stax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.xml.BoundedXMLInputFactory;
import dev.bounded.xml.DtdPolicy;
import dev.bounded.xml.XmlLimits;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.events.XMLEvent;
import javax.xml.stream.util.XMLEventAllocator;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stax.StAXSource;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

/** BoundedXMLInputFactory: input forms, properties, coalescing, event readers, failures. */
class StaxFactoryTest {
  static final String DOC = "<?xml version='1.0' encoding='ISO-8859-1'?><r a='\u00e9'>t\u00e9</r>";

  static String nested(int depth) {
    return "<a>".repeat(depth) + "</a>".repeat(depth);
  }

  static ByteArrayInputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Every event as a short string, text as it comes (not merged). */
  static List<String> events(XMLStreamReader r) throws XMLStreamException {
    List<String> ev = new ArrayList<>();
    while (r.hasNext()) {
      int t = r.next();
      switch (t) {
        case XMLStreamConstants.START_ELEMENT:
          StringBuilder sb = new StringBuilder("S:").append(r.getLocalName());
          for (int i = 0; i < r.getAttributeCount(); i++) {
            sb.append(' ').append(r.getAttributeLocalName(i)).append('=');
            sb.append(r.getAttributeValue(i));
          }
          ev.add(sb.toString());
          break;
        case XMLStreamConstants.END_ELEMENT:
          ev.add("E:" + r.getLocalName());
          break;
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.CDATA:
        case XMLStreamConstants.SPACE:
          ev.add(t + ":" + r.getText());
          break;
        case XMLStreamConstants.END_DOCUMENT:
          break;
        default:
          ev.add("?" + t);
      }
    }
    return ev;
  }

  static String nz(String s) {
    return s == null ? "" : s;
  }

  static <T extends BoundedParseException> T cause(Throwable e, Class<T> type) {
    return BoundedParseException.find(e, type)
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + e, e));
  }

  @Test
  void everyInputFormGivesTheSameEvents() throws Exception {
    BoundedXMLInputFactory f = BoundedXMLInputFactory.newInstance();
    byte[] latin1 = DOC.getBytes(StandardCharsets.ISO_8859_1);
    List<String> want = List.of("S:r a=\u00e9", "4:t\u00e9", "E:r");
    List<XMLStreamReader> readers =
        List.of(
            f.createXMLStreamReader(new ByteArrayInputStream(latin1)),
            f.createXMLStreamReader(new ByteArrayInputStream(latin1), "ISO-8859-1"),
            f.createXMLStreamReader("urn:doc", new ByteArrayInputStream(latin1)),
            f.createXMLStreamReader(new StringReader(DOC)),
            f.createXMLStreamReader("urn:doc", new StringReader(DOC)),
            f.createXMLStreamReader(new StreamSource(new ByteArrayInputStream(latin1))),
            f.createXMLStreamReader(new StreamSource(new StringReader(DOC), "urn:doc")),
            f.createXMLStreamReader(
                new SAXSource(new InputSource(new ByteArrayInputStream(latin1)))),
            f.createXMLStreamReader(
                new ByteArrayInputStream(
                    DOC.replace("ISO-8859-1", "UTF-16").getBytes(StandardCharsets.UTF_16))));
    for (XMLStreamReader r : readers) {
      assertEquals(want, events(r), r::toString);
    }
    XMLStreamReader named = f.createXMLStreamReader("urn:doc", new StringReader(DOC));
    assertEquals("urn:doc", named.getLocation().getSystemId());
  }

  @Test
  void aSourceWithOnlyASystemIdIsRefusedAndNothingIsOpened() {
    BoundedXMLInputFactory f = BoundedXMLInputFactory.newInstance();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> f.createXMLStreamReader(new StreamSource("http://127.0.0.1:9/x.xml")));
    assertEquals(
        "Refused: a Source with no stream and only the system ID \"http://127.0.0.1:9/x.xml\"."
            + " Bounded never opens a system ID; open it yourself (a file, or a fetch with a timeout"
            + " and a size limit) and pass the stream",
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> f.createXMLEventReader(new StreamSource("file:///etc/passwd")));
  }

  @Test
  void domAndStaxSourcesAreUnsupported() throws Exception {
    BoundedXMLInputFactory f = BoundedXMLInputFactory.newInstance();
    DOMSource dom =
        new DOMSource(
            DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().newDocument());
    UnsupportedOperationException e =
        assertThrows(UnsupportedOperationException.class, () -> f.createXMLStreamReader(dom));
    assertTrue(e.getMessage().contains("javax.xml.transform.dom.DOMSource"), e.getMessage());
    StAXSource stax = new StAXSource(f.createXMLStreamReader(bytes("<r/>")));
    assertThrows(UnsupportedOperationException.class, () -> f.createXMLEventReader(stax));
  }

  @Test
  void aBreachIsAnXmlStreamExceptionCausedByOursInEveryForm() throws Exception {
    XmlLimits limits = XmlLimits.builder().maxDepth(5).build();
    BoundedXMLInputFactory f = BoundedXMLInputFactory.newInstance(limits);
    assertEquals(List.of(), events(f.createXMLStreamReader(bytes(nested(5)))).subList(0, 0));
    List<ThrowingRead> forms =
        List.of(
            () -> events(f.createXMLStreamReader(bytes(nested(6)))),
            () -> events(f.createXMLStreamReader(new StringReader(nested(6)))),
            () -> events(f.createXMLStreamReader(new StreamSource(bytes(nested(6))))),
            () -> drain(f.createXMLEventReader(bytes(nested(6)))),
            () -> drain(f.createXMLEventReader(new StringReader(nested(6)))));
    for (ThrowingRead read : forms) {
      XMLStreamException e = assertThrows(XMLStreamException.class, read::run);
      LimitExceededException ours = cause(e, LimitExceededException.class);
      assertSame(ours, e.getCause());
      assertEquals(Limit.MAX_DEPTH, ours.limit());
      assertEquals(5, ours.maximum());
      assertEquals("XmlLimits.maxDepth", ours.setting());
    }
    // exactly at the limit passes, in every form
    events(f.createXMLStreamReader(bytes(nested(5))));
    events(f.createXMLStreamReader(new StringReader(nested(5))));
    drain(f.createXMLEventReader(bytes(nested(5))));
  }

  interface ThrowingRead {
    void run() throws Exception;
  }

  static List<XMLEvent> drain(XMLEventReader r) throws XMLStreamException {
    List<XMLEvent> ev = new ArrayList<>();
    while (r.hasNext()) {
      ev.add(r.nextEvent());
    }
    return ev;
  }

  @Test
  void aDoctypeIsRefusedByDefaultAndTheResolverIsNeverConsulted() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    XMLResolver recording =
        (publicId, systemId, base, ns) -> {
          calls.incrementAndGet();
          return null;
        };
    String xxe = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>";
    for (DtdPolicy policy : DtdPolicy.values()) {
      BoundedXMLInputFactory f =
          BoundedXMLInputFactory.newInstance(XmlLimits.builder().dtdPolicy(policy).build());
      f.setXMLResolver(recording);
      f.setProperty(XMLInputFactory.RESOLVER, recording);
      assertSame(recording, f.getXMLResolver());
      XMLStreamException e =
          assertThrows(XMLStreamException.class, () -> events(f.createXMLStreamReader(bytes(xxe))));
      cause(e, ForbiddenConstructException.class);
      assertThrows(XMLStreamException.class, () -> drain(f.createXMLEventReader(bytes(xxe))));
    }
    assertEquals(0, calls.get());
  }

  @Test
  void safeSettingsAreAcceptedAndUnsafeOnesRefusedWithTheReason() {
    BoundedXMLInputFactory f = new BoundedXMLInputFactory();
    assertEquals(XmlLimits.defaults().maxDepth(), f.xmlLimits().maxDepth());
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_VALIDATING, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    assertEquals(Boolean.FALSE, f.getProperty(XMLInputFactory.SUPPORT_DTD));
    assertEquals(Boolean.FALSE, f.getProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES));
    assertEquals(Boolean.TRUE, f.getProperty(XMLInputFactory.IS_COALESCING));
    assertTrue(f.isPropertySupported(XMLInputFactory.SUPPORT_DTD));
    assertFalse(f.isPropertySupported("urn:x"));
    assertEquals(
        "Refused: javax.xml.stream.supportDTD=true. Bounded never processes DTDs"
            + " (XmlLimits.dtdPolicy refuses or skips a DOCTYPE)",
        assertThrows(
                IllegalArgumentException.class,
                () -> f.setProperty(XMLInputFactory.SUPPORT_DTD, true))
            .getMessage());
    assertEquals(
        "Refused: javax.xml.stream.isSupportingExternalEntities=true. Bounded never resolves"
            + " external entities",
        assertThrows(
                IllegalArgumentException.class,
                () -> f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, true))
            .getMessage());
    assertEquals(
        "Refused: javax.xml.stream.isValidating=true. Bounded does not validate",
        assertThrows(
                IllegalArgumentException.class,
                () -> f.setProperty(XMLInputFactory.IS_VALIDATING, true))
            .getMessage());
    assertEquals(
        "Property not recognized by Bounded: urn:x",
        assertThrows(IllegalArgumentException.class, () -> f.setProperty("urn:x", true))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "all"));
  }

  @Test
  void coalescingJoinsTextAndCdataIntoOneEvent() throws Exception {
    String doc = "<r>a&amp;b<![CDATA[<c>]]>d<!--x-->e<i/>  </r>";
    BoundedXMLInputFactory plain = BoundedXMLInputFactory.newInstance();
    assertTrue(events(plain.createXMLStreamReader(bytes(doc))).size() > 7);
    BoundedXMLInputFactory f = BoundedXMLInputFactory.newInstance();
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    assertEquals(
        List.of("S:r", "4:a&b<c>d", "?5", "4:e", "S:i", "E:i", "4:  ", "E:r"),
        events(f.createXMLStreamReader(bytes(doc))));
    XMLStreamReader r = f.createXMLStreamReader(bytes(doc));
    r.next();
    r.next();
    assertEquals(XMLStreamConstants.CHARACTERS, r.getEventType());
    assertEquals("a&b<c>d", new String(r.getTextCharacters(), r.getTextStart(), r.getTextLength()));
    assertFalse(r.isWhiteSpace());
    assertThrows(IllegalStateException.class, r::getLocalName);
    assertEquals(XMLStreamConstants.COMMENT, r.next());
    assertEquals("x", r.getText());
    // the event reader over a coalescing reader
    List<XMLEvent> ev = drain(f.createXMLEventReader(bytes(doc)));
    assertEquals("a&b<c>d", ev.get(2).asCharacters().getData());
    // getElementText and nextTag on a coalescing reader
    XMLStreamReader t = f.createXMLStreamReader(bytes("<r>\n <a>x<![CDATA[y]]>z</a>\n</r>"));
    t.nextTag();
    assertEquals(XMLStreamConstants.START_ELEMENT, t.nextTag());
    assertEquals("xyz", t.getElementText());
    assertEquals(XMLStreamConstants.END_ELEMENT, t.nextTag());
  }

  @Test
  void coalescedTextIsBoundedByMaxTextLengthExactly() throws Exception {
    XmlLimits limits = XmlLimits.builder().maxTextLength(10).build();
    BoundedXMLInputFactory f = BoundedXMLInputFactory.newInstance(limits);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    String ten = "<r>abc<![CDATA[defg]]>hij</r>";
    assertEquals(
        List.of("S:r", "4:abcdefghij", "E:r"), events(f.createXMLStreamReader(bytes(ten))));
    String eleven = "<r>abc<![CDATA[defg]]>hijk</r>";
    XMLStreamException e =
        assertThrows(
            XMLStreamException.class, () -> events(f.createXMLStreamReader(bytes(eleven))));
    LimitExceededException ours = cause(e, LimitExceededException.class);
    assertEquals(Limit.MAX_TEXT_LENGTH, ours.limit());
    assertEquals(10, ours.maximum());
    assertEquals(11, ours.actual());
  }

  @Test
  void namespaceUnawareReadersKeepPrefixedNames() throws Exception {
    BoundedXMLInputFactory f = BoundedXMLInputFactory.newInstance();
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    XMLStreamReader r = f.createXMLStreamReader(bytes("<p:r xmlns:p='urn:p' p:a='1'/>"));
    r.next();
    assertEquals("p:r", r.getLocalName()); // as Woodstox reports names without namespaces
    assertEquals("p:a", r.getAttributeLocalName(1)); // after xmlns:p, an attribute here
    assertEquals(Boolean.FALSE, r.getProperty(XMLInputFactory.IS_NAMESPACE_AWARE));
    assertEquals("", nz(r.getNamespaceURI()));
  }

  @Test
  void eventReadersUseTheJdksAllocationOrTheOneSet() throws Exception {
    BoundedXMLInputFactory f = BoundedXMLInputFactory.newInstance();
    XMLEventReader r = f.createXMLEventReader(bytes("<r a='1'>t</r>"));
    assertTrue(r.nextEvent().isStartDocument());
    XMLEvent start = r.nextEvent();
    assertEquals("r", start.asStartElement().getName().getLocalPart());
    assertEquals(
        "1",
        start.asStartElement().getAttributeByName(new javax.xml.namespace.QName("a")).getValue());
    assertTrue(
        start.getClass().getName().startsWith("com.sun.xml.internal.stream.events."),
        start.getClass().getName());
    assertEquals("t", r.getElementText());
    assertTrue(r.nextEvent().isEndDocument());
    assertFalse(r.hasNext());

    XMLEventAllocator jdk =
        ((XMLEventAllocator)
                f.createXMLStreamReader(bytes("<r/>")).getProperty(XMLInputFactory.ALLOCATOR))
            .newInstance();
    AtomicInteger allocated = new AtomicInteger();
    XMLEventAllocator counting =
        new XMLEventAllocator() {
          @Override
          public XMLEventAllocator newInstance() {
            return this;
          }

          @Override
          public XMLEvent allocate(XMLStreamReader reader) throws XMLStreamException {
            allocated.incrementAndGet();
            return jdk.allocate(reader);
          }

          @Override
          public void allocate(XMLStreamReader reader, javax.xml.stream.util.XMLEventConsumer c)
              throws XMLStreamException {
            c.add(allocate(reader));
          }
        };
    f.setEventAllocator(counting);
    assertEquals(5, drain(f.createXMLEventReader(bytes("<r a='1'>t</r>"))).size());
    assertEquals(5, allocated.get());
  }

  @Test
  void filteredReadersWrapTheBoundedOnes() throws Exception {
    BoundedXMLInputFactory f =
        BoundedXMLInputFactory.newInstance(XmlLimits.builder().maxDepth(3).build());
    XMLStreamReader onlyStarts =
        f.createFilteredReader(
            f.createXMLStreamReader(bytes("<a><b/>t<c/></a>")), XMLStreamReader::isStartElement);
    List<String> names = new ArrayList<>();
    for (int t = onlyStarts.getEventType(); ; t = onlyStarts.next()) {
      if (t == XMLStreamConstants.START_ELEMENT) {
        names.add(onlyStarts.getLocalName());
      }
      if (!onlyStarts.hasNext()) {
        break;
      }
    }
    assertEquals(List.of("a", "b", "c"), names);
    XMLEventReader events =
        f.createFilteredReader(f.createXMLEventReader(bytes(nested(4))), XMLEvent::isStartElement);
    XMLStreamException e = assertThrows(XMLStreamException.class, () -> drain(events));
    assertEquals(Limit.MAX_DEPTH, cause(e, LimitExceededException.class).limit());
  }
}
