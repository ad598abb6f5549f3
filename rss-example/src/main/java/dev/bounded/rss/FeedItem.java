package dev.bounded.rss;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One RSS {@code <item>} or Atom {@code <entry>}: an immutable value. Every text field is trimmed
 * of surrounding whitespace and is null when the feed does not give it; markup in {@link
 * #summary()} and {@link #content()} is kept as text (HTML is not sanitised: do that before
 * rendering it).
 *
 * <p>Which element feeds which field:
 *
 * <table>
 *   <caption>Field sources, first listed wins</caption>
 *   <tr><th>field</th><th>RSS 0.9x / 2.0 / 1.0</th><th>Atom</th></tr>
 *   <tr><td>title</td><td>title, dc:title</td><td>title</td></tr>
 *   <tr><td>link</td><td>link, atom:link, else a permalink guid</td><td>link rel=alternate (or no rel)</td></tr>
 *   <tr><td>id</td><td>guid or rdf:about, then dc:identifier</td><td>id</td></tr>
 *   <tr><td>published</td><td>pubDate, dc:date, dcterms:issued</td><td>published, issued (0.3), created (0.3)</td></tr>
 *   <tr><td>updated</td><td>dcterms:modified, atom:updated</td><td>updated, modified (0.3)</td></tr>
 *   <tr><td>author</td><td>author, dc:creator</td><td>author/name (else author/email)</td></tr>
 *   <tr><td>categories</td><td>category, dc:subject</td><td>category/@term</td></tr>
 *   <tr><td>summary</td><td>description, dc:description</td><td>summary</td></tr>
 *   <tr><td>content</td><td>content:encoded</td><td>content (xhtml content as markup)</td></tr>
 *   <tr><td>enclosure</td><td>enclosure</td><td>link rel=enclosure</td></tr>
 * </table>
 */
public final class FeedItem {
  private final String title;
  private final String link;
  private final String id;
  private final OffsetDateTime published;
  private final OffsetDateTime updated;
  private final String author;
  private final List<String> categories;
  private final String summary;
  private final String content;
  private final Enclosure enclosure;
  private final boolean truncated;

  private FeedItem(Builder b) {
    this.title = b.title;
    this.link = b.link;
    this.id = b.id;
    this.published = b.published;
    this.updated = b.updated;
    this.author = b.author;
    this.categories =
        b.categoryCount == 0
            ? Collections.emptyList()
            : Collections.unmodifiableList(
                Arrays.asList(Arrays.copyOf(b.categories, b.categoryCount)));
    this.summary = b.summary;
    this.content = b.content;
    this.enclosure = b.enclosure;
    this.truncated = b.truncated;
  }

  /** A builder with every field absent. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this item. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.title = title;
    b.link = link;
    b.id = id;
    b.published = published;
    b.updated = updated;
    b.author = author;
    for (String c : categories) {
      b.addCategory(c);
    }
    b.summary = summary;
    b.content = content;
    b.enclosure = enclosure;
    b.truncated = truncated;
    return b;
  }

  /** The title (plain text or escaped HTML, as the feed wrote it), or null. */
  public String title() {
    return title;
  }

  /** The item's web address as written (relative addresses are not resolved), or null. */
  public String link() {
    return link;
  }

  /** The item's identifier (RSS guid, Atom id), or null. */
  public String id() {
    return id;
  }

  /** When the item was first published, with the offset the feed gave (UTC if none), or null. */
  public OffsetDateTime published() {
    return published;
  }

  /** When the item was last updated, or null. */
  public OffsetDateTime updated() {
    return updated;
  }

  /** {@link #published()}, else {@link #updated()}, as an instant; or null. */
  public Instant date() {
    OffsetDateTime d = published != null ? published : updated;
    return d == null ? null : d.toInstant();
  }

  /** The author's name (or e-mail address when that is all the feed gives), or null. */
  public String author() {
    return author;
  }

  /** The categories in document order, unmodifiable, possibly empty; never null. */
  public List<String> categories() {
    return categories;
  }

  /** The summary or description (often escaped HTML), or null. */
  public String summary() {
    return summary;
  }

  /** The full content (content:encoded, atom:content), or null. */
  public String content() {
    return content;
  }

  /** The first enclosure, or null. */
  public Enclosure enclosure() {
    return enclosure;
  }

  /**
   * True if a field was cut to {@link FeedLimits#maxFieldLength()} or categories were dropped,
   * which only happens under {@link FieldOverflow#TRUNCATE}.
   */
  public boolean truncated() {
    return truncated;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FeedItem)) {
      return false;
    }
    FeedItem x = (FeedItem) o;
    return Objects.equals(title, x.title)
        && Objects.equals(link, x.link)
        && Objects.equals(id, x.id)
        && Objects.equals(published, x.published)
        && Objects.equals(updated, x.updated)
        && Objects.equals(author, x.author)
        && categories.equals(x.categories)
        && Objects.equals(summary, x.summary)
        && Objects.equals(content, x.content)
        && Objects.equals(enclosure, x.enclosure)
        && truncated == x.truncated;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        title,
        link,
        id,
        published,
        updated,
        author,
        categories,
        summary,
        content,
        enclosure,
        truncated);
  }

  /** A short description for debugging; long fields are cut. */
  @Override
  public String toString() {
    return "FeedItem{title="
        + cut(title)
        + ", link="
        + cut(link)
        + ", id="
        + cut(id)
        + ", published="
        + published
        + ", updated="
        + updated
        + ", categories="
        + categories.size()
        + (truncated ? ", truncated" : "")
        + '}';
  }

  private static String cut(String s) {
    return s == null || s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }

  /** Builds a {@link FeedItem}; not thread-safe. Null means absent for every field. */
  public static final class Builder {
    private String title;
    private String link;
    private String id;
    private OffsetDateTime published;
    private OffsetDateTime updated;
    private String author;
    // A bare array, made on the first category: most items have few or none, and the parser
    // makes one builder per item.
    private String[] categories;
    private int categoryCount;
    private String summary;
    private String content;
    private Enclosure enclosure;
    private boolean truncated;

    private Builder() {}

    /** Sets {@link FeedItem#title()}. */
    public Builder title(String title) {
      this.title = title;
      return this;
    }

    /** Sets {@link FeedItem#link()}. */
    public Builder link(String link) {
      this.link = link;
      return this;
    }

    /** Sets {@link FeedItem#id()}. */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** Sets {@link FeedItem#published()}. */
    public Builder published(OffsetDateTime published) {
      this.published = published;
      return this;
    }

    /** Sets {@link FeedItem#updated()}. */
    public Builder updated(OffsetDateTime updated) {
      this.updated = updated;
      return this;
    }

    /** Sets {@link FeedItem#author()}. */
    public Builder author(String author) {
      this.author = author;
      return this;
    }

    /** Appends one category. */
    public Builder addCategory(String category) {
      Objects.requireNonNull(category, "category");
      if (categories == null) {
        categories = new String[4];
      } else if (categoryCount == categories.length) {
        categories = Arrays.copyOf(categories, categoryCount * 2);
      }
      categories[categoryCount++] = category;
      return this;
    }

    /** Sets {@link FeedItem#summary()}. */
    public Builder summary(String summary) {
      this.summary = summary;
      return this;
    }

    /** Sets {@link FeedItem#content()}. */
    public Builder content(String content) {
      this.content = content;
      return this;
    }

    /** Sets {@link FeedItem#enclosure()}. */
    public Builder enclosure(Enclosure enclosure) {
      this.enclosure = enclosure;
      return this;
    }

    /** Sets {@link FeedItem#truncated()}. */
    public Builder truncated(boolean truncated) {
      this.truncated = truncated;
      return this;
    }

    /** The immutable item. */
    public FeedItem build() {
      return new FeedItem(this);
    }
  }
}
