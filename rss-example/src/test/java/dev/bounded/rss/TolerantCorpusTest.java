package dev.bounded.rss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.testkit.RequiresCorpus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of {@code ../shared/corpora/feeds} (Rome's and feedparser's samples) in tolerant mode:
 * a feed yields its channel and items without an exception; what is not a feed (OPML, other roots)
 * fails typed; nothing fails untyped.
 */
@RequiresCorpus("feeds")
class TolerantCorpusTest {
  static final FeedLimits TOLERANT = FeedLimits.builder().tolerant(true).build();

  /** Files nothing can be recovered from (feedparser: bozo, no entries), each with its reason. */
  static final java.util.Map<String, String> UNRECOVERABLE =
      java.util.Map.of(
          "kurtmckee-feedparser/tests/illformed/rss_empty_document.xml",
              "a comment and nothing else: no root element",
          "rometools-rome/rome-modules/src/test/resources/2.rss",
              "an HTML error page whose DOCTYPE is not even XML");

  static Stream<Path> files() throws IOException {
    List<Path> all = new ArrayList<>(Corpora.files("kurtmckee-feedparser"));
    all.addAll(Corpora.files("rometools-rome"));
    return all.stream().filter(p -> !p.toString().endsWith(".md"));
  }

  static final List<String> READ = Collections.synchronizedList(new ArrayList<>());
  static final List<String> NOT_FEEDS = Collections.synchronizedList(new ArrayList<>());
  static final List<String> FAILED = Collections.synchronizedList(new ArrayList<>());

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void readsEveryFeedTolerantly(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String name = Corpora.root().relativize(file).toString();
    try (FeedReader r = FeedReader.open(new ByteArrayInputStream(bytes), TOLERANT)) {
      while (r.next() != null) {
        // every item
      }
      r.info();
      READ.add(name);
    } catch (BoundedParseException e) {
      if (e.getMessage().startsWith("Not an RSS or Atom feed") || UNRECOVERABLE.containsKey(name)) {
        NOT_FEEDS.add(name);
      } else {
        FAILED.add(name + ": " + e.getMessage());
      }
    }
  }

  @AfterAll
  static void report() {
    System.out.printf(
        "tolerant mode over the feed corpora: %d read, %d not feeds (typed), %d failed%n",
        READ.size(), NOT_FEEDS.size(), FAILED.size());
    FAILED.forEach(f -> System.out.println("  FAILED " + f));
    NOT_FEEDS.forEach(f -> System.out.println("  not a feed: " + f));
    assertTrue(READ.size() > 400, "read: " + READ.size());
    assertEquals(List.of(), FAILED);
  }
}
