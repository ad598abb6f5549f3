package dev.bounded.rss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.rss.internal.SafeText;
import dev.bounded.rss.internal.Sizes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line tool run in-process with captured streams. */
class MainTest {
  record Run(int status, String out, String err) {}

  static Run run(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args,
            new ByteArrayInputStream(stdin),
            out,
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Run run(String stdin, String... args) {
    return run(stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  static final String FEED =
      Feeds.rss(
          "<item><title>One</title><link>https://e.org/1</link><pubDate>Sun, 05 Jan 2025 09:00:00 +0100</pubDate></item>"
              + "<item><title>Two</title><link>https://e.org/2</link></item>");

  @Test
  void printsOneTabSeparatedLinePerItemAndASummary() {
    Run r = run(FEED, "-");
    assertEquals(0, r.status());
    assertEquals(
        "2025-01-05T09:00:00+01:00\tOne\thttps://e.org/1\n\tTwo\thttps://e.org/2\n", r.out());
    assertTrue(
        r.err().startsWith("rss-example: 2 items, " + FEED.length() + " bytes in "), r.err());
    assertTrue(r.err().contains("MB/s, peak heap "), r.err());
  }

  @Test
  void jsonlWritesOneObjectPerItem() {
    Run r = run(FEED, "--format", "jsonl", "-");
    assertEquals(0, r.status());
    assertEquals(
        "{\"published\":\"2025-01-05T09:00:00+01:00\",\"title\":\"One\",\"title_type\":\"text\",\"link\":\"https://e.org/1\"}\n"
            + "{\"title\":\"Two\",\"title_type\":\"text\",\"link\":\"https://e.org/2\"}\n",
        r.out());
  }

  @Test
  void controlCharactersCannotEscapeTheFieldOrDriveTheTerminal() {
    // XML 1.0 forbids C0 controls other than tab, LF and CR even as references, but allows DEL,
    // the C1 controls (U+009B is the 8-bit CSI) and the bidi overrides.
    String feed =
        Feeds.rss(
            "<item><title>a&#9;b&#10;c&#13;d&#x7f;e&#x85;f&#x9b;2J&#x202e;x</title><link>=HYPERLINK(\"x\")</link></item>");
    Run r = run(feed, "-");
    assertEquals(0, r.status(), r.err());
    assertEquals("\ta b c de f2Jx\t'=HYPERLINK(\"x\")\n", r.out());
    Run j = run(feed, "--format=jsonl", "-");
    assertEquals(
        "{\"title\":\"a\\tb\\nc\\rd\\u007Fe\\u0085f\\u009b2J\\u202ex\",\"title_type\":\"text\",\"link\":\"=HYPERLINK(\\\"x\\\")\"}\n",
        j.out());
  }

  @Test
  void ansiEscapesAreRemovedFromTerminalText() {
    assertEquals("[31mred[0m", SafeText.terminal("\u001b[31mred\u001b[0m"));
    assertEquals("a b", SafeText.tsv("a\u2028b"));
    assertEquals("\ud83d\ude00", SafeText.terminal("\ud83d\ude00\ud83d"), "lone surrogate dropped");
  }

  @Test
  void formulaPrefixesAreDefusedForSpreadsheets() {
    Run r =
        run(
            Feeds.rss(
                "<item><title>+1</title><link>@cmd</link></item><item><title>-2</title><link>ok</link></item>"),
            "-");
    assertEquals("\t'+1\t'@cmd\n\t'-2\tok\n", r.out());
  }

  @Test
  void aLimitBreachExitsWithTwoAndOneLineNamingIt() {
    Run r = run(FEED, "--max-items", "1", "-");
    assertEquals(2, r.status());
    assertEquals("\tOne\thttps://e.org/1\n", r.out().replaceFirst("^[^\t]*", ""));
    assertEquals(
        "rss-example: after 1 items: Element count (2) exceeds the maximum allowed (1, from FeedLimits.maxItems)"
            + " at line 1, column 154 (path /rss/channel/item) (raise it with --max-items)\n",
        r.err());
  }

  @Test
  void theByteLimitNamesTheOptionToRaise() {
    Run r = run(FEED, "--max-bytes", "100", "-");
    assertEquals(2, r.status());
    assertTrue(
        r.err()
            .startsWith(
                "rss-example: after 0 items: Document size (101 bytes) exceeds the maximum allowed (100 bytes, from XmlLimits.maxBytes)"),
        r.err());
    assertTrue(r.err().endsWith("(raise it with --max-bytes)\n"), r.err());
  }

  @Test
  void theByteLimitIsExactForStandardInput() {
    int n = FEED.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    assertEquals(0, run(FEED, "--max-bytes", String.valueOf(n), "-").status());
    Run r = run(FEED, "--max-bytes", String.valueOf(n - 1), "-");
    assertEquals(2, r.status());
    assertTrue(
        r.err().contains("Document size (" + n + " bytes) exceeds the maximum allowed (" + (n - 1)),
        r.err());
  }

  @Test
  void malformedInputExitsWithTwoWhenStrict() {
    Run r = run("<rss><channel><item></channel></rss>", "--strict", "-");
    assertEquals(2, r.status());
    assertEquals(1, r.err().lines().count());
    // Our tokenizer's words and location (line, column, byte offset), not Woodstox's "Unexpected
    // close tag </channel>; expected </item>" that this asserted before BOUNDED became the default.
    assertEquals(
        "rss-example: after 0 items: End tag </channel> does not match start tag <item> at line 1,"
            + " column 21, byte 20",
        r.err().strip());
  }

  @Test
  void htmlEntitiesNeedTheLenientOptionWhenStrict() {
    String feed = Feeds.rss("<item><title>a&hellip;</title></item>");
    Run strict = run(feed, "--strict", "-");
    assertEquals(2, strict.status());
    assertTrue(strict.err().contains("HTML entity &hellip; is not defined in XML"), strict.err());
    Run lenient = run(feed, "--strict", "--lenient-entities", "-");
    assertEquals(0, lenient.status());
    assertEquals("\ta\u2026\t\n", lenient.out());
    Run tolerant = run(feed, "-"); // the default
    assertEquals(0, tolerant.status());
    assertEquals("\ta\u2026\t\n", tolerant.out());
  }

  @Test
  void tolerantByDefaultCountingWhatItTolerated() {
    Run r =
        run(
            "\n<?xml version=\"1.0\"?><rss><channel><item><title>One</title></item><item><title>Tw",
            "-");
    assertEquals(0, r.status(), r.err());
    assertEquals("\tOne\t\n", r.out());
    assertTrue(r.err().contains("; 2 warnings (--warnings lists them)"), r.err());
    Run listed =
        run(
            "\n<?xml version=\"1.0\"?><rss><channel><item><title>One</title></item><item><title>Tw",
            "--warnings",
            "-");
    assertTrue(
        listed.err().contains("rss-example: warning: line 1, column 1: whitespace"), listed.err());
    assertTrue(listed.err().contains("breaks off"), listed.err());
  }

  @Test
  void printsPlainTextAndJsonlCarriesTheType() {
    String feed =
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title type=\"html\">A &lt;b&gt;bold&lt;/b&gt; move</title>"
            + "<link href=\"p/1\"/></entry></feed>";
    Run tsv = run(feed, "--base", "https://e.org/blog/", "-");
    assertEquals("\tA bold move\thttps://e.org/blog/p/1\n", tsv.out());
    Run jsonl = run(feed, "--format", "jsonl", "-");
    assertTrue(
        jsonl.out().contains("\"title\":\"A <b>bold</b> move\",\"title_type\":\"html\""),
        jsonl.out());
  }

  @Test
  void theContentTypeCharsetOverridesTheDeclaration() {
    byte[] latin1 =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><item><title>caf\u00e9</title></item></channel></rss>"
            .getBytes(StandardCharsets.ISO_8859_1);
    Run r =
        run(latin1, "--strict", "--content-type", "application/rss+xml; charset=iso-8859-1", "-");
    assertEquals(0, r.status(), r.err());
    assertEquals("\tcaf\u00e9\t\n", r.out());
  }

  @Test
  void readsGzipFromAFile(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("feed.xml.gz");
    try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(f))) {
      gz.write(FEED.getBytes(StandardCharsets.UTF_8));
    }
    Run r = run("", f.toString());
    assertEquals(0, r.status());
    assertEquals(2, r.out().lines().count());
    assertTrue(r.err().contains("(" + FEED.length() + " bytes of XML)"), r.err());
  }

  @Test
  void aGzipBombExitsWithTwoNamingTheRatio() throws IOException {
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bomb)) {
      gz.write("<rss><channel><item><title>".getBytes(StandardCharsets.US_ASCII));
      byte[] spaces = new byte[16 << 20];
      java.util.Arrays.fill(spaces, (byte) ' ');
      gz.write(spaces);
    }
    Run r = run(bomb.toByteArray(), "--max-bytes", "unlimited", "-");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("Decompression ratio"), r.err());
    assertTrue(r.err().contains("from DecompressionLimits.maxExpansionRatio"), r.err());
  }

  @Test
  void usageErrorsExitWithOne() {
    assertEquals(1, run("", "--bogus", "-").status());
    assertEquals(1, run("").status());
    assertEquals(1, run("", "--max-bytes", "lots", "-").status());
    assertEquals(1, run("", "--format", "csv", "-").status());
    assertEquals(1, run("", "a", "b").status());
    Run missing = run("", "/no/such/feed.xml");
    assertEquals(1, missing.status());
    assertEquals("rss-example: no such file: /no/such/feed.xml\n", missing.err());
    assertEquals("rss-example: unknown option: --bogus\nTry --help.\n", run("", "--bogus").err());
  }

  @Test
  void aDirectoryIsAFileThatCannotBeOpenedAndExitsWithOne(@TempDir Path dir) {
    Run r = run("", dir.toString());
    assertEquals(1, r.status());
    assertEquals("rss-example: cannot open " + dir + ": it is a directory\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void helpPrintsUsageAndSucceeds() {
    Run r = run("", "--help");
    assertEquals(0, r.status());
    assertEquals(Main.USAGE, r.out());
  }

  @Test
  void generateWritesAFeedOfAboutTheSizeAskedThatTheReaderReads() {
    Run g = run("", "--generate", "64k");
    assertEquals(0, g.status());
    int size = g.out().getBytes(StandardCharsets.UTF_8).length;
    assertTrue(size >= 64 * 1024 && size < 64 * 1024 + 2048, "size " + size);
    assertEquals(g.out(), run("", "--generate", "64k").out(), "deterministic");
    Run r = run(g.out(), "-");
    assertEquals(0, r.status());
    long lines = r.out().lines().count();
    assertTrue(lines > 50, "items " + lines);
    assertTrue(
        r.out().lines().allMatch(l -> l.split("\t", -1).length == 3 && !l.startsWith("\t")),
        "every item has a date");
  }

  @Test
  void sizesParseWithBinarySuffixes() {
    assertEquals(64L << 20, Sizes.parse("64m"));
    assertEquals(2L << 30, Sizes.parse("2G"));
    assertEquals(123, Sizes.parse("123"));
    assertEquals(1024, Sizes.parse("1kb"));
    assertEquals(Long.MAX_VALUE, Sizes.parse("unlimited"));
  }
}
