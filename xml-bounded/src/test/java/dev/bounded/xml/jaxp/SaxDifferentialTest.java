package dev.bounded.xml.jaxp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.testkit.RequiresCorpus;
import dev.bounded.xml.BoundedSAXParserFactory;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.SAXParserFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Our SAX events equal the JDK's (characters coalesced) for every well-formed, DTD-free document of
 * the feed corpora and the W3C suite: namespace-aware, namespace-aware with namespace-prefixes, and
 * namespace-unaware. Accepted differences: {@link DomDiff} (adjacent CDATA sections are one; an
 * explicit xmlns:xml declaration is not reported), {@link SaxRecorder#sortAttributes} (with
 * namespace-prefixes, xmlns attributes come first) and {@link
 * DomDifferentialTest#ACCEPTED_REJECTIONS}.
 */
@RequiresCorpus({"feeds", "xmlconf"})
class SaxDifferentialTest {
  static Stream<Arguments> variants() {
    return Stream.of(
        Arguments.of("feeds", true, false),
        Arguments.of("feeds", true, true),
        Arguments.of("feeds", false, true),
        Arguments.of("xmlconf", true, false),
        Arguments.of("xmlconf", true, true),
        Arguments.of("xmlconf", false, true));
  }

  @ParameterizedTest(name = "{0} namespaces={1} namespace-prefixes={2}")
  @MethodSource("variants")
  void everyWellFormedDtdFreeDocumentGivesTheJdksEvents(String corpus, boolean ns, boolean prefixes)
      throws Exception {
    List<Path> files = corpus.equals("feeds") ? Corpora.feeds() : Corpora.xmlconf();
    SAXParserFactory jdkFactory = Jdk.saxFactory(ns);
    BoundedSAXParserFactory ourFactory = BoundedSAXParserFactory.newInstance();
    ourFactory.setNamespaceAware(ns);
    int compared = 0;
    int skipped = 0;
    int accepted = 0;
    List<String> failures = new ArrayList<>();
    for (Path p : files) {
      byte[] bytes = Files.readAllBytes(p);
      SaxRecorder expected = new SaxRecorder();
      expected.sortAttributes = prefixes;
      try {
        XMLReader jdk = jdkFactory.newSAXParser().getXMLReader();
        jdk.setFeature("http://xml.org/sax/features/namespace-prefixes", prefixes);
        jdk.setContentHandler(expected);
        jdk.setErrorHandler(Jdk.QUIET);
        jdk.setEntityResolver((a, b) -> new InputSource(new java.io.StringReader("")));
        jdk.setProperty("http://xml.org/sax/properties/lexical-handler", expected);
        Jdk.quietly(
            () -> {
              jdk.parse(new InputSource(new ByteArrayInputStream(bytes)));
              return null;
            });
      } catch (Exception e) {
        skipped++;
        continue;
      }
      if (expected.events.contains("startDTD")) {
        skipped++;
        continue;
      }
      SaxRecorder actual = new SaxRecorder();
      actual.sortAttributes = prefixes;
      try {
        XMLReader ours = ourFactory.newSAXParser().getXMLReader();
        ours.setFeature("http://xml.org/sax/features/namespace-prefixes", prefixes);
        ours.setContentHandler(actual);
        ours.setProperty("http://xml.org/sax/properties/lexical-handler", actual);
        ours.parse(new InputSource(new ByteArrayInputStream(bytes)));
      } catch (Exception e) {
        if (DomDifferentialTest.acceptedRejection(p, e, ns) != null) {
          accepted++;
        } else {
          failures.add(p + ": we reject, the JDK accepts: " + e);
        }
        continue;
      }
      List<String> want = SaxRecorder.mergeAdjacentCdata(withoutXmlnsXml(expected.events));
      compared++;
      if (!want.equals(actual.events)) {
        failures.add(p + ": " + firstDifference(want, actual.events));
      }
    }
    System.out.printf(
        "SAX %s namespaces=%s prefixes=%s: %d compared, %d skipped (JDK rejects or DOCTYPE), %d accepted"
            + " rejections, %d failures%n",
        corpus, ns, prefixes, compared, skipped, accepted, failures.size());
    assertEquals(
        List.of(),
        failures.subList(0, Math.min(20, failures.size())),
        failures.size() + " failures");
    assertTrue(compared > (corpus.equals("feeds") ? 300 : 150), "compared only " + compared);
  }

  /** Accepted difference 2 of {@link DomDiff}: an explicit xmlns:xml declaration. */
  private static List<String> withoutXmlnsXml(List<String> events) {
    List<String> out = new ArrayList<>();
    for (String e : events) {
      if (e.equals("startPrefixMapping(xml,http://www.w3.org/XML/1998/namespace)")
          || e.equals("endPrefixMapping(xml)")) {
        continue;
      }
      out.add(
          e.replace(" {}xml,xmlns:xml,CDATA=http://www.w3.org/XML/1998/namespace", "")
              .replace(
                  " {http://www.w3.org/2000/xmlns/}xml,xmlns:xml,CDATA=http://www.w3.org/XML/1998/namespace",
                  "")
              .replace(" {},xmlns:xml,CDATA=http://www.w3.org/XML/1998/namespace", ""));
    }
    return out;
  }

  private static String firstDifference(List<String> want, List<String> got) {
    for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
      if (!want.get(i).equals(got.get(i))) {
        return "event " + i + ": " + cap(want.get(i)) + " vs " + cap(got.get(i));
      }
    }
    return want.size() + " events vs " + got.size();
  }

  private static String cap(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
