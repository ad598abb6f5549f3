package dev.bounded.xml.jaxp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.testkit.RequiresCorpus;
import dev.bounded.xml.BoundedDocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * Our Document equals the JDK's for every well-formed, DTD-free document of the feed corpora and
 * the W3C suite, in both namespace modes, with and without coalescing. Accepted differences: {@link
 * DomDiff}. Files the JDK rejects or that carry a DOCTYPE are skipped and counted.
 */
@RequiresCorpus({"feeds", "xmlconf"})
class DomDifferentialTest {
  /**
   * Documents the JDK accepts and we reject, each with the reason we accept the difference: a path
   * suffix or a message prefix. Shared with {@link SaxDifferentialTest}.
   */
  static final List<String[]> ACCEPTED_REJECTIONS =
      List.of(
          // Bounded's reader (the foundation) reads UTF-8, UTF-16, UTF-32 and single-byte charsets
          // only: big5, euc-kr, gb2312 and aliases such as "utf16"/"utf_32" are refused up front.
          new String[] {"message:Unsupported encoding", "multi-byte legacy charsets and aliases"},
          // UTF-16 with a byte-order mark and no XML declaration: the foundation's UTF-16 reader
          // keeps
          // the BOM as U+FEFF (a foundation bug, reported; UTF-16 with a declaration works).
          // W3C hst-lhs-007 (not-wf): a UTF-8 byte-order mark with encoding="iso-8859-1". The JDK
          // accepts it; Bounded refuses the conflict, as the test expects.
          new String[] {"eduni/misc/007.xml", "UTF-8 BOM declaring iso-8859-1 (not-wf)"},
          new String[] {"eduni/errata-4e/bom_be.xml", "UTF-16BE BOM without declaration"},
          new String[] {"eduni/errata-4e/bom_le.xml", "UTF-16LE BOM without declaration"},
          // XML 1.1 NEL (U+0085) / U+2028 as white space inside the XML declaration: Woodstox does
          // not take them there.
          new String[] {"eduni/xml-1.1/056.xml", "XML 1.1 NEL in the XML declaration"},
          new String[] {"eduni/xml-1.1/057.xml", "XML 1.1 U+2028 in the XML declaration"},
          // Namespace-aware only: names that are not namespace-well-formed (a leading colon, a
          // colon
          // in a PI target). The JDK's namespace-aware parser lets them through; Woodstox, rightly
          // per Namespaces in XML 1.0 section 7, refuses them.
          new String[] {"ns:eduni/namespaces/1.0/015.xml", "element name \":foo\""},
          new String[] {"ns:eduni/namespaces/1.0/042.xml", "PI target \"a:b\""},
          new String[] {"ns:xmltest/valid/sa/out/012.xml", "attribute name \":\""});

  static Stream<Arguments> variants() {
    return Stream.of(
        Arguments.of("feeds", true, false, false),
        Arguments.of("feeds", false, false, false),
        Arguments.of("feeds", true, true, true),
        Arguments.of("xmlconf", true, false, false),
        Arguments.of("xmlconf", false, false, false),
        Arguments.of("xmlconf", true, true, true));
  }

  @ParameterizedTest(name = "{0} namespaceAware={1} coalescing={2} ignoringComments={3}")
  @MethodSource("variants")
  void everyWellFormedDtdFreeDocumentBuildsTheSameTreeAsTheJdk(
      String corpus, boolean ns, boolean coalescing, boolean ignoringComments) throws Exception {
    List<Path> files = corpus.equals("feeds") ? Corpora.feeds() : Corpora.xmlconf();
    DocumentBuilder jdk = Jdk.builder(ns, coalescing, ignoringComments);
    BoundedDocumentBuilderFactory f = BoundedDocumentBuilderFactory.newInstance();
    f.setNamespaceAware(ns);
    f.setCoalescing(coalescing);
    f.setIgnoringComments(ignoringComments);
    DocumentBuilder ours = f.newDocumentBuilder();
    int compared = 0;
    int jdkRejects = 0;
    int doctypes = 0;
    int accepted = 0;
    List<String> failures = new ArrayList<>();
    for (Path p : files) {
      byte[] bytes = Files.readAllBytes(p);
      String id = p.toUri().toASCIIString();
      Document expected = Jdk.parseOrNull(jdk, bytes, id);
      if (expected == null) {
        jdkRejects++;
        continue;
      }
      if (expected.getDoctype() != null) {
        doctypes++;
        continue;
      }

      try {
        InputSource src = new InputSource(new ByteArrayInputStream(bytes));
        src.setSystemId(id);
        Document actual = ours.parse(src);
        String d = DomDiff.diff(expected, actual);
        if (d != null) {
          failures.add(p + ": " + d);
        }
        compared++;
      } catch (Exception e) {
        if (acceptedRejection(p, e, ns) != null) {
          accepted++;
        } else {
          failures.add(p + ": we reject, the JDK accepts: " + e);
        }
      }
    }
    System.out.printf(
        "DOM %s ns=%s coalescing=%s: %d compared, %d rejected by the JDK, %d with a DOCTYPE,"
            + " %d accepted rejections, %d failures%n",
        corpus, ns, coalescing, compared, jdkRejects, doctypes, accepted, failures.size());
    assertEquals(
        List.of(),
        failures.subList(0, Math.min(30, failures.size())),
        failures.size() + " failures");
    assertTrue(compared > (corpus.equals("feeds") ? 300 : 150), "compared only " + compared);
  }

  /** The reason a rejection is accepted, or null. */
  static String acceptedRejection(Path p, Exception e, boolean ns) {
    String s = p.toString().replace('\\', '/');
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    for (String[] a : ACCEPTED_REJECTIONS) {
      String key = a[0];
      if (key.startsWith("message:")) {
        if (String.valueOf(cause.getMessage()).startsWith(key.substring(8))) {
          return a[1];
        }
      } else if (key.startsWith("ns:")) {
        if (ns && s.endsWith(key.substring(3))) {
          return a[1];
        }
      } else if (s.endsWith(key)) {
        return a[1];
      }
    }
    return null;
  }
}
