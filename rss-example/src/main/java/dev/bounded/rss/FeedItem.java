package dev.bounded.rss;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One RSS {@code <item>} or Atom {@code <entry>}: an immutable value. Every text field is trimmed
 * of surrounding whitespace and is null when the feed does not give it. Text fields are returned as
 * feed readers return them: markup is kept for HTML and XHTML (not sanitised: do that before
 * rendering it), and the {@code *Detail()} methods say which type each is ({@link FeedText}).
 *
 * <p>Which element feeds which field:
 *
 * <table>
 *   <caption>Field sources (a higher-ranked source wins; among equals, the first, except dates: the last)</caption>
 *   <tr><th>field</th><th>RSS 0.9x / 2.0 / 1.0</th><th>Atom</th></tr>
 *   <tr><td>title</td><td>title, dc:title, itunes:title, media:title</td><td>title</td></tr>
 *   <tr><td>link</td><td>link, atom:link, else a permalink guid</td><td>link rel=alternate (or no rel)</td></tr>
 *   <tr><td>id</td><td>guid or rdf:about, then dc:identifier</td><td>id</td></tr>
 *   <tr><td>published</td><td>pubDate, dc:date, dcterms:issued, dcterms:created</td><td>published, issued (0.3), created (0.3)</td></tr>
 *   <tr><td>updated</td><td>dcterms:modified, atom:updated</td><td>updated, modified (0.3)</td></tr>
 *   <tr><td>authors</td><td>author, dc:creator, dc:author, itunes:author</td><td>author</td></tr>
 *   <tr><td>contributors</td><td>dc:contributor</td><td>contributor</td></tr>
 *   <tr><td>categories</td><td>category, dc:subject, itunes:keywords, media:keywords</td><td>category/@term</td></tr>
 *   <tr><td>summary</td><td>description, dc:description, itunes:summary, itunes:subtitle, media:description</td><td>summary</td></tr>
 *   <tr><td>content</td><td>content:encoded, xhtml:body, body, fullitem</td><td>content (base64 decoded)</td></tr>
 *   <tr><td>rights</td><td>dc:rights, copyright</td><td>rights, copyright (0.3)</td></tr>
 *   <tr><td>comments</td><td>comments</td><td>link rel=replies</td></tr>
 *   <tr><td>enclosures</td><td>enclosure, media:content</td><td>link rel=enclosure</td></tr>
 *   <tr><td>thumbnail</td><td>media:thumbnail, itunes:image</td><td>media:thumbnail</td></tr>
 *   <tr><td>duration</td><td>itunes:duration</td><td>itunes:duration</td></tr>
 *   <tr><td>source</td><td>source (title, url)</td><td>source (its feed metadata)</td></tr>
 * </table>
 *
 * <p>Addresses (link, enclosures, comments, thumbnail, person URIs) are resolved against xml:base
 * and the document's address when the reader was given one.
 */
public final class FeedItem {
  private final FeedText title;
  private final String link;
  private final String id;
  private final boolean guidIsPermaLink;
  private final OffsetDateTime published;
  private final OffsetDateTime updated;
  private final List<FeedPerson> authors;
  private final List<FeedPerson> contributors;
  private final List<String> categories;
  private final FeedText summary;
  private final FeedText content;
  private final FeedText rights;
  private final String comments;
  private final List<Enclosure> enclosures;
  private final String thumbnail;
  private final String duration;
  private final FeedInfo source;
  private final boolean truncated;

  private FeedItem(Builder b) {
    this.title = b.title;
    this.link = b.link;
    this.id = b.id;
    this.guidIsPermaLink = b.guidIsPermaLink;
    this.published = b.published;
    this.updated = b.updated;
    // The builder's lists are handed over, not copied; a builder used again copies them first.
    b.built = true;
    this.authors = list(b.authors);
    this.contributors = list(b.contributors);
    this.categories =
        b.categoryCount == 0
            ? Collections.emptyList()
            : b.categoryCount == 1
                ? Collections.singletonList(b.categories[0])
                : Collections.unmodifiableList(
                    Arrays.asList(Arrays.copyOf(b.categories, b.categoryCount)));
    this.summary = b.summary;
    this.content = b.content;
    this.rights = b.rights;
    this.comments = b.comments;
    this.enclosures = list(b.enclosures);
    this.thumbnail = b.thumbnail;
    this.duration = b.duration;
    this.source = b.source;
    this.truncated = b.truncated;
  }

  /** An unmodifiable view of {@code l}; one object for the common lists of none or one. */
  private static <T> List<T> list(List<T> l) {
    if (l == null || l.isEmpty()) {
      return Collections.emptyList();
    }
    return l.size() == 1 ? Collections.singletonList(l.get(0)) : Collections.unmodifiableList(l);
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
    b.guidIsPermaLink = guidIsPermaLink;
    b.published = published;
    b.updated = updated;
    b.authors = authors.isEmpty() ? null : new ArrayList<>(authors);
    b.contributors = contributors.isEmpty() ? null : new ArrayList<>(contributors);
    for (String c : categories) {
      b.addCategory(c);
    }
    b.summary = summary;
    b.content = content;
    b.rights = rights;
    b.comments = comments;
    b.enclosures = enclosures.isEmpty() ? null : new ArrayList<>(enclosures);
    b.thumbnail = thumbnail;
    b.duration = duration;
    b.source = source;
    b.truncated = truncated;
    return b;
  }

  private static String value(FeedText t) {
    return t == null ? null : t.value();
  }

  /**
   * The title, or null: plain text, or markup for an HTML or XHTML title (see {@link
   * #titleDetail()}).
   */
  public String title() {
    return value(title);
  }

  /** The title with its type, language and base, or null. */
  public FeedText titleDetail() {
    return title;
  }

  /** The item's web address, resolved against xml:base and the document's address, or null. */
  public String link() {
    return link;
  }

  /** The item's identifier (RSS guid, Atom id), as written, or null. */
  public String id() {
    return id;
  }

  /**
   * True if the id came from an RSS {@code <guid>} that is a permalink (no {@code
   * isPermaLink="false"}); such a guid is also the {@link #link()} when the item gives no link.
   */
  public boolean guidIsPermaLink() {
    return guidIsPermaLink;
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

  /** The first author as feed readers show it: "Name (email)", the name, or the e-mail; or null. */
  public String author() {
    return authors.isEmpty() ? null : authors.get(0).display();
  }

  /** The authors in document order, unmodifiable, possibly empty; never null. */
  public List<FeedPerson> authors() {
    return authors;
  }

  /** The contributors in document order, unmodifiable, possibly empty; never null. */
  public List<FeedPerson> contributors() {
    return contributors;
  }

  /** The categories in document order, unmodifiable, possibly empty; never null. */
  public List<String> categories() {
    return categories;
  }

  /** The summary or description (often HTML: see {@link #summaryDetail()}), or null. */
  public String summary() {
    return value(summary);
  }

  /** The summary with its type, language and base, or null. */
  public FeedText summaryDetail() {
    return summary;
  }

  /** The full content (content:encoded, atom:content, ...), or null. */
  public String content() {
    return value(content);
  }

  /** The content with its type, language and base, or null. */
  public FeedText contentDetail() {
    return content;
  }

  /** The rights or copyright statement, or null. */
  public String rights() {
    return value(rights);
  }

  /** The rights with their type, language and base, or null. */
  public FeedText rightsDetail() {
    return rights;
  }

  /** The address of the item's comments page, resolved, or null. */
  public String comments() {
    return comments;
  }

  /** The first enclosure, or null. */
  public Enclosure enclosure() {
    return enclosures.isEmpty() ? null : enclosures.get(0);
  }

  /** The enclosures and media files, in document order, without repeats; never null. */
  public List<Enclosure> enclosures() {
    return enclosures;
  }

  /** The address of a thumbnail image (media:thumbnail, itunes:image), resolved, or null. */
  public String thumbnail() {
    return thumbnail;
  }

  /** The play time as written (itunes:duration: seconds, MM:SS or HH:MM:SS), or null. */
  public String duration() {
    return duration;
  }

  /**
   * The feed the item was copied from (Atom {@code <source>}, RSS {@code <source url>}), with its
   * format the same as this feed's, or null.
   */
  public FeedInfo source() {
    return source;
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
        && guidIsPermaLink == x.guidIsPermaLink
        && Objects.equals(published, x.published)
        && Objects.equals(updated, x.updated)
        && authors.equals(x.authors)
        && contributors.equals(x.contributors)
        && categories.equals(x.categories)
        && Objects.equals(summary, x.summary)
        && Objects.equals(content, x.content)
        && Objects.equals(rights, x.rights)
        && Objects.equals(comments, x.comments)
        && enclosures.equals(x.enclosures)
        && Objects.equals(thumbnail, x.thumbnail)
        && Objects.equals(duration, x.duration)
        && Objects.equals(source, x.source)
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
        authors,
        categories,
        summary,
        content,
        enclosures,
        truncated);
  }

  /** A short description for debugging; long fields are cut. */
  @Override
  public String toString() {
    return "FeedItem{title="
        + cut(title())
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

  private static FeedText text(String s) {
    return s == null ? null : new FeedText(s, FeedText.Type.TEXT, null, null);
  }

  /** Builds a {@link FeedItem}; not thread-safe. Null means absent for every field. */
  public static final class Builder {
    private FeedText title;
    private String link;
    private String id;
    private boolean guidIsPermaLink;
    private OffsetDateTime published;
    private OffsetDateTime updated;
    private List<FeedPerson> authors;
    private List<FeedPerson> contributors;
    // A bare array, made on the first category: most items have few or none, and the parser
    // makes one builder per item.
    private String[] categories;
    private int categoryCount;
    private FeedText summary;
    private FeedText content;
    private FeedText rights;
    private String comments;
    private List<Enclosure> enclosures;
    private String thumbnail;
    private String duration;
    private FeedInfo source;
    private boolean truncated;
    private boolean built; // lists handed to an item: copy before changing them

    private Builder() {}

    /** Before a list changes: the lists of a built item are its own. */
    private void own() {
      if (built) {
        built = false;
        authors = authors == null ? null : new ArrayList<>(authors);
        contributors = contributors == null ? null : new ArrayList<>(contributors);
        enclosures = enclosures == null ? null : new ArrayList<>(enclosures);
      }
    }

    /** Sets {@link FeedItem#title()} as plain text. */
    public Builder title(String title) {
      this.title = text(title);
      return this;
    }

    /** Sets {@link FeedItem#titleDetail()}. */
    public Builder titleDetail(FeedText title) {
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

    /** Sets {@link FeedItem#guidIsPermaLink()}. */
    public Builder guidIsPermaLink(boolean guidIsPermaLink) {
      this.guidIsPermaLink = guidIsPermaLink;
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

    /** Makes {@code author} (a name, or null for none) the only author. */
    public Builder author(String author) {
      this.authors = null;
      return author == null ? this : addAuthor(new FeedPerson(author, null, null));
    }

    /** Appends one author. */
    public Builder addAuthor(FeedPerson author) {
      Objects.requireNonNull(author, "author");
      own();
      if (authors == null) {
        authors = new ArrayList<>(2);
      }
      authors.add(author);
      return this;
    }

    /** Appends one contributor. */
    public Builder addContributor(FeedPerson contributor) {
      Objects.requireNonNull(contributor, "contributor");
      own();
      if (contributors == null) {
        contributors = new ArrayList<>(2);
      }
      contributors.add(contributor);
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

    /** Sets {@link FeedItem#summary()} as plain text. */
    public Builder summary(String summary) {
      this.summary = text(summary);
      return this;
    }

    /** Sets {@link FeedItem#summaryDetail()}. */
    public Builder summaryDetail(FeedText summary) {
      this.summary = summary;
      return this;
    }

    /** Sets {@link FeedItem#content()} as plain text. */
    public Builder content(String content) {
      this.content = text(content);
      return this;
    }

    /** Sets {@link FeedItem#contentDetail()}. */
    public Builder contentDetail(FeedText content) {
      this.content = content;
      return this;
    }

    /** Sets {@link FeedItem#rightsDetail()}. */
    public Builder rightsDetail(FeedText rights) {
      this.rights = rights;
      return this;
    }

    /** Sets {@link FeedItem#comments()}. */
    public Builder comments(String comments) {
      this.comments = comments;
      return this;
    }

    /** Makes {@code enclosure} (or none, for null) the only enclosure. */
    public Builder enclosure(Enclosure enclosure) {
      this.enclosures = null;
      return enclosure == null ? this : addEnclosure(enclosure);
    }

    /** Appends one enclosure. */
    public Builder addEnclosure(Enclosure enclosure) {
      Objects.requireNonNull(enclosure, "enclosure");
      own();
      if (enclosures == null) {
        enclosures = new ArrayList<>(2);
      }
      enclosures.add(enclosure);
      return this;
    }

    /** Sets {@link FeedItem#thumbnail()}. */
    public Builder thumbnail(String thumbnail) {
      this.thumbnail = thumbnail;
      return this;
    }

    /** Sets {@link FeedItem#duration()}. */
    public Builder duration(String duration) {
      this.duration = duration;
      return this;
    }

    /** Sets {@link FeedItem#source()}. */
    public Builder source(FeedInfo source) {
      this.source = source;
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
