package dev.bounded.rss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each item is read from scratch, whatever the item before it held, and each field is gathered
 * whole however long it is and whatever characters it holds.
 */
class ItemIsolationTest {
  @Test
  void anItemKeepsNothingOfTheItemBeforeIt() throws Exception {
    List<FeedItem> items =
        Feeds.items(
            Feeds.rss(
                "<item><title>A</title><link>https://a/</link><guid>ga</guid>"
                    + "<pubDate>Mon, 06 Jan 2025 10:00:00 GMT</pubDate><author>x</author>"
                    + "<category>c1</category><category>c2</category><description>d</description>"
                    + "<enclosure url=\"https://a/1.mp3\" length=\"1\" type=\"audio/mpeg\"/></item>"
                    + "<item><guid isPermaLink=\"true\">https://b/</guid></item>"
                    + "<item><title>C</title></item>"));
    assertEquals(3, items.size());
    FeedItem b = items.get(1);
    assertNull(b.title());
    assertEquals("https://b/", b.link()); // from its own permalink guid, not the item before
    assertEquals("https://b/", b.id());
    assertNull(b.published());
    assertNull(b.author());
    assertNull(b.summary());
    assertNull(b.enclosure());
    assertEquals(List.of(), b.categories());
    FeedItem c = items.get(2);
    assertEquals("C", c.title());
    assertNull(c.link()); // the permalink flag of the item before does not carry over
    assertNull(c.id());
    assertFalse(c.truncated());
  }

  @Test
  void aLowerRankedElementDoesNotOverrideTheItemBeforesHigherRankedOne() throws Exception {
    String dc = "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"";
    List<FeedItem> items =
        Feeds.items(
            "<rss version=\"2.0\" "
                + dc
                + "><channel>"
                + "<item><title>rss title</title><pubDate>Mon, 06 Jan 2025 10:00:00 GMT</pubDate></item>"
                + "<item><dc:title>dc title</dc:title><dc:date>2025-01-07T10:00:00Z</dc:date></item>"
                + "</channel></rss>");
    assertEquals("dc title", items.get(1).title());
    assertEquals(OffsetDateTime.parse("2025-01-07T10:00:00Z"), items.get(1).published());
  }

  @Test
  void aSkippedItemLeavesTheNextItemWhole() throws Exception {
    FeedLimits limits =
        FeedLimits.builder().maxCategories(1).fieldOverflow(FieldOverflow.SKIP_ITEM).build();
    List<FeedItem> items =
        Feeds.items(
            Feeds.rss(
                "<item><title>A</title><category>1</category><category>2</category></item>"
                    + "<item><title>B</title><category>3</category></item>"),
            limits);
    assertEquals(1, items.size());
    assertEquals("B", items.get(0).title());
    assertEquals(List.of("3"), items.get(0).categories());
    assertFalse(items.get(0).truncated());
  }

  @Test
  void longFieldsOfMixedCharactersArriveWholeAndTrimmed() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      text.append(i % 7 == 0 ? "データ " : i % 3 == 0 ? "café " : "word ");
    }
    String expected = text.toString().strip();
    String latin1 = "x".repeat(20_000);
    List<FeedItem> items =
        Feeds.items(
            Feeds.rss(
                "<item><description>\n  "
                    + expected
                    + " &amp; <![CDATA[<b>]]>\n </description>"
                    + "<title>  "
                    + latin1
                    + "  </title></item>"
                    + "<item><description> short </description></item>"));
    assertEquals(expected + " & <b>", items.get(0).summary());
    assertEquals(latin1, items.get(0).title());
    assertEquals("short", items.get(1).summary());
  }

  @Test
  void aFieldInSeveralPiecesIsJoinedWholeAndCappedOnTheWhole() throws Exception {
    String items =
        "<item><title>abc<![CDATA[def]]></title><link>https://x/<b>y</b> </link>"
            + "<author>ab<![CDATA[  ]]></author><description>abcd</description></item>";
    FeedItem item = Feeds.items(Feeds.rss(items)).get(0);
    assertEquals("abcdef", item.title());
    assertEquals("https://x/y", item.link());
    assertEquals("ab", item.author());
    assertEquals("abcd", item.summary());
    assertFalse(item.truncated());
    FeedLimits five =
        FeedLimits.builder().maxFieldLength(5).fieldOverflow(FieldOverflow.TRUNCATE).build();
    FeedItem cut = Feeds.items(Feeds.rss(items), five).get(0);
    assertEquals("abcde", cut.title());
    assertEquals("https", cut.link());
    assertEquals("abcd", cut.summary());
    assertTrue(cut.truncated());
    FeedItem exact = Feeds.items(Feeds.rss("<item><title>abcde</title></item>"), five).get(0);
    assertEquals("abcde", exact.title());
    assertFalse(exact.truncated());
    FeedItem over = Feeds.items(Feeds.rss("<item><title>abcdef</title></item>"), five).get(0);
    assertEquals("abcde", over.title());
    assertTrue(over.truncated());
  }

  @Test
  void aDateIsReadFromAllItsTextPaddedOrSplit() throws Exception {
    List<FeedItem> items =
        Feeds.items(
            Feeds.rss(
                "<item><pubDate>\n  Mon, 06 Jan 2025 <![CDATA[10:00:00]]>  GMT \n</pubDate></item>"
                    + "<item><pubDate> Mon, 06 Jan 2025 10:00:00 +0130</pubDate></item>"
                    + "<item><pubDate>  </pubDate></item>"
                    + "<item><pubDate>not a date</pubDate></item>"));
    assertEquals(OffsetDateTime.parse("2025-01-06T10:00Z"), items.get(0).published());
    assertEquals(OffsetDateTime.parse("2025-01-06T10:00+01:30"), items.get(1).published());
    assertNull(items.get(2).published());
    assertNull(items.get(3).published());
  }

  @Test
  void manyCategoriesKeepTheirOrderAndTheListIsUnmodifiable() throws Exception {
    StringBuilder xml = new StringBuilder("<item>");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 37; i++) {
      xml.append("<category>c").append(i).append("</category>");
      expected.add("c" + i);
    }
    FeedItem item = Feeds.items(Feeds.rss(xml.append("</item>").toString())).get(0);
    assertEquals(expected, item.categories());
    assertThrows(UnsupportedOperationException.class, () -> item.categories().add("x"));
    assertThrows(UnsupportedOperationException.class, () -> item.categories().sort(null));
    FeedItem copy = item.toBuilder().addCategory("extra").build();
    assertEquals(38, copy.categories().size());
    assertEquals(37, item.categories().size());
    assertTrue(copy.categories().containsAll(expected));
  }

  @Test
  void aBuilderBuiltTwiceGivesIndependentItems() {
    FeedItem.Builder b = FeedItem.builder().title("t").addCategory("a");
    FeedItem first = b.build();
    FeedItem second = b.addCategory("b").build();
    assertEquals(List.of("a"), first.categories());
    assertEquals(List.of("a", "b"), second.categories());
  }
}
