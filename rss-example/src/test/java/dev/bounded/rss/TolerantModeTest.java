package dev.bounded.rss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tolerant mode: what real feeds need, each fault reported; strict mode's refusals say what to
 * change.
 */
class TolerantModeTest {
  static final FeedLimits TOLERANT = FeedLimits.builder().tolerant(true).build();

  /** Titles of the items, and the warnings. */
  static List<String> read(byte[] bytes, FeedLimits limits, String contentType) throws IOException {
    List<String> out = new ArrayList<>();
    try (FeedReader r =
        FeedReader.open(new ByteArrayInputStream(bytes), limits, null, contentType)) {
      out.add("feed " + r.info().title());
      for (FeedItem it; (it = r.next()) != null; ) {
        out.add(it.title());
      }
      r.info().warnings().forEach(w -> out.add("warning: " + w));
    }
    return out;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static final String FEED =
      "<rss version=\"2.0\"><channel><title>T</title><item><title>a</title></item></channel></rss>";

  @Test
  void whitespaceBeforeTheDeclaration() throws IOException {
    byte[] doc = utf8("\n  <?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + FEED);
    MalformedDocumentException e =
        assertThrows(
            MalformedDocumentException.class, () -> read(doc, FeedLimits.defaults(), null));
    assertEquals(2, e.location().line());
    assertTrue(
        e.problem().contains("remove the whitespace or byte-order mark before it"), e.problem());
    assertTrue(e.problem().contains("--tolerant"), e.problem());
    List<String> got = read(doc, TOLERANT, null);
    assertEquals("feed T", got.get(0));
    assertEquals("a", got.get(1));
    assertTrue(got.get(2).startsWith("warning: line 1, column 1: whitespace"), got.toString());
  }

  @Test
  void invalidBytesBecomeReplacementCharacters() throws IOException {
    byte[] doc =
        concat(
            utf8(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>T"),
            new byte[] {(byte) 0xFF, (byte) 0xFE},
            utf8("</title><item><title>a</title></item></channel></rss>"));
    MalformedDocumentException e =
        assertThrows(
            MalformedDocumentException.class, () -> read(doc, FeedLimits.defaults(), null));
    assertTrue(e.problem().contains("re-encode the feed"), e.problem());
    List<String> got = read(doc, TOLERANT, null);
    assertEquals("feed T\uFFFD\uFFFD", got.get(0));
    assertEquals("a", got.get(1));
    assertTrue(got.get(2).contains("replaced by U+FFFD"), got.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "big5",
        "euc-kr",
        "gb2312",
        "gbk",
        "shift_jis",
        "koi8-r",
        "windows-1251",
        "windows-1253",
        "euc-jp"
      })
  void jdkCharsetsAreTranscoded(String charset) throws IOException {
    String title =
        charset.startsWith("koi8") || charset.equals("windows-1251")
            ? "\u041f\u0440\u0438\u0432\u0435\u0442"
            : charset.equals("windows-1253")
                ? "\u0393\u03b5\u03b9\u03ac"
                : charset.equals("euc-kr") ? "\ub144\ub144" : "\u4e2d\u6587";
    Charset cs = Charset.forName(charset.equals("gb2312") ? "gb2312" : charset);
    byte[] doc =
        ("<?xml version=\"1.0\" encoding=\""
                + charset
                + "\"?><rss version=\"2.0\"><channel><title>"
                + title
                + "</title><item><title>"
                + title
                + "</title></item></channel></rss>")
            .getBytes(cs);
    // a correctly labelled document reads in both modes, with nothing to report
    assertEquals(List.of("feed " + title, title), read(doc, FeedLimits.defaults(), null));
    assertEquals(List.of("feed " + title, title), read(doc, TOLERANT, null));
  }

  @Test
  void theHttpCharsetOverridesTheDeclaration() throws IOException {
    byte[] doc =
        ("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>caf\u00e9</title></channel></rss>")
            .getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(
        List.of("feed caf\u00e9"),
        read(doc, FeedLimits.defaults(), "application/rss+xml; charset=\"ISO-8859-1\""));
    assertThrows(BoundedParseException.class, () -> read(doc, FeedLimits.defaults(), null));
    List<String> plain = read(doc, TOLERANT, "text/plain; charset=iso-8859-1");
    assertTrue(plain.get(1).contains("not an XML type"), plain.toString());
  }

  @Test
  void aTruncatedDocumentYieldsTheItemsBeforeTheBreak() throws IOException {
    byte[] doc =
        utf8(
            "<rss version=\"2.0\"><channel><title>T</title><item><title>a</title></item>"
                + "<item><title>b</title></item><item><title>c</ti");
    MalformedDocumentException e =
        assertThrows(
            MalformedDocumentException.class, () -> read(doc, FeedLimits.defaults(), null));
    assertTrue(e.location().line() > 0 && e.location().column() > 0, e.toString());
    assertTrue(e.problem().contains("breaks off"), e.problem());
    List<String> got = read(doc, TOLERANT, null);
    assertEquals(List.of("feed T", "a", "b"), got.subList(0, 3));
    assertTrue(got.get(3).contains("breaks off"), got.toString());
  }

  @Test
  void userlandAndAtom03NamespacesAreFeeds() throws IOException {
    assertEquals(
        List.of("feed U", "u"),
        read(
            utf8(
                "<rss xmlns=\"http://backend.userland.com/rss\"><channel><title>U</title><item><title>u</title></item></channel></rss>"),
            FeedLimits.defaults(),
            null));
    assertEquals(
        List.of("feed A", "a"),
        read(
            utf8(
                "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>A</title><entry><title>a</title></entry></feed>"),
            FeedLimits.defaults(),
            null));
  }

  @Test
  void notAFeedStillFailsTyped() {
    byte[] opml = utf8("  <?xml version=\"1.0\"?><opml version=\"1.0\"><body/></opml>");
    MalformedDocumentException e =
        assertThrows(MalformedDocumentException.class, () -> read(opml, TOLERANT, null));
    assertTrue(
        e.problem().startsWith("Not an RSS or Atom feed: the root element is <opml>"), e.problem());
  }

  @Test
  void limitsStillFailAndCountTheOriginalBytes() throws IOException {
    byte[] doc = utf8("\n<?xml version=\"1.0\"?>" + FEED);
    FeedLimits exact = TOLERANT.toBuilder().maxBytes(doc.length).build();
    assertEquals("a", read(doc, exact, null).get(1));
    FeedLimits under = TOLERANT.toBuilder().maxBytes(doc.length - 1).build();
    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> read(doc, under, null));
    assertEquals("XmlLimits.maxBytes", e.setting());
    FeedLimits field = TOLERANT.toBuilder().maxFieldLength(0).build();
    assertThrows(LimitExceededException.class, () -> read(doc, field, null));
  }

  @Test
  void htmlEntitiesAreReadInTolerantModeAndCounted() throws IOException {
    assertEquals(
        List.of(
            "feed T\u00a0x\u2026",
            "warning: 2 HTML entity references (not XML without a DTD), the first &nbsp;, read as"
                + " their characters"),
        read(
            utf8("<rss version=\"2.0\"><channel><title>T&nbsp;x&hellip;</title></channel></rss>"),
            TOLERANT,
            null));
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
