/**
 * The streaming RSS/Atom reader ({@link dev.bounded.rss.FeedReader}) and its command-line tool
 * ({@link dev.bounded.rss.Main}: {@code java -p <module path> -m
 * dev.bounded.rss/dev.bounded.rss.Main}).
 */
module dev.bounded.rss {
  // FeedLimits carries XmlLimits; the reader throws BoundedParseException.
  requires transitive dev.bounded.xml;
  requires transitive dev.bounded.core;
  // The command line's JSON Lines output only.
  requires com.fasterxml.jackson.core;

  exports dev.bounded.rss;
}
