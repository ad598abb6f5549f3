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

  /**
   * @param url the address as written (not resolved), never null
   * @param type the MIME type, or null
   * @param length the size in bytes, or -1 if absent or not a number
   */
  public Enclosure(String url, String type, long length) {
    this.url = Objects.requireNonNull(url, "url");
    this.type = type;
    this.length = length < 0 ? -1 : length;
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
