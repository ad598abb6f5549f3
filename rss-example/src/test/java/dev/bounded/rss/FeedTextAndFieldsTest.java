package dev.bounded.rss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.LimitExceededException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text with its type, xml:base, base64, and the fields real feeds use (issue 19). */
class FeedTextAndFieldsTest {
  static final String ATOM = "xmlns=\"http://www.w3.org/2005/Atom\"";

  static FeedReader open(String xml, String location) throws IOException {
    return FeedReader.open(
        new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
        FeedLimits.defaults(),
        location,
        null);
  }

  static FeedItem first(String xml) throws IOException {
    return Feeds.items(xml).get(0);
  }

  @Test
  void atomHtmlTitleKeepsItsMarkupAndSaysSo() throws IOException {
    FeedItem it =
        first(
            "<feed "
                + ATOM
                + " xml:lang=\"en\"><entry><title type=\"html\">Example &lt;b&gt;Atom&lt;/b&gt;</title>"
                + "<summary>History of the &lt;blink&gt; tag</summary></entry></feed>");
    assertEquals("Example <b>Atom</b>", it.title());
    assertEquals(FeedText.Type.HTML, it.titleDetail().type());
    assertEquals("Example Atom", it.titleDetail().plainText());
    assertEquals("en", it.titleDetail().language());
    // type="text" (the default): the text as it is, not markup
    assertEquals("History of the <blink> tag", it.summary());
    assertEquals(FeedText.Type.TEXT, it.summaryDetail().type());
    assertEquals("History of the <blink> tag", it.summaryDetail().plainText());
  }

  @Test
  void aNakedParagraphInAnRssDescriptionIsHtmlNotLost() throws IOException {
    FeedItem it =
        first(
            Feeds.rss(
                "<item><description>before <p>History of the &lt;blink&gt; tag<br/></p>"
                    + "<script>alert(1)</script></description></item>"));
    assertEquals(
        "before <p>History of the &lt;blink&gt; tag<br /></p><script>alert(1)</script>",
        it.summary());
    assertEquals(FeedText.Type.HTML, it.summaryDetail().type());
    assertEquals("before History of the <blink> tag", it.summaryDetail().plainText());
  }

  @Test
  void xhtmlKeepsNamespacesAndPrefixesOfSvgAndMathMl() throws IOException {
    FeedItem it =
        first(
            "<feed "
                + ATOM
                + " xmlns:xlink=\"http://www.w3.org/1999/xlink\"><entry><content type=\"xhtml\">"
                + "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>a</p>"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\"><a xlink:href=\"#x\"><circle r=\"1\"/></a></svg>"
                + "<m:math xmlns:m=\"http://www.w3.org/1998/Math/MathML\"><m:mi>x</m:mi></m:math>"
                + "</div></content></entry></feed>");
    assertEquals(
        "<p>a</p><svg xmlns=\"http://www.w3.org/2000/svg\"><a xmlns:xlink=\"http://www.w3.org/1999/xlink\""
            + " xlink:href=\"#x\"><circle r=\"1\"></circle></a></svg>"
            + "<m:math xmlns:m=\"http://www.w3.org/1998/Math/MathML\"><m:mi>x</m:mi></m:math>",
        it.content());
    assertEquals(FeedText.Type.XHTML, it.contentDetail().type());
  }

  @Test
  void relativeAddressesResolveAgainstNestedXmlBaseAndTheDocument() throws IOException {
    String xml =
        "<feed "
            + ATOM
            + " xml:base=\"/blog/\"><link href=\"./\"/><logo>logo.png</logo>"
            + "<entry xml:base=\"2025/\"><link href=\"post.html\"/>"
            + "<link rel=\"enclosure\" href=\"../a.mp3\" type=\"audio/mpeg\" length=\"12\"/>"
            + "<content type=\"xhtml\" xml:base=\"img/\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
            + "<img src=\"x.png\"/></div></content></entry></feed>";
    try (FeedReader r = open(xml, "https://example.org/feeds/atom.xml")) {
      FeedItem it = r.next();
      assertEquals("https://example.org/blog/", r.info().link());
      assertEquals("https://example.org/blog/logo.png", r.info().image());
      assertEquals("https://example.org/blog/2025/post.html", it.link());
      assertEquals(
          Enclosure.of("https://example.org/blog/a.mp3", "audio/mpeg", 12), it.enclosure());
      assertEquals("<img src=\"https://example.org/blog/2025/img/x.png\" />", it.content());
      assertEquals("https://example.org/blog/2025/img/", it.contentDetail().base());
    }
    // without the document's address, a relative xml:base still applies and the result stays
    // relative
    try (FeedReader r = open(xml, null)) {
      assertEquals("/blog/2025/post.html", r.next().link());
    }
  }

  @Test
  void base64ContentIsDecodedUnderTheFieldCap() throws IOException {
    String html = "<p>caf\u00e9</p>";
    String b64 = Base64.getEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8));
    String xml =
        "<feed xmlns=\"http://purl.org/atom/ns#\"><entry><content type=\"text/html\" mode=\"base64\">"
            + b64
            + "</content></entry></feed>";
    FeedItem it = first(xml);
    assertEquals(html, it.content());
    assertEquals(FeedText.Type.HTML, it.contentDetail().type());
    // the encoded text is what the field cap counts: exactly at the cap passes, one over fails
    FeedLimits at = FeedLimits.builder().maxFieldLength(b64.length()).build();
    assertEquals(html, Feeds.items(xml, at).get(0).content());
    FeedLimits under = FeedLimits.builder().maxFieldLength(b64.length() - 1).build();
    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> Feeds.items(xml, under));
    assertEquals("FeedLimits.maxFieldLength", e.setting());
  }

  @Test
  void serialisedMarkupCountsAgainstTheFieldCapExactly() throws IOException {
    String xml = Feeds.rss("<item><description><b>ab</b></description></item>"); // "<b>ab</b>": 9
    assertEquals(
        "<b>ab</b>",
        Feeds.items(xml, FeedLimits.builder().maxFieldLength(9).build()).get(0).summary());
    assertThrows(
        LimitExceededException.class,
        () -> Feeds.items(xml, FeedLimits.builder().maxFieldLength(8).build()));
  }

  @Test
  void readsTheModulesRealFeedsUse() throws IOException {
    String xml =
        "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\""
            + " xmlns:media=\"http://search.yahoo.com/mrss/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
            + " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>T</title>"
            + "<dc:creator>Chan Nel</dc:creator><dc:rights>(c) me</dc:rights><itunes:image href=\"https://e.org/c.jpg\"/>"
            + "<itunes:category text=\"Technology\"><itunes:category text=\"Podcasting\"/></itunes:category>"
            + "<item><title>Ep 1</title><guid isPermaLink=\"false\">ep-1</guid>"
            + "<dc:creator>me@example.com (Me)</dc:creator><dc:contributor>You</dc:contributor>"
            + "<comments>https://e.org/1#c</comments><itunes:duration>01:02:03</itunes:duration>"
            + "<itunes:keywords>a, b ,c</itunes:keywords><content:encoded>&lt;p&gt;full&lt;/p&gt;</content:encoded>"
            + "<media:group><media:content url=\"https://e.org/1.mp4\" type=\"video/mp4\" fileSize=\"99\"/>"
            + "<media:thumbnail url=\"https://e.org/1.jpg\"/></media:group>"
            + "<enclosure url=\"https://e.org/1.mp3\" type=\"audio/mpeg\" length=\"7\"/>"
            + "<source url=\"https://other.org/feed\">Other</source></item></channel></rss>";
    try (FeedReader r =
        FeedReader.open(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))) {
      FeedItem it = r.next();
      FeedInfo info = r.info();
      assertEquals("Chan Nel", info.author());
      assertEquals("(c) me", info.rights());
      assertEquals("https://e.org/c.jpg", info.image());
      assertEquals(List.of("Technology", "Podcasting"), info.categories());
      assertEquals("ep-1", it.id());
      assertFalse(it.guidIsPermaLink());
      assertNull(it.link(), "a guid that is not a permalink is not the link");
      assertEquals(new FeedPerson("Me", "me@example.com", null), it.authors().get(0));
      assertEquals("Me (me@example.com)", it.author());
      assertEquals(List.of(new FeedPerson("You", null, null)), it.contributors());
      assertEquals("https://e.org/1#c", it.comments());
      assertEquals("01:02:03", it.duration());
      assertEquals(List.of("a", "b", "c"), it.categories());
      assertEquals("<p>full</p>", it.content());
      assertEquals(FeedText.Type.HTML, it.contentDetail().type());
      assertEquals(
          List.of(
              Enclosure.of("https://e.org/1.mp4", "video/mp4", 99),
              Enclosure.of("https://e.org/1.mp3", "audio/mpeg", 7)),
          it.enclosures());
      assertEquals("https://e.org/1.jpg", it.thumbnail());
      assertEquals("Other", it.source().title());
      assertEquals("https://other.org/feed", it.source().link());
    }
  }

  @Test
  void atomPeopleSourceAndRepeatedDatesFollowFeedparser() throws IOException {
    FeedItem it =
        first(
            "<feed "
                + ATOM
                + "><entry><author><name>A</name><email>a@e.org</email><uri>https://a.org/</uri></author>"
                + "<contributor><name>C</name></contributor>"
                + "<updated>2020-01-01T00:00:00Z</updated><updated>2021-01-01T00:00:00Z</updated>"
                + "<source><title>S</title><id>urn:s</id><author><name>SA</name></author></source>"
                + "<rights type=\"html\">&lt;b&gt;R&lt;/b&gt;</rights></entry></feed>");
    assertEquals(List.of(new FeedPerson("A", "a@e.org", "https://a.org/")), it.authors());
    assertEquals(List.of(new FeedPerson("C", null, null)), it.contributors());
    assertEquals(OffsetDateTime.parse("2021-01-01T00:00Z"), it.updated(), "the last repeat wins");
    assertEquals("S", it.source().title());
    assertEquals("urn:s", it.source().id());
    assertEquals("SA", it.source().author());
    assertEquals("<b>R</b>", it.rights());
  }

  @Test
  void anUnreadableDateIsAWarningNotSilence() throws IOException {
    try (FeedReader r =
        open(
            Feeds.rss("<item><title>a</title><pubDate>the day after tomorrow</pubDate></item>"),
            null)) {
      FeedItem it = r.next();
      assertNull(it.published());
      List<String> w = r.info().warnings();
      assertEquals(1, w.size(), w.toString());
      assertTrue(
          w.get(0).contains("pubDate") && w.get(0).contains("the day after tomorrow"), w.get(0));
      assertTrue(w.get(0).startsWith("line 1, column "), w.get(0));
    }
  }

  @Test
  void warningsAreCappedAndCounted() throws IOException {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      items.append("<item><pubDate>never</pubDate></item>");
    }
    try (FeedReader r = open(Feeds.rss(items.toString()), null)) {
      while (r.next() != null) {
        // read all
      }
      List<String> w = r.info().warnings();
      assertEquals(101, w.size());
      assertEquals("... and 50 more warnings", w.get(100));
    }
  }

  @Test
  void everyListOfAnItemIsCappedLikeCategories() throws IOException {
    for (String one :
        List.of(
            "<enclosure url=\"https://e.org/%d\"/>",
            "<author>a%d@e.org</author>", "<category>c%d</category>")) {
      StringBuilder three = new StringBuilder();
      for (int i = 0; i < 3; i++) {
        three.append(String.format(one, i));
      }
      String xml = Feeds.rss("<item>" + three + "</item>");
      FeedLimits at = FeedLimits.builder().maxCategories(3).build();
      FeedItem it = Feeds.items(xml, at).get(0);
      assertEquals(3, it.enclosures().size() + it.authors().size() + it.categories().size());
      FeedLimits under = FeedLimits.builder().maxCategories(2).build();
      LimitExceededException e =
          assertThrows(LimitExceededException.class, () -> Feeds.items(xml, under), one);
      assertEquals("FeedLimits.maxCategories", e.setting());
      FeedLimits cut = under.toBuilder().fieldOverflow(FieldOverflow.TRUNCATE).build();
      FeedItem t = Feeds.items(xml, cut).get(0);
      assertTrue(t.truncated());
      assertEquals(2, t.enclosures().size() + t.authors().size() + t.categories().size());
    }
  }

  @Test
  void newFieldsCountTowardsTheItemLength() throws IOException {
    // "https://e.org/1.mp3" (19) + "audio/mpeg" (10) + "01:02" (5) = 34
    String xml =
        Feeds.rss(
            "<item><enclosure url=\"https://e.org/1.mp3\" type=\"audio/mpeg\"/>"
                + "<itunes:duration xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">01:02</itunes:duration></item>");
    assertEquals(
        "01:02",
        Feeds.items(xml, FeedLimits.builder().maxItemLength(34).build()).get(0).duration());
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () -> Feeds.items(xml, FeedLimits.builder().maxItemLength(33).build()));
    assertEquals("FeedLimits.maxItemLength", e.setting());
  }

  @Test
  void aBuilderUsedAgainDoesNotChangeTheItemsItBuilt() {
    FeedItem.Builder b = FeedItem.builder().addAuthor(new FeedPerson("A", null, null));
    b.addEnclosure(Enclosure.of("https://e.org/1", null, -1));
    FeedItem first = b.build();
    b.addAuthor(new FeedPerson("B", null, null))
        .addEnclosure(Enclosure.of("https://e.org/2", null, -1));
    FeedItem second = b.build();
    assertEquals(1, first.authors().size());
    assertEquals(1, first.enclosures().size());
    assertEquals(2, second.authors().size());
    assertEquals(2, second.enclosures().size());
    assertThrows(UnsupportedOperationException.class, () -> first.authors().add(null));
  }

  @Test
  void plainTextDropsTagsScriptsAndDecodesReferences() {
    FeedText t =
        new FeedText(
            "<p>a &amp; b&nbsp;c</p><script>x()</script><style>p{}</style><!-- c -->d&#x2019;s",
            FeedText.Type.HTML,
            null,
            null);
    assertEquals("a & b c d\u2019s", t.plainText());
  }
}
