package dev.bounded.rss;

/**
 * What {@link FeedReader} does when one field of an item (or of the feed metadata) is longer than
 * {@link FeedLimits#maxFieldLength()}, or an item's retained text exceeds {@link
 * FeedLimits#maxItemLength()}, or it has more than {@link FeedLimits#maxCategories()} categories.
 */
public enum FieldOverflow {
  /**
   * The default: the parse fails with a {@link dev.bounded.core.LimitExceededException} naming the
   * {@code FeedLimits} setting and where. Safe and loud: nothing is silently lost.
   */
  FAIL,
  /**
   * The field keeps its first {@code maxFieldLength} characters (extra categories are dropped), the
   * rest of the element is read and discarded, and the item is delivered with {@link
   * FeedItem#truncated()} true. The parse continues.
   */
  TRUNCATE,
  /**
   * The whole item is read, discarded and not delivered; {@link FeedReader#skippedItems()} counts
   * it. The parse continues. For metadata this acts as {@link #TRUNCATE}.
   */
  SKIP_ITEM
}
