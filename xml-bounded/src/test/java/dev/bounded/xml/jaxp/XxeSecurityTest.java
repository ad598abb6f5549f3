package dev.bounded.xml.jaxp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.testkit.RequiresCorpus;
import dev.bounded.xml.BoundedDocumentBuilderFactory;
import dev.bounded.xml.BoundedSAXParserFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.SAXParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.w3c.dom.DOMException;
import org.w3c.dom.DOMImplementation;
import org.w3c.dom.Document;
import org.w3c.dom.ls.DOMImplementationLS;
import org.xml.sax.EntityResolver;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Through both drop-ins, under both DOCTYPE settings: no XXE payload, attack document or system ID
 * fetches anything (a local HTTP server counts zero requests, a canary file never shows up), an
 * EntityResolver is never asked, and every refusal is a SAXParseException caused by ours.
 */
class XxeSecurityTest {
  private static final String SECRET = "CANARY-7f3a9c";
  private static HttpServer server;
  private static final AtomicInteger requests = new AtomicInteger();
  private static String base;
  private static Path canary;

  /** Records every call; answers with the canary so a leak would show. */
  static final class RecordingResolver implements EntityResolver {
    final List<String> calls = new ArrayList<>();

    @Override
    public InputSource resolveEntity(String publicId, String systemId) {
      calls.add(systemId);
      return new InputSource(new ByteArrayInputStream(SECRET.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          requests.incrementAndGet();
          byte[] b = SECRET.getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    canary = Files.createTempFile("canary", ".txt");
    Files.writeString(canary, SECRET);
  }

  @AfterAll
  static void stop() throws IOException {
    server.stop(0);
    Files.deleteIfExists(canary);
  }

  List<String> payloads() {
    String file = canary.toUri().toString();
    return List.of(
        "<!DOCTYPE r [<!ENTITY x SYSTEM \"" + file + "\">]><r>&x;</r>",
        "<!DOCTYPE r [<!ENTITY x SYSTEM \"" + base + "/entity\">]><r>&x;</r>",
        "<!DOCTYPE r SYSTEM \"" + base + "/dtd\"><r/>",
        "<!DOCTYPE r PUBLIC \"-//X//Y\" \"" + base + "/public-dtd\"><r/>",
        "<!DOCTYPE r [<!ENTITY % p SYSTEM \"" + base + "/param\"> %p;]><r/>",
        "<!DOCTYPE r [<!ENTITY % p SYSTEM \""
            + file
            + "\"><!ENTITY % q \"<!ENTITY x SYSTEM '"
            + base
            + "/?%p;'>\"> %q;]><r>&x;</r>",
        "<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\""
            + base
            + "/xi\"/>"
            + "<xi:include href=\""
            + file
            + "\" parse=\"text\"/></r>",
        "<r xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"u "
            + base
            + "/s.xsd\" xsi:noNamespaceSchemaLocation=\""
            + base
            + "/n.xsd\"/>",
        "<?xml-stylesheet href=\"" + base + "/style.xsl\"?><r/>");
  }

  /** The attack corpora: every file, and every payload line of the Intruders lists. */
  static List<byte[]> corpus() throws IOException {
    List<byte[]> out = new ArrayList<>();
    for (Path p : Corpora.attacks()) {
      out.add(Files.readAllBytes(p));
    }
    Path intruders =
        Corpora.root()
            .resolve("xml-attacks/swisskyrepo-PayloadsAllTheThings/XXE Injection/Intruders");
    try (var s = Files.list(intruders)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        for (String line : Files.readAllLines(p, StandardCharsets.ISO_8859_1)) {
          if (!line.isBlank()) {
            out.add(line.getBytes(StandardCharsets.ISO_8859_1));
          }
        }
      }
    }
    return out;
  }

  private static void assertSafeFailure(Exception e) {
    assertTrue(e instanceof SAXParseException, () -> "not a SAXParseException: " + e);
    assertTrue(
        e.getCause() instanceof BoundedParseException, () -> "cause not ours: " + e.getCause());
    assertTrue(((SAXParseException) e).getLineNumber() != 0);
  }

  /** Parses through the DOM drop-in; returns the text content or null if refused (safely). */
  private static String viaDom(byte[] doc, boolean allowDoctype, RecordingResolver resolver)
      throws Exception {
    BoundedDocumentBuilderFactory f = BoundedDocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", !allowDoctype);
    DocumentBuilder b = f.newDocumentBuilder();
    b.setEntityResolver(resolver);
    b.setErrorHandler(Jdk.QUIET);
    try {
      Document d = b.parse(new ByteArrayInputStream(doc), base + "/base/");
      return d.getDocumentElement() == null ? "" : d.getDocumentElement().getTextContent();
    } catch (Exception e) {
      assertSafeFailure(e);
      return null;
    }
  }

  private static String viaSax(byte[] doc, boolean allowDoctype, RecordingResolver resolver)
      throws Exception {
    BoundedSAXParserFactory f = BoundedSAXParserFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", !allowDoctype);
    SAXParser p = f.newSAXParser();
    XMLReader r = p.getXMLReader();
    SaxRecorder rec = new SaxRecorder();
    r.setContentHandler(rec);
    r.setEntityResolver(resolver);
    r.setProperty("http://xml.org/sax/properties/lexical-handler", rec);
    try {
      InputSource src = new InputSource(new ByteArrayInputStream(doc));
      src.setSystemId(base + "/base/");
      r.parse(src);
      return String.join("", rec.events);
    } catch (Exception e) {
      assertSafeFailure(e);
      return null;
    }
  }

  @Test
  void noXxePayloadFetchesAnythingThroughEitherDropInUnderEitherDoctypeSetting() throws Exception {
    RecordingResolver resolver = new RecordingResolver();
    int refused = 0;
    int parsed = 0;
    for (String payload : payloads()) {
      byte[] doc = payload.getBytes(StandardCharsets.UTF_8);
      for (boolean allow : new boolean[] {false, true}) {
        for (String out :
            new String[] {viaDom(doc, allow, resolver), viaSax(doc, allow, resolver)}) {
          if (out == null) {
            refused++;
          } else {
            parsed++;
            assertFalse(out.contains(SECRET), payload);
          }
        }
      }
    }
    assertEquals(0, requests.get(), "HTTP requests");
    assertEquals(List.of(), resolver.calls);
    // every DOCTYPE payload is refused twice per drop-in under REFUSE; the rest parse harmlessly
    assertTrue(refused >= 12 && parsed >= 6, refused + " refused, " + parsed + " parsed");
  }

  @Test
  @RequiresCorpus("xml-attacks")
  void everyAttackCorpusDocumentParsesHarmlesslyOrFailsWithOurCause() throws Exception {
    RecordingResolver resolver = new RecordingResolver();
    List<byte[]> docs = corpus();
    int refused = 0;
    for (byte[] doc : docs) {
      for (boolean allow : new boolean[] {false, true}) {
        String dom = viaDom(doc, allow, resolver);
        String sax = viaSax(doc, allow, resolver);
        refused += (dom == null ? 1 : 0) + (sax == null ? 1 : 0);
        assertEquals(dom == null, sax == null, () -> new String(doc, StandardCharsets.ISO_8859_1));
      }
    }
    System.out.println(
        "attack corpus: "
            + docs.size()
            + " documents, "
            + refused
            + " refusals of "
            + docs.size() * 4);
    assertTrue(docs.size() > 30, "corpus too small: " + docs.size());
    assertEquals(List.of(), resolver.calls);
    assertEquals(0, requests.get());
  }

  @Test
  @RequiresCorpus("xml-attacks")
  void defusedxmlHarmlessDocumentsStillParse() throws Exception {
    Path dir = Corpora.root().resolve("xml-attacks/tiran-defusedxml/xmltestdata");
    RecordingResolver resolver = new RecordingResolver();
    for (String name : new String[] {"simple.xml", "simple-ns.xml"}) {
      byte[] doc = Files.readAllBytes(dir.resolve(name));
      assertNotNull(viaDom(doc, false, resolver), name);
      assertNotNull(viaSax(doc, false, resolver), name);
    }
    byte[] dtdElement = Files.readAllBytes(dir.resolve("dtd_element.xml"));
    assertEquals(null, viaDom(dtdElement, false, resolver));
    assertEquals("\n A test\n", viaDom(dtdElement, true, resolver));
    assertEquals(List.of(), resolver.calls);
  }

  /**
   * A JAXP caller catches SAXException or IOException: a refused system ID is a SAXParseException
   * caused by our ForbiddenConstructException (issue 14; it was an IllegalArgumentException).
   */
  @Test
  void aNetworkSystemIdIsRefusedWithoutARequest() throws Exception {
    DocumentBuilder b = BoundedDocumentBuilderFactory.newInstance().newDocumentBuilder();
    SAXParser p = BoundedSAXParserFactory.newInstance().newSAXParser();
    String uri = base + "/doc.xml";
    for (Executable parse :
        List.<Executable>of(
            () -> b.parse(uri),
            () -> b.parse(new InputSource(uri)),
            () -> p.parse(uri, new org.xml.sax.helpers.DefaultHandler()),
            () -> p.parse(new InputSource(uri), new org.xml.sax.helpers.DefaultHandler()),
            () -> p.getXMLReader().parse(uri))) {
      SAXParseException e = assertThrows(SAXParseException.class, parse);
      ForbiddenConstructException ours = (ForbiddenConstructException) e.getCause();
      assertEquals("system ID", ours.construct());
      assertEquals(
          "Refused to open system ID \""
              + uri
              + "\": Bounded reads only file: URIs and paths,"
              + " never the network; fetch it yourself (with a timeout and a size limit) and pass"
              + " the InputStream",
          ours.getMessage());
      assertEquals(uri, e.getSystemId());
    }
    assertEquals(0, requests.get());
  }

  /**
   * Everything a drop-in hands out that could parse is ours or refuses. The JDK's LS parser, which
   * {@code getDOMImplementation()} used to hand out, read the canary through an external entity.
   */
  @Test
  void theBuildersDomImplementationHandsOutNoLsParser() throws Exception {
    DocumentBuilder b = BoundedDocumentBuilderFactory.newInstance().newDocumentBuilder();
    DOMImplementation dom = b.getDOMImplementation();
    List<Object> views =
        List.of(
            dom,
            dom.getFeature("LS", "3.0"),
            dom.getFeature("+LS", "3.0"),
            dom.getFeature("Core", "3.0"),
            dom.getFeature("XML", null));
    for (Object view : views) {
      DOMImplementationLS ls = (DOMImplementationLS) view;
      DOMException e =
          assertThrows(
              DOMException.class,
              () -> ls.createLSParser(DOMImplementationLS.MODE_SYNCHRONOUS, null),
              String.valueOf(view));
      assertEquals(DOMException.NOT_SUPPORTED_ERR, e.code);
      assertThrows(
          DOMException.class, () -> ls.createLSParser(DOMImplementationLS.MODE_ASYNCHRONOUS, null));
    }
    // what it still does: build and write nodes
    Document d = dom.createDocument("urn:x", "x:r", null);
    d.getDocumentElement().setTextContent("t");
    String xml = ((DOMImplementationLS) dom).createLSSerializer().writeToString(d);
    assertTrue(xml.contains("<x:r xmlns:x=\"urn:x\">t</x:r>"), xml);
    assertTrue(dom.hasFeature("LS", "3.0"));
    assertNotNull(((DOMImplementationLS) dom).createLSInput());
  }

  /** The SAX parser's XMLReader and its SAX1 view are the bounded reader: nothing is fetched. */
  @Test
  @SuppressWarnings("deprecation") // SAX1, on purpose: it must be bounded too
  void theSaxParsersReaderAndSax1ParserAreBounded() throws Exception {
    BoundedSAXParserFactory f = BoundedSAXParserFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    SAXParser p = f.newSAXParser();
    assertEquals(null, p.getSchema());
    for (String payload : payloads()) {
      byte[] doc = payload.getBytes(StandardCharsets.UTF_8);
      StringBuilder text = new StringBuilder();
      org.xml.sax.helpers.DefaultHandler h =
          new org.xml.sax.helpers.DefaultHandler() {
            @Override
            public void characters(char[] ch, int start, int length) {
              text.append(ch, start, length);
            }
          };
      XMLReader r = p.getXMLReader();
      r.setContentHandler(h);
      org.xml.sax.Parser sax1 = p.getParser();
      sax1.setDocumentHandler(
          new org.xml.sax.HandlerBase() {
            @Override
            public void characters(char[] ch, int start, int length) {
              text.append(ch, start, length);
            }
          });
      for (Executable parse :
          List.<Executable>of(
              () -> r.parse(new InputSource(new ByteArrayInputStream(doc))),
              () -> sax1.parse(new InputSource(new ByteArrayInputStream(doc))))) {
        try {
          parse.execute();
        } catch (Throwable e) {
          assertSafeFailure((Exception) e);
        }
      }
      assertFalse(text.toString().contains(SECRET), payload);
    }
    assertEquals(0, requests.get());
  }

  @Test
  void theCanaryFileIsReadOnlyWhenItIsTheDocumentItself() throws Exception {
    Path doc = Files.createTempFile("doc", ".xml");
    Files.writeString(doc, "<r>" + SECRET + "</r>");
    try {
      DocumentBuilder b = BoundedDocumentBuilderFactory.newInstance().newDocumentBuilder();
      assertEquals(SECRET, b.parse(doc.toUri().toString()).getDocumentElement().getTextContent());
      assertEquals(SECRET, b.parse(doc.toFile()).getDocumentElement().getTextContent());
    } finally {
      Files.delete(doc);
    }
  }
}
