package dev.bounded.fuzz.xml;

import dev.bounded.fuzz.KnownBugs;
import dev.bounded.fuzz.xml.XmlModel.Attr;
import dev.bounded.fuzz.xml.XmlModel.Comment;
import dev.bounded.fuzz.xml.XmlModel.Content;
import dev.bounded.fuzz.xml.XmlModel.Doc;
import dev.bounded.fuzz.xml.XmlModel.Elem;
import dev.bounded.fuzz.xml.XmlModel.Name;
import dev.bounded.fuzz.xml.XmlModel.NsDecl;
import dev.bounded.fuzz.xml.XmlModel.Pi;
import dev.bounded.fuzz.xml.XmlModel.Piece;
import dev.bounded.fuzz.xml.XmlModel.Text;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a {@link Doc} as well-formed XML 1.0 text and measures it as it goes. Whatever the model
 * holds, the output is well-formed: characters that may not appear literally where they stand are
 * written as references, "--", "?>" and "]]>" are broken up, undeclared prefixes are declared and
 * duplicate attributes dropped. The facts are taken from what is written, never from the parser.
 */
final class XmlRenderer {
  private final Doc doc;
  private final StringBuilder out = new StringBuilder();
  private final Deque<Map<String, String>> scopes = new ArrayDeque<>();
  private long depth;
  private long maxDepth;
  private long elements;
  private long maxAttributes;
  private long maxAttributeLength;
  private long run;
  private long maxRun;
  private long maxCommentOrPi;
  private long maxName;

  private XmlRenderer(Doc doc) {
    this.doc = doc;
  }

  static XmlDoc render(Doc doc) {
    return new XmlRenderer(doc).run();
  }

  private XmlDoc run() {
    if (doc.xmlDecl()) {
      out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
      if (KnownBugs.XML_DECL_TARGET_COUNTS_AS_NAME) {
        name("xml"); // open bug: the scanner measures the declaration's "xml" as a name
      }
    }
    Map<String, String> top = new HashMap<>();
    top.put("", "");
    scopes.push(top);
    content(doc.prolog());
    element(doc.root());
    content(doc.epilog());
    endRun();
    String text = out.toString();
    return new XmlDoc(
        text,
        new XmlFacts(
            text.getBytes(StandardCharsets.UTF_8).length,
            maxDepth,
            elements,
            maxAttributes,
            maxAttributeLength,
            maxRun,
            maxCommentOrPi,
            maxName));
  }

  private void content(List<Content> items) {
    for (Content c : items) {
      if (c instanceof Text t) {
        run += pieces(t.pieces(), false);
        continue;
      }
      endRun();
      if (c instanceof Elem e) {
        element(e);
      } else if (c instanceof Comment k) {
        comment(k);
      } else if (c instanceof Pi p) {
        pi(p);
      }
    }
  }

  private void endRun() {
    maxRun = Math.max(maxRun, run);
    run = 0;
  }

  private String prefix(int i) {
    return doc.prefixes().get(Math.floorMod(i, doc.prefixes().size()));
  }

  private String qname(Name n) {
    return n.prefix() < 0 ? n.local() : prefix(n.prefix()) + ":" + n.local();
  }

  private void name(String qname) {
    maxName = Math.max(maxName, qname.length());
  }

  private void element(Elem e) {
    endRun();
    depth++;
    elements++;
    maxDepth = Math.max(maxDepth, depth);
    Map<String, String> inScope = new HashMap<>(scopes.peek());
    // Declarations: explicit ones first (one per prefix), then any prefix in use but undeclared.
    Map<String, List<Piece>> decls = new LinkedHashMap<>();
    for (NsDecl d : e.decls()) {
      String p = d.prefix() < 0 ? "" : prefix(d.prefix());
      if (!p.isEmpty() && logical(d.uri()).isEmpty()) {
        continue; // xmlns:p="" is not allowed in XML 1.0 namespaces
      }
      decls.putIfAbsent(p, d.uri());
    }
    Set<Integer> needed = new HashSet<>();
    if (e.name().prefix() >= 0) {
      needed.add(Math.floorMod(e.name().prefix(), doc.prefixes().size()));
    }
    for (Attr a : e.attrs()) {
      if (a.name().prefix() >= 0) {
        needed.add(Math.floorMod(a.name().prefix(), doc.prefixes().size()));
      }
    }
    for (int i : needed) {
      String p = prefix(i);
      if (!decls.containsKey(p) && !inScope.containsKey(p)) {
        decls.put(p, doc.uris().get(i));
      }
    }
    for (Map.Entry<String, List<Piece>> d : decls.entrySet()) {
      inScope.put(d.getKey(), logical(d.getValue()));
    }
    // Attributes: drop duplicates by qualified and by expanded name.
    Set<String> qnames = new HashSet<>();
    Set<String> expanded = new HashSet<>();
    StringBuilder tag = new StringBuilder();
    String q = qname(e.name());
    name(q);
    tag.append('<').append(q);
    long count = 0;
    for (Map.Entry<String, List<Piece>> d : decls.entrySet()) {
      String an = d.getKey().isEmpty() ? "xmlns" : "xmlns:" + d.getKey();
      name(an);
      tag.append(' ').append(an).append("=\"");
      maxAttributeLength = Math.max(maxAttributeLength, attrValue(tag, d.getValue()));
      tag.append('"');
      count++;
    }
    for (Attr a : e.attrs()) {
      String an = qname(a.name());
      String ex =
          (a.name().prefix() < 0 ? "" : inScope.get(prefix(a.name().prefix())))
              + "}"
              + a.name().local();
      if (!qnames.add(an) || !expanded.add(ex)) {
        continue;
      }
      name(an);
      tag.append(' ').append(an).append("=\"");
      maxAttributeLength = Math.max(maxAttributeLength, attrValue(tag, a.value()));
      tag.append('"');
      count++;
    }
    maxAttributes = Math.max(maxAttributes, count);
    out.append(tag);
    scopes.push(inScope);
    if (e.children().isEmpty() && e.selfClose()) {
      out.append("/>");
    } else {
      out.append('>');
      content(e.children());
      endRun();
      out.append("</").append(q).append('>');
    }
    scopes.pop();
    depth--;
  }

  /** Writes an attribute value; returns its normalised length. */
  private long attrValue(StringBuilder sb, List<Piece> value) {
    StringBuilder saved = new StringBuilder();
    long n = pieces(value, true, saved);
    sb.append(saved);
    return n;
  }

  private long pieces(List<Piece> pieces, boolean attribute) {
    return pieces(pieces, attribute, out);
  }

  /** Writes pieces to {@code sb}; returns the UTF-16 length of the value they stand for. */
  private long pieces(List<Piece> pieces, boolean attribute, StringBuilder sb) {
    long n = 0;
    for (Piece p : pieces) {
      int cp = p.codePoint();
      switch (p.kind()) {
        case LITERAL:
          if (forbiddenLiteral(cp, attribute)) {
            sb.append("&#x").append(Integer.toHexString(cp)).append(';');
          } else {
            sb.appendCodePoint(cp);
          }
          n += Character.charCount(cp);
          break;
        case DEC_REF:
          sb.append("&#").append(cp).append(';');
          n += Character.charCount(cp);
          break;
        case HEX_REF:
          sb.append("&#x").append(Integer.toHexString(cp).toUpperCase()).append(';');
          n += Character.charCount(cp);
          break;
        case ENTITY:
          String e = entity(cp);
          name(e);
          sb.append('&').append(e).append(';');
          n += 1;
          break;
        case CRLF:
          sb.append("\r\n");
          n += 1;
          break;
        case CDATA:
          if (attribute) {
            throw new IllegalArgumentException("CDATA in an attribute value");
          }
          String data = breakUp(p.cdata(), "]]", '>');
          sb.append("<![CDATA[").append(data).append("]]>");
          n += normalise(data).length();
          break;
        default:
          throw new AssertionError(p);
      }
    }
    return n;
  }

  static boolean forbiddenLiteral(int cp, boolean attribute) {
    return cp == '<' || cp == '&' || cp == '\r' || (attribute ? cp == '"' : cp == '>');
  }

  static String entity(int cp) {
    switch (cp) {
      case '<':
        return "lt";
      case '>':
        return "gt";
      case '&':
        return "amp";
      case '\'':
        return "apos";
      case '"':
        return "quot";
      default:
        throw new IllegalArgumentException("no predefined entity for U+" + Integer.toHexString(cp));
    }
  }

  private void comment(Comment c) {
    StringBuilder data = new StringBuilder();
    for (int cp : c.data()) {
      if (cp == '-' && data.length() > 0 && data.charAt(data.length() - 1) == '-') {
        data.append(' ');
      }
      appendData(data, cp);
    }
    if (data.length() > 0 && data.charAt(data.length() - 1) == '-') {
      data.append(' ');
    }
    out.append("<!--").append(data).append("-->");
    maxCommentOrPi = Math.max(maxCommentOrPi, normalise(data.toString()).length());
  }

  private void pi(Pi p) {
    name(p.target());
    StringBuilder data = new StringBuilder();
    for (int cp : p.data()) {
      appendData(data, cp);
    }
    String d = breakUp(data.toString(), "?", '>');
    out.append("<?").append(p.target());
    if (!d.isEmpty()) {
      out.append(' ').append(d);
    }
    out.append("?>");
    int start = 0;
    while (start < d.length() && " \t\r\n".indexOf(d.charAt(start)) >= 0) {
      start++;
    }
    maxCommentOrPi = Math.max(maxCommentOrPi, normalise(d.substring(start)).length());
  }

  private static void appendData(StringBuilder sb, int cp) {
    if (cp == '\r') {
      sb.append("\r\n");
    } else {
      sb.appendCodePoint(cp);
    }
  }

  /** Puts a space between {@code before} and {@code c} wherever they meet, e.g. "]]" and '>'. */
  static String breakUp(String s, String before, char c) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == c
          && sb.length() >= before.length()
          && sb.substring(sb.length() - before.length()).equals(before)) {
        sb.append(' ');
      }
      if (ch == '\r' && (i + 1 >= s.length() || s.charAt(i + 1) != '\n')) {
        sb.append("\r\n");
        continue;
      }
      sb.append(ch);
    }
    return sb.toString();
  }

  /** XML line-end normalisation: CR LF and lone CR become LF. */
  static String normalise(String s) {
    return s.replace("\r\n", "\n").replace('\r', '\n');
  }

  /** The value pieces stand for (attribute context), for namespace URIs. */
  private static String logical(List<Piece> pieces) {
    StringBuilder sb = new StringBuilder();
    for (Piece p : pieces) {
      switch (p.kind()) {
        case CRLF:
          sb.append(' ');
          break;
        case CDATA:
          sb.append(p.cdata());
          break;
        default:
          int cp = p.codePoint();
          if (p.kind() == XmlModel.PieceKind.LITERAL && (cp == '\t' || cp == '\n')) {
            cp = ' ';
          }
          sb.appendCodePoint(cp);
      }
    }
    return sb.toString();
  }
}
