package dev.bounded.rss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.bounded.core.BoundedParseException;
import dev.bounded.testkit.RequiresCorpus;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every feed of Rome's own test corpus read by us and by Rome 2.1, the oracle. */
@RequiresCorpus("feeds")
class RomeOracleTest {
  static final String FOLDER = "rometools-rome";

  static Stream<Path> feeds() throws Exception {
    return Corpora.files(FOLDER).stream();
  }

  record Entry(String title, String link, String id) {}

  static List<Entry> rome(Path file) throws Exception {
    SyndFeedInput input = new SyndFeedInput();
    input.setAllowDoctypes(true); // the Netscape RSS 0.91 DOCTYPE; Rome never fetches it either
    try (XmlReader reader = new XmlReader(file.toFile())) {
      SyndFeed feed = input.build(reader);
      List<Entry> out = new ArrayList<>();
      for (SyndEntry e : feed.getEntries()) {
        out.add(new Entry(norm(e.getTitle()), norm(e.getLink()), norm(e.getUri())));
      }
      return out;
    }
  }

  static List<Entry> ours(Path file) throws Exception {
    List<Entry> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file);
        FeedReader feed = FeedReader.open(in)) {
      for (FeedItem it; (it = feed.next()) != null; ) {
        out.add(new Entry(norm(it.title()), norm(it.link()), norm(it.id())));
      }
    }
    return out;
  }

  static String norm(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /**
   * Accepted differences, keyed by file (relative to the corpus folder). Besides these, one rule
   * holds for every file: Rome fills an entry's {@code uri} from its link when the feed gives no
   * identifier (RSS without guid, RSS 0.9x); we report no id then. So where our id is null, Rome's
   * uri must be its link (or null).
   */
  static final Map<String, String> ACCEPTED =
      Map.of(
          // Not well-formed: text precedes the XML declaration, which XML forbids anywhere but at
          // the very start. Rome's XmlFixerReader heals it; we reject it, as any XML parser must.
          "rome/src/test/resources/jira_issue1.xml", "REJECTED",
          "rome-modules/src/test/resources/xml/yweather.xml", "REJECTED",
          // Atom 0.3 <link> without rel: Atom 1.0 defines a missing rel as "alternate" and we read
          // every Atom dialect that way; Rome's Atom 0.3 parser ignores such links.
          "rome-modules/src/test/resources/xml/custom-tags-example.xml", "ATOM03_LINK_WITHOUT_REL",
          "rome-modules/src/test/resources/base/custom-tags-examplebase.xml",
              "ATOM03_LINK_WITHOUT_REL",
          // Not feeds (OPML outlines) or not well-formed (a malformed DOCTYPE): Rome rejects them
          // and so do we.
          "rome-opml/src/test/resources/opml_1.0.xml", "BOTH_REJECT",
          "rome-opml/src/test/resources/opml_1.0_links.xml", "BOTH_REJECT",
          "rome-opml/src/test/resources/opml_2.0.xml", "BOTH_REJECT",
          "rome-modules/src/test/resources/2.rss", "BOTH_REJECT");

  static final java.util.concurrent.atomic.AtomicInteger COMPARED_ITEMS =
      new java.util.concurrent.atomic.AtomicInteger();

  @ParameterizedTest(name = "{0}")
  @MethodSource("feeds")
  void readsTheSameItemsAsRome(Path file) throws Exception {
    String name = Corpora.name(file, FOLDER);
    String accepted = ACCEPTED.getOrDefault(name, "");
    if (accepted.equals("BOTH_REJECT") || accepted.equals("REJECTED")) {
      if (accepted.equals("BOTH_REJECT")) {
        assertThrows(Exception.class, () -> rome(file), "Rome rejects " + name);
      }
      assertThrows(BoundedParseException.class, () -> ours(file), name);
      return;
    }
    List<Entry> expected = rome(file);
    List<Entry> actual = ours(file);
    assertEquals(expected.size(), actual.size(), "item count of " + name);
    for (int i = 0; i < expected.size(); i++) {
      Entry r = expected.get(i);
      Entry o = actual.get(i);
      String where = name + " item " + i;
      assertEquals(r.title(), o.title(), "title of " + where);
      if (accepted.equals("ATOM03_LINK_WITHOUT_REL") && r.link() == null) {
        assertNotNull(o.link(), where);
      } else {
        // We resolve relative links against xml:base (feedparser does); Rome leaves them as
        // written.
        assertTrue(
            java.util.Objects.equals(r.link(), o.link())
                || r.link() != null
                    && !r.link().contains("://")
                    && o.link() != null
                    && o.link().contains("://"),
            "link of " + where + ": Rome " + r.link() + ", ours " + o.link());
      }
      if (o.id() == null) {
        assertTrue(r.id() == null || r.id().equals(r.link()), "Rome's uri is its link at " + where);
      } else {
        assertEquals(r.id(), o.id(), "id of " + where);
      }
      COMPARED_ITEMS.incrementAndGet();
    }
  }

  @AfterAll
  static void comparedEnoughToMatter() throws Exception {
    // 163 files, of which 155 are feeds Rome reads: the comparison must not quietly shrink.
    assertTrue(COMPARED_ITEMS.get() >= 500, "items compared: " + COMPARED_ITEMS.get());
  }
}
