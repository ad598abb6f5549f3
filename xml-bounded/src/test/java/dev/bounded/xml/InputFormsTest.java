package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.xml.stax.StaxEvents;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

/**
 * The input forms added for issue 16: pull from a Reader, bytes or a Source; push from a Source.
 */
class InputFormsTest {
  static final String DOC =
      "<r a='\u00e9\u00e9'>\u00e9\u00e9\u00e9</r>"; // 17 chars, 22 UTF-8 bytes

  static List<String> pull(javax.xml.stream.XMLStreamReader r) throws XMLStreamException {
    return StaxEvents.of(r, true);
  }

  @Test
  void everyPullFormGivesTheSameEvents() throws Exception {
    byte[] utf8 = DOC.getBytes(StandardCharsets.UTF_8);
    XmlLimits d = XmlLimits.defaults();
    List<String> want = pull(BoundedXml.newReader(new ByteArrayInputStream(utf8), d));
    assertEquals(want, pull(BoundedXml.newReader(utf8, d)));
    assertEquals(want, pull(BoundedXml.newReader(new StringReader(DOC), d)));
    assertEquals(want, pull(BoundedXml.newReader(new StreamSource(new StringReader(DOC)), d)));
    assertEquals(
        want, pull(BoundedXml.newReader(new StreamSource(new ByteArrayInputStream(utf8)), d)));
    InputSource latin1 =
        new InputSource(new ByteArrayInputStream(DOC.getBytes(StandardCharsets.ISO_8859_1)));
    latin1.setEncoding("ISO-8859-1");
    assertEquals(want, pull(BoundedXml.newReader(new SAXSource(latin1), d)));
  }

  @Test
  void aReaderIsReadAsCharactersWithNoReEncoding() throws Exception {
    // maxBytes counts characters from a Reader: 17 passes, though the UTF-8 form is 22 bytes
    XmlLimits chars = XmlLimits.builder().maxBytes(17).build();
    pull(BoundedXml.newReader(new StringReader(DOC), chars));
    XMLStreamException e =
        assertThrows(
            XMLStreamException.class,
            () -> pull(BoundedXml.newReader(DOC.getBytes(StandardCharsets.UTF_8), chars)));
    assertEquals(
        Limit.MAX_BYTES,
        BoundedParseException.find(e, LimitExceededException.class).orElseThrow().limit());
    XmlLimits sixteen = XmlLimits.builder().maxBytes(16).build();
    XMLStreamException over =
        assertThrows(
            XMLStreamException.class,
            () -> pull(BoundedXml.newReader(new StringReader(DOC), sixteen)));
    assertEquals(
        16, BoundedParseException.find(over, LimitExceededException.class).orElseThrow().maximum());
  }

  @Test
  void pushFromASourceCountsLikeTheOtherForms() throws Exception {
    Recorder fromSource = new Recorder();
    XmlStats s =
        BoundedXml.parse(new StreamSource(new StringReader(DOC)), XmlLimits.defaults(), fromSource);
    Recorder fromReader = new Recorder();
    BoundedXml.parse(new StringReader(DOC), XmlLimits.defaults(), fromReader);
    assertEquals(fromReader.events, fromSource.events);
    assertEquals(17, s.bytes());
    XmlLimits deep = XmlLimits.builder().maxDepth(1).build();
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () ->
                BoundedXml.parse(
                    new StreamSource(new StringReader("<a><b/></a>")), deep, new Recorder()));
    assertEquals(Limit.MAX_DEPTH, e.limit());
  }

  @Test
  void sourcesWithOnlyASystemIdOrAlreadyParsedAreRefused() throws Exception {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                BoundedXml.newReader(new StreamSource("file:///etc/passwd"), XmlLimits.defaults()));
    assertTrue(
        e.getMessage().startsWith("Refused: a Source with no stream and only the system ID"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            BoundedXml.parse(
                new SAXSource(new InputSource("http://127.0.0.1:9/")),
                XmlLimits.defaults(),
                new Recorder()));
    DOMSource dom =
        new DOMSource(
            DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().newDocument());
    assertThrows(
        UnsupportedOperationException.class, () -> BoundedXml.newReader(dom, XmlLimits.defaults()));
  }
}
