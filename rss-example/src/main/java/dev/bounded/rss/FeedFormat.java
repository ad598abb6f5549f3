package dev.bounded.rss;

/** The feed dialect {@link FeedReader} detected from the root element and its namespace. */
public enum FeedFormat {
  /** {@code <rss version="0.91">} to {@code 0.94}: Netscape and UserLand RSS, no namespace. */
  RSS_0_9X,
  /** {@code <rss version="2.0">} (also a missing or unknown version): RSS 2.0. */
  RSS_2_0,
  /** {@code <rdf:RDF>} with the Netscape RSS 0.90 namespace. */
  RSS_0_90,
  /** {@code <rdf:RDF>} with the RSS 1.0 namespace {@code http://purl.org/rss/1.0/}. */
  RSS_1_0,
  /** {@code <feed>} in the pre-standard Atom 0.3 namespace {@code http://purl.org/atom/ns#}. */
  ATOM_0_3,
  /** {@code <feed>} in the Atom 1.0 namespace {@code http://www.w3.org/2005/Atom} (RFC 4287). */
  ATOM_1_0;

  /** True for the Atom dialects. */
  public boolean isAtom() {
    return this == ATOM_0_3 || this == ATOM_1_0;
  }
}
