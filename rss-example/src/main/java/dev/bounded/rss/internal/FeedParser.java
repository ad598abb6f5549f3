package dev.bounded.rss.internal;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.core.ParseLocation;
import dev.bounded.rss.Enclosure;
import dev.bounded.rss.FeedDates;
import dev.bounded.rss.FeedFormat;
import dev.bounded.rss.FeedInfo;
import dev.bounded.rss.FeedItem;
import dev.bounded.rss.FeedLimits;
import dev.bounded.rss.FieldOverflow;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The feed state machine over a bounded {@link XMLStreamReader}: detects the dialect from the root,
 * gathers channel metadata, and reads one item at a time into a {@link FeedItem}, holding at most
 * one item's capped fields. Every failure leaves as a {@link BoundedParseException}.
 */
public final class FeedParser {
  static final String RSS1 = "http://purl.org/rss/1.0/";
  static final String RSS090 = "http://my.netscape.com/rdf/simple/0.9/";
  static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
  static final String ATOM10 = "http://www.w3.org/2005/Atom";
  static final String ATOM03 = "http://purl.org/atom/ns#";
  static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
  static final String DC = "http://purl.org/dc/elements/1.1/";
  static final String DCTERMS = "http://purl.org/dc/terms/";
  static final String USERLAND = "http://backend.userland.com/rss2";
  static final String HARVARD = "http://blogs.law.harvard.edu/tech/rss";

  private final XMLStreamReader r;
  private final FeedLimits limits;
  private final long maxField;
  private final FieldOverflow overflow;
  // The text being gathered: a plain char array, so each field becomes a String with one copy
  // (compressed straight to Latin-1 where it fits) rather than via a StringBuilder, which stays
  // UTF-16 for good once one non-Latin-1 character passed through it. Grows up to maxFieldLength.
  private char[] buf = new char[256];
  private int len;
  private final Span span = new Span(); // a date's text, parsed where it lies in buf
  private FeedFormat format;
  private String itemPath;
  private String channelPath;
  private int depth;
  private int channelDepth = -1;
  private boolean done;
  private long items;
  private long skipped;

  // feed metadata
  private String infoTitle;
  private String infoLink;
  private String infoDescription;
  private String infoLanguage;
  private OffsetDateTime infoUpdated;
  private int infoUpdatedRank;

  // the item being read
  private Item item;

  /** Reads up to the root element and detects the dialect. */
  public FeedParser(XMLStreamReader r, FeedLimits limits) throws IOException {
    this.r = r;
    this.limits = limits;
    this.maxField = limits.maxFieldLength();
    this.overflow = limits.fieldOverflow();
    try {
      while (r.next() != XMLStreamConstants.START_ELEMENT) {
        // prolog: comments, PIs, DOCTYPE
      }
      depth = 1;
      detect(ns(), r.getLocalName());
    } catch (XMLStreamException e) {
      throw translate(e);
    }
  }

  private void detect(String ns, String local) throws BoundedParseException {
    if (local.equals("rss") && isRss(ns)) {
      String version = r.getAttributeValue(null, "version");
      format =
          version != null && version.strip().startsWith("0.")
              ? FeedFormat.RSS_0_9X
              : FeedFormat.RSS_2_0;
      channelPath = "/rss/channel/";
      itemPath = "/rss/channel/item";
    } else if (local.equals("RDF") && ns.equals(RDF)) {
      // RSS 1.0 and 0.90 put the dialect's namespace on channel and items, usually as the default.
      String dflt = r.getNamespaceContext().getNamespaceURI("");
      format = RSS090.equals(dflt) ? FeedFormat.RSS_0_90 : FeedFormat.RSS_1_0;
      channelPath = "/rdf:RDF/channel/";
      itemPath = "/rdf:RDF/item";
    } else if (local.equals("feed") && (ns.equals(ATOM10) || ns.equals(ATOM03))) {
      format = ns.equals(ATOM10) ? FeedFormat.ATOM_1_0 : FeedFormat.ATOM_0_3;
      channelDepth = 1;
      infoLanguage = blankToNull(r.getAttributeValue(XMLConstants.XML_NS_URI, "lang"));
      channelPath = "/feed/";
      itemPath = "/feed/entry";
    } else {
      throw new MalformedDocumentException(
          "Not an RSS or Atom feed: the root element is <"
              + BoundedParseException.excerpt(local, 64)
              + (ns.isEmpty() ? "" : "> in namespace " + BoundedParseException.excerpt(ns, 100))
              + (ns.isEmpty() ? ">" : ""),
          here(null),
          null);
    }
  }

  /** The detected dialect. */
  public FeedFormat format() {
    return format;
  }

  /** Items started so far (delivered, skipped, or the one failing). */
  public long items() {
    return items;
  }

  /** Items discarded under {@link FieldOverflow#SKIP_ITEM}. */
  public long skipped() {
    return skipped;
  }

  /** The metadata seen so far. */
  public FeedInfo info() {
    return new FeedInfo(format, infoTitle, infoLink, infoDescription, infoLanguage, infoUpdated);
  }

  /** The next item, or null at the end of the document. */
  public FeedItem next() throws IOException {
    if (done) {
      return null;
    }
    try {
      while (true) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          depth++;
          String ns = ns();
          String local = r.getLocalName();
          if (isItem(ns, local)) {
            FeedItem it = readItem();
            if (it != null) {
              return it;
            }
          } else if (channelDepth == -1 && depth == 2 && local.equals("channel")) {
            channelDepth = depth;
          } else if (channelDepth > 0 && depth == channelDepth + 1) {
            readMeta(ns, local);
          }
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          if (depth == channelDepth && !format.isAtom()) {
            channelDepth = -2; // the channel ended: later depth-3 elements are not its metadata
          }
          depth--;
        } else if (ev == XMLStreamConstants.END_DOCUMENT) {
          done = true;
          return null;
        }
      }
    } catch (XMLStreamException e) {
      throw translate(e);
    }
  }

  private boolean isItem(String ns, String local) {
    if (format.isAtom()) {
      return depth == 2 && local.equals("entry") && (ns.equals(ATOM10) || ns.equals(ATOM03));
    }
    return local.equals("item") && isRss(ns) && (depth == 2 || depth == 3 && channelDepth == 2);
  }

  private static boolean isRss(String ns) {
    return ns.isEmpty()
        || ns.equals(RSS1)
        || ns.equals(RSS090)
        || ns.equals(USERLAND)
        || ns.equals(HARVARD);
  }

  private static boolean isAtom(String ns) {
    return ns.equals(ATOM10) || ns.equals(ATOM03);
  }

  // ---------------------------------------------------------------- feed metadata

  private void readMeta(String ns, String local) throws IOException, XMLStreamException {
    String field = local;
    if (isRss(ns) && !format.isAtom() || isAtom(ns) && format.isAtom()) {
      switch (local) {
        case "title":
          infoTitle = first(infoTitle, text(field));
          return;
        case "link":
          if (format.isAtom()) {
            String rel = r.getAttributeValue(null, "rel");
            String href = r.getAttributeValue(null, "href");
            if ((rel == null || rel.equals("alternate")) && infoLink == null) {
              infoLink = blankToNull(cap(href, field));
            }
            skip();
          } else {
            infoLink = first(infoLink, text(field));
          }
          return;
        case "description":
        case "subtitle":
        case "tagline":
          infoDescription = first(infoDescription, text(field));
          return;
        case "language":
          infoLanguage = first(infoLanguage, text(field));
          return;
        case "lastBuildDate":
        case "updated":
        case "modified":
          metaDate(3, field);
          return;
        case "pubDate":
          metaDate(2, field);
          return;
        default:
          break;
      }
    } else if (ns.equals(DC)) {
      if (local.equals("language")) {
        infoLanguage = first(infoLanguage, text("dc:language"));
        return;
      }
      if (local.equals("date")) {
        metaDate(1, "dc:date");
        return;
      }
    }
    skip();
  }

  private void metaDate(int rank, String field) throws IOException, XMLStreamException {
    OffsetDateTime d = date(field);
    if (d != null && rank > infoUpdatedRank) {
      infoUpdated = d;
      infoUpdatedRank = rank;
    }
  }

  // ---------------------------------------------------------------- items

  /** A field and the rank of the element that set it: a higher rank wins, a tie keeps the first. */
  private static final class Ranked<T> {
    T value;
    int rank;
  }

  /** One item's fields, each with the rank of the element that set it; reused from item to item. */
  private static final class Item {
    FeedItem.Builder b;
    final Ranked<String> title = new Ranked<>();
    final Ranked<String> link = new Ranked<>();
    final Ranked<String> id = new Ranked<>();
    boolean guidIsPermaLink;
    final Ranked<OffsetDateTime> published = new Ranked<>();
    final Ranked<OffsetDateTime> updated = new Ranked<>();
    final Ranked<String> author = new Ranked<>();
    final Ranked<String> summary = new Ranked<>();
    final Ranked<String> content = new Ranked<>();
    Enclosure enclosure;
    long categories;
    long chars;
    boolean truncated;
    boolean skip;

    /** Ready for the next item: every field unset. */
    Item reset() {
      b = FeedItem.builder();
      clear(title);
      clear(link);
      clear(id);
      guidIsPermaLink = false;
      clear(published);
      clear(updated);
      clear(author);
      clear(summary);
      clear(content);
      enclosure = null;
      categories = 0;
      chars = 0;
      truncated = false;
      skip = false;
      return this;
    }

    private static void clear(Ranked<?> r) {
      r.value = null;
      r.rank = 0;
    }
  }

  private final Item itemState = new Item();

  private FeedItem readItem() throws IOException, XMLStreamException {
    items++;
    if (items > limits.maxItems()) {
      throw new LimitExceededException(
          Limit.MAX_ELEMENTS, limits.maxItems(), items, "FeedLimits.maxItems", here(itemPath));
    }
    Item it = itemState.reset();
    item = it;
    int itemDepth = depth;
    String about = r.getAttributeValue(RDF, "about");
    if (about != null) {
      set(it, it.id, cap(about, "rdf:about"), 3); // RSS 1.0: the item's own URI is its identity
    }
    while (true) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        depth++;
        child(it, ns(), r.getLocalName());
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
        if (depth < itemDepth) {
          break;
        }
      } else if (ev == XMLStreamConstants.END_DOCUMENT) {
        throw new MalformedDocumentException(
            "Unexpected end of document in an item", here(null), null);
      }
    }
    item = null;
    FeedItem.Builder b = it.b;
    it.b = null; // the next item starts a fresh builder
    if (it.skip) {
      skipped++;
      return null;
    }
    String link = it.link.value;
    if (link == null && it.guidIsPermaLink && it.id.value != null && looksLikeUrl(it.id.value)) {
      link = it.id.value; // RSS 2.0: a permalink guid is the item's address
    }
    return b.title(it.title.value)
        .link(link)
        .id(it.id.value)
        .published(it.published.value)
        .updated(it.updated.value)
        .author(it.author.value)
        .summary(it.summary.value)
        .content(it.content.value)
        .enclosure(it.enclosure)
        .truncated(it.truncated)
        .build();
  }

  private static boolean looksLikeUrl(String s) {
    String l = s.toLowerCase(Locale.ROOT);
    return l.startsWith("http://") || l.startsWith("https://");
  }

  /** Reads one child of an item, consuming it up to its end tag. */
  private void child(Item it, String ns, String local) throws IOException, XMLStreamException {
    boolean atom = isAtom(ns);
    boolean rss = !atom && isRss(ns) && (!format.isAtom() || !ns.isEmpty());
    if (rss) {
      switch (local) {
        case "title":
          set(it, it.title, text("title"), 3);
          return;
        case "link":
          set(it, it.link, text("link"), 3);
          return;
        case "description":
          set(it, it.summary, text("description"), 3);
          return;
        case "guid":
          {
            String perma = r.getAttributeValue(null, "isPermaLink");
            String id = text("guid");
            if (set(it, it.id, id, 3)) {
              it.guidIsPermaLink = perma == null || !perma.strip().equalsIgnoreCase("false");
            }
            return;
          }
        case "pubDate":
          setDate(it.published, date("pubDate"), 3);
          return;
        case "author":
          set(it, it.author, text("author"), 3);
          return;
        case "category":
          addCategory(it, text("category"));
          return;
        case "enclosure":
          enclosure(it, "url");
          skip();
          return;
        default:
          skip();
          return;
      }
    }
    if (atom) {
      switch (local) {
        case "title":
          set(it, it.title, text("atom:title"), 3);
          return;
        case "link":
          atomLink(it);
          skip();
          return;
        case "id":
          set(it, it.id, text("atom:id"), 3);
          return;
        case "published":
        case "issued":
          setDate(it.published, date("atom:" + local), 3);
          return;
        case "created":
          setDate(it.published, date("atom:created"), 1);
          return;
        case "updated":
        case "modified":
          setDate(it.updated, date("atom:" + local), 3);
          return;
        case "author":
          set(it, it.author, atomAuthor(), 3);
          return;
        case "category":
          {
            String term = r.getAttributeValue(null, "term");
            if (term != null) {
              addCategory(it, cap(term, "atom:category"));
            }
            skip();
            return;
          }
        case "summary":
          set(it, it.summary, atomText("atom:summary"), 3);
          return;
        case "content":
          set(it, it.content, atomText("atom:content"), 3);
          return;
        default:
          skip();
          return;
      }
    }
    if (ns.equals(DC)) {
      switch (local) {
        case "title":
          set(it, it.title, text("dc:title"), 1);
          return;
        case "creator":
          set(it, it.author, text("dc:creator"), 2);
          return;
        case "date":
          setDate(it.published, date("dc:date"), 2);
          return;
        case "subject":
          addCategory(it, text("dc:subject"));
          return;
        case "description":
          set(it, it.summary, text("dc:description"), 1);
          return;
        case "identifier":
          set(it, it.id, text("dc:identifier"), 2);
          return;
        default:
          break;
      }
    } else if (ns.equals(DCTERMS)) {
      switch (local) {
        case "issued":
          setDate(it.published, date("dcterms:issued"), 2);
          return;
        case "created":
          setDate(it.published, date("dcterms:created"), 1);
          return;
        case "modified":
          setDate(it.updated, date("dcterms:modified"), 2);
          return;
        default:
          break;
      }
    } else if (ns.equals(CONTENT) && local.equals("encoded")) {
      set(it, it.content, text("content:encoded"), 3);
      return;
    }
    skip();
  }

  /** Sets a text field if {@code rank} beats the element that set it before; true if it did. */
  private boolean set(Item it, Ranked<String> field, String v, int rank)
      throws BoundedParseException {
    if (v != null && rank > field.rank) {
      field.value = retain(it, v);
      field.rank = rank;
      return true;
    }
    return false;
  }

  /** Sets a date field, parsed leniently, if {@code rank} beats the element that set it before. */
  private static void setDate(Ranked<OffsetDateTime> field, OffsetDateTime d, int rank) {
    if (d != null && rank > field.rank) {
      field.value = d;
      field.rank = rank;
    }
  }

  private void addCategory(Item it, String v) throws BoundedParseException {
    if (v == null) {
      return;
    }
    if (it.categories >= limits.maxCategories()) {
      if (overflow == FieldOverflow.FAIL) {
        throw new LimitExceededException(
            Limit.MAX_ELEMENTS,
            limits.maxCategories(),
            it.categories + 1,
            "FeedLimits.maxCategories",
            here(itemPath + "[" + items + "]/category"));
      }
      if (overflow == FieldOverflow.SKIP_ITEM) {
        it.skip = true;
      }
      it.truncated = true;
      return;
    }
    it.categories++;
    it.b.addCategory(retain(it, v));
  }

  /** Counts {@code v} against maxItemLength. */
  private String retain(Item it, String v) throws BoundedParseException {
    long total = it.chars + v.length();
    if (total > limits.maxItemLength()) {
      if (overflow == FieldOverflow.FAIL) {
        throw new LimitExceededException(
            Limit.MAX_TEXT_LENGTH,
            limits.maxItemLength(),
            total,
            "FeedLimits.maxItemLength",
            here(itemPath + "[" + items + "]"));
      }
      if (overflow == FieldOverflow.SKIP_ITEM) {
        it.skip = true;
      }
      it.truncated = true;
      long room = Math.max(0, limits.maxItemLength() - it.chars);
      v = v.substring(0, (int) Math.min(v.length(), room));
      total = it.chars + v.length();
    }
    it.chars = total;
    return v;
  }

  private void enclosure(Item it, String urlAttr) throws BoundedParseException {
    if (it.enclosure != null) {
      return;
    }
    String url = blankToNull(r.getAttributeValue(null, urlAttr));
    if (url == null) {
      return;
    }
    String type = blankToNull(r.getAttributeValue(null, "type"));
    long length = parseLength(r.getAttributeValue(null, "length"));
    url = retain(it, cap(url, "enclosure"));
    it.enclosure =
        new Enclosure(url, type == null ? null : retain(it, cap(type, "enclosure")), length);
  }

  private static long parseLength(String s) {
    if (s == null) {
      return -1;
    }
    s = s.strip();
    if (s.isEmpty() || s.length() > 18) {
      return -1;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return -1;
      }
    }
    return Long.parseLong(s);
  }

  private void atomLink(Item it) throws BoundedParseException {
    String rel = r.getAttributeValue(null, "rel");
    rel = rel == null ? "alternate" : rel.strip();
    if (rel.equals("alternate")
        || rel.equals("http://www.iana.org/assignments/relation/alternate")) {
      String href = blankToNull(r.getAttributeValue(null, "href"));
      if (href != null) {
        set(it, it.link, cap(href, "atom:link"), 3);
      }
    } else if (rel.equals("enclosure")) {
      enclosure(it, "href");
    }
  }

  /** Atom person: the name, else the e-mail address. */
  private String atomAuthor() throws IOException, XMLStreamException {
    int start = depth;
    String name = null;
    String email = null;
    while (true) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        depth++;
        String local = r.getLocalName();
        if (depth == start + 1 && isAtom(ns()) && local.equals("name")) {
          name = first(name, text("atom:name"));
        } else if (depth == start + 1 && isAtom(ns()) && local.equals("email")) {
          email = first(email, text("atom:email"));
        } else {
          skip();
        }
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
        if (depth < start) {
          return name != null ? name : email;
        }
      }
    }
  }

  /** Atom text construct: xhtml (and Atom 0.3 mode="xml") content is kept as markup. */
  private String atomText(String field) throws IOException, XMLStreamException {
    String type = r.getAttributeValue(null, "type");
    String mode = r.getAttributeValue(null, "mode");
    boolean markup =
        type != null && (type.strip().equals("xhtml") || type.strip().endsWith("xhtml+xml"))
            || "xml".equals(mode);
    if (r.getAttributeValue(null, "src") != null) {
      skip();
      return null;
    }
    return markup ? markup(field) : text(field);
  }

  // ---------------------------------------------------------------- gathering text

  /**
   * The text of the current element and its descendants, trimmed, or null if blank; consumes the
   * element. Capped at maxFieldLength.
   */
  private String text(String field) throws IOException, XMLStreamException {
    String single = gather(field, true);
    return single != null ? single : finish();
  }

  /**
   * The date in the current element's text (gathered as by {@link #text}), parsed leniently by
   * {@link FeedDates#parse} straight from the buffer, with no String made for it.
   */
  private OffsetDateTime date(String field) throws IOException, XMLStreamException {
    gather(field, false);
    Span t = trimmed();
    return t == null ? null : FeedDates.parse(t);
  }

  /** A reusable view of part of the text buffer. */
  private static final class Span implements CharSequence {
    private char[] chars;
    private int from;
    private int length;

    Span of(char[] chars, int from, int length) {
      this.chars = chars;
      this.from = from;
      this.length = length;
      return this;
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public char charAt(int index) {
      java.util.Objects.checkIndex(index, length);
      return chars[from + index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      java.util.Objects.checkFromToIndex(start, end, length);
      return new String(chars, from + start, end - start);
    }

    @Override
    public String toString() {
      return new String(chars, from, length);
    }
  }

  /**
   * Gathers the text of the current element and its descendants into the buffer, capped at
   * maxFieldLength; consumes the element. With {@code allowSingle}, text that arrives as one event
   * with nothing to trim (most fields) is returned as a String made straight from the parser's
   * buffer, skipping the copy into ours, and the buffer stays empty; otherwise returns null.
   */
  private String gather(String field, boolean allowSingle) throws IOException, XMLStreamException {
    len = 0;
    // Most fields are one text event with nothing to trim: made into a String straight from the
    // parser's buffer, skipping the copy into ours. A second event moves it into ours after all.
    String single = null;
    boolean cut = false;
    int start = depth;
    while (true) {
      int ev = r.next();
      switch (ev) {
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.CDATA:
        case XMLStreamConstants.SPACE:
          if (!cut) {
            char[] c = r.getTextCharacters();
            int off = r.getTextStart();
            int n = r.getTextLength();
            if (allowSingle
                && len == 0
                && single == null
                && n > 0
                && n <= maxField
                && !Character.isWhitespace(c[off])
                && !Character.isWhitespace(c[off + n - 1])) {
              single = new String(c, off, n);
            } else {
              if (single != null) {
                append(single, field); // within the cap: it was checked above
                single = null;
              }
              cut = append(c, off, n, field);
            }
          }
          break;
        case XMLStreamConstants.START_ELEMENT:
          depth++;
          break;
        case XMLStreamConstants.END_ELEMENT:
          depth--;
          if (depth < start) {
            return single;
          }
          break;
        case XMLStreamConstants.END_DOCUMENT:
          throw new MalformedDocumentException("Unexpected end of document", here(null), null);
        default:
          break;
      }
    }
  }

  /** The content of the current element as XML markup (its wrapping xhtml div dropped). */
  private String markup(String field) throws IOException, XMLStreamException {
    len = 0;
    boolean cut = false;
    int start = depth;
    int divDepth = -1;
    while (true) {
      int ev = r.next();
      switch (ev) {
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.CDATA:
        case XMLStreamConstants.SPACE:
          if (!cut) {
            cut = appendEscaped(r.getTextCharacters(), r.getTextStart(), r.getTextLength(), field);
          }
          break;
        case XMLStreamConstants.START_ELEMENT:
          depth++;
          if (depth == start + 1
              && divDepth < 0
              && r.getLocalName().equals("div")
              && "http://www.w3.org/1999/xhtml".equals(r.getNamespaceURI())
              && isBlank()) {
            divDepth = depth;
            len = 0;
            break;
          }
          if (!cut) {
            StringBuilder tag = new StringBuilder().append('<').append(r.getLocalName());
            for (int i = 0; i < r.getAttributeCount(); i++) {
              tag.append(' ').append(r.getAttributeLocalName(i)).append("=\"");
              escape(tag, r.getAttributeValue(i), true);
              tag.append('"');
            }
            tag.append('>');
            cut = append(tag, field);
          }
          break;
        case XMLStreamConstants.END_ELEMENT:
          if (depth == divDepth) {
            divDepth = -2; // dropped; later siblings are kept
          } else if (depth > start && !cut) {
            cut = append("</" + r.getLocalName() + ">", field);
          }
          depth--;
          if (depth < start) {
            return finish();
          }
          break;
        case XMLStreamConstants.END_DOCUMENT:
          throw new MalformedDocumentException("Unexpected end of document", here(null), null);
        default:
          break;
      }
    }
  }

  private boolean appendEscaped(char[] c, int off, int len, String field)
      throws BoundedParseException {
    StringBuilder sb = new StringBuilder(len + 16);
    escape(sb, new String(c, off, len), false);
    return append(sb, field);
  }

  private static void escape(StringBuilder sb, String s, boolean attr) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '<') {
        sb.append("&lt;");
      } else if (ch == '&') {
        sb.append("&amp;");
      } else if (ch == '>') {
        sb.append("&gt;");
      } else if (attr && ch == '"') {
        sb.append("&quot;");
      } else {
        sb.append(ch);
      }
    }
  }

  private boolean append(CharSequence cs, String field) throws BoundedParseException {
    String s = cs.toString();
    int n = s.length();
    if (len + (long) n <= maxField) {
      s.getChars(0, n, room(n), len);
      len += n;
      return false;
    }
    overflowField(field, len + (long) n);
    int part = (int) (maxField - len);
    s.getChars(0, part, room(part), len);
    len += part;
    return true;
  }

  /** Appends under the field cap; true once the field was cut (the rest is then ignored). */
  private boolean append(char[] c, int off, int n, String field) throws BoundedParseException {
    if (len + (long) n <= maxField) {
      System.arraycopy(c, off, room(n), len, n);
      len += n;
      return false;
    }
    overflowField(field, len + (long) n);
    int part = (int) (maxField - len);
    System.arraycopy(c, off, room(part), len, part);
    len += part;
    return true;
  }

  /** The buffer, grown if needed to take {@code n} more chars (never past what the cap allows). */
  private char[] room(int n) {
    int need = len + n;
    if (need > buf.length) {
      long grown =
          Math.max(need, Math.min(2L * buf.length, Math.min(maxField, Integer.MAX_VALUE - 16)));
      buf = java.util.Arrays.copyOf(buf, (int) grown);
    }
    return buf;
  }

  /** True if the gathered text is empty or all whitespace (as {@link String#isBlank()}). */
  private boolean isBlank() {
    for (int i = 0; i < len; i++) {
      if (!Character.isWhitespace(buf[i])) {
        return false;
      }
    }
    return true;
  }

  private void overflowField(String field, long actual) throws BoundedParseException {
    if (overflow == FieldOverflow.FAIL) {
      throw new LimitExceededException(
          Limit.MAX_TEXT_LENGTH,
          maxField,
          maxField + 1,
          "FeedLimits.maxFieldLength",
          here(path(field)));
    }
    if (item != null) {
      item.truncated = true;
      if (overflow == FieldOverflow.SKIP_ITEM) {
        item.skip = true;
      }
    }
  }

  /** An attribute value under the field cap. */
  private String cap(String v, String field) throws BoundedParseException {
    if (v == null || v.length() <= maxField) {
      return v;
    }
    overflowField(field, v.length());
    return v.substring(0, (int) maxField);
  }

  private String path(String field) {
    return item != null ? itemPath + "[" + items + "]/" + field : channelPath + field;
  }

  private String finish() {
    Span t = trimmed();
    return t == null ? null : t.toString();
  }

  /** The buffer without leading and trailing whitespace, as the reusable span; null if blank. */
  private Span trimmed() {
    int from = 0;
    int to = len;
    while (from < to && Character.isWhitespace(buf[from])) {
      from++;
    }
    while (to > from && Character.isWhitespace(buf[to - 1])) {
      to--;
    }
    return from == to ? null : span.of(buf, from, to - from);
  }

  /** Consumes the current element and its descendants. */
  private void skip() throws XMLStreamException, IOException {
    int start = depth;
    while (true) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
        if (depth < start) {
          return;
        }
      } else if (ev == XMLStreamConstants.END_DOCUMENT) {
        throw new MalformedDocumentException("Unexpected end of document", here(null), null);
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private String ns() {
    String ns = r.getNamespaceURI();
    return ns == null ? "" : ns;
  }

  private static String first(String current, String v) {
    return current != null ? current : v;
  }

  private static String blankToNull(String s) {
    if (s == null) {
      return null;
    }
    s = s.strip();
    return s.isEmpty() ? null : s;
  }

  private ParseLocation here(String path) {
    Location l = r.getLocation();
    return l == null
        ? ParseLocation.of(-1, -1, -1, path)
        : ParseLocation.of(l.getLineNumber(), l.getColumnNumber(), -1, path);
  }

  /** Our exception out of the reader's; the source's own I/O failure as it is. */
  static IOException translate(XMLStreamException e) {
    BoundedParseException ours = BoundedParseException.find(e).orElse(null);
    if (ours != null) {
      return ours;
    }
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return (IOException) t;
      }
    }
    return new MalformedDocumentException(
        BoundedParseException.excerpt(String.valueOf(e.getMessage()), 300),
        ParseLocation.UNKNOWN,
        e);
  }
}
