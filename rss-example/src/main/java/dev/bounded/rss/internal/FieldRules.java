package dev.bounded.rss.internal;

import dev.bounded.rss.FeedText;
import java.util.HashMap;
import java.util.Map;

/**
 * Which element feeds which field: a table from (namespace, local name) to a {@link Rule}, one for
 * items and one for the channel (and an Atom entry's source). The RSS namespaces (none, RSS 1.0,
 * 0.90, Userland, Harvard) are looked up as {@code ""}, both Atom namespaces as {@link #ATOM10}.
 *
 * <p>When two elements feed one field, the higher {@link Rule#rank} wins; between equal ranks the
 * later element wins (feedparser keeps the last value of a repeated element), except Atom links,
 * where the first alternate wins.
 */
final class FieldRules {
  static final String ATOM10 = "http://www.w3.org/2005/Atom";
  static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
  static final String DC = "http://purl.org/dc/elements/1.1/";
  static final String DCTERMS = "http://purl.org/dc/terms/";
  static final String ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd";
  static final String MEDIA = "http://search.yahoo.com/mrss/";
  static final String XHTML = "http://www.w3.org/1999/xhtml";
  static final String ADMIN = "http://webns.net/mvcb/";

  /** The element the format defines for the field. */
  static final int PRIMARY = 3;

  /** A module's element for the same field (Dublin Core, Atom inside RSS). */
  static final int SECONDARY = 2;

  /** An element used only when nothing better is given (iTunes, Media RSS, Atom 0.3 created). */
  static final int FALLBACK = 1;

  /** A slot of {@link FieldSet}. */
  enum Slot {
    TITLE,
    SUMMARY,
    CONTENT,
    RIGHTS,
    LINK,
    ID,
    COMMENTS,
    DURATION,
    GENERATOR,
    LANGUAGE,
    IMAGE,
    THUMBNAIL,
    PUBLISHED,
    UPDATED
  }

  /** How an element is read. */
  enum Kind {
    /** A text construct into a {@link FeedText} slot, of the rule's type. */
    TEXT,
    /** An Atom text construct: type and mode attributes, base64. */
    ATOM_TEXT,
    /** Media RSS text: type="plain" or "html". */
    MEDIA_TEXT,
    /** Plain text into a String slot. */
    STRING,
    /** An address in the element's text, resolved. */
    URI,
    /** A date in the text. */
    DATE,
    /** A date that is the update time, and the publication time when none is given (dc:date). */
    DATE_BOTH,
    /** RSS guid, with isPermaLink. */
    GUID,
    /** An author as text: "Name", "email (Name)", "Name <email>". */
    PERSON_TEXT,
    /** A contributor as text. */
    CONTRIBUTOR_TEXT,
    /** An Atom person construct: name, email, uri. */
    PERSON,
    /** An Atom contributor person construct. */
    CONTRIBUTOR,
    /** A category in the text. */
    CATEGORY,
    /** A category in the term attribute. */
    ATOM_CATEGORY,
    /** iTunes category: text attribute, nested subcategories. */
    ITUNES_CATEGORY,
    /** Comma-separated keywords, each a category. */
    KEYWORDS,
    /** RSS enclosure url/type/length. */
    ENCLOSURE,
    /** Atom link: alternate, enclosure, replies. */
    ATOM_LINK,
    /** Media RSS content url/type/fileSize. */
    MEDIA_CONTENT,
    /** An address in the url attribute (media:thumbnail). */
    URL_ATTRIBUTE,
    /** An address in the href attribute (itunes:image). */
    HREF_ATTRIBUTE,
    /** RSS channel image: its url child. */
    IMAGE,
    /** A container read with the same table (media:group). */
    GROUP,
    /** Atom source: the feed metadata of the entry's origin. */
    SOURCE,
    /** RSS source: title text, url attribute. */
    RSS_SOURCE,
    /** Generator: text, else the agent's rdf:resource. */
    GENERATOR
  }

  /** One row: how to read the element and where it goes. */
  static final class Rule {
    final Kind kind;
    final Slot slot;
    final int rank;
    final FeedText.Type type;

    /** Prefixed name for messages and limit paths, such as "dc:title". */
    final String name;

    Rule(Kind kind, Slot slot, int rank, FeedText.Type type, String name) {
      this.kind = kind;
      this.slot = slot;
      this.rank = rank;
      this.type = type;
      this.name = name;
    }
  }

  static final Map<String, Map<String, Rule>> ITEM = new HashMap<>();
  static final Map<String, Map<String, Rule>> CHANNEL = new HashMap<>();

  private static final FeedText.Type TEXT = FeedText.Type.TEXT;
  private static final FeedText.Type HTML = FeedText.Type.HTML;
  private static final FeedText.Type XHTML_TYPE = FeedText.Type.XHTML;

  static {
    // RSS 0.9x, 1.0 and 2.0
    both("", "title", Kind.TEXT, Slot.TITLE, PRIMARY, TEXT);
    both("", "link", Kind.URI, Slot.LINK, PRIMARY, null);
    both("", "description", Kind.TEXT, Slot.SUMMARY, PRIMARY, HTML);
    both("", "category", Kind.CATEGORY, null, PRIMARY, null);
    item("", "summary", Kind.TEXT, Slot.SUMMARY, PRIMARY, HTML);
    item("", "guid", Kind.GUID, Slot.ID, PRIMARY, null);
    item("", "pubDate", Kind.DATE, Slot.PUBLISHED, PRIMARY, null);
    item("", "author", Kind.PERSON_TEXT, null, PRIMARY, null);
    item("", "enclosure", Kind.ENCLOSURE, null, PRIMARY, null);
    item("", "comments", Kind.URI, Slot.COMMENTS, PRIMARY, null);
    item("", "source", Kind.RSS_SOURCE, null, PRIMARY, null);
    item("", "body", Kind.TEXT, Slot.CONTENT, SECONDARY, XHTML_TYPE);
    item("", "fullitem", Kind.TEXT, Slot.CONTENT, SECONDARY, HTML);
    channel("", "language", Kind.STRING, Slot.LANGUAGE, PRIMARY, null);
    channel("", "copyright", Kind.TEXT, Slot.RIGHTS, PRIMARY, TEXT);
    channel("", "managingEditor", Kind.PERSON_TEXT, null, PRIMARY, null);
    channel("", "author", Kind.PERSON_TEXT, null, PRIMARY, null);
    channel("", "lastBuildDate", Kind.DATE, Slot.UPDATED, PRIMARY, null);
    channel("", "pubDate", Kind.DATE, Slot.UPDATED, SECONDARY, null);
    channel("", "image", Kind.IMAGE, Slot.IMAGE, PRIMARY, null);
    channel("", "generator", Kind.GENERATOR, Slot.GENERATOR, PRIMARY, null);

    // Atom 1.0 and 0.3 (also Atom elements inside RSS)
    both(ATOM10, "title", Kind.ATOM_TEXT, Slot.TITLE, PRIMARY, TEXT);
    both(ATOM10, "link", Kind.ATOM_LINK, Slot.LINK, PRIMARY, null);
    both(ATOM10, "id", Kind.STRING, Slot.ID, PRIMARY, null);
    both(ATOM10, "author", Kind.PERSON, null, PRIMARY, null);
    both(ATOM10, "contributor", Kind.CONTRIBUTOR, null, PRIMARY, null);
    both(ATOM10, "category", Kind.ATOM_CATEGORY, null, PRIMARY, null);
    both(ATOM10, "rights", Kind.ATOM_TEXT, Slot.RIGHTS, PRIMARY, TEXT);
    both(ATOM10, "copyright", Kind.ATOM_TEXT, Slot.RIGHTS, PRIMARY, TEXT);
    both(ATOM10, "updated", Kind.DATE, Slot.UPDATED, PRIMARY, null);
    both(ATOM10, "modified", Kind.DATE, Slot.UPDATED, PRIMARY, null);
    item(ATOM10, "summary", Kind.ATOM_TEXT, Slot.SUMMARY, PRIMARY, TEXT);
    item(ATOM10, "content", Kind.ATOM_TEXT, Slot.CONTENT, PRIMARY, TEXT);
    item(ATOM10, "published", Kind.DATE, Slot.PUBLISHED, PRIMARY, null);
    item(ATOM10, "issued", Kind.DATE, Slot.PUBLISHED, PRIMARY, null);
    item(ATOM10, "created", Kind.DATE, Slot.PUBLISHED, FALLBACK, null);
    item(ATOM10, "source", Kind.SOURCE, null, PRIMARY, null);
    channel(ATOM10, "subtitle", Kind.ATOM_TEXT, Slot.SUMMARY, PRIMARY, TEXT);
    channel(ATOM10, "tagline", Kind.ATOM_TEXT, Slot.SUMMARY, PRIMARY, TEXT);
    channel(ATOM10, "logo", Kind.URI, Slot.IMAGE, PRIMARY, null);
    channel(ATOM10, "icon", Kind.URI, Slot.IMAGE, FALLBACK, null);
    channel(ATOM10, "generator", Kind.GENERATOR, Slot.GENERATOR, PRIMARY, null);

    // Dublin Core and its terms
    both(DC, "title", Kind.TEXT, Slot.TITLE, SECONDARY, TEXT);
    both(DC, "creator", Kind.PERSON_TEXT, null, SECONDARY, null);
    both(DC, "author", Kind.PERSON_TEXT, null, SECONDARY, null);
    both(DC, "contributor", Kind.CONTRIBUTOR_TEXT, null, SECONDARY, null);
    both(DC, "subject", Kind.CATEGORY, null, SECONDARY, null);
    both(DC, "description", Kind.TEXT, Slot.SUMMARY, SECONDARY, HTML);
    both(DC, "rights", Kind.TEXT, Slot.RIGHTS, SECONDARY, TEXT);
    both(DC, "identifier", Kind.STRING, Slot.ID, SECONDARY, null);
    both(DC, "language", Kind.STRING, Slot.LANGUAGE, SECONDARY, null);
    item(DC, "date", Kind.DATE_BOTH, Slot.UPDATED, SECONDARY, null);
    channel(DC, "date", Kind.DATE, Slot.UPDATED, FALLBACK, null);
    item(DCTERMS, "issued", Kind.DATE, Slot.PUBLISHED, PRIMARY, null);
    item(DCTERMS, "created", Kind.DATE, Slot.PUBLISHED, FALLBACK, null);
    both(DCTERMS, "modified", Kind.DATE, Slot.UPDATED, SECONDARY, null);

    // Content, XHTML bodies
    item(CONTENT, "encoded", Kind.TEXT, Slot.CONTENT, PRIMARY, HTML);
    item(XHTML, "body", Kind.TEXT, Slot.CONTENT, SECONDARY, XHTML_TYPE);

    // iTunes
    both(ITUNES, "title", Kind.TEXT, Slot.TITLE, FALLBACK, TEXT);
    both(ITUNES, "author", Kind.PERSON_TEXT, null, FALLBACK, null);
    both(ITUNES, "summary", Kind.TEXT, Slot.SUMMARY, FALLBACK, TEXT);
    both(ITUNES, "subtitle", Kind.TEXT, Slot.SUMMARY, FALLBACK, TEXT);
    both(ITUNES, "keywords", Kind.KEYWORDS, null, FALLBACK, null);
    both(ITUNES, "category", Kind.ITUNES_CATEGORY, null, FALLBACK, null);
    item(ITUNES, "image", Kind.HREF_ATTRIBUTE, Slot.THUMBNAIL, FALLBACK, null);
    item(ITUNES, "duration", Kind.STRING, Slot.DURATION, PRIMARY, null);
    channel(ITUNES, "image", Kind.HREF_ATTRIBUTE, Slot.IMAGE, SECONDARY, null);

    // Media RSS
    both(MEDIA, "title", Kind.MEDIA_TEXT, Slot.TITLE, FALLBACK, TEXT);
    both(MEDIA, "description", Kind.MEDIA_TEXT, Slot.SUMMARY, FALLBACK, TEXT);
    both(MEDIA, "keywords", Kind.KEYWORDS, null, FALLBACK, null);
    both(MEDIA, "group", Kind.GROUP, null, PRIMARY, null);
    item(MEDIA, "content", Kind.MEDIA_CONTENT, null, PRIMARY, null);
    item(MEDIA, "thumbnail", Kind.URL_ATTRIBUTE, Slot.THUMBNAIL, PRIMARY, null);
    channel(MEDIA, "thumbnail", Kind.URL_ATTRIBUTE, Slot.IMAGE, FALLBACK, null);

    channel(ADMIN, "generatorAgent", Kind.GENERATOR, Slot.GENERATOR, SECONDARY, null);
  }

  private FieldRules() {}

  private static void both(
      String ns, String local, Kind kind, Slot slot, int rank, FeedText.Type type) {
    item(ns, local, kind, slot, rank, type);
    channel(ns, local, kind, slot, rank, type);
  }

  private static void item(
      String ns, String local, Kind kind, Slot slot, int rank, FeedText.Type type) {
    put(ITEM, ns, local, kind, slot, rank, type);
  }

  private static void channel(
      String ns, String local, Kind kind, Slot slot, int rank, FeedText.Type type) {
    put(CHANNEL, ns, local, kind, slot, rank, type);
  }

  private static void put(
      Map<String, Map<String, Rule>> table,
      String ns,
      String local,
      Kind kind,
      Slot slot,
      int rank,
      FeedText.Type type) {
    table
        .computeIfAbsent(ns, k -> new HashMap<>())
        .put(local, new Rule(kind, slot, rank, type, prefix(ns) + local));
  }

  private static String prefix(String ns) {
    switch (ns) {
      case "":
        return "";
      case ATOM10:
        return "atom:";
      case DC:
        return "dc:";
      case DCTERMS:
        return "dcterms:";
      case CONTENT:
        return "content:";
      case ITUNES:
        return "itunes:";
      case MEDIA:
        return "media:";
      case XHTML:
        return "xhtml:";
      default:
        return "admin:";
    }
  }
}
