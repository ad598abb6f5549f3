package dev.bounded.fuzz.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.fuzz.xml.XmlEvents;
import dev.bounded.testkit.RequiresCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The XML feeder against the blocking push parse, both on the BOUNDED engine: every DTD-free W3C
 * test (well-formed or not) and every DOCTYPE-free feed of {@code ../shared/corpora/feeds}, fed in
 * random chunks (1 byte to 64 KB, seed printed), gives exactly the blocking parse's events, or its
 * error with the same type, message and location. Documents the feeder refuses by design
 * (UTF-16/32, a declared single-byte charset other than US-ASCII) are counted and must fail with
 * the feeder's typed message.
 */
@RequiresCorpus({"xmlconf", "feeds"})
class FeederDifferentialTest {

  @BeforeAll
  static void catalogues() throws Exception {
    W3cXmlConformanceTest.unzipAndReadCatalogues();
  }

  @Test
  void anyChunkingGivesTheBlockingParsesEventsAndError() throws IOException {
    long seed = new Random().nextLong();
    System.out.println("FeederDifferentialTest seed " + seed);
    Random rnd = new Random(seed);
    List<Path> docs = new ArrayList<>();
    for (W3cXmlConformanceTest.Case c : W3cXmlConformanceTest.cases) {
      if (W3cXmlConformanceTest.skipReason(c) == null
          && !W3cXmlConformanceTest.hasDoctype(Files.readAllBytes(c.file()))) {
        docs.add(c.file()); // not-wf ones included: the same error at the same place
      }
    }
    docs.addAll(EngineDifferentialTest.feeds());
    int failing = 0;
    int refused = 0;
    for (Path p : docs) {
      byte[] doc = Files.readAllBytes(p);
      XmlEvents.Outcome whole = XmlEvents.boundedPush(doc, EngineDifferentialTest.OURS);
      int max = new int[] {1, 7, 512, 65536}[rnd.nextInt(4)];
      XmlEvents.Outcome fed = XmlEvents.fed(doc, EngineDifferentialTest.OURS, rnd, max);
      String where = "seed " + seed + ", chunks up to " + max + ": " + EngineDifferentialTest.id(p);
      if (!fed.ok() && fed.failure().getMessage().contains("for a feeder")) {
        refused++;
        continue;
      }
      assertSamePull(doc, rnd, max, where);
      if (!whole.ok()) {
        failing++;
        assertNotNull(fed.failure(), where);
        assertEquals(whole.failure().getClass(), fed.failure().getClass(), where);
        assertEquals(whole.failure().getMessage(), fed.failure().getMessage(), where);
        if (whole.failure() instanceof BoundedParseException) {
          assertEquals(
              ((BoundedParseException) whole.failure()).location(),
              ((BoundedParseException) fed.failure()).location(),
              where);
        }
        continue;
      }
      assertEquals(null, fed.failure(), where);
      assertEquals(whole.events(), fed.events(), where);
    }
    System.out.println(
        "FeederDifferentialTest (feeder and async reader): "
            + docs.size()
            + " documents, "
            + failing
            + " failing alike, "
            + refused
            + " refused by the feeder (encoding)");
    assertTrue(docs.size() > 500, "documents: " + docs.size());
    assertTrue(refused < docs.size() / 10, "refused: " + refused);
  }

  /**
   * The pull form: {@link dev.bounded.xml.XmlAsyncReader} against the blocking pull reader, the
   * same events, or the same typed error (type, message, location), unless refused for its
   * encoding.
   */
  private static void assertSamePull(byte[] doc, Random rnd, int max, String where) {
    XmlEvents.Outcome whole = XmlEvents.boundedPull(doc, EngineDifferentialTest.OURS);
    XmlEvents.Outcome fed = XmlEvents.asyncPulled(doc, EngineDifferentialTest.OURS, rnd, max);
    if (!fed.ok() && fed.failure().getMessage().contains("for a feeder")) {
      return;
    }
    if (whole.ok()) {
      assertEquals(null, fed.failure(), "pull " + where);
      assertEquals(whole.events(), fed.events(), "pull " + where);
      return;
    }
    assertNotNull(fed.failure(), "pull " + where);
    Throwable a = whole.failure().getCause();
    Throwable b = fed.failure().getCause();
    assertEquals(a.getClass(), b.getClass(), "pull " + where);
    assertEquals(a.getMessage(), b.getMessage(), "pull " + where);
    assertEquals(
        ((BoundedParseException) a).location(),
        ((BoundedParseException) b).location(),
        "pull " + where);
  }
}
