package dev.bounded.fuzz.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.fuzz.Corpora;
import dev.bounded.fuzz.xml.XmlTotality;
import dev.bounded.testkit.RequiresCorpus;
import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.DtdPolicy;
import dev.bounded.xml.XmlHandler;
import dev.bounded.xml.XmlLimits;
import dev.bounded.xml.XmlStats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The attack corpora ({@code xml-attacks/}): under the default policy every document with a DOCTYPE
 * is refused with {@link ForbiddenConstructException}, defusedxml's {@code simple*.xml} parse, and
 * every file and every Intruders payload line keeps the totality property under both policies.
 * Under {@link DtdPolicy#IGNORE} nothing declared is expanded: an accepted attack reports tiny text
 * runs.
 */
@RequiresCorpus("xml-attacks")
class XmlAttackCorpusTest {
  private static final XmlLimits REFUSE = XmlLimits.defaults();
  private static final XmlLimits IGNORE = XmlLimits.builder().dtdPolicy(DtdPolicy.IGNORE).build();

  record Doc(String name, byte[] bytes) {}

  static List<Doc> documents() {
    List<Doc> docs = new ArrayList<>();
    for (Path p : Corpora.files("xml-attacks")) {
      String name = Corpora.root().relativize(p).toString();
      if (name.endsWith(".md") || p.getFileName().toString().equals("LICENSE")) {
        continue;
      }
      if (name.endsWith(".txt")) {
        int i = 0;
        for (String line : new String(Corpora.read(p), StandardCharsets.UTF_8).split("\n")) {
          i++;
          if (!line.isBlank()) {
            docs.add(new Doc(name + ":" + i, line.getBytes(StandardCharsets.UTF_8)));
          }
        }
      } else {
        docs.add(new Doc(name, Corpora.read(p)));
      }
    }
    return docs;
  }

  @Test
  void everyAttackWithADoctypeIsRefusedAndEveryFileStaysTotal() throws Exception {
    int accepted = 0;
    int rejected = 0;
    int refused = 0;
    List<String> unexpected = new ArrayList<>();
    List<Doc> docs = documents();
    assertTrue(docs.size() > 50, "attack documents: " + docs.size());
    for (Doc d : docs) {
      XmlTotality.assertTotal(d.bytes(), REFUSE);
      XmlTotality.assertTotal(d.bytes(), IGNORE);
      String text = new String(d.bytes(), StandardCharsets.ISO_8859_1);
      Throwable failure = null;
      try {
        BoundedXml.parse(d.bytes(), REFUSE, new XmlHandler() {});
        accepted++;
      } catch (BoundedParseException e) {
        rejected++;
        failure = e;
      }
      boolean simple = d.name().contains("/simple");
      if (simple && failure != null) {
        unexpected.add(d.name() + ": simple document rejected: " + failure);
      }
      if (text.contains("<!DOCTYPE")) {
        if (failure instanceof ForbiddenConstructException) {
          refused++;
        } else if (failure == null) {
          unexpected.add(d.name() + ": DOCTYPE accepted under REFUSE");
        } // else malformed before its DOCTYPE (a payload fragment): a rejection too
      }
      // Under IGNORE nothing is expanded: whatever is accepted carries no entity text.
      try {
        XmlStats s = BoundedXml.parse(d.bytes(), IGNORE, new XmlHandler() {});
        if (s.maxTextLength() > d.bytes().length) {
          unexpected.add(d.name() + ": IGNORE produced more text than input: " + s);
        }
      } catch (BoundedParseException expected) {
        // refused or malformed
      }
    }
    System.out.println(
        "xml-attacks, DtdPolicy.REFUSE: accepted="
            + accepted
            + " rejected="
            + rejected
            + " unexpected="
            + unexpected.size()
            + " refusedDoctype="
            + refused
            + " documents="
            + docs.size());
    unexpected.forEach(u -> System.out.println("  UNEXPECTED " + u));
    assertEquals(List.of(), unexpected);
  }

  @Test
  void theBillionLaughsFileIsRefusedBeforeAnyExpansion() throws Exception {
    Path bomb = Corpora.root().resolve("xml-attacks/tiran-defusedxml/xmltestdata/xmlbomb.xml");
    assertTrue(Files.exists(bomb));
    try {
      BoundedXml.parse(Files.readAllBytes(bomb), REFUSE, new XmlHandler() {});
      throw new AssertionError("bomb accepted");
    } catch (ForbiddenConstructException e) {
      assertEquals("DOCTYPE", e.construct());
    }
  }
}
