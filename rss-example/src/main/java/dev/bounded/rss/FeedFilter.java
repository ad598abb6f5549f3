package dev.bounded.rss;

import dev.bounded.core.Control;
import java.io.IOException;

/**
 * A {@link FeedHandler} whose callbacks say what happens next, as Bounded's XML and JSON push APIs
 * do: {@link Control#CONTINUE} goes on, {@link Control#STOP} ends the read at once (the rest of the
 * input is not read) and {@code read} returns the metadata so far; {@link Control#SKIP} is {@link
 * Control#CONTINUE} here (an item is delivered whole). Every method has a default returning {@link
 * Control#CONTINUE}. Added beside {@link FeedHandler}, whose boolean {@code item} keeps working.
 *
 * <pre>{@code
 * FeedReader.read(in, limits, new FeedFilter() {
 *   @Override public Control item(FeedItem item) {
 *     titles.add(item.title());
 *     return titles.size() == 10 ? Control.STOP : Control.CONTINUE;
 *   }
 * });
 * }</pre>
 */
public interface FeedFilter {
  /**
   * The feed's metadata as known before its first item (or at the end, for a feed without items).
   * Called once; {@link Control#STOP} ends the read before the first item.
   */
  default Control feed(FeedInfo info) throws IOException {
    return Control.CONTINUE;
  }

  /** One item. */
  default Control item(FeedItem item) throws IOException {
    return Control.CONTINUE;
  }
}
