package dev.bounded.xml.jaxp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.xml.BoundedDocumentBuilderFactory;
import dev.bounded.xml.BoundedSAXParserFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Every combination of what an {@link InputSource} carries (byte stream, character stream, system
 * ID, encoding), through both drop-ins, namespace-aware or not: success, or the exception a JAXP
 * caller catches ({@code SAXException} or {@code IOException}) with our {@link
 * BoundedParseException} in the chain. The one exception without ours is a local file that cannot
 * be read (missing, or a directory: a plain {@code IOException}, as the JDK's own parser throws
 * {@code FileNotFoundException}). Nothing escapes as a runtime exception, as a network system ID, a
 * {@code file://host/} URI and an unknown encoding did.
 */
class InputSourceTotalityTest {
  static final String DOC = "<?xml version='1.0'?><r xmlns='urn:r'>t\u00e9</r>";

  static List<String> systemIds(Path file) {
    List<String> ids = new ArrayList<>();
    ids.add(null);
    ids.add(file.toUri().toString());
    ids.add(file.toString());
    ids.add("http://127.0.0.1:1/doc.xml");
    ids.add("https://example.invalid/doc.xml");
    ids.add("ftp://example.invalid/doc.xml");
    ids.add("jar:file:/nowhere.jar!/doc.xml");
    ids.add("file://remote-host/share/doc.xml");
    ids.add("file:relative.xml");
    ids.add("file:///no/such/dir/doc.xml");
    ids.add("no/such/dir/doc.xml");
    ids.add("urn:isbn:0451450523");
    ids.add("data:,<r/>");
    ids.add("mailto:someone@example.invalid");
    ids.add("a\u0000b");
    ids.add("");
    ids.add(":");
    ids.add("%zz");
    return ids;
  }

  static final List<String> ENCODINGS =
      java.util.Arrays.asList(
          null,
          "UTF-8",
          "utf8",
          "ISO-8859-1",
          "cp1250",
          "UTF-16",
          "x-no-such-charset",
          "",
          "not a name!",
          "EBCDIC-CP-US",
          "Shift_JIS");

  enum Carrier {
    BYTES,
    CHARS,
    SYSTEM_ID_ONLY
  }

  static InputSource source(Carrier c, String systemId, String encoding) {
    InputSource src = new InputSource();
    if (c == Carrier.BYTES) {
      src.setByteStream(new ByteArrayInputStream(DOC.getBytes(StandardCharsets.UTF_8)));
    } else if (c == Carrier.CHARS) {
      src.setCharacterStream(new StringReader(DOC));
    }
    src.setSystemId(systemId);
    src.setEncoding(encoding);
    return src;
  }

  interface Parse {
    void run(InputSource src) throws Exception;
  }

  static List<Object[]> dropIns() throws Exception {
    List<Object[]> out = new ArrayList<>();
    for (boolean ns : new boolean[] {true, false}) {
      DocumentBuilderFactory df = BoundedDocumentBuilderFactory.newInstance();
      df.setNamespaceAware(ns);
      DocumentBuilder b = df.newDocumentBuilder();
      b.setErrorHandler(Jdk.QUIET);
      out.add(new Object[] {"DOM ns=" + ns, (Parse) b::parse});
      SAXParserFactory sf = BoundedSAXParserFactory.newInstance();
      sf.setNamespaceAware(ns);
      SAXParser p = sf.newSAXParser();
      out.add(new Object[] {"SAX ns=" + ns, (Parse) src -> p.parse(src, new DefaultHandler())});
      out.add(
          new Object[] {
            "XMLReader ns=" + ns, (Parse) src -> sf.newSAXParser().getXMLReader().parse(src)
          });
    }
    return out;
  }

  @Test
  void everyInputSourceCombinationSucceedsOrFailsTypedThroughEveryDropIn() throws Exception {
    Path file = Files.createTempFile("doc", ".xml");
    Files.writeString(file, DOC, StandardCharsets.UTF_8);
    Map<String, Integer> outcomes = new TreeMap<>();
    int runs = 0;
    try {
      for (Object[] dropIn : dropIns()) {
        Parse parse = (Parse) dropIn[1];
        for (Carrier c : Carrier.values()) {
          for (String id : systemIds(file)) {
            if (c == Carrier.SYSTEM_ID_ONLY && id == null) {
              continue; // an empty InputSource: the caller's mistake (IllegalArgumentException)
            }
            for (String enc : ENCODINGS) {
              String what = dropIn[0] + " " + c + " systemId=" + id + " encoding=" + enc;
              runs++;
              try {
                parse.run(source(c, id, enc));
                outcomes.merge("ok", 1, Integer::sum);
              } catch (SAXException e) {
                assertTrue(e instanceof SAXParseException, what + ": " + e);
                BoundedParseException ours =
                    BoundedParseException.find(e).orElseThrow(() -> new AssertionError(what, e));
                outcomes.merge(ours.getClass().getSimpleName(), 1, Integer::sum);
              } catch (IOException e) {
                if (BoundedParseException.find(e).isPresent()) {
                  outcomes.merge("IOException", 1, Integer::sum);
                } else {
                  // only a local path that cannot be read (missing, a directory) is not ours
                  assertTrue(c == Carrier.SYSTEM_ID_ONLY, what + ": " + e);
                  outcomes.merge("unreadable local file", 1, Integer::sum);
                }
              } catch (RuntimeException | Error e) {
                fail(what + ": escaped as " + e, e);
              }
            }
          }
        }
      }
    } finally {
      Files.delete(file);
    }
    System.out.println("InputSourceTotalityTest: " + runs + " parses, " + outcomes);
    assertTrue(outcomes.get("ok") > 100, outcomes::toString);
    assertTrue(
        outcomes.get(ForbiddenConstructException.class.getSimpleName()) > 100, outcomes::toString);
    assertTrue(
        outcomes.get(MalformedDocumentException.class.getSimpleName()) > 50, outcomes::toString);
  }

  @Test
  void anUnknownEncodingIsAMalformedDocumentNamingIt() throws Exception {
    DocumentBuilder b = BoundedDocumentBuilderFactory.newInstance().newDocumentBuilder();
    b.setErrorHandler(Jdk.QUIET);
    SAXParseException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            SAXParseException.class,
            () -> b.parse(source(Carrier.BYTES, null, "x-no-such-charset")));
    assertEquals(
        "Unsupported encoding \"x-no-such-charset\" named by the InputSource: this JVM has no such"
            + " charset at byte 0",
        e.getCause().getMessage());
  }

  @Test
  void aFileUriNamingAnotherHostIsRefusedUntouched() throws Exception {
    DocumentBuilder b = BoundedDocumentBuilderFactory.newInstance().newDocumentBuilder();
    b.setErrorHandler(Jdk.QUIET);
    SAXParseException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            SAXParseException.class, () -> b.parse("file://remote-host/share/doc.xml"));
    ForbiddenConstructException ours = (ForbiddenConstructException) e.getCause();
    assertTrue(
        ours.getMessage()
            .startsWith(
                "Refused to open system ID \"file://remote-host/share/doc.xml\": it names no local"
                    + " file ("),
        ours::getMessage);
  }
}
