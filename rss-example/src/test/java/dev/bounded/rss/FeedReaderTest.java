package dev.bounded.rss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.MalformedDocumentException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Dialect detection and field mapping. */
class FeedReaderTest {
  static final String RSS2 =
      "<?xml version=\"1.0\"?>\n"
          + "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""
          + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:atom=\"http://www.w3.org/2005/Atom\">"
          + "<channel><title> News </title><link>https://example.org/</link>"
          + "<description>All the news</description><language>en</language>"
          + "<atom:link rel=\"self\" href=\"https://example.org/feed\"/>"
          + "<lastBuildDate>Mon, 06 Jan 2025 10:00:00 GMT</lastBuildDate>"
          + "<image><title>not the feed title</title><url>x</url></image>"
          + "<item><title>First &amp; best</title><link>https://example.org/1</link>"
          + "<guid isPermaLink=\"false\">id-1</guid><pubDate>Sun, 05 Jan 2025 09:00:00 +0100</pubDate>"
          + "<author>a@example.org (A)</author><category>x</category><category>y</category>"
          + "<dc:subject>z</dc:subject>"
          + "<description><![CDATA[<p>Hello</p>]]></description>"
          + "<content:encoded>&lt;p&gt;Full&lt;/p&gt;</content:encoded>"
          + "<enclosure url=\"https://example.org/1.mp3\" length=\"123\" type=\"audio/mpeg\"/>"
          + "<source url=\"https://elsewhere.org/\">ignored</source></item>"
          + "<item><guid>https://example.org/2</guid><dc:date>2025-01-04T08:00:00Z</dc:date>"
          + "<dc:creator>B</dc:creator></item>"
          + "</channel></rss>";

  @Test
  void readsEveryRss2Field() throws IOException {
    try (FeedReader r =
        FeedReader.open(new ByteArrayInputStream(RSS2.getBytes(StandardCharsets.UTF_8)))) {
      assertEquals(FeedFormat.RSS_2_0, r.format());
      FeedInfo info = r.info();
      assertEquals("News", info.title());
      assertEquals("https://example.org/", info.link());
      assertEquals("All the news", info.description());
      assertEquals("en", info.language());
      assertEquals(OffsetDateTime.parse("2025-01-06T10:00Z"), info.updated());
      FeedItem a = r.next();
      assertEquals("First & best", a.title());
      assertEquals("https://example.org/1", a.link());
      assertEquals("id-1", a.id());
      assertEquals(OffsetDateTime.parse("2025-01-05T09:00+01:00"), a.published());
      assertNull(a.updated());
      // feedparser's form, name first; the parts apart in authors()
      assertEquals("A (a@example.org)", a.author());
      assertEquals(new FeedPerson("A", "a@example.org", null), a.authors().get(0));
      assertEquals(List.of("x", "y", "z"), a.categories());
      assertEquals("<p>Hello</p>", a.summary());
      assertEquals("<p>Full</p>", a.content());
      assertEquals(Enclosure.of("https://example.org/1.mp3", "audio/mpeg", 123), a.enclosure());
      assertFalse(a.truncated());
      FeedItem b = r.next();
      assertEquals("https://example.org/2", b.link(), "a permalink guid is the link");
      assertEquals("B", b.author());
      assertEquals(OffsetDateTime.parse("2025-01-04T08:00Z"), b.published());
      assertNull(r.next());
      assertNull(r.next());
      assertEquals(2, r.itemCount());
    }
  }

  @Test
  void detectsRss09xFromTheVersion() throws IOException {
    String xml =
        "<rss version=\"0.91\"><channel><item><title>t</title><link>l</link></item></channel></rss>";
    try (FeedReader r =
        FeedReader.open(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))) {
      assertEquals(FeedFormat.RSS_0_9X, r.format());
      assertEquals("l", r.next().link());
    }
  }

  @Test
  void readsRss10WithItemsBesideTheChannel() throws IOException {
    String xml =
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
            + " xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
            + "<channel rdf:about=\"https://example.org/\"><title>C</title><link>https://example.org/</link>"
            + "<dc:language>fr</dc:language></channel>"
            + "<image rdf:about=\"i\"><title>img</title></image>"
            + "<item rdf:about=\"https://example.org/a\"><title>A</title><link>https://example.org/a</link>"
            + "<dc:date>2004-02-01T00:00:00-05:00</dc:date><dc:identifier>other</dc:identifier></item>"
            + "</rdf:RDF>";
    try (FeedReader r =
        FeedReader.open(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))) {
      assertEquals(FeedFormat.RSS_1_0, r.format());
      assertEquals("C", r.info().title());
      assertEquals("fr", r.info().language());
      FeedItem a = r.next();
      assertEquals("A", a.title());
      assertEquals("https://example.org/a", a.id());
      assertEquals(OffsetDateTime.parse("2004-02-01T00:00-05:00"), a.published());
      assertNull(r.next());
    }
  }

  @Test
  void readsAtomPeopleLinksCategoriesAndXhtmlContent() throws IOException {
    String xml =
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"de\"><title>F</title>"
            + "<subtitle>S</subtitle><link rel=\"self\" href=\"self\"/><link href=\"https://example.org/\"/>"
            + "<updated>2025-01-01T00:00:00Z</updated>"
            + "<entry><title type=\"html\">A &amp;lt;b&amp;gt;</title><id>urn:a</id>"
            + "<link rel=\"edit\" href=\"edit\"/><link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/a\"/>"
            + "<link rel=\"enclosure\" href=\"https://example.org/a.ogg\" type=\"audio/ogg\" length=\"9\"/>"
            + "<author><name>Ann</name><email>ann@example.org</email></author>"
            + "<category term=\"t1\"/><category term=\"t2\" label=\"L\"/>"
            + "<published>2024-12-31T23:00:00+01:00</published><updated>2025-01-01T00:00:00Z</updated>"
            + "<summary>sum</summary>"
            + "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p class=\"x\">a &amp; <b>b</b></p></div></content>"
            + "</entry>"
            + "<entry><title>B</title><id>urn:b</id><author><email>b@example.org</email></author></entry>"
            + "</feed>";
    try (FeedReader r =
        FeedReader.open(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))) {
      assertEquals(FeedFormat.ATOM_1_0, r.format());
      FeedInfo info = r.info();
      assertEquals("F", info.title());
      assertEquals("S", info.description());
      assertEquals("https://example.org/", info.link());
      assertEquals("de", info.language());
      FeedItem a = r.next();
      assertEquals("A &lt;b&gt;", a.title());
      assertEquals("urn:a", a.id());
      assertEquals("https://example.org/a", a.link());
      assertEquals(Enclosure.of("https://example.org/a.ogg", "audio/ogg", 9), a.enclosure());
      assertEquals("Ann (ann@example.org)", a.author());
      assertEquals(List.of("t1", "t2"), a.categories());
      assertEquals(OffsetDateTime.parse("2024-12-31T23:00+01:00"), a.published());
      assertEquals(OffsetDateTime.parse("2025-01-01T00:00Z"), a.updated());
      assertEquals("sum", a.summary());
      assertEquals("<p class=\"x\">a &amp; <b>b</b></p>", a.content());
      assertEquals("b@example.org", r.next().author());
      assertNull(r.next());
    }
  }

  @Test
  void rejectsADocumentThatIsNotAFeed() {
    MalformedDocumentException e =
        assertThrows(MalformedDocumentException.class, () -> Feeds.items("<html><body/></html>"));
    assertEquals(
        "Not an RSS or Atom feed: the root element is <html>; a feed's root is <rss>, <rdf:RDF> or"
            + " Atom's <feed>",
        e.problem());
    assertEquals(1, e.line());
  }

  @Test
  void streamClosesTheReaderAndItsInput() throws IOException {
    boolean[] closed = {false};
    InputStream in =
        new FilterInputStream(new ByteArrayInputStream(RSS2.getBytes(StandardCharsets.UTF_8))) {
          @Override
          public void close() throws IOException {
            closed[0] = true;
            super.close();
          }
        };
    FeedReader r = FeedReader.open(in);
    try (Stream<FeedItem> s = r.stream()) {
      assertEquals(1, s.limit(1).count());
    }
    assertTrue(closed[0]);
    assertThrows(IOException.class, r::next);
  }

  @Test
  void pushApiDeliversMetadataFirstAndStopsWhenAsked() throws IOException {
    List<String> seen = new ArrayList<>();
    FeedInfo info =
        FeedReader.read(
            new ByteArrayInputStream(RSS2.getBytes(StandardCharsets.UTF_8)),
            FeedLimits.defaults(),
            new FeedHandler() {
              @Override
              public void feed(FeedInfo info) {
                seen.add("feed " + info.title());
              }

              @Override
              public boolean item(FeedItem item) {
                seen.add("item " + item.title());
                return false;
              }
            });
    assertEquals(List.of("feed News", "item First & best"), seen);
    assertEquals("News", info.title());
  }

  @Test
  void metadataAfterTheItemsIsKnownAtTheEnd() throws IOException {
    String xml =
        "<rss version=\"2.0\"><channel><item><title>i</title></item><title>late</title></channel></rss>";
    try (FeedReader r =
        FeedReader.open(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))) {
      assertNull(r.info().title());
      r.next();
      assertNull(r.next());
      assertEquals("late", r.info().title());
    }
  }

  @Test
  void anUnparseableDateIsNullNotAnError() throws IOException {
    FeedItem it = Feeds.items(Feeds.rss("<item><pubDate>last Tuesday</pubDate></item>")).get(0);
    assertNull(it.published());
    assertNull(it.date());
  }
}
