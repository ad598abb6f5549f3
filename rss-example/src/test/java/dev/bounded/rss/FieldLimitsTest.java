package dev.bounded.rss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-field, per-item and per-feed limits: both sides of each, and the overflow policies. */
class FieldLimitsTest {
  static FeedLimits field(long max, FieldOverflow policy) {
    return FeedLimits.builder().maxFieldLength(max).fieldOverflow(policy).build();
  }

  @Test
  void aFieldExactlyAtTheLimitPasses() throws IOException {
    List<FeedItem> items =
        Feeds.items(
            Feeds.rss("<item><title>" + "a".repeat(10) + "</title></item>"),
            field(10, FieldOverflow.FAIL));
    assertEquals("a".repeat(10), items.get(0).title());
  }

  @Test
  void aFieldOneOverTheLimitFailsNamingTheSettingAndWhere() {
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () ->
                Feeds.items(
                    Feeds.rss(
                        "<item><title>ok</title></item><item><title>"
                            + "a".repeat(11)
                            + "</title></item>"),
                    field(10, FieldOverflow.FAIL)));
    assertEquals(Limit.MAX_TEXT_LENGTH, e.limit());
    assertEquals(10, e.maximum());
    assertEquals(11, e.actual());
    assertEquals("FeedLimits.maxFieldLength", e.setting());
    assertEquals("/rss/channel/item[2]/title", e.location().path());
    assertEquals(
        "Text length (11 characters) exceeds the maximum allowed (10 characters, from FeedLimits.maxFieldLength)"
            + " at line 1, column 88 (path /rss/channel/item[2]/title)",
        e.getMessage());
  }

  @Test
  void cdataAndTextSegmentsCountTogether() {
    assertThrows(
        LimitExceededException.class,
        () ->
            Feeds.items(
                Feeds.rss("<item><description>aaaaa<![CDATA[bbbbbb]]></description></item>"),
                field(10, FieldOverflow.FAIL)));
  }

  @Test
  void truncateKeepsThePrefixAndFlagsTheItem() throws IOException {
    List<FeedItem> items =
        Feeds.items(
            Feeds.rss(
                "<item><title>"
                    + "a".repeat(12)
                    + "</title><link>l</link></item><item><title>b</title></item>"),
            field(10, FieldOverflow.TRUNCATE));
    assertEquals("a".repeat(10), items.get(0).title());
    assertEquals("l", items.get(0).link());
    assertTrue(items.get(0).truncated());
    assertFalse(items.get(1).truncated());
  }

  @Test
  void skipItemDropsTheWholeItemAndCountsIt() throws IOException {
    String xml =
        Feeds.rss(
            "<item><title>" + "a".repeat(12) + "</title></item><item><title>b</title></item>");
    try (FeedReader r =
        FeedReader.open(
            new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
            field(10, FieldOverflow.SKIP_ITEM))) {
      assertEquals("b", r.next().title());
      assertEquals(null, r.next());
      assertEquals(1, r.skippedItems());
      assertEquals(2, r.itemCount());
    }
  }

  @Test
  void aHundredMegabyteDescriptionIsTruncatedInFlatMemory() throws IOException {
    // 100 MB of text in one field, streamed: the item keeps 1 Ki characters.
    InputStream in =
        new SequenceInputStream(
            java.util.Collections.enumeration(
                List.of(
                    new java.io.ByteArrayInputStream(
                        "<rss><channel><item><description>".getBytes(StandardCharsets.US_ASCII)),
                    new Repeat((byte) 'x', 100L << 20),
                    new java.io.ByteArrayInputStream(
                        "</description></item></channel></rss>"
                            .getBytes(StandardCharsets.US_ASCII)))));
    FeedLimits limits =
        field(1024, FieldOverflow.TRUNCATE).toBuilder().maxBytes(FeedLimits.UNLIMITED).build();
    try (FeedReader r = FeedReader.open(in, limits)) {
      FeedItem it = r.next();
      assertEquals(1024, it.summary().length());
      assertTrue(it.truncated());
    }
  }

  @Test
  void categoriesAtTheLimitPassAndOneMoreFails() throws IOException {
    FeedLimits limits = FeedLimits.builder().maxCategories(2).build();
    assertEquals(
        2,
        Feeds.items(Feeds.rss("<item><category>a</category><category>b</category></item>"), limits)
            .get(0)
            .categories()
            .size());
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () ->
                Feeds.items(
                    Feeds.rss(
                        "<item><category>a</category><category>b</category><category>c</category></item>"),
                    limits));
    assertEquals("FeedLimits.maxCategories", e.setting());
    assertEquals(3, e.actual());
  }

  @Test
  void itemsAtTheLimitPassAndOneMoreFails() throws IOException {
    FeedLimits limits = FeedLimits.builder().maxItems(2).build();
    assertEquals(2, Feeds.items(Feeds.rss("<item/><item/>"), limits).size());
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () -> Feeds.items(Feeds.rss("<item/><item/><item/>"), limits));
    assertEquals("FeedLimits.maxItems", e.setting());
    assertEquals(Limit.MAX_ELEMENTS, e.limit());
    assertEquals(2, e.maximum());
    assertEquals(3, e.actual());
  }

  @Test
  void itemLengthCountsEveryRetainedField() throws IOException {
    FeedLimits limits = FeedLimits.builder().maxItemLength(6).build();
    assertEquals(
        1,
        Feeds.items(Feeds.rss("<item><title>abc</title><link>def</link></item>"), limits).size());
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () ->
                Feeds.items(Feeds.rss("<item><title>abc</title><link>defg</link></item>"), limits));
    assertEquals("FeedLimits.maxItemLength", e.setting());
    assertEquals(7, e.actual());
  }

  @Test
  void builderRejectsNegativeValuesNamingTheSetting() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FeedLimits.builder().maxFieldLength(-1));
    assertEquals("maxFieldLength < 0: -1", e.getMessage());
    assertEquals(
        "maxItems < 0: -5",
        assertThrows(IllegalArgumentException.class, () -> FeedLimits.builder().maxItems(-5))
            .getMessage());
  }

  @Test
  void maxBytesScalesTheDocumentWideLimitsOnly() {
    FeedLimits unlimited = FeedLimits.builder().maxBytes(FeedLimits.UNLIMITED).build();
    assertEquals(FeedLimits.UNLIMITED, unlimited.xmlLimits().maxBytes());
    assertEquals(FeedLimits.UNLIMITED, unlimited.xmlLimits().maxElements());
    assertEquals(FeedLimits.UNLIMITED, unlimited.decompressionLimits().maxExpandedBytes());
    assertEquals(100, unlimited.decompressionLimits().maxExpansionRatio());
    assertEquals(FeedLimits.DEFAULT_MAX_FIELD_LENGTH, unlimited.maxFieldLength());
    assertEquals(FeedLimits.DEFAULT_MAX_ITEMS, unlimited.maxItems());
    FeedLimits big = FeedLimits.builder().maxBytes(2L << 30).build();
    assertEquals((2L << 30) / 8, big.xmlLimits().maxElements());
    assertEquals(big, big.toBuilder().build());
  }

  /** {@code n} copies of one byte. */
  static final class Repeat extends InputStream {
    private final byte b;
    private long left;

    Repeat(byte b, long n) {
      this.b = b;
      this.left = n;
    }

    @Override
    public int read() {
      return left-- > 0 ? b : -1;
    }

    @Override
    public int read(byte[] buf, int off, int len) {
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      java.util.Arrays.fill(buf, off, off + n, b);
      left -= n;
      return n;
    }
  }
}
