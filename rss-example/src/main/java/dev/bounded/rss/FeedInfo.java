package dev.bounded.rss;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * The feed's own metadata (RSS {@code <channel>}, Atom {@code <feed>}): an immutable value. Fields
 * are trimmed and null when absent.
 */
public final class FeedInfo {
  private final FeedFormat format;
  private final String title;
  private final String link;
  private final String description;
  private final String language;
  private final OffsetDateTime updated;

  /**
   * @param format the detected dialect, never null
   * @param title the feed title, or null
   * @param link the site address, or null
   * @param description RSS description or Atom subtitle, or null
   * @param language RSS language, dc:language or the Atom feed's xml:lang, or null
   * @param updated lastBuildDate, pubDate, dc:date or Atom updated, or null
   */
  public FeedInfo(
      FeedFormat format,
      String title,
      String link,
      String description,
      String language,
      OffsetDateTime updated) {
    this.format = Objects.requireNonNull(format, "format");
    this.title = title;
    this.link = link;
    this.description = description;
    this.language = language;
    this.updated = updated;
  }

  /** The detected dialect. */
  public FeedFormat format() {
    return format;
  }

  /** The feed title, or null. */
  public String title() {
    return title;
  }

  /** The site's address, or null. */
  public String link() {
    return link;
  }

  /** RSS description or Atom subtitle, or null. */
  public String description() {
    return description;
  }

  /** The language tag (RSS language, dc:language, Atom xml:lang), or null. */
  public String language() {
    return language;
  }

  /** When the feed last changed (lastBuildDate, pubDate, dc:date, Atom updated), or null. */
  public OffsetDateTime updated() {
    return updated;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FeedInfo)) {
      return false;
    }
    FeedInfo x = (FeedInfo) o;
    return format == x.format
        && Objects.equals(title, x.title)
        && Objects.equals(link, x.link)
        && Objects.equals(description, x.description)
        && Objects.equals(language, x.language)
        && Objects.equals(updated, x.updated);
  }

  @Override
  public int hashCode() {
    return Objects.hash(format, title, link, description, language, updated);
  }

  @Override
  public String toString() {
    return "FeedInfo{format="
        + format
        + ", title="
        + title
        + ", link="
        + link
        + ", language="
        + language
        + ", updated="
        + updated
        + '}';
  }
}
