package dev.bounded.rss;

import java.util.Objects;

/**
 * A media file attached to an item: RSS {@code <enclosure url type length>} or Atom {@code <link
 * rel="enclosure">}. Immutable.
 */
public final class Enclosure {
  private final String url;
  private final String type;
  private final long length;

  private Enclosure(String url, String type, long length) {
    this.url = Objects.requireNonNull(url, "url");
    this.type = type;
    this.length = length < 0 ? -1 : length;
  }

  /**
   * An enclosure, for building a {@link FeedItem} (in a test, say).
   *
   * @param url the address as written (not resolved), never null
   * @param type the MIME type, or null
   * @param length the size in bytes; any negative value means absent or not a number, and reads
   *     back as -1
   */
  public static Enclosure of(String url, String type, long length) {
    return new Enclosure(url, type, length);
  }

  /** The address as written, never null. */
  public String url() {
    return url;
  }

  /** The MIME type, or null. */
  public String type() {
    return type;
  }

  /** The declared size in bytes, or -1 if absent or not a number. */
  public long length() {
    return length;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Enclosure)) {
      return false;
    }
    Enclosure e = (Enclosure) o;
    return url.equals(e.url) && Objects.equals(type, e.type) && length == e.length;
  }

  @Override
  public int hashCode() {
    return Objects.hash(url, type, length);
  }

  @Override
  public String toString() {
    return "Enclosure{url=" + url + ", type=" + type + ", length=" + length + '}';
  }
}
