package dev.bounded.flink;

import dev.bounded.rss.FeedItem;
import java.util.Objects;

/**
 * One item of a feed file, as {@link FeedFileFormat} emits it: the fields most jobs key or index
 * on, with the file and the item's place in it. A Flink POJO. Jobs that need more of the item map
 * {@link FeedItem} themselves in a format of their own over the same reader.
 */
public final class FeedEntry {
  private String file;
  private long index;
  private String id;
  private String title;
  private String link;
  private String published;

  /** For Flink's POJO serializer. */
  public FeedEntry() {}

  static FeedEntry of(String file, long index, FeedItem item) {
    FeedEntry e = new FeedEntry();
    e.file = file;
    e.index = index;
    e.id = item.id();
    e.title = item.title();
    e.link = item.link();
    e.published = item.published() == null ? null : item.published().toString();
    return e;
  }

  /** The file's path. */
  public String getFile() {
    return file;
  }

  /** Sets {@link #getFile()}. */
  public void setFile(String file) {
    this.file = file;
  }

  /** The item's place in its file, from 1. */
  public long getIndex() {
    return index;
  }

  /** Sets {@link #getIndex()}. */
  public void setIndex(long index) {
    this.index = index;
  }

  /** The item's id (guid, Atom id or rdf:about), or null. */
  public String getId() {
    return id;
  }

  /** Sets {@link #getId()}. */
  public void setId(String id) {
    this.id = id;
  }

  /** The item's title as plain text, or null. */
  public String getTitle() {
    return title;
  }

  /** Sets {@link #getTitle()}. */
  public void setTitle(String title) {
    this.title = title;
  }

  /** The item's link, resolved against the feed's base, or null. */
  public String getLink() {
    return link;
  }

  /** Sets {@link #getLink()}. */
  public void setLink(String link) {
    this.link = link;
  }

  /** The publication date in ISO-8601 ({@code OffsetDateTime.toString()}), or null. */
  public String getPublished() {
    return published;
  }

  /** Sets {@link #getPublished()}. */
  public void setPublished(String published) {
    this.published = published;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FeedEntry)) {
      return false;
    }
    FeedEntry x = (FeedEntry) o;
    return index == x.index
        && Objects.equals(file, x.file)
        && Objects.equals(id, x.id)
        && Objects.equals(title, x.title)
        && Objects.equals(link, x.link)
        && Objects.equals(published, x.published);
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, index, id);
  }

  @Override
  public String toString() {
    return file + "#" + index + " " + title;
  }
}
