package dev.bounded.xml.jaxp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.xml.BoundedDocumentBuilderFactory;
import dev.bounded.xml.BoundedSAXParserFactory;
import dev.bounded.xml.XmlLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilder;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/** Every input form the JAXP APIs offer, and every failure in the JAXP shape. */
class DropInInputAndErrorTest {
  static final String DOC = "<?xml version='1.0' encoding='ISO-8859-1'?><r a='\u00e9'>t\u00e9</r>";

  static DocumentBuilder builder() throws Exception {
    BoundedDocumentBuilderFactory f = BoundedDocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder();
  }

  @Test
  void everyInputFormGivesTheSameDocument() throws Exception {
    byte[] latin1 = DOC.getBytes(StandardCharsets.ISO_8859_1);
    Path file = Files.createTempFile("doc", ".xml");
    Files.write(file, latin1);
    try {
      DocumentBuilder b = builder();
      List<Document> docs = new ArrayList<>();
      docs.add(b.parse(new ByteArrayInputStream(latin1)));
      docs.add(b.parse(new ByteArrayInputStream(latin1), "urn:base"));
      docs.add(b.parse(file.toFile()));
      docs.add(b.parse(file.toUri().toString()));
      docs.add(b.parse(file.toString()));
      docs.add(b.parse(new InputSource(new StringReader(DOC))));
      InputSource named =
          new InputSource(new ByteArrayInputStream(DOC.getBytes(StandardCharsets.UTF_16LE)));
      named.setEncoding("UTF-16LE");
      docs.add(b.parse(named));
      InputSource bySystemId = new InputSource(file.toUri().toString());
      docs.add(b.parse(bySystemId));
      for (Document d : docs) {
        assertEquals("t\u00e9", d.getDocumentElement().getTextContent());
        assertEquals("\u00e9", d.getDocumentElement().getAttribute("a"));
      }
      assertEquals(file.toUri().toString(), docs.get(3).getDocumentURI());
      assertEquals(file.toFile().toURI().toASCIIString(), docs.get(2).getDocumentURI());
      assertNull(docs.get(0).getDocumentURI());
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void malformedInputIsASaxParseExceptionWithLineColumnAndOurCause() throws Exception {
    SAXParseException e =
        assertThrows(
            SAXParseException.class,
            () ->
                builder()
                    .parse(
                        new ByteArrayInputStream(
                            "<r>\n  <a></b></r>".getBytes(StandardCharsets.UTF_8))));
    assertTrue(e.getCause() instanceof MalformedDocumentException, e::toString);
    assertEquals(2, e.getLineNumber());
    assertTrue(e.getColumnNumber() > 1);
    assertEquals(e.getCause().getMessage(), e.getMessage());
  }

  @Test
  void aDoctypeIsRefusedByDefaultWithOurForbiddenConstructCause() throws Exception {
    SAXParseException e =
        assertThrows(
            SAXParseException.class,
            () ->
                builder()
                    .parse(
                        new ByteArrayInputStream(
                            "<!DOCTYPE r><r/>".getBytes(StandardCharsets.UTF_8))));
    assertTrue(e.getCause() instanceof ForbiddenConstructException, e::toString);
    assertEquals(1, e.getLineNumber());
  }

  @Test
  void theErrorHandlerHearsTheFatalErrorBeforeTheThrowAndMayReplaceIt() throws Exception {
    List<SAXParseException> heard = new ArrayList<>();
    ErrorHandler recording =
        new DefaultHandler() {
          @Override
          public void fatalError(SAXParseException e) {
            heard.add(e);
          }
        };
    DocumentBuilder b =
        BoundedDocumentBuilderFactory.newInstance(XmlLimits.builder().maxDepth(2).build())
            .newDocumentBuilder();
    b.setErrorHandler(recording);
    SAXParseException thrown =
        assertThrows(
            SAXParseException.class,
            () -> b.parse(new InputSource(new StringReader("<a><b><c/></b></a>"))));
    assertEquals(List.of(thrown), heard);
    assertEquals(Limit.MAX_DEPTH, ((LimitExceededException) thrown.getCause()).limit());

    SAXException own = new SAXException("mine");
    b.setErrorHandler(
        new DefaultHandler() {
          @Override
          public void fatalError(SAXParseException e) throws SAXException {
            throw own;
          }
        });
    assertSame(
        own,
        assertThrows(SAXException.class, () -> b.parse(new InputSource(new StringReader("<a")))));
  }

  @Test
  void aFailingSourceIsAnIoExceptionNotASaxException() throws Exception {
    IOException broken = new IOException("disk on fire");
    InputStream in =
        new InputStream() {
          int n;

          @Override
          public int read() throws IOException {
            if (n++ < 3) {
              return "<r>".charAt(n - 1);
            }
            throw broken;
          }
        };
    IOException e = assertThrows(IOException.class, () -> builder().parse(in));
    assertTrue(e == broken || e.getCause() == broken, e::toString);
    IOException viaSax =
        assertThrows(
            IOException.class,
            () ->
                BoundedSAXParserFactory.newInstance()
                    .newSAXParser()
                    .parse(
                        new InputStream() {
                          @Override
                          public int read() throws IOException {
                            throw broken;
                          }
                        },
                        new DefaultHandler()));
    assertTrue(viaSax == broken || viaSax.getCause() == broken, viaSax::toString);
  }

  @Test
  void ignoredCommentsDoNotSplitTextAndCoalescingMergesCdata() throws Exception {
    BoundedDocumentBuilderFactory f = BoundedDocumentBuilderFactory.newInstance();
    f.setIgnoringComments(true);
    f.setCoalescing(true);
    Node r =
        f.newDocumentBuilder()
            .parse(new InputSource(new StringReader("<r>a<!--c-->b<![CDATA[<c>]]>d</r>")))
            .getDocumentElement();
    assertEquals(1, r.getChildNodes().getLength());
    assertEquals(Node.TEXT_NODE, r.getFirstChild().getNodeType());
    assertEquals("ab<c>d", r.getFirstChild().getNodeValue());
  }

  @Test
  void longTextWoodstoxSplitsIsOneTextNode() throws Exception {
    String text = "x&amp;y\r\n".repeat(5000);
    Node r =
        builder()
            .parse(new InputSource(new StringReader("<r>" + text + "<![CDATA[" + text + "]]></r>")))
            .getDocumentElement();
    assertEquals(2, r.getChildNodes().getLength());
    assertEquals("x&y\n".repeat(5000), r.getFirstChild().getNodeValue());
    assertEquals(text.replace("\r\n", "\n"), r.getLastChild().getNodeValue());
  }
}
