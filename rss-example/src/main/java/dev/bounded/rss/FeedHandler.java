package dev.bounded.rss;

import java.io.IOException;

/**
 * Receives a feed pushed by {@link FeedReader#read(java.io.InputStream, FeedLimits, FeedHandler)}.
 * Every method has a default, so implement only what you need.
 */
public interface FeedHandler {
  /**
   * The feed's metadata as known before its first item (or at the end, for a feed without items).
   * Called once. Metadata that follows the items is in the value {@code read} returns.
   */
  default void feed(FeedInfo info) throws IOException {}

  /**
   * One item.
   *
   * @return true to go on, false to stop reading (the rest of the input is not read)
   */
  default boolean item(FeedItem item) throws IOException {
    return true;
  }
}
