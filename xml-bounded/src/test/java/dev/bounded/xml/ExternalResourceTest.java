package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ctc.wstx.stax.WstxInputFactory;
import com.sun.net.httpserver.HttpServer;
import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ForbiddenConstructException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Nothing external is ever resolved: XXE to a local file holding a random canary, and external
 * DTDs, parameter entities, XInclude and schema hints pointing at an HTTP server on 127.0.0.1,
 * which must receive no request. Under both DTD policies, push and pull.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(XmlEngine.class)
class ExternalResourceTest extends EngineParameterized {
  static HttpServer server;
  static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
  static String base;
  static final String CANARY = "canary-" + UUID.randomUUID();

  @TempDir static Path dir;
  static String canaryFile;
  static String canaryDtd;

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        x -> {
          REQUESTS.add(x.getRequestMethod() + " " + x.getRequestURI());
          String path = x.getRequestURI().getPath();
          byte[] body =
              (path.endsWith(".dtd")
                      ? "<!ENTITY send \""
                          + CANARY
                          + "\"><!ENTITY % q \"<!ENTITY x '"
                          + CANARY
                          + "'>\">%q;"
                      : "<i>" + CANARY + "</i>")
                  .getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders(200, body.length);
          try (OutputStream out = x.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    Path file = dir.resolve("canary.txt");
    Files.writeString(file, CANARY);
    canaryFile = file.toUri().toString();
    Path dtd = dir.resolve("canary.dtd");
    Files.writeString(dtd, "<!ENTITY x \"" + CANARY + "\"><!ENTITY send \"" + CANARY + "\">");
    canaryDtd = dtd.toUri().toString();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @BeforeEach
  void clear() {
    REQUESTS.clear();
  }

  /** Documents that would make a permissive parser read the canary file or call the server. */
  static Map<String, String> attacks() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put(
        "external entity to a local file",
        "<!DOCTYPE r [<!ENTITY x SYSTEM \"" + canaryFile + "\">]><r>&x;</r>");
    m.put(
        "external entity in an attribute",
        "<!DOCTYPE r [<!ENTITY x SYSTEM \"" + canaryFile + "\">]><r a='&x;'/>");
    m.put("external DTD from a local file", "<!DOCTYPE r SYSTEM \"" + canaryDtd + "\"><r>&x;</r>");
    m.put(
        "parameter entity to a local DTD",
        "<!DOCTYPE r [<!ENTITY % p SYSTEM \"" + canaryDtd + "\"> %p;]><r>&x;</r>");
    m.put("external DTD over HTTP", "<!DOCTYPE r SYSTEM \"" + base + "/ext.dtd\"><r/>");
    m.put(
        "public external DTD over HTTP",
        "<!DOCTYPE r PUBLIC \"-//X//DTD X//EN\" \"" + base + "/pub.dtd\"><r>&send;</r>");
    m.put(
        "parameter entity over HTTP",
        "<!DOCTYPE r [<!ENTITY % p SYSTEM \"" + base + "/p.dtd\"> %p;]><r>&x;</r>");
    m.put(
        "general entity over HTTP",
        "<!DOCTYPE r [<!ENTITY e SYSTEM \"" + base + "/e.xml\">]><r>&e;</r>");
    m.put(
        "out-of-band parameter entities",
        "<!DOCTYPE r [<!ENTITY % file SYSTEM \""
            + canaryFile
            + "\"><!ENTITY % dtd SYSTEM \""
            + base
            + "/oob.dtd\"> %dtd;]><r>&send;</r>");
    m.put(
        "XInclude",
        "<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\""
            + base
            + "/inc.xml\" parse=\"xml\"/>"
            + "<xi:include href=\""
            + canaryFile
            + "\" parse=\"text\"/></r>");
    m.put(
        "schema location",
        "<r xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"urn:x "
            + base
            + "/s.xsd\" xsi:noNamespaceSchemaLocation=\""
            + base
            + "/n.xsd\"/>");
    m.put("stylesheet PI", "<?xml-stylesheet type=\"text/xsl\" href=\"" + base + "/s.xsl\"?><r/>");
    return m;
  }

  @TestFactory
  Stream<DynamicTest> nothingExternalIsEverResolved() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, String> a : attacks().entrySet()) {
      for (DtdPolicy policy : DtdPolicy.values()) {
        for (boolean pull : new boolean[] {false, true}) {
          tests.add(
              DynamicTest.dynamicTest(
                  a.getKey() + " under " + policy + (pull ? " (pull)" : " (push)"),
                  () -> attack(a.getKey(), a.getValue(), policy, pull)));
        }
      }
    }
    return tests.stream();
  }

  void attack(String name, String doc, DtdPolicy policy, boolean pull) throws IOException {
    REQUESTS.clear();
    XmlLimits limits = builder().dtdPolicy(policy).build();
    Recorder rec = new Recorder();
    boolean hasDoctype = doc.startsWith("<!DOCTYPE");
    try {
      byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
      if (pull) {
        InputMode.pull(new ByteArrayInputStream(bytes), limits, rec);
      } else {
        BoundedXml.parse(bytes, limits, rec);
      }
      assertFalse(
          hasDoctype && doc.contains("&"), "a document using a DTD entity parsed: " + rec.events);
    } catch (BoundedParseException e) {
      assertTrue(hasDoctype, () -> "a document without a DOCTYPE failed: " + e);
      assertInstanceOf(ForbiddenConstructException.class, e, e::toString);
    }
    for (String ev : rec.events) {
      assertFalse(ev.contains(CANARY), "the canary reached the handler: " + ev);
    }
    assertEquals(List.of(), REQUESTS, "the server was called");
  }

  /**
   * The control: the same server and documents do reach a default-configured Woodstox, so the
   * zero-request assertions above can fail.
   */
  @Test
  void aDefaultWoodstoxWouldFetchTheExternalDtdAndTheCanary() throws Exception {
    XMLInputFactory naive = new WstxInputFactory();
    StringBuilder text = new StringBuilder();
    for (String doc :
        List.of(
            "<!DOCTYPE r SYSTEM \"" + base + "/ext.dtd\"><r>&send;</r>",
            "<!DOCTYPE r [<!ENTITY x SYSTEM \"" + canaryFile + "\">]><r>&x;</r>")) {
      XMLStreamReader r =
          naive.createXMLStreamReader(
              new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)));
      while (r.hasNext()) {
        if (r.next() == XMLStreamReader.CHARACTERS) {
          text.append(r.getText());
        }
      }
    }
    assertEquals(List.of("GET /ext.dtd"), REQUESTS);
    assertEquals(CANARY + CANARY, text.toString());
  }
}
