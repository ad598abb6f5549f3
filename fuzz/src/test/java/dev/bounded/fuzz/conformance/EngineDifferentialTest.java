package dev.bounded.fuzz.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.fuzz.Corpora;
import dev.bounded.fuzz.xml.XmlEvents;
import dev.bounded.testkit.RequiresCorpus;
import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.DtdPolicy;
import dev.bounded.xml.XmlEngine;
import dev.bounded.xml.XmlLimits;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our engine against the reference: the BOUNDED engine's events equal raw Woodstox's on every
 * DTD-free W3C test and every DOCTYPE-free feed of {@code ../shared/corpora/feeds}, except the
 * documented differences (the fifth edition's name characters and 1.x versions, which Woodstox
 * refuses, and U+FFFE/U+FFFF, which Woodstox accepts: {@link W3cXmlConformanceTest#ALLOWED}); and
 * read in random chunks (1 byte to 64 KB, seed printed) our engine gives the events and the error,
 * location included, of one buffer.
 */
@RequiresCorpus({"xmlconf", "feeds"})
class EngineDifferentialTest {
  static final XmlLimits OURS =
      XmlLimits.builder().unlimited().engine(XmlEngine.BOUNDED).dtdPolicy(DtdPolicy.IGNORE).build();

  @BeforeAll
  static void catalogues() throws Exception {
    W3cXmlConformanceTest.unzipAndReadCatalogues();
  }

  /** W3C documents in our claim (XML 1.0 5th edition + NS 1.0) without a DOCTYPE. */
  static List<Path> w3cDocuments() throws IOException {
    List<Path> docs = new ArrayList<>();
    for (W3cXmlConformanceTest.Case c : W3cXmlConformanceTest.cases) {
      if (W3cXmlConformanceTest.skipReason(c) == null
          && !W3cXmlConformanceTest.hasDoctype(Files.readAllBytes(c.file()))) {
        docs.add(c.file());
      }
    }
    return docs;
  }

  static List<Path> feeds() {
    List<Path> docs = new ArrayList<>();
    for (Path p : Corpora.files("feeds")) {
      String n = p.getFileName().toString();
      if (!n.endsWith(".md") && !W3cXmlConformanceTest.hasDoctype(Corpora.read(p))) {
        docs.add(p);
      }
    }
    return docs;
  }

  @Test
  void ourEventsEqualRawWoodstoxOnW3cAndFeedDocuments() throws IOException {
    TreeMap<String, String> differences = new TreeMap<>();
    int same = 0;
    int bothRejected = 0;
    List<Path> docs = new ArrayList<>(w3cDocuments());
    int w3c = docs.size();
    docs.addAll(feeds());
    for (Path p : docs) {
      byte[] doc = Files.readAllBytes(p);
      XmlEvents.Outcome raw = XmlEvents.raw(doc);
      XmlEvents.Outcome ours = XmlEvents.boundedPull(doc, OURS);
      if (raw.ok() && ours.ok()) {
        if (raw.events().equals(ours.events())) {
          same++;
        } else {
          differences.put(id(p), "events differ: " + firstDifference(raw.events(), ours.events()));
        }
      } else if (raw.ok() != ours.ok()) {
        differences.put(
            id(p),
            raw.ok()
                ? "Woodstox accepts, we reject: " + ours.failure().getMessage()
                : "we accept, Woodstox rejects: " + raw.failure().getMessage());
      } else {
        bothRejected++;
      }
    }
    System.out.println(
        "EngineDifferentialTest: "
            + docs.size()
            + " documents ("
            + w3c
            + " W3C DTD-free, "
            + (docs.size() - w3c)
            + " feeds): same events="
            + same
            + " bothRejected="
            + bothRejected
            + " differences="
            + differences.size());
    List<String> undocumented = new ArrayList<>();
    differences.forEach(
        (id, why) -> {
          String documented = documented(id);
          if (documented == null && sameOnBothEngines(id)) {
            documented = "Bounded's own policy, the same on the WOODSTOX engine";
          }
          System.out.println(
              "  "
                  + (documented != null ? "documented " : "UNDOCUMENTED ")
                  + id
                  + ": "
                  + why.replace('\n', ' '));
          if (documented == null) {
            undocumented.add(id + ": " + why);
          }
        });
    assertEquals(List.of(), undocumented);
  }

  /**
   * True if Bounded's WOODSTOX engine gives the outcome our engine gives (a difference from raw
   * Woodstox that is Bounded's policy, such as the encodings it reads, not the engine's).
   */
  static boolean sameOnBothEngines(String id) {
    Path p =
        id.startsWith("feeds/")
            ? Corpora.root().resolve(id)
            : W3cXmlConformanceTest.suite.resolve(id);
    byte[] doc = Corpora.read(p);
    XmlEvents.Outcome ours = XmlEvents.boundedPull(doc, OURS);
    XmlEvents.Outcome wood =
        XmlEvents.boundedPull(doc, OURS.toBuilder().engine(XmlEngine.WOODSTOX).build());
    return ours.ok() == wood.ok() && ours.events().equals(wood.events());
  }

  /** The reason a W3C test differs by design, or null. */
  static String documented(String id) {
    for (W3cXmlConformanceTest.Case c : W3cXmlConformanceTest.cases) {
      if (id.equals(W3cXmlConformanceTest.suite.relativize(c.file()).toString())
          && W3cXmlConformanceTest.ALLOWED.containsKey(c.id())) {
        return W3cXmlConformanceTest.ALLOWED.get(c.id());
      }
    }
    return null;
  }

  static String id(Path p) {
    return p.startsWith(W3cXmlConformanceTest.suite)
        ? W3cXmlConformanceTest.suite.relativize(p).toString()
        : Corpora.root().relativize(p).toString();
  }

  static String firstDifference(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      if (!a.get(i).equals(b.get(i))) {
        return "event " + i + ": " + a.get(i) + " vs " + b.get(i);
      }
    }
    return "lengths " + a.size() + " vs " + b.size();
  }

  /** Reads at most a random 1 .. max bytes per call. */
  static InputStream chunked(byte[] doc, Random rnd, int max) {
    return new FilterInputStream(new ByteArrayInputStream(doc)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 1 + rnd.nextInt(max)));
      }
    };
  }

  static XmlEvents.Outcome pull(InputStream in, XmlLimits limits) {
    List<String> ev = new ArrayList<>();
    try {
      XMLStreamReader r = BoundedXml.newReader(in, limits);
      return new XmlEvents.Outcome(XmlEvents.pull(r, ev), null);
    } catch (XMLStreamException e) {
      return new XmlEvents.Outcome(ev, e);
    }
  }

  @Test
  void anyChunkingGivesTheEventsAndTheErrorOfOneBuffer() throws IOException {
    long seed = new Random().nextLong();
    System.out.println("EngineDifferentialTest chunking seed " + seed);
    Random rnd = new Random(seed);
    List<Path> docs = new ArrayList<>();
    for (W3cXmlConformanceTest.Case c : W3cXmlConformanceTest.cases) {
      if (W3cXmlConformanceTest.skipReason(c) == null) {
        docs.add(c.file()); // not-wf ones included: the same error at the same place
      }
    }
    docs.addAll(feeds());
    int failing = 0;
    for (Path p : docs) {
      byte[] doc = Files.readAllBytes(p);
      XmlEvents.Outcome whole = XmlEvents.boundedPull(doc, OURS);
      if (!whole.ok()) {
        failing++;
      }
      int max = new int[] {1, 7, 512, 65536}[rnd.nextInt(4)];
      XmlEvents.Outcome chunked = pull(chunked(doc, rnd, max), OURS);
      String where = "seed " + seed + ", chunks up to " + max + ": " + id(p);
      assertEquals(whole.ok(), chunked.ok(), where);
      assertEquals(whole.events(), chunked.events(), where);
      if (!whole.ok()) {
        assertEquals(whole.failure().getMessage(), chunked.failure().getMessage(), where);
      }
    }
    System.out.println(
        "EngineDifferentialTest chunking: " + docs.size() + " documents, " + failing + " failing");
    assertTrue(docs.size() > 1000);
  }
}
