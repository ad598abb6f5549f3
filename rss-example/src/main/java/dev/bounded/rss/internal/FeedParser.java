package dev.bounded.rss.internal;

import static dev.bounded.rss.internal.FieldRules.ATOM10;
import static dev.bounded.rss.internal.FieldRules.ITUNES;
import static dev.bounded.rss.internal.FieldRules.XHTML;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.core.ParseLocation;
import dev.bounded.core.internal.ParseErrors;
import dev.bounded.rss.Enclosure;
import dev.bounded.rss.FeedDates;
import dev.bounded.rss.FeedFormat;
import dev.bounded.rss.FeedInfo;
import dev.bounded.rss.FeedItem;
import dev.bounded.rss.FeedLimits;
import dev.bounded.rss.FeedPerson;
import dev.bounded.rss.FeedText;
import dev.bounded.rss.FieldOverflow;
import dev.bounded.rss.internal.FieldRules.Kind;
import dev.bounded.rss.internal.FieldRules.Rule;
import dev.bounded.rss.internal.FieldRules.Slot;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The feed state machine over a bounded {@link XMLStreamReader}: detects the dialect from the root,
 * gathers channel metadata, and reads one item at a time into a {@link FeedItem}, holding at most
 * one item's capped fields. Which element feeds which field is the table in {@link FieldRules}.
 * Tracks xml:base and xml:lang per element to resolve addresses and type text. Every failure leaves
 * as a {@link BoundedParseException}.
 */
public final class FeedParser {
  static final String RSS1 = "http://purl.org/rss/1.0/";
  static final String RSS090 = "http://my.netscape.com/rdf/simple/0.9/";
  static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
  static final String ATOM03 = "http://purl.org/atom/ns#";
  static final String USERLAND = "http://backend.userland.com/rss2";
  static final String USERLAND_RSS = "http://backend.userland.com/rss";
  static final String HARVARD = "http://blogs.law.harvard.edu/tech/rss";
  static final String SVG = "http://www.w3.org/2000/svg";

  private final XMLStreamReader r;
  private final FeedLimits limits;
  private final long maxField;
  private final FieldOverflow overflow;
  private final Warnings warnings;
  // The text being gathered: a plain char array, so each field becomes a String with one copy
  // (compressed straight to Latin-1 where it fits) rather than via a StringBuilder, which stays
  // UTF-16 for good once one non-Latin-1 character passed through it. Grows up to maxFieldLength.
  private char[] buf = new char[256];
  private int len;
  private final Span span = new Span(); // a date's text, parsed where it lies in buf
  private final StringBuilder tag = new StringBuilder(64);
  private FeedFormat format;
  private String itemPath;
  private String channelPath;
  private int depth;
  private int channelDepth = -1;
  private boolean done;
  private long items;
  private long skipped;
  // xml:base and xml:lang in scope at each depth (index 0: the document's address)
  private String[] bases = new String[32];
  private String[] langs = new String[32];
  // markup serialisation state of the field being gathered
  private boolean justOpened;
  private Set<String> declared;

  // The rules found so far, by (table, namespace, local name) compared by identity: the XML
  // parsers hand out the same String for a name each time (their symbol tables), so an element
  // met before costs a hash of two cached String hashes and three reference compares rather than
  // two map lookups and the namespace's classification. A collision or another String instance
  // falls back to the tables.
  private static final int RULE_CACHE = 64;
  private static final Rule NO_RULE = new Rule(null, null, 0, null, null);
  private final Object[] cachedTable = new Object[RULE_CACHE];
  private final String[] cachedNs = new String[RULE_CACHE];
  private final String[] cachedLocal = new String[RULE_CACHE];
  private final Rule[] cachedRule = new Rule[RULE_CACHE];

  private final FieldSet channel = new FieldSet(null);
  private final FieldSet itemFields = new FieldSet(null);
  private FieldSet item; // the item being read, for its length account and flags

  /**
   * Reads up to the root element and detects the dialect.
   *
   * @param documentUri the document's address (or its Content-Location), the base of relative
   *     addresses; null if unknown
   */
  public FeedParser(XMLStreamReader r, FeedLimits limits, String documentUri, Warnings warnings)
      throws IOException {
    this.r = r;
    this.limits = limits;
    this.maxField = limits.maxFieldLength();
    this.overflow = limits.fieldOverflow();
    this.warnings = warnings;
    bases[0] = documentUri;
    try {
      while (r.next() != XMLStreamConstants.START_ELEMENT) {
        // prolog: comments, PIs, DOCTYPE
      }
      enter();
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
    } else if (local.equals("feed") && isAtom(ns)) {
      format = ns.equals(ATOM10) ? FeedFormat.ATOM_1_0 : FeedFormat.ATOM_0_3;
      channelDepth = 1;
      String lang = langs[1];
      if (lang != null) {
        channel.set(Slot.LANGUAGE, lang, FieldRules.PRIMARY);
      }
      channelPath = "/feed/";
      itemPath = "/feed/entry";
    } else {
      throw new MalformedDocumentException(
          "Not an RSS or Atom feed: the root element is <"
              + ParseErrors.excerpt(local, 64)
              + (ns.isEmpty() ? "" : "> in namespace " + ParseErrors.excerpt(ns, 100))
              + (ns.isEmpty() ? ">" : "")
              + "; a feed's root is <rss>, <rdf:RDF> or Atom's <feed>",
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

  /** The metadata seen so far, with the warnings so far. */
  public FeedInfo info() {
    return channel.info(format, warnings.list());
  }

  /** Ends the read early (a tolerated break): {@link #next()} returns null from now on. */
  public void stop() {
    done = true;
  }

  /** Where the parser is, for messages: "line L, column C". */
  public String position() {
    Location l = r.getLocation();
    return l == null
        ? "at an unknown place"
        : "line " + l.getLineNumber() + ", column " + l.getColumnNumber();
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
          enter();
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
            child(channel, FieldRules.CHANNEL, ns, local);
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
      return depth == 2 && local.equals("entry") && isAtom(ns);
    }
    return local.equals("item") && isRss(ns) && (depth == 2 || depth == 3 && channelDepth == 2);
  }

  private static boolean isRss(String ns) {
    return ns.isEmpty()
        || ns.equals(RSS1)
        || ns.equals(RSS090)
        || ns.equals(USERLAND)
        || ns.equals(USERLAND_RSS)
        || ns.equals(HARVARD);
  }

  private static boolean isAtom(String ns) {
    return ns.equals(ATOM10) || ns.equals(ATOM03);
  }

  /** The namespace as the rule tables key it. */
  private String tableKey(String ns) {
    if (ns.isEmpty()) {
      return format.isAtom() ? "?" : ""; // in an Atom feed, elements in no namespace are not RSS's
    }
    if (isAtom(ns)) {
      return ATOM10;
    }
    if (isRss(ns)) {
      // in an Atom feed, elements in no namespace are not RSS's
      return format.isAtom() && ns.isEmpty() ? "?" : "";
    }
    return ns;
  }

  // ---------------------------------------------------------------- items

  private FeedItem readItem() throws IOException, XMLStreamException {
    items++;
    if (items > limits.maxItems()) {
      throw new LimitExceededException(
          Limit.MAX_ELEMENTS, limits.maxItems(), items, "FeedLimits.maxItems", here(itemPath));
    }
    FieldSet it = itemFields.reset();
    item = it;
    int itemDepth = depth;
    String about = r.getAttributeValue(RDF, "about");
    if (about != null) {
      // RSS 1.0: the item's own URI is its identity
      it.set(Slot.ID, retain(it, cap(about, "rdf:about")), FieldRules.PRIMARY);
    }
    while (true) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        enter();
        child(it, FieldRules.ITEM, ns(), r.getLocalName());
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
    if (it.skip) {
      skipped++;
      return null;
    }
    return it.item(channel.str(Slot.LANGUAGE));
  }

  /** Reads one child of an item or the channel by its rule, consuming it up to its end tag. */
  private void child(FieldSet f, Map<String, Map<String, Rule>> table, String ns, String local)
      throws IOException, XMLStreamException {
    Rule rule = rule(table, ns, local);
    if (rule == null) {
      skip();
      return;
    }
    String base = bases[depth];
    switch (rule.kind) {
      case TEXT:
      case ATOM_TEXT:
      case MEDIA_TEXT:
        {
          FeedText t = text(rule, f);
          if (t != null) {
            f.set(rule.slot, t, rule.rank);
          }
          return;
        }
      case STRING:
        f.set(rule.slot, retain(f, text(rule.name)), rule.rank);
        return;
      case URI:
        f.set(rule.slot, retain(f, resolve(base, text(rule.name))), rule.rank);
        return;
      case DATE:
      case DATE_BOTH:
        {
          OffsetDateTime d = date(rule.name);
          if (d != null) {
            f.set(rule.slot, d, rule.rank);
            if (rule.kind == Kind.DATE_BOTH) {
              f.set(Slot.PUBLISHED, d, FieldRules.FALLBACK);
            }
          }
          return;
        }
      case GUID:
        {
          String perma = r.getAttributeValue(null, "isPermaLink");
          String id = text(rule.name);
          if (id != null && f.set(rule.slot, retain(f, id), rule.rank)) {
            f.guidIsPermaLink =
                perma == null
                    || !(perma.equals("false") || perma.strip().equalsIgnoreCase("false"));
          }
          return;
        }
      case PERSON_TEXT:
      case CONTRIBUTOR_TEXT:
        {
          String v = text(rule.name);
          if (v != null) {
            f.addPerson(rule.kind == Kind.CONTRIBUTOR_TEXT, splitPerson(v), this);
          }
          return;
        }
      case PERSON:
      case CONTRIBUTOR:
        {
          FeedPerson p = person(rule.name, base);
          if (p != null) {
            f.addPerson(rule.kind == Kind.CONTRIBUTOR, p, this);
          }
          return;
        }
      case CATEGORY:
        f.addCategory(text(rule.name), this);
        return;
      case ATOM_CATEGORY:
        {
          String term = blankToNull(r.getAttributeValue(null, "term"));
          if (term == null) {
            term = blankToNull(r.getAttributeValue(null, "label"));
          }
          f.addCategory(cap(term, rule.name), this);
          skip();
          return;
        }
      case ITUNES_CATEGORY:
        itunesCategory(f, rule.name);
        return;
      case KEYWORDS:
        {
          String v = text(rule.name);
          if (v != null) {
            for (String k : v.split(",")) {
              f.addCategory(blankToNull(k), this);
            }
          }
          return;
        }
      case ENCLOSURE:
        f.addEnclosure(enclosure("url", "length", base, rule.name), this);
        skip();
        return;
      case MEDIA_CONTENT:
        f.addEnclosure(enclosure("url", "fileSize", base, rule.name), this);
        skip();
        return;
      case ATOM_LINK:
        atomLink(f, rule, base);
        skip();
        return;
      case URL_ATTRIBUTE:
      case HREF_ATTRIBUTE:
        {
          String v = r.getAttributeValue(null, rule.kind == Kind.URL_ATTRIBUTE ? "url" : "href");
          v = blankToNull(cap(v, rule.name));
          f.set(rule.slot, retain(f, resolve(base, v)), rule.rank);
          skip();
          return;
        }
      case IMAGE:
      case GROUP:
      case SOURCE:
        container(f, rule, table);
        return;
      case RSS_SOURCE:
        {
          String url = blankToNull(cap(r.getAttributeValue(null, "url"), rule.name));
          String title = text(rule.name);
          FieldSet src = new FieldSet(f);
          if (title != null) {
            src.set(Slot.TITLE, new FeedText(retain(f, title), FeedText.Type.TEXT, null, base), 1);
          }
          src.set(Slot.LINK, retain(f, resolve(base, url)), 1);
          f.source = src.info(format, List.of());
          return;
        }
      case GENERATOR:
        {
          String agent = r.getAttributeValue(RDF, "resource");
          String v = text(rule.name);
          f.set(
              rule.slot, retain(f, v != null ? v : blankToNull(cap(agent, rule.name))), rule.rank);
          return;
        }
      default:
        skip();
    }
  }

  /** The rule of the element (ns, local) in {@code table}, or null if it has none. */
  private Rule rule(Map<String, Map<String, Rule>> table, String ns, String local) {
    int at = (local.hashCode() * 31 + ns.hashCode()) & (RULE_CACHE - 1);
    if (cachedLocal[at] == local && cachedNs[at] == ns && cachedTable[at] == table) {
      Rule hit = cachedRule[at];
      return hit == NO_RULE ? null : hit;
    }
    Map<String, Rule> byName = table.get(tableKey(ns));
    Rule rule = byName == null ? null : byName.get(local);
    cachedTable[at] = table;
    cachedNs[at] = ns;
    cachedLocal[at] = local;
    cachedRule[at] = rule == null ? NO_RULE : rule;
    return rule;
  }

  /** Children of an image, a media:group or an Atom source, each by its own rule. */
  private void container(FieldSet f, Rule rule, Map<String, Map<String, Rule>> table)
      throws IOException, XMLStreamException {
    FieldSet target = rule.kind == Kind.SOURCE ? new FieldSet(f) : f;
    int start = depth;
    while (true) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        enter();
        if (depth == start + 1 && rule.kind == Kind.IMAGE) {
          if (r.getLocalName().equals("url") && isRss(ns())) {
            String base = bases[depth];
            f.set(rule.slot, retain(f, resolve(base, text(rule.name + "/url"))), rule.rank);
          } else {
            skip();
          }
        } else if (depth == start + 1) {
          child(
              target,
              rule.kind == Kind.SOURCE ? FieldRules.CHANNEL : table,
              ns(),
              r.getLocalName());
        } else {
          skip();
        }
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
        if (depth < start) {
          break;
        }
      } else if (ev == XMLStreamConstants.END_DOCUMENT) {
        throw new MalformedDocumentException("Unexpected end of document", here(null), null);
      }
    }
    if (rule.kind == Kind.SOURCE) {
      f.source = target.info(format, List.of());
    }
  }

  private void itunesCategory(FieldSet f, String field) throws IOException, XMLStreamException {
    f.addCategory(blankToNull(cap(r.getAttributeValue(null, "text"), field)), this);
    int start = depth;
    while (true) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        enter();
        if (r.getLocalName().equals("category") && ITUNES.equals(ns())) {
          f.addCategory(blankToNull(cap(r.getAttributeValue(null, "text"), field)), this);
        }
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

  private Enclosure enclosure(String urlAttr, String lengthAttr, String base, String field)
      throws BoundedParseException {
    String url = blankToNull(r.getAttributeValue(null, urlAttr));
    if (url == null) {
      return null;
    }
    String type = blankToNull(r.getAttributeValue(null, "type"));
    long length = parseLength(r.getAttributeValue(null, lengthAttr));
    return Enclosure.of(resolve(base, cap(url, field)), cap(type, field), length);
  }

  private void atomLink(FieldSet f, Rule rule, String base) throws BoundedParseException {
    String rel = r.getAttributeValue(null, "rel");
    rel = rel == null ? "alternate" : rel.strip();
    String href = blankToNull(cap(r.getAttributeValue(null, "href"), rule.name));
    if (href == null) {
      return;
    }
    if (rel.equals("alternate")
        || rel.equals("http://www.iana.org/assignments/relation/alternate")) {
      // the first alternate link wins; in RSS, the RSS link outranks it
      int rank = format.isAtom() ? rule.rank : FieldRules.SECONDARY;
      if (rank > f.rank(Slot.LINK)) {
        f.set(Slot.LINK, retain(f, resolve(base, href)), rank);
      }
    } else if (rel.equals("enclosure")) {
      f.addEnclosure(enclosure("href", "length", base, rule.name), this);
    } else if (rel.equals("replies")) {
      if (f.rank(Slot.COMMENTS) == 0) {
        f.set(Slot.COMMENTS, retain(f, resolve(base, href)), FieldRules.SECONDARY);
      }
    }
  }

  /** Atom person: name, email, uri (url in 0.3). */
  private FeedPerson person(String field, String base) throws IOException, XMLStreamException {
    int start = depth;
    String name = null;
    String email = null;
    String uri = null;
    while (true) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        enter();
        String local = r.getLocalName();
        if (depth == start + 1 && isAtom(ns()) && local.equals("name")) {
          name = text(field + "/name");
        } else if (depth == start + 1 && isAtom(ns()) && local.equals("email")) {
          email = text(field + "/email");
        } else if (depth == start + 1
            && isAtom(ns())
            && (local.equals("uri") || local.equals("url"))) {
          String b = bases[depth];
          uri = resolve(b, text(field + "/uri"));
        } else {
          skip();
        }
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
        if (depth < start) {
          return name == null && email == null && uri == null
              ? null
              : new FeedPerson(name, email, uri);
        }
      } else if (ev == XMLStreamConstants.END_DOCUMENT) {
        throw new MalformedDocumentException("Unexpected end of document", here(null), null);
      }
    }
  }

  /** "Name", "email (Name)", "Name (email)", "Name <email>" or a bare address. */
  static FeedPerson splitPerson(String s) {
    int n = s.length();
    if (s.indexOf('@') < 0) {
      return new FeedPerson(s, null, null); // no address: all name
    }
    if (s.charAt(n - 1) == ')') {
      int open = s.lastIndexOf('(');
      if (open > 0) {
        int outerEnd = open;
        while (outerEnd > 0 && Character.isWhitespace(s.charAt(outerEnd - 1))) {
          outerEnd--;
        }
        int innerStart = open + 1;
        int innerEnd = n - 1;
        while (innerStart < innerEnd && Character.isWhitespace(s.charAt(innerStart))) {
          innerStart++;
        }
        while (innerEnd > innerStart && Character.isWhitespace(s.charAt(innerEnd - 1))) {
          innerEnd--;
        }
        if (isEmail(s, 0, outerEnd)) {
          return new FeedPerson(
              innerStart < innerEnd ? s.substring(innerStart, innerEnd) : null,
              stripMailto(s.substring(0, outerEnd)),
              null);
        }
        if (isEmail(s, innerStart, innerEnd)) {
          return new FeedPerson(
              s.substring(0, outerEnd), stripMailto(s.substring(innerStart, innerEnd)), null);
        }
      }
    }
    int lt = s.indexOf('<');
    if (lt > 0 && s.charAt(n - 1) == '>' && isEmail(s, lt + 1, n - 1)) {
      return new FeedPerson(
          s.substring(0, lt).strip(), stripMailto(s.substring(lt + 1, n - 1).strip()), null);
    }
    if (isEmail(s, 0, n)) {
      return new FeedPerson(null, stripMailto(s), null);
    }
    return new FeedPerson(s, null, null);
  }

  /** Whether s[from, to) looks like an e-mail address: an @ inside, no space. */
  private static boolean isEmail(String s, int from, int to) {
    int at = -1;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == ' ') {
        return false;
      }
      if (c == '@') {
        at = i;
      }
    }
    return at > from && at < to - 1;
  }

  private static String stripMailto(String s) {
    return s.regionMatches(true, 0, "mailto:", 0, 7) ? s.substring(7) : s;
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

  // ---------------------------------------------------------------- typed text

  /** A text field with its type, language and base; null if absent or blank. */
  private FeedText text(Rule rule, FieldSet f) throws IOException, XMLStreamException {
    String lang = langs[depth];
    String base = bases[depth];
    FeedText.Type type = rule.type;
    String mime = null;
    boolean base64 = false;
    if (rule.kind == Kind.ATOM_TEXT) {
      String t = r.getAttributeValue(null, "type");
      String mode = r.getAttributeValue(null, "mode");
      if (r.getAttributeValue(null, "src") != null) {
        skip();
        return null;
      }
      t = t == null ? null : t.strip().toLowerCase(Locale.ROOT);
      mode = mode == null ? null : mode.strip().toLowerCase(Locale.ROOT);
      if (t == null || t.equals("text") || t.equals("text/plain")) {
        type = FeedText.Type.TEXT;
      } else if (t.equals("html") || t.equals("text/html")) {
        type = FeedText.Type.HTML;
      } else if (t.equals("xhtml") || t.endsWith("xml")) {
        type = FeedText.Type.XHTML;
      } else {
        mime = t; // another media type: base64 in Atom 1.0 (RFC 4287 4.1.3.3)
        type = t.startsWith("text/") ? FeedText.Type.TEXT : FeedText.Type.TEXT;
        base64 = format == FeedFormat.ATOM_1_0 && !t.startsWith("text/");
      }
      if ("escaped".equals(mode) && type == FeedText.Type.XHTML) {
        type = FeedText.Type.HTML;
      } else if ("xml".equals(mode)) {
        type = FeedText.Type.XHTML;
      } else if ("base64".equals(mode)) {
        base64 = true;
      }
    } else if (rule.kind == Kind.MEDIA_TEXT) {
      String t = r.getAttributeValue(null, "type");
      type =
          t != null && t.strip().equalsIgnoreCase("html") ? FeedText.Type.HTML : FeedText.Type.TEXT;
    }
    if (lang == null) {
      lang = channel.str(Slot.LANGUAGE);
    }
    String v;
    if (type == FeedText.Type.XHTML && !base64) {
      v = markup(rule.name);
    } else {
      v = gather(rule.name, true, !base64);
      if (v == null) {
        v = finish();
      }
      if (sawMarkup && type == FeedText.Type.TEXT) {
        type = FeedText.Type.HTML;
      }
    }
    if (v == null) {
      return null;
    }
    if (base64) {
      String decoded = base64(v, rule.name);
      if (decoded != null) {
        v = decoded;
        if (mime != null) {
          type = mime.equals("text/html") ? FeedText.Type.HTML : FeedText.Type.TEXT;
        }
      }
    }
    return new FeedText(retain(f, v), type, lang, base);
  }

  private String base64(String v, String field) {
    try {
      byte[] bytes = Base64.getMimeDecoder().decode(v);
      return new String(bytes, StandardCharsets.UTF_8).strip();
    } catch (IllegalArgumentException e) {
      warnings.add(position() + ": " + field + " is not base64 as its mode says; kept as written");
      return null;
    }
  }

  // ---------------------------------------------------------------- gathering text

  /**
   * The text of the current element and its descendants, trimmed, or null if blank; consumes the
   * element. Capped at maxFieldLength.
   */
  private String text(String field) throws IOException, XMLStreamException {
    String single = gather(field, true, false);
    return single != null ? single : finish();
  }

  /**
   * The date in the current element's text (gathered as by {@link #text}), parsed leniently by
   * {@link FeedDates#parse} straight from the buffer, with no String made for it. A date that
   * cannot be read is a warning.
   */
  private OffsetDateTime date(String field) throws IOException, XMLStreamException {
    gather(field, false, false);
    Span t = trimmed();
    if (t == null) {
      return null;
    }
    OffsetDateTime d = FeedDates.parse(t);
    if (d == null) {
      warnings.add(
          position()
              + ": "
              + path(field)
              + ": cannot read the date \""
              + ParseErrors.excerpt(t.toString(), 64)
              + "\"; the field is left empty");
    }
    return d;
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

  /** Whether the last {@link #gather} met elements and so gathered markup. */
  private boolean sawMarkup;

  /**
   * Gathers the text of the current element and its descendants into the buffer, capped at
   * maxFieldLength; consumes the element. With {@code allowSingle}, text that arrives as one event
   * with nothing to trim (most fields) is returned as a String made straight from the parser's
   * buffer, skipping the copy into ours, and the buffer stays empty; otherwise returns null. With
   * {@code allowMarkup}, child elements switch the field to markup: what was gathered is escaped
   * and the elements are serialised (a naked {@code <p>} in an RSS description is HTML).
   */
  private String gather(String field, boolean allowSingle, boolean allowMarkup)
      throws IOException, XMLStreamException {
    len = 0;
    sawMarkup = false;
    justOpened = false;
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
            if (sawMarkup) {
              justOpened = false;
              cut = appendEscaped(c, off, n, field);
            } else if (allowSingle
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
          enter();
          if (allowMarkup && !cut) {
            if (!sawMarkup) {
              sawMarkup = true;
              if (single != null) {
                append(single, field);
                single = null;
              }
              String before = new String(buf, 0, len);
              len = 0;
              cut = appendEscaped(before, field);
              declared = null;
            }
            if (!cut) {
              cut = startTag(field);
            }
          }
          break;
        case XMLStreamConstants.END_ELEMENT:
          if (depth > start && sawMarkup && !cut) {
            cut = endTag(field);
          }
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

  /**
   * The content of the current element as XHTML markup, its wrapping xhtml div dropped, prefixes
   * and namespace declarations kept (added where a prefix declared outside is used), relative
   * addresses in href/src resolved against the base in scope.
   */
  private String markup(String field) throws IOException, XMLStreamException {
    len = 0;
    sawMarkup = true;
    justOpened = false;
    declared = null;
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
            justOpened = false;
            cut = appendEscaped(r.getTextCharacters(), r.getTextStart(), r.getTextLength(), field);
          }
          break;
        case XMLStreamConstants.START_ELEMENT:
          enter();
          if (depth == start + 1
              && divDepth == -1
              && r.getLocalName().equals("div")
              && XHTML.equals(r.getNamespaceURI())
              && isBlank()) {
            divDepth = depth;
            len = 0;
            break;
          }
          if (!cut) {
            cut = startTag(field);
          }
          break;
        case XMLStreamConstants.END_ELEMENT:
          if (depth == divDepth) {
            divDepth = -2; // dropped; later siblings are kept
          } else if (depth > start && !cut) {
            cut = endTag(field);
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

  /** Serialises the current start tag; true once the field was cut. */
  private boolean startTag(String field) throws BoundedParseException {
    StringBuilder t = tag;
    t.setLength(0);
    t.append('<');
    String uri = r.getNamespaceURI();
    String prefix = r.getPrefix();
    boolean xhtml = uri == null || uri.isEmpty() || uri.equals(XHTML);
    if (!xhtml && prefix != null && !prefix.isEmpty()) {
      t.append(prefix).append(':');
    }
    t.append(r.getLocalName());
    for (int i = 0; i < r.getNamespaceCount(); i++) {
      String nu = r.getNamespaceURI(i);
      if (XHTML.equals(nu)) {
        continue; // implied: feed readers render markup as HTML
      }
      declare(t, r.getNamespacePrefix(i), nu);
    }
    if (!xhtml && !isDeclared(prefix)) {
      declare(t, prefix, uri);
    }
    String base = bases[depth];
    for (int i = 0; i < r.getAttributeCount(); i++) {
      String ap = r.getAttributePrefix(i);
      String an = r.getAttributeLocalName(i);
      String av = r.getAttributeValue(i);
      if (ap != null && !ap.isEmpty() && !ap.equals("xml") && !isDeclared(ap)) {
        declare(t, ap, r.getAttributeNamespace(i));
      }
      t.append(' ');
      if (ap != null && !ap.isEmpty()) {
        t.append(ap).append(':');
      } else if (base != null && isUriAttribute(an)) {
        av = resolve(base, av.strip());
      }
      t.append(an).append("=\"");
      escape(t, av, true);
      t.append('"');
    }
    t.append('>');
    justOpened = true;
    return append(t, field);
  }

  private boolean endTag(String field) throws BoundedParseException {
    String local = r.getLocalName();
    if (justOpened && isVoid(local) && len > 0 && buf[len - 1] == '>') {
      len--;
      justOpened = false;
      return append(" />", field);
    }
    justOpened = false;
    String uri = r.getNamespaceURI();
    String prefix = r.getPrefix();
    boolean xhtml = uri == null || uri.isEmpty() || uri.equals(XHTML);
    return append(
        "</" + (!xhtml && prefix != null && !prefix.isEmpty() ? prefix + ":" : "") + local + ">",
        field);
  }

  private boolean isDeclared(String prefix) {
    return declared != null && declared.contains(prefix == null ? "" : prefix);
  }

  private void declare(StringBuilder t, String prefix, String uri) {
    if (declared == null) {
      declared = new HashSet<>();
    }
    prefix = prefix == null ? "" : prefix;
    declared.add(prefix);
    t.append(prefix.isEmpty() ? " xmlns=\"" : " xmlns:" + prefix + "=\"");
    escape(t, uri == null ? "" : uri, true);
    t.append('"');
  }

  private static boolean isVoid(String local) {
    switch (local) {
      case "area":
      case "base":
      case "br":
      case "col":
      case "embed":
      case "hr":
      case "img":
      case "input":
      case "link":
      case "meta":
      case "param":
      case "source":
      case "track":
      case "wbr":
        return true;
      default:
        return false;
    }
  }

  private static boolean isUriAttribute(String local) {
    switch (local) {
      case "href":
      case "src":
      case "cite":
      case "action":
      case "background":
      case "longdesc":
      case "poster":
      case "usemap":
        return true;
      default:
        return false;
    }
  }

  private boolean appendEscaped(char[] c, int off, int n, String field)
      throws BoundedParseException {
    return appendEscaped(new String(c, off, n), field);
  }

  private boolean appendEscaped(String s, String field) throws BoundedParseException {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    escape(sb, s, false);
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
      buf = Arrays.copyOf(buf, (int) grown);
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
        depth++; // no base or language is needed inside what is skipped
        room();
        bases[depth] = null;
        langs[depth] = null;
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

  // ---------------------------------------------------------------- xml:base, xml:lang

  /** Steps into the current start element: its depth, and the base and language in scope. */
  private void enter() {
    depth++;
    room();
    String b = bases[depth - 1];
    String l = langs[depth - 1];
    int n = r.getAttributeCount();
    for (int i = 0; i < n; i++) {
      // the xml prefix is bound to the XML namespace by definition, and cheaper to ask for
      if ("xml".equals(r.getAttributePrefix(i))) {
        String a = r.getAttributeLocalName(i);
        if (a.equals("base")) {
          b = resolve(b, r.getAttributeValue(i).strip());
        } else if (a.equals("lang")) {
          l = blankToNull(r.getAttributeValue(i));
        }
      }
    }
    bases[depth] = b;
    langs[depth] = l;
  }

  private void room() {
    if (depth >= bases.length) {
      bases = Arrays.copyOf(bases, bases.length * 2);
      langs = Arrays.copyOf(langs, langs.length * 2);
    }
  }

  /** {@code ref} resolved against {@code base} (RFC 3986); as it is when either is unusable. */
  static String resolve(String base, String ref) {
    if (ref == null || base == null || hasScheme(ref)) {
      return ref;
    }
    try {
      URI b = new URI(base);
      if (b.isOpaque()) {
        return ref;
      }
      if (ref.isEmpty()) {
        return new URI(
                b.getScheme(),
                b.getRawAuthority() == null ? null : b.getAuthority(),
                b.getPath(),
                b.getQuery(),
                null)
            .toString();
      }
      if ((b.getRawPath() == null || b.getRawPath().isEmpty()) && b.getRawAuthority() != null) {
        b = new URI(b.getScheme() + "://" + b.getRawAuthority() + "/");
      }
      return b.resolve(new URI(ref)).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return ref;
    }
  }

  private static boolean hasScheme(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ':') {
        return i > 0;
      }
      if (!(c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '+'
          || c == '-'
          || c == '.')) {
        return false;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- the fields of one item

  /** Counts {@code v} against the item's maxItemLength (channel fields only have the field cap). */
  private String retain(FieldSet f, String v) throws BoundedParseException {
    FieldSet account = f.account();
    if (v == null || account != item || item == null) {
      return v;
    }
    long total = account.chars + v.length();
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
        account.skip = true;
      }
      account.truncated = true;
      long room = Math.max(0, limits.maxItemLength() - account.chars);
      v = v.substring(0, (int) Math.min(v.length(), room));
      total = account.chars + v.length();
    }
    account.chars = total;
    return v;
  }

  /** One more entry of a list (categories, people, enclosures): under maxCategories, counted. */
  boolean admit(FieldSet f, long count, String field) throws BoundedParseException {
    if (count < limits.maxCategories()) {
      return true;
    }
    if (overflow == FieldOverflow.FAIL) {
      throw new LimitExceededException(
          Limit.MAX_ELEMENTS,
          limits.maxCategories(),
          count + 1,
          "FeedLimits.maxCategories",
          here(path(field)));
    }
    FieldSet account = f.account();
    if (account == item && item != null) {
      if (overflow == FieldOverflow.SKIP_ITEM) {
        account.skip = true;
      }
      account.truncated = true;
    }
    return false;
  }

  String keep(FieldSet f, String v) throws BoundedParseException {
    return retain(f, v);
  }

  FeedPerson keep(FieldSet f, FeedPerson p) throws BoundedParseException {
    String name = retain(f, p.name());
    String email = retain(f, p.email());
    String uri = retain(f, p.uri());
    return name == p.name() && email == p.email() && uri == p.uri()
        ? p
        : new FeedPerson(name, email, uri);
  }

  Enclosure keep(FieldSet f, Enclosure e) throws BoundedParseException {
    String url = retain(f, e.url());
    String type = retain(f, e.type());
    return url == e.url() && type == e.type() ? e : Enclosure.of(url, type, e.length());
  }

  /**
   * The fields of one item, the channel, or a source: each slot with the rank of the element that
   * set it; reused from item to item.
   */
  static final class FieldSet {
    private static final int SLOTS = Slot.values().length;

    static {
      if (SLOTS > Integer.SIZE) {
        throw new AssertionError("setSlots holds a bit per slot: at most 32 slots");
      }
    }

    private final FieldSet owner; // the item a source belongs to, for the length account
    final Object[] values = new Object[SLOTS];
    final int[] ranks = new int[SLOTS];
    private int setSlots; // a bit per slot set since the last reset: only those are cleared
    boolean guidIsPermaLink;
    List<FeedPerson> authors;
    List<FeedPerson> contributors;
    List<String> categories; // of the channel or a source
    FeedItem.Builder itemBuilder; // of an item: its categories go straight in
    long categoryCount;
    List<Enclosure> enclosures;
    FeedInfo source;
    long chars;
    boolean truncated;
    boolean skip;

    FieldSet(FieldSet owner) {
      this.owner = owner;
    }

    FieldSet account() {
      return owner != null ? owner.account() : this;
    }

    FieldSet reset() {
      for (int m = setSlots; m != 0; m &= m - 1) {
        int i = Integer.numberOfTrailingZeros(m);
        values[i] = null;
        ranks[i] = 0;
      }
      setSlots = 0;
      guidIsPermaLink = false;
      // an item's lists are reused from item to item: item() copies them into its builder
      clear(authors);
      clear(contributors);
      clear(enclosures);
      categories = null;
      itemBuilder = FeedItem.builder();
      categoryCount = 0;
      source = null;
      chars = 0;
      truncated = false;
      skip = false;
      return this;
    }

    private static void clear(List<?> l) {
      if (l != null) {
        l.clear();
      }
    }

    int rank(Slot s) {
      return ranks[s.ordinal()];
    }

    /** Sets a slot if {@code rank} is at least that of the element that set it; true if set. */
    boolean set(Slot s, Object v, int rank) {
      int i = s.ordinal();
      if (v != null && rank >= ranks[i]) {
        values[i] = v;
        ranks[i] = rank;
        setSlots |= 1 << i;
        return true;
      }
      return false;
    }

    String str(Slot s) {
      return (String) values[s.ordinal()];
    }

    FeedText text(Slot s) {
      return (FeedText) values[s.ordinal()];
    }

    OffsetDateTime date(Slot s) {
      return (OffsetDateTime) values[s.ordinal()];
    }

    void addCategory(String v, FeedParser p) throws BoundedParseException {
      if (v == null) {
        return;
      }
      if (itemBuilder != null) {
        if (p.admit(this, categoryCount, "category")) {
          categoryCount++;
          itemBuilder.addCategory(p.keep(this, v));
        }
        return;
      }
      if (categories == null) {
        categories = new ArrayList<>(4);
      }
      if (p.admit(this, categories.size(), "category")) {
        categories.add(p.keep(this, v));
      }
    }

    void addPerson(boolean contributor, FeedPerson v, FeedParser p) throws BoundedParseException {
      List<FeedPerson> l = contributor ? contributors : authors;
      if (l == null) {
        l = new ArrayList<>(2);
        if (contributor) {
          contributors = l;
        } else {
          authors = l;
        }
      }
      if (!l.contains(v) && p.admit(this, l.size(), contributor ? "contributor" : "author")) {
        l.add(p.keep(this, v));
      }
    }

    void addEnclosure(Enclosure e, FeedParser p) throws BoundedParseException {
      if (e == null) {
        return;
      }
      if (enclosures == null) {
        enclosures = new ArrayList<>(2);
      }
      for (Enclosure x : enclosures) {
        if (x.url().equals(e.url())) {
          return;
        }
      }
      if (p.admit(this, enclosures.size(), "enclosure")) {
        enclosures.add(p.keep(this, e));
      }
    }

    FeedItem item(String feedLanguage) {
      FeedItem.Builder b = itemBuilder;
      itemBuilder = null; // the item owns it now
      String link = str(Slot.LINK);
      String id = str(Slot.ID);
      if (link == null && guidIsPermaLink && id != null && looksLikeUrl(id)) {
        link = id; // RSS 2.0: a permalink guid is the item's address
      }
      b.titleDetail(text(Slot.TITLE))
          .link(link)
          .id(id)
          .guidIsPermaLink(guidIsPermaLink && ranks[Slot.ID.ordinal()] > 0)
          .published(date(Slot.PUBLISHED))
          .updated(date(Slot.UPDATED))
          .summaryDetail(text(Slot.SUMMARY))
          .contentDetail(text(Slot.CONTENT))
          .rightsDetail(text(Slot.RIGHTS))
          .comments(str(Slot.COMMENTS))
          .thumbnail(str(Slot.THUMBNAIL))
          .duration(str(Slot.DURATION))
          .source(source)
          .truncated(truncated);
      if (authors != null) {
        for (int i = 0; i < authors.size(); i++) {
          b.addAuthor(authors.get(i));
        }
      }
      if (contributors != null) {
        for (int i = 0; i < contributors.size(); i++) {
          b.addContributor(contributors.get(i));
        }
      }
      if (enclosures != null) {
        for (int i = 0; i < enclosures.size(); i++) {
          b.addEnclosure(enclosures.get(i));
        }
      }
      return b.build();
    }

    FeedInfo info(FeedFormat format, List<String> warnings) {
      OffsetDateTime updated = date(Slot.UPDATED);
      return FeedInfo.builder(format)
          .titleDetail(text(Slot.TITLE))
          .link(str(Slot.LINK))
          .descriptionDetail(text(Slot.SUMMARY))
          .language(str(Slot.LANGUAGE))
          .updated(updated != null ? updated : date(Slot.PUBLISHED))
          .id(str(Slot.ID))
          .authors(authors == null ? List.of() : authors)
          .categories(categories == null ? List.of() : categories)
          .rightsDetail(text(Slot.RIGHTS))
          .image(str(Slot.IMAGE))
          .generator(str(Slot.GENERATOR))
          .warnings(warnings)
          .build();
    }
  }

  private static boolean looksLikeUrl(String s) {
    String l = s.toLowerCase(Locale.ROOT);
    return l.startsWith("http://") || l.startsWith("https://");
  }

  // ---------------------------------------------------------------- helpers

  private String ns() {
    String ns = r.getNamespaceURI();
    return ns == null ? "" : ns;
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
        ParseErrors.excerpt(String.valueOf(e.getMessage()), 300), ParseLocation.UNKNOWN, e);
  }
}
