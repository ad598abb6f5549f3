package dev.bounded.xml.jaxp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.bounded.xml.BoundedDocumentBuilderFactory;
import dev.bounded.xml.BoundedSAXParserFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.xml.parsers.DocumentBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Random well-formed documents (namespaces, redeclared and undeclared defaults, prefixed
 * attributes, references, CDATA, comments, PIs, CRLF, runs long enough for Woodstox to split) give
 * the JDK's tree and the JDK's SAX events, in both namespace modes.
 */
class GeneratedDifferentialTest {
  private static final int DOCUMENTS = 300;

  static String generate(Random r) {
    StringBuilder sb = new StringBuilder();
    if (r.nextBoolean()) {
      sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"")
          .append(r.nextBoolean() ? " standalone=\"yes\"" : "")
          .append("?>\n");
    }
    if (r.nextInt(3) == 0) {
      sb.append("<!-- prolog -->\n<?p data?>\n");
    }
    element(r, sb, 0);
    if (r.nextInt(3) == 0) {
      sb.append("\n<!--epilog--><?q?>");
    }
    return sb.toString();
  }

  private static final String[] NAMES = {"a", "b", "item", "x-y", "n.m", "\u00e9l"};
  private static final String[] PREFIXES = {"p", "q", "dc"};

  static void element(Random r, StringBuilder sb, int depth) {
    String prefix = r.nextInt(4) == 0 ? PREFIXES[r.nextInt(PREFIXES.length)] : null;
    String name = (prefix == null ? "" : prefix + ":") + NAMES[r.nextInt(NAMES.length)];
    sb.append('<').append(name);
    if (prefix != null) {
      sb.append(" xmlns:")
          .append(prefix)
          .append("=\"urn:")
          .append(prefix)
          .append(r.nextInt(2))
          .append('"');
    }
    if (r.nextInt(5) == 0) {
      sb.append(r.nextBoolean() ? " xmlns=\"urn:default\"" : " xmlns=\"\"");
    }
    for (int i = 0, n = r.nextInt(4); i < n; i++) {
      sb.append(" at").append(i).append("=\"").append(escape(text(r, 20, true))).append('"');
    }
    if (r.nextInt(6) == 0) {
      sb.append(" xmlns:z=\"urn:z\" z:attr='v&amp;&#x20;w'");
    }
    if (depth > 5 || r.nextInt(5) == 0) {
      sb.append("/>");
      return;
    }
    sb.append('>');
    for (int i = 0, n = r.nextInt(6); i < n; i++) {
      switch (r.nextInt(7)) {
        case 0:
          element(r, sb, depth + 1);
          break;
        case 1:
          sb.append("<![CDATA[")
              .append(text(r, r.nextInt(10) == 0 ? 9000 : 30, false))
              .append("]]>");
          break;
        case 2:
          sb.append("<!--").append(text(r, 20, false).replace("&", "")).append("-->");
          break;
        case 3:
          sb.append("<?pi")
              .append(r.nextInt(3))
              .append(r.nextBoolean() ? " " + text(r, 10, false).replace("&", "") : "")
              .append("?>");
          break;
        default:
          sb.append(escape(text(r, r.nextInt(15) == 0 ? 9000 : 40, false)));
      }
    }
    sb.append("</").append(name).append('>');
  }

  static String text(Random r, int max, boolean attr) {
    String alphabet = attr ? "abc \u00e9\u4e2d" : "abc  \n\r\t\u00e9\u4e2d\ud83d\ude00";
    StringBuilder sb = new StringBuilder();
    for (int i = 0, n = r.nextInt(max + 1); i < n; i++) {
      int k = r.nextInt(alphabet.length() + 2);
      if (k >= alphabet.length()) {
        sb.append(k == alphabet.length() ? "&" : "&#65;");
      } else {
        char c = alphabet.charAt(k);
        if (Character.isHighSurrogate(c)) {
          sb.append(c).append(alphabet.charAt(k + 1));
        } else if (!Character.isLowSurrogate(c)) {
          sb.append(c);
        }
      }
    }
    return sb.toString();
  }

  /** Escapes a lone "&" (keeps "&#65;"), "<" is never generated. */
  static String escape(String s) {
    return s.replaceAll("&(?!#65;)", "&amp;");
  }

  @ParameterizedTest(name = "namespaceAware={0}")
  @ValueSource(booleans = {true, false})
  void generatedDocumentsBuildTheJdksTreeAndGiveItsSaxEvents(boolean ns) throws Exception {
    Random r = new Random(20240611L + (ns ? 1 : 0));
    DocumentBuilder jdk = Jdk.builder(ns, false, false);
    BoundedDocumentBuilderFactory f = BoundedDocumentBuilderFactory.newInstance();
    f.setNamespaceAware(ns);
    DocumentBuilder ours = f.newDocumentBuilder();
    BoundedSAXParserFactory sf = BoundedSAXParserFactory.newInstance();
    sf.setNamespaceAware(ns);
    for (int i = 0; i < DOCUMENTS; i++) {
      String doc = generate(r);
      byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
      Document want = Jdk.parseOrNull(jdk, bytes, null);
      assertNotNull(want, () -> "the generator made a document the JDK rejects: " + doc);
      Document got = ours.parse(new ByteArrayInputStream(bytes));
      assertNull(DomDiff.diff(want, got), doc);

      SaxRecorder wantSax = new SaxRecorder();
      XMLReader jr = Jdk.saxFactory(ns).newSAXParser().getXMLReader();
      jr.setContentHandler(wantSax);
      jr.setProperty("http://xml.org/sax/properties/lexical-handler", wantSax);
      jr.parse(new InputSource(new ByteArrayInputStream(bytes)));
      SaxRecorder gotSax = new SaxRecorder();
      XMLReader or = sf.newSAXParser().getXMLReader();
      or.setContentHandler(gotSax);
      or.setProperty("http://xml.org/sax/properties/lexical-handler", gotSax);
      or.parse(new InputSource(new ByteArrayInputStream(bytes)));
      assertEquals(SaxRecorder.mergeAdjacentCdata(wantSax.events), gotSax.events, doc);
    }
  }
}
