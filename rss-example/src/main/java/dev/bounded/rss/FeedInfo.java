package dev.bounded.rss;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The feed's own metadata (RSS {@code <channel>}, Atom {@code <feed>}, or an Atom entry's {@code
 * <source>}): an immutable value. Text fields are trimmed and null when absent; lists are
 * unmodifiable and never null.
 *
 * <table>
 *   <caption>Field sources (a higher-ranked source wins; among equals, the first, except dates: the last)</caption>
 *   <tr><th>field</th><th>RSS 0.9x / 2.0 / 1.0</th><th>Atom</th></tr>
 *   <tr><td>title</td><td>title, dc:title, itunes:title</td><td>title</td></tr>
 *   <tr><td>link</td><td>link, atom:link rel=alternate</td><td>link rel=alternate (or no rel)</td></tr>
 *   <tr><td>description</td><td>description, dc:description, itunes:subtitle, itunes:summary</td><td>subtitle, tagline (0.3)</td></tr>
 *   <tr><td>language</td><td>language, dc:language</td><td>xml:lang of the feed</td></tr>
 *   <tr><td>updated</td><td>lastBuildDate, pubDate, dc:date, dcterms:modified</td><td>updated, modified (0.3)</td></tr>
 *   <tr><td>id</td><td>atom:id</td><td>id</td></tr>
 *   <tr><td>authors</td><td>managingEditor, webMaster, dc:creator, dc:author, itunes:author</td><td>author</td></tr>
 *   <tr><td>categories</td><td>category, dc:subject, itunes:category, itunes:keywords</td><td>category/@term</td></tr>
 *   <tr><td>rights</td><td>copyright, dc:rights</td><td>rights, copyright (0.3)</td></tr>
 *   <tr><td>image</td><td>image/url, itunes:image, media:thumbnail</td><td>logo, icon</td></tr>
 *   <tr><td>generator</td><td>generator, admin:generatorAgent</td><td>generator</td></tr>
 * </table>
 */
public final class FeedInfo {
  private final FeedFormat format;
  private final FeedText title;
  private final String link;
  private final FeedText description;
  private final String language;
  private final OffsetDateTime updated;
  private final String id;
  private final List<FeedPerson> authors;
  private final List<String> categories;
  private final FeedText rights;
  private final String image;
  private final String generator;
  private final List<String> warnings;

  private FeedInfo(Builder b) {
    this.format = Objects.requireNonNull(b.format, "format");
    this.title = b.title;
    this.link = b.link;
    this.description = b.description;
    this.language = b.language;
    this.updated = b.updated;
    this.id = b.id;
    this.authors = List.copyOf(b.authors);
    this.categories = List.copyOf(b.categories);
    this.rights = b.rights;
    this.image = b.image;
    this.generator = b.generator;
    this.warnings = List.copyOf(b.warnings);
  }

  /** A builder for the given dialect with every other field absent. */
  public static Builder builder(FeedFormat format) {
    return new Builder(Objects.requireNonNull(format, "format"));
  }

  /** The detected dialect. */
  public FeedFormat format() {
    return format;
  }

  /** The feed title, or null; markup for an HTML or XHTML title (see {@link #titleDetail()}). */
  public String title() {
    return title == null ? null : title.value();
  }

  /** The feed title with its type, language and base, or null. */
  public FeedText titleDetail() {
    return title;
  }

  /** The site's address, resolved against the base in scope, or null. */
  public String link() {
    return link;
  }

  /** RSS description or Atom subtitle, or null. */
  public String description() {
    return description == null ? null : description.value();
  }

  /** {@link #description()} with its type, language and base, or null. */
  public FeedText descriptionDetail() {
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

  /** The feed's identifier (Atom id), or null. */
  public String id() {
    return id;
  }

  /** The authors in document order, at most {@link FeedLimits#maxCategories()}; never null. */
  public List<FeedPerson> authors() {
    return authors;
  }

  /** The first author as feed readers show it ({@link FeedPerson#display()}), or null. */
  public String author() {
    return authors.isEmpty() ? null : authors.get(0).display();
  }

  /** The categories in document order, at most {@link FeedLimits#maxCategories()}; never null. */
  public List<String> categories() {
    return categories;
  }

  /** The copyright or rights statement, or null. */
  public String rights() {
    return rights == null ? null : rights.value();
  }

  /** {@link #rights()} with its type, language and base, or null. */
  public FeedText rightsDetail() {
    return rights;
  }

  /** The address of the feed's image or logo, resolved, or null. */
  public String image() {
    return image;
  }

  /** The software that wrote the feed, or null. */
  public String generator() {
    return generator;
  }

  /**
   * What was tolerated or could not be read, like feedparser's "bozo" flag: dates that could not be
   * parsed, and in {@link FeedLimits#tolerant()} mode every recovered fault (bytes replaced, a
   * transcoded charset, whitespace before the XML declaration, a document that broke off). Each
   * entry names the place and the fault. At most 100 (a last entry counts any more); empty when
   * nothing was tolerated; never null.
   */
  public List<String> warnings() {
    return warnings;
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
        && Objects.equals(updated, x.updated)
        && Objects.equals(id, x.id)
        && authors.equals(x.authors)
        && categories.equals(x.categories)
        && Objects.equals(rights, x.rights)
        && Objects.equals(image, x.image)
        && Objects.equals(generator, x.generator)
        && warnings.equals(x.warnings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        format,
        title,
        link,
        description,
        language,
        updated,
        id,
        authors,
        categories,
        rights,
        image,
        generator,
        warnings);
  }

  @Override
  public String toString() {
    return "FeedInfo{format="
        + format
        + ", title="
        + title()
        + ", link="
        + link
        + ", language="
        + language
        + ", updated="
        + updated
        + (warnings.isEmpty() ? "" : ", warnings=" + warnings.size())
        + '}';
  }

  /** Builds a {@link FeedInfo}; not thread-safe. Null means absent. */
  public static final class Builder {
    private final FeedFormat format;
    private FeedText title;
    private String link;
    private FeedText description;
    private String language;
    private OffsetDateTime updated;
    private String id;
    private List<FeedPerson> authors = List.of();
    private List<String> categories = List.of();
    private FeedText rights;
    private String image;
    private String generator;
    private List<String> warnings = List.of();

    private Builder(FeedFormat format) {
      this.format = format;
    }

    /** Sets {@link FeedInfo#title()} as plain text. */
    public Builder title(String title) {
      return titleDetail(
          title == null ? null : new FeedText(title, FeedText.Type.TEXT, null, null));
    }

    /** Sets {@link FeedInfo#titleDetail()}. */
    public Builder titleDetail(FeedText title) {
      this.title = title;
      return this;
    }

    /** Sets {@link FeedInfo#link()}. */
    public Builder link(String link) {
      this.link = link;
      return this;
    }

    /** Sets {@link FeedInfo#description()} as plain text. */
    public Builder description(String description) {
      return descriptionDetail(
          description == null ? null : new FeedText(description, FeedText.Type.TEXT, null, null));
    }

    /** Sets {@link FeedInfo#descriptionDetail()}. */
    public Builder descriptionDetail(FeedText description) {
      this.description = description;
      return this;
    }

    /** Sets {@link FeedInfo#language()}. */
    public Builder language(String language) {
      this.language = language;
      return this;
    }

    /** Sets {@link FeedInfo#updated()}. */
    public Builder updated(OffsetDateTime updated) {
      this.updated = updated;
      return this;
    }

    /** Sets {@link FeedInfo#id()}. */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** Sets {@link FeedInfo#authors()} (copied; no null elements). */
    public Builder authors(List<FeedPerson> authors) {
      this.authors = List.copyOf(authors);
      return this;
    }

    /** Sets {@link FeedInfo#categories()} (copied; no null elements). */
    public Builder categories(List<String> categories) {
      this.categories = List.copyOf(categories);
      return this;
    }

    /** Sets {@link FeedInfo#rightsDetail()}. */
    public Builder rightsDetail(FeedText rights) {
      this.rights = rights;
      return this;
    }

    /** Sets {@link FeedInfo#image()}. */
    public Builder image(String image) {
      this.image = image;
      return this;
    }

    /** Sets {@link FeedInfo#generator()}. */
    public Builder generator(String generator) {
      this.generator = generator;
      return this;
    }

    /** Sets {@link FeedInfo#warnings()} (copied; no null elements). */
    public Builder warnings(List<String> warnings) {
      this.warnings = List.copyOf(warnings);
      return this;
    }

    /** The immutable metadata. */
    public FeedInfo build() {
      return new FeedInfo(this);
    }
  }
}
