package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pull API's contract: failures as XMLStreamException caused by ours, sticky; bounded helpers.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(XmlEngine.class)
class PullApiContractTest extends EngineParameterized {
  static XMLStreamReader reader(String doc, XmlLimits limits) throws XMLStreamException {
    return BoundedXml.newReader(
        new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)), limits);
  }

  static XMLStreamException drain(XMLStreamReader r) {
    return assertThrows(
        XMLStreamException.class,
        () -> {
          while (r.hasNext()) {
            r.next();
          }
        });
  }

  @Test
  void theReaderNeverHandsOutTheParserUnderIt() throws Exception {
    XMLStreamReader r =
        BoundedXml.newReader(
            new ByteArrayInputStream("<r>x</r>".getBytes(StandardCharsets.UTF_8)), limits());
    if (r instanceof javax.xml.stream.util.StreamReaderDelegate) {
      javax.xml.stream.util.StreamReaderDelegate d = (javax.xml.stream.util.StreamReaderDelegate) r;
      assertThrows(UnsupportedOperationException.class, d::getParent);
      assertThrows(UnsupportedOperationException.class, () -> d.setParent(null));
    }
    assertEquals(XMLStreamConstants.START_ELEMENT, r.next());
  }

  @Test
  void aBreachIsAnXmlStreamExceptionCausedByTheLimitExceededException() throws Exception {
    XMLStreamReader r = reader("<a><b><c/></b></a>", builder().maxDepth(2).build());
    XMLStreamException e = drain(r);
    LimitExceededException cause = assertInstanceOf(LimitExceededException.class, e.getCause());
    assertEquals(Limit.MAX_DEPTH, cause.limit());
    // The standard StAX message shape ("ParseError at [row,col]:[..]\nMessage: ...") around ours.
    assertTrue(e.getMessage().endsWith(cause.getMessage()), e::getMessage);
    assertSame(cause, BoundedParseException.find(e).orElseThrow());
  }

  @Test
  void afterAFailureEveryCallFailsTheSameWay() throws Exception {
    XMLStreamReader r = reader("<a><b><c/></b></a>", builder().maxDepth(2).build());
    XMLStreamException first = drain(r);
    assertSame(first, assertThrows(XMLStreamException.class, r::next));
    assertSame(first, assertThrows(XMLStreamException.class, r::next));
    assertSame(first, assertThrows(XMLStreamException.class, r::hasNext));
    assertSame(first, assertThrows(XMLStreamException.class, r::nextTag));
  }

  @Test
  void malformedInputIsAnXmlStreamExceptionCausedByOurs() throws Exception {
    XMLStreamReader r = reader("<a></b>", limits());
    XMLStreamException e = drain(r);
    assertInstanceOf(MalformedDocumentException.class, e.getCause());
    assertSame(e, assertThrows(XMLStreamException.class, r::next));
  }

  @Test
  void aRefusedDoctypeFailsWhenOpeningOrOnTheFirstEvent() {
    XMLStreamException e =
        assertThrows(
            XMLStreamException.class,
            () -> {
              XMLStreamReader r = reader("<!DOCTYPE a><a/>", limits());
              while (r.hasNext()) {
                r.next();
              }
            });
    assertInstanceOf(ForbiddenConstructException.class, e.getCause());
  }

  @Test
  void hasNextIsTrueUntilTheEndDocumentAndThenFalse() throws Exception {
    XMLStreamReader r = reader("<a>t<!--c--></a>", limits());
    assertEquals(XMLStreamConstants.START_DOCUMENT, r.getEventType());
    int events = 0;
    while (r.hasNext()) {
      r.next();
      events++;
    }
    assertEquals(XMLStreamConstants.END_DOCUMENT, r.getEventType());
    assertEquals(5, events); // a, t, comment, /a, END_DOCUMENT
    assertFalse(r.hasNext());
    assertFalse(r.hasNext());
  }

  @Test
  void getElementTextGathersTextAcrossCdataReferencesAndComments() throws Exception {
    XMLStreamReader r = reader("<a>x<![CDATA[<y>]]>&amp;<!--c-->z<?p d?>w</a>", limits());
    assertEquals(XMLStreamConstants.START_ELEMENT, r.nextTag());
    assertEquals("x<y>&zw", r.getElementText());
    assertEquals(XMLStreamConstants.END_ELEMENT, r.getEventType());
  }

  @Test
  void getElementTextIsBoundedByMaxTextLength() throws Exception {
    XmlLimits limits = builder().maxTextLength(1000).build();
    XMLStreamReader atLimit = reader("<a>" + "x".repeat(1000) + "</a>", limits);
    atLimit.nextTag();
    assertEquals(1000, atLimit.getElementText().length());

    GeneratedStream in = new GeneratedStream("<a>", "x", 100L << 20, "</a>");
    XMLStreamReader r = BoundedXml.newReader(in, limits);
    r.nextTag();
    XMLStreamException e = assertThrows(XMLStreamException.class, r::getElementText);
    assertEquals(
        Limit.MAX_TEXT_LENGTH,
        assertInstanceOf(LimitExceededException.class, e.getCause()).limit());
    assertTrue(in.pulled() < 64 << 10, () -> "pulled " + in.pulled());
  }

  @Test
  void nextTagSkipsWhitespaceCommentsAndPisAndIsBounded() throws Exception {
    XMLStreamReader r = reader("<a>\n  <!--c--><?p d?>\n <b/></a>", limits());
    assertEquals(XMLStreamConstants.START_ELEMENT, r.nextTag());
    assertEquals("a", r.getLocalName());
    assertEquals(XMLStreamConstants.START_ELEMENT, r.nextTag());
    assertEquals("b", r.getLocalName());

    GeneratedStream in = new GeneratedStream("<a>", " ", 100L << 20, "<b/></a>");
    XMLStreamReader big = BoundedXml.newReader(in, limits());
    big.nextTag();
    XMLStreamException e = assertThrows(XMLStreamException.class, big::nextTag);
    assertEquals(
        Limit.MAX_TEXT_LENGTH,
        assertInstanceOf(LimitExceededException.class, e.getCause()).limit());
    assertTrue(in.pulled() < (4L << 20) + (64 << 10), () -> "pulled " + in.pulled());
  }

  @Test
  void nextTagOnTextIsAnXmlStreamException() throws Exception {
    XMLStreamReader r = reader("<a>text<b/></a>", limits());
    r.nextTag();
    assertThrows(XMLStreamException.class, r::nextTag);
  }

  @Test
  void theReaderIsNamespaceAwareAndNonCoalescing() throws Exception {
    XMLStreamReader r = reader("<p:a xmlns:p='urn:p'>x<![CDATA[y]]></p:a>", limits());
    r.nextTag();
    assertEquals("urn:p", r.getNamespaceURI());
    assertEquals("a", r.getLocalName());
    assertEquals(Boolean.TRUE, r.getProperty(XMLInputFactory.IS_NAMESPACE_AWARE));
    assertEquals(XMLStreamConstants.CHARACTERS, r.next());
    assertEquals(XMLStreamConstants.CDATA, r.next());
  }

  @Test
  void closingTheReaderDoesNotCloseTheStream() throws Exception {
    CloseTrackingStream in =
        new CloseTrackingStream(new ByteArrayInputStream("<a/>".getBytes(StandardCharsets.UTF_8)));
    XMLStreamReader r = BoundedXml.newReader(in, limits());
    while (r.hasNext()) {
      r.next();
    }
    r.close();
    assertFalse(in.closed);
  }

  @Test
  void statsWorkOnlyOnBoundedReaders() throws Exception {
    XMLStreamReader r = reader("<a><b x='123'/></a>", limits());
    while (r.hasNext()) {
      r.next();
    }
    XmlStats s = BoundedXml.stats(r);
    assertEquals(2, s.elements());
    assertEquals(3, s.maxAttributeLength());
    XMLStreamReader plain =
        XMLInputFactory.newFactory()
            .createXMLStreamReader(
                new ByteArrayInputStream("<a/>".getBytes(StandardCharsets.UTF_8)));
    assertThrows(IllegalArgumentException.class, () -> BoundedXml.stats(plain));
  }
}
