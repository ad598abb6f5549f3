package dev.bounded.rss;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * feedparser's {@code Expect:} assertions (Python expressions over its result) evaluated against
 * our {@link FeedInfo} and {@link FeedItem}, mapped onto feedparser's keys. A key we have no field
 * for is {@link Unmappable}; a key we map but do not fill is a failure, as in Python.
 *
 * <p>The mapping, by kind (see decision 016):
 *
 * <ul>
 *   <li>{@code bozo}: true if the strict read fails or the tolerant read reports warnings.
 *   <li>{@code version}: our {@link FeedFormat} against feedparser's finer versions (rss091n,
 *       rss092, rss094 ... are all {@code RSS_0_9X}; rss20 and rss are {@code RSS_2_0}).
 *   <li>text keys (title, subtitle, description, summary, content, rights) and their {@code
 *       _detail} dicts: {@link FeedText} value, type (as a MIME type), language, base.
 *   <li>dates ({@code *_parsed}): our {@link OffsetDateTime} in UTC as Python's time tuple.
 *   <li>people: {@link FeedPerson} as {name, email, href}; {@code author} is the display form.
 *   <li>{@code tags}: our categories as {term}; {@code category} the first.
 *   <li>{@code enclosures}: {href, type, length (a string)}.
 *   <li>{@code source}: the item's source {@link FeedInfo} mapped like the feed.
 *   <li>not mapped (we have no field): encoding, links lists, raw date strings, cloud, textinput,
 *       image width/link/description, docs, publisher, expired, validity, geo, license, ...
 * </ul>
 */
final class Expectations {
  private Expectations() {}

  /** A key with no counterpart in our model. */
  static final class Unmappable extends RuntimeException {
    Unmappable(String key) {
      super(key, null, false, false);
    }
  }

  /** Python's failure of an expression (KeyError, IndexError, TypeError): the clause is false. */
  static final class PyError extends RuntimeException {
    PyError(String what) {
      super(what, null, false, false);
    }
  }

  /** A dict that knows which keys we map: others are {@link Unmappable}. */
  static final class Dict {
    final Map<String, Object> values = new LinkedHashMap<>();
    final Set<String> known;

    Dict(Set<String> known) {
      this.known = known;
    }

    Dict put(String k, Object v) {
      if (v != null) {
        values.put(k, v);
      }
      return this;
    }

    Object get(String k) {
      if (values.containsKey(k)) {
        return values.get(k);
      }
      if (known.contains(k)) {
        throw new PyError("KeyError " + k);
      }
      throw new Unmappable(k);
    }
  }

  /** What one read gave: the strict verdict and the mapped result. */
  static final class Result {
    final boolean bozo;
    final FeedFormat format;
    final Dict feed;
    final List<Dict> entries;

    Result(boolean bozo, FeedFormat format, Dict feed, List<Dict> entries) {
      this.bozo = bozo;
      this.format = format;
      this.feed = feed;
      this.entries = entries;
    }
  }

  private static final Set<String> TEXT_KEYS = Set.of("value", "type", "language", "base");
  private static final Set<String> PERSON_KEYS = Set.of("name", "email", "href");
  private static final Set<String> FEED_KEYS =
      Set.of(
          "title",
          "title_detail",
          "link",
          "subtitle",
          "subtitle_detail",
          "description",
          "description_detail",
          "tagline",
          "language",
          "updated_parsed",
          "modified_parsed",
          "id",
          "author",
          "author_detail",
          "authors",
          "tags",
          "category",
          "rights",
          "rights_detail",
          "copyright",
          "copyright_detail",
          "generator",
          "image",
          "logo",
          "icon",
          "href");
  private static final Set<String> ENTRY_KEYS =
      Set.of(
          "title",
          "title_detail",
          "link",
          "id",
          "guid",
          "guidislink",
          "published_parsed",
          "issued_parsed",
          "updated_parsed",
          "modified_parsed",
          "created_parsed",
          "author",
          "author_detail",
          "authors",
          "contributors",
          "tags",
          "category",
          "summary",
          "summary_detail",
          "description",
          "content",
          "rights",
          "rights_detail",
          "comments",
          "enclosures",
          "source",
          "media_thumbnail",
          "itunes_duration",
          "xhtml_body",
          "body",
          "fullitem");

  static Dict text(FeedText t) {
    if (t == null) {
      return null;
    }
    return new Dict(TEXT_KEYS)
        .put("value", t.value())
        .put("type", t.type().mimeType())
        .put("language", t.language())
        .put("base", t.base());
  }

  static Dict person(FeedPerson p) {
    return p == null
        ? null
        : new Dict(PERSON_KEYS).put("name", p.name()).put("email", p.email()).put("href", p.uri());
  }

  static List<Object> tuple(OffsetDateTime d) {
    if (d == null) {
      return null;
    }
    OffsetDateTime u = d.withOffsetSameInstant(ZoneOffset.UTC);
    return List.of(
        (long) u.getYear(),
        (long) u.getMonthValue(),
        (long) u.getDayOfMonth(),
        (long) u.getHour(),
        (long) u.getMinute(),
        (long) u.getSecond(),
        (long) u.getDayOfWeek().getValue() - 1,
        (long) u.getDayOfYear(),
        0L);
  }

  private static List<Object> people(List<FeedPerson> l) {
    List<Object> out = new ArrayList<>();
    l.forEach(p -> out.add(person(p)));
    return out;
  }

  private static List<Object> tags(List<String> l) {
    List<Object> out = new ArrayList<>();
    l.forEach(c -> out.add(new Dict(Set.of("term")).put("term", c)));
    return out;
  }

  static Dict feed(FeedInfo f) {
    Dict d = new Dict(FEED_KEYS);
    d.put("title", f.title()).put("title_detail", text(f.titleDetail()));
    d.put("link", f.link());
    d.put("subtitle", f.description()).put("subtitle_detail", text(f.descriptionDetail()));
    d.put("description", f.description()).put("description_detail", text(f.descriptionDetail()));
    d.put("tagline", f.description());
    d.put("language", f.language());
    d.put("updated_parsed", tuple(f.updated())).put("modified_parsed", tuple(f.updated()));
    d.put("id", f.id());
    d.put("author", f.author());
    d.put("author_detail", f.authors().isEmpty() ? null : person(f.authors().get(0)));
    d.put("authors", people(f.authors()));
    d.put("tags", tags(f.categories()));
    d.put("category", f.categories().isEmpty() ? null : f.categories().get(0));
    d.put("rights", f.rights()).put("rights_detail", text(f.rightsDetail()));
    d.put("copyright", f.rights()).put("copyright_detail", text(f.rightsDetail()));
    d.put("generator", f.generator());
    d.put("href", f.link());
    d.put(
        "image",
        f.image() == null
            ? null
            : new Dict(Set.of("href", "url")).put("href", f.image()).put("url", f.image()));
    d.put("logo", f.image());
    d.put("icon", f.image());
    return d;
  }

  static Dict entry(FeedItem e) {
    Dict d = new Dict(ENTRY_KEYS);
    d.put("title", e.title()).put("title_detail", text(e.titleDetail()));
    d.put("link", e.link());
    d.put("id", e.id()).put("guid", e.id());
    d.put("guidislink", e.guidIsPermaLink() && e.link() != null && e.link().equals(e.id()));
    d.put("published_parsed", tuple(e.published())).put("issued_parsed", tuple(e.published()));
    d.put("created_parsed", tuple(e.published()));
    d.put("updated_parsed", tuple(e.updated())).put("modified_parsed", tuple(e.updated()));
    d.put("author", e.author());
    d.put("author_detail", e.authors().isEmpty() ? null : person(e.authors().get(0)));
    d.put("authors", people(e.authors()));
    d.put("contributors", people(e.contributors()));
    d.put("tags", tags(e.categories()));
    d.put("category", e.categories().isEmpty() ? null : e.categories().get(0));
    FeedText summary = e.summaryDetail() != null ? e.summaryDetail() : e.contentDetail();
    d.put("summary", summary == null ? null : summary.value()).put("summary_detail", text(summary));
    d.put("description", summary == null ? null : summary.value());
    if (e.contentDetail() != null) {
      d.put("content", List.of(text(e.contentDetail())));
      d.put("xhtml_body", e.content()).put("body", e.content()).put("fullitem", e.content());
    }
    d.put("rights", e.rights()).put("rights_detail", text(e.rightsDetail()));
    d.put("comments", e.comments());
    List<Object> enc = new ArrayList<>();
    for (Enclosure x : e.enclosures()) {
      enc.add(
          new Dict(Set.of("href", "type", "length", "url"))
              .put("href", x.url())
              .put("url", x.url())
              .put("type", x.type())
              .put("length", x.length() < 0 ? null : Long.toString(x.length())));
    }
    d.put("enclosures", enc);
    d.put("source", e.source() == null ? null : feed(e.source()));
    d.put(
        "media_thumbnail",
        e.thumbnail() == null ? null : List.of(new Dict(Set.of("url")).put("url", e.thumbnail())));
    d.put("itunes_duration", e.duration());
    return d;
  }

  private static final Map<FeedFormat, Set<String>> VERSIONS = new HashMap<>();

  static {
    VERSIONS.put(FeedFormat.RSS_0_9X, Set.of("rss091n", "rss091u", "rss092", "rss093", "rss094"));
    VERSIONS.put(FeedFormat.RSS_2_0, Set.of("rss20", "rss"));
    VERSIONS.put(FeedFormat.RSS_0_90, Set.of("rss090"));
    VERSIONS.put(FeedFormat.RSS_1_0, Set.of("rss10"));
    VERSIONS.put(FeedFormat.ATOM_0_3, Set.of("atom03", "atom02", "atom01", "atom"));
    VERSIONS.put(FeedFormat.ATOM_1_0, Set.of("atom10"));
  }

  /** The top-level conjuncts of an expression. */
  static List<String> clauses(String expr) {
    List<String> out = new ArrayList<>();
    int depthP = 0;
    char quote = 0;
    int start = 0;
    for (int i = 0; i < expr.length(); i++) {
      char c = expr.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        depthP++;
      } else if (c == ')' || c == ']' || c == '}') {
        depthP--;
      } else if (depthP == 0 && expr.startsWith(" and ", i)) {
        out.add(expr.substring(start, i).strip());
        start = i + 5;
        i += 4;
      }
    }
    out.add(expr.substring(start).strip());
    return out;
  }

  /** The kind of a clause: its key path without indices ("entries.title_detail.type"). */
  static String kind(String clause) {
    String c = clause.strip();
    while (c.startsWith("(") && c.endsWith(")")) {
      c = c.substring(1, c.length() - 1).strip();
    }
    if (c.equals("bozo") || c.equals("not bozo")) {
      return "bozo";
    }
    if (c.equals("1")) {
      return "no crash";
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "(feed|entries\\[\\d+\\]|version|encoding)((\\[['\"][^'\"]+['\"]\\]|\\.get\\(['\"][^'\"]+['\"]\\)|\\.[A-Za-z_]+|\\[\\d+\\])*)")
            .matcher(c);
    if (!m.find()) {
      return "other";
    }
    String k = (m.group(1).startsWith("entries") ? "entries" : m.group(1)) + m.group(2);
    k = k.replaceAll("\\[\\d+\\]", "").replaceAll("\\.get\\(['\"]([^'\"]+)['\"]\\)", ".$1");
    k = k.replaceAll("\\[['\"]([^'\"]+)['\"]\\]", ".$1");
    return k;
  }

  /** Evaluates one clause; throws {@link Unmappable} for a key we have no field for. */
  static boolean eval(String clause, Result r) {
    Parser p = new Parser(clause, r);
    try {
      Object v = p.expr();
      p.skipWs();
      if (p.pos != clause.length()) {
        throw new IllegalStateException("unparsed rest: " + clause.substring(p.pos));
      }
      return truthy(v);
    } catch (PyError e) {
      return false;
    }
  }

  static boolean truthy(Object v) {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    if (v instanceof Long) {
      return (Long) v != 0;
    }
    if (v instanceof String) {
      return !((String) v).isEmpty();
    }
    if (v instanceof List) {
      return !((List<?>) v).isEmpty();
    }
    if (v instanceof Dict) {
      return !((Dict) v).values.isEmpty();
    }
    if (v instanceof Map) {
      return !((Map<?, ?>) v).isEmpty();
    }
    return true;
  }

  static boolean pyEquals(Object a, Object b) {
    if (a instanceof Dict) {
      a = ((Dict) a).values;
    }
    if (b instanceof Dict) {
      b = ((Dict) b).values;
    }
    if (a instanceof List && b instanceof List) {
      List<?> x = (List<?>) a;
      List<?> y = (List<?>) b;
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!pyEquals(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map && b instanceof Map) {
      Map<?, ?> x = (Map<?, ?>) a;
      Map<?, ?> y = (Map<?, ?>) b;
      if (!x.keySet().equals(y.keySet())) {
        return false;
      }
      for (Object k : x.keySet()) {
        if (!pyEquals(x.get(k), y.get(k))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Double || b instanceof Double) {
      return a instanceof Number
          && b instanceof Number
          && ((Number) a).doubleValue() == ((Number) b).doubleValue();
    }
    return Objects.equals(a, b);
  }

  /** A recursive-descent reader of the Python subset the Expect comments use. */
  private static final class Parser {
    final String s;
    final Result r;
    int pos;

    Parser(String s, Result r) {
      this.s = s;
      this.r = r;
    }

    void skipWs() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    boolean eat(String t) {
      skipWs();
      if (s.startsWith(t, pos)) {
        pos += t.length();
        return true;
      }
      return false;
    }

    boolean eatWord(String w) {
      skipWs();
      if (s.startsWith(w, pos)
          && (pos + w.length() == s.length()
              || !Character.isLetterOrDigit(s.charAt(pos + w.length()))
                  && s.charAt(pos + w.length()) != '_')) {
        pos += w.length();
        return true;
      }
      return false;
    }

    Object expr() {
      Object v = not();
      while (eatWord("and")) {
        Object w = not();
        v = truthy(v) ? w : v;
      }
      while (eatWord("or")) {
        Object w = not();
        v = truthy(v) ? v : w;
      }
      return v;
    }

    Object not() {
      if (eatWord("not")) {
        return !truthy(not());
      }
      return cmp();
    }

    Object cmp() {
      Object a = postfix();
      if (eat("==")) {
        return pyEquals(a, postfix());
      }
      if (eat("!=")) {
        return !pyEquals(a, postfix());
      }
      if (eatWord("in")) {
        Object b = postfix();
        if (b instanceof String) {
          return ((String) b).contains((String) a);
        }
        if (b instanceof Dict) {
          return ((Dict) b).values.containsKey(a);
        }
        if (b instanceof List) {
          return ((List<?>) b).stream().anyMatch(x -> pyEquals(x, a));
        }
        throw new PyError("in");
      }
      return a;
    }

    Object postfix() {
      Object v = atom();
      while (true) {
        skipWs();
        if (eat("[")) {
          Object k = expr();
          expect("]");
          v = index(v, k);
        } else if (pos < s.length()
            && s.charAt(pos) == '.'
            && pos + 1 < s.length()
            && Character.isLetter(s.charAt(pos + 1))) {
          pos++;
          String name = ident();
          if (eat("(")) {
            List<Object> args = new ArrayList<>();
            if (!eat(")")) {
              do {
                args.add(expr());
              } while (eat(","));
              expect(")");
            }
            v = method(v, name, args);
          } else {
            v = index(v, name);
          }
        } else {
          return v;
        }
      }
    }

    Object method(Object v, String name, List<Object> args) {
      if (name.equals("get") && v instanceof Dict) {
        try {
          return ((Dict) v).get((String) args.get(0));
        } catch (PyError e) {
          return args.size() > 1 ? args.get(1) : null;
        }
      }
      throw new Unmappable("method " + name);
    }

    Object index(Object v, Object k) {
      if (v instanceof Dict) {
        return ((Dict) v).get(String.valueOf(k));
      }
      if (v instanceof List && k instanceof Long) {
        List<?> l = (List<?>) v;
        int i = (int) (long) (Long) k;
        if (i < 0) {
          i += l.size();
        }
        if (i < 0 || i >= l.size()) {
          throw new PyError("IndexError");
        }
        return l.get(i);
      }
      throw new PyError("TypeError index " + k);
    }

    void expect(String t) {
      if (!eat(t)) {
        throw new IllegalStateException("expected " + t + " at " + pos + " in " + s);
      }
    }

    String ident() {
      int st = pos;
      while (pos < s.length()
          && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
        pos++;
      }
      return s.substring(st, pos);
    }

    Object atom() {
      skipWs();
      char c = s.charAt(pos);
      if (c == '(') {
        pos++;
        if (eat(")")) {
          return List.of();
        }
        Object v = expr();
        if (eat(",")) {
          List<Object> t = new ArrayList<>();
          t.add(v);
          while (!eat(")")) {
            t.add(expr());
            eat(",");
          }
          return t;
        }
        expect(")");
        return v;
      }
      if (c == '[') {
        pos++;
        List<Object> t = new ArrayList<>();
        while (!eat("]")) {
          t.add(expr());
          eat(",");
        }
        return t;
      }
      if (c == '{') {
        pos++;
        Map<Object, Object> m = new LinkedHashMap<>();
        while (!eat("}")) {
          Object k = expr();
          expect(":");
          m.put(k, expr());
          eat(",");
        }
        return m;
      }
      if (c == '\''
          || c == '"'
          || (c == 'u' || c == 'b')
              && pos + 1 < s.length()
              && (s.charAt(pos + 1) == '\'' || s.charAt(pos + 1) == '"')) {
        if (c == 'u' || c == 'b') {
          pos++;
        }
        return string();
      }
      if (Character.isDigit(c) || c == '-') {
        int st = pos++;
        while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
          pos++;
        }
        String n = s.substring(st, pos);
        return n.contains(".") ? (Object) Double.parseDouble(n) : (Object) Long.parseLong(n);
      }
      String name = ident();
      switch (name) {
        case "True":
          return true;
        case "False":
          return false;
        case "None":
          return null;
        case "bozo":
          return r.bozo;
        case "feed":
          return r.feed;
        case "entries":
          return r.entries;
        case "version":
          return new Version(r.format);
        case "len":
          {
            expect("(");
            Object v = expr();
            expect(")");
            if (v instanceof List) {
              return (long) ((List<?>) v).size();
            }
            if (v instanceof String) {
              return (long) ((String) v).codePointCount(0, ((String) v).length());
            }
            if (v instanceof Dict) {
              throw new Unmappable("len of a dict");
            }
            throw new PyError("len");
          }
        case "ord":
          {
            expect("(");
            Object v = expr();
            expect(")");
            if (v instanceof String && ((String) v).codePointCount(0, ((String) v).length()) == 1) {
              return (long) ((String) v).codePointAt(0);
            }
            throw new PyError("ord");
          }
        default:
          throw new Unmappable(name);
      }
    }

    String string() {
      char q = s.charAt(pos);
      boolean triple = s.startsWith(String.valueOf(q).repeat(3), pos);
      pos += triple ? 3 : 1;
      StringBuilder b = new StringBuilder();
      while (true) {
        if (triple ? s.startsWith(String.valueOf(q).repeat(3), pos) : s.charAt(pos) == q) {
          pos += triple ? 3 : 1;
          return b.toString();
        }
        char c = s.charAt(pos++);
        if (c != '\\') {
          b.append(c);
          continue;
        }
        char e = s.charAt(pos++);
        switch (e) {
          case 'n':
            b.append('\n');
            break;
          case 't':
            b.append('\t');
            break;
          case 'r':
            b.append('\r');
            break;
          case 'x':
            b.append((char) Integer.parseInt(s.substring(pos, pos + 2), 16));
            pos += 2;
            break;
          case 'u':
            b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            pos += 4;
            break;
          case 'U':
            b.appendCodePoint(Integer.parseInt(s.substring(pos, pos + 8), 16));
            pos += 8;
            break;
          default:
            b.append(e);
        }
      }
    }
  }

  /** feedparser's version string compared against our coarser format. */
  static final class Version {
    final FeedFormat format;

    Version(FeedFormat format) {
      this.format = format;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof String && format != null && VERSIONS.get(format).contains(o);
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }
}
