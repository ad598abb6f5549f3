package dev.bounded.rss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.testkit.RequiresCorpus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * feedparser's test sample, keyed on each file's leading {@code Expect:} comment (not its folder):
 * an expectation starting with {@code bozo} (feedparser judged the feed not well-formed or
 * mis-encoded) must be rejected in strict mode; every other file must parse.
 */
@RequiresCorpus("feeds")
class FeedparserCorpusTest {
  static final String FOLDER = "kurtmckee-feedparser";

  private static final Pattern EXPECT = Pattern.compile("Expect:\\s*(.*)");
  private static final Pattern HEADER = Pattern.compile("Header:\\s*(.*)");

  /** Files skipped, each with its reason. */
  static final Map<String, String> SKIPPED =
      Map.of(
          "tests/encoding/bozo_http_text_plain.xml",
              "bozo only because the simulated HTTP Content-Type is text/plain",
          "tests/encoding/bozo_http_text_plain_charset.xml",
              "bozo only because the simulated HTTP Content-Type is text/plain",
          "tests/encoding/bozo_http_i18n.xml",
              "bozo only because the simulated HTTP charset overrides the document's encoding",
          "tests/encoding/http_text_xml_charset_2.xml",
              "the simulated HTTP charset (iso-8859-1) overrides the document's (absent) declaration",
          "tests/encoding/http_application_atom_xml_gb2312_encoding.xml",
              "the expectation is about the simulated HTTP charset (and GB2312 is unsupported, below)");

  /**
   * Files feedparser does not call bozo that we reject, each with its reason. The test asserts that
   * they are rejected, so this list cannot go stale.
   */
  static final Map<String, String> REJECTED =
      Map.ofEntries(
          // xml-bounded reads UTF-8/16/32 and single-byte charsets only, and says so.
          Map.entry("tests/encoding/big5.xml", "multi-byte legacy charset Big5 is unsupported"),
          Map.entry("tests/encoding/euc-kr.xml", "multi-byte legacy charset EUC-KR is unsupported"),
          Map.entry(
              "tests/encoding/euc-kr-item.xml", "multi-byte legacy charset EUC-KR is unsupported"),
          Map.entry(
              "tests/encoding/euc-kr-attribute.xml",
              "multi-byte legacy charset EUC-KR is unsupported"),
          // A Python codec alias, not an IANA charset name as XML 1.0 section 4.3.3 asks for.
          // (utf16,
          // utf_16 and utf_32 parse: their byte-order mark settles the encoding.)
          Map.entry(
              "tests/encoding/u16.xml", "encoding label u16 is a Python alias, not a charset name"),
          // Expect is just "1" (feedparser must not crash); the bytes are not UTF-8 as declared.
          Map.entry(
              "tests/encoding/bozo_encoding_mismatch_crash.xml",
              "invalid bytes for the declared encoding"),
          // The document ends in "</rss" without ">": not well-formed; feedparser's loose parser
          // tolerates it and the expectation only checks a value.
          Map.entry("tests/entities/160.xml", "truncated final end tag"),
          Map.entry("tests/entities/9830.xml", "truncated final end tag"),
          Map.entry(
              "tests/illformed/rss_item_link_corrupted_ampersands.xml", "truncated final end tag"));

  static Stream<Path> files() throws IOException {
    return Corpora.files(FOLDER).stream();
  }

  /** The leading comment in the file's own encoding: the first decoding that shows "Expect:". */
  static String comment(byte[] bytes) {
    for (String cs :
        new String[] {"UTF-8", "UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE", "ISO-8859-1"}) {
      String s = new String(bytes, 0, Math.min(bytes.length, 4096), Charset.forName(cs));
      if (s.contains("Expect:")) {
        return s;
      }
    }
    throw new AssertionError("no Expect: comment");
  }

  static String group(Pattern p, String s) {
    Matcher m = p.matcher(s);
    return m.find() ? m.group(1).strip() : null;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void followsTheExpectComment(Path file) throws Exception {
    String name = Corpora.name(file, FOLDER);
    byte[] bytes = Files.readAllBytes(file);
    String comment = comment(bytes);
    String expect = group(EXPECT, comment);
    String header = group(HEADER, comment);
    assumeTrue(!SKIPPED.containsKey(name), () -> "skipped: " + SKIPPED.get(name));
    if (expect.startsWith("bozo")) {
      assertThrows(BoundedParseException.class, () -> count(bytes, false), name + ": " + expect);
      return;
    }
    if (REJECTED.containsKey(name)) {
      assertThrows(BoundedParseException.class, () -> count(bytes, false), name);
      assertThrows(BoundedParseException.class, () -> count(bytes, true), name);
      return;
    }
    try {
      count(bytes, false);
    } catch (BoundedParseException e) {
      // HTML entities without a DTD (the entities/ folder): not XML, so strict mode must say which
      // entity, and lenient mode must read the feed.
      assertTrue(e.getMessage().startsWith("HTML entity &"), name + ": " + e.getMessage());
      count(bytes, true);
      LENIENT_ONLY.incrementAndGet();
    }
    PARSED.incrementAndGet();
  }

  static final AtomicInteger PARSED = new AtomicInteger();
  static final AtomicInteger LENIENT_ONLY = new AtomicInteger();

  @AfterAll
  static void theSampleWasReallyRead() {
    // 301 files: 17 bozo, 5 skipped (3 of them bozo by HTTP header), 9 known rejections leave 270
    // that parse, 41 of them (HTML entities) only leniently.
    assertEquals(270, PARSED.get(), "parsed");
    assertEquals(41, LENIENT_ONLY.get(), "parsed only in lenient mode");
  }

  static int count(byte[] bytes, boolean lenient) throws IOException {
    FeedLimits limits = FeedLimits.builder().lenientEntities(lenient).build();
    int n = 0;
    try (FeedReader r = FeedReader.open(new ByteArrayInputStream(bytes), limits)) {
      while (r.next() != null) {
        n++;
      }
    }
    return n;
  }
}
