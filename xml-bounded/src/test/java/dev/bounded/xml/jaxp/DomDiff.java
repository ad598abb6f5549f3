package dev.bounded.xml.jaxp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Walks a JDK-built tree and ours side by side and names the first difference. Shared with the fuzz
 * module through xml-bounded's test jar.
 *
 * <p>Accepted differences (the only ones), applied to the JDK side before comparing:
 *
 * <ol>
 *   <li>Directly adjacent CDATA sections ({@code <![CDATA[a]]><![CDATA[b]]>}, nothing between) are
 *       one {@code CDATASection} in ours: Woodstox splits long sections into several events and
 *       gives no reliable way to tell a continuation from a new section. The JDK's adjacent CDATA
 *       siblings are merged before comparing. Text is not affected: ours has exactly one Text node
 *       per run, as the JDK does, and our side is never normalised.
 *   <li>An explicit {@code xmlns:xml="http://www.w3.org/XML/1998/namespace"} declaration (legal and
 *       redundant) leaves no attribute in ours: Woodstox does not report it. Dropped from the JDK's
 *       attributes before comparing.
 *   <li>{@code Document.getXmlEncoding()} and {@code getInputEncoding()} are not compared: ours are
 *       null (the JDK DOM has no public setter for them).
 * </ol>
 */
public final class DomDiff {
  private DomDiff() {}

  /** The first difference, or null if the trees are equal. */
  public static String diff(Document jdk, Document ours) {
    if (!Objects.equals(jdk.getXmlVersion(), ours.getXmlVersion())) {
      return "xmlVersion " + jdk.getXmlVersion() + " vs " + ours.getXmlVersion();
    }
    if (jdk.getXmlStandalone() != ours.getXmlStandalone()) {
      return "xmlStandalone " + jdk.getXmlStandalone() + " vs " + ours.getXmlStandalone();
    }
    if (!Objects.equals(jdk.getDocumentURI(), ours.getDocumentURI())) {
      return "documentURI " + jdk.getDocumentURI() + " vs " + ours.getDocumentURI();
    }
    return node(jdk, ours, "");
  }

  public static String node(Node a, Node b, String path) {
    String here = path + "/" + a.getNodeName();
    if (a.getNodeType() != b.getNodeType()) {
      return here
          + ": node type "
          + a.getNodeType()
          + " vs "
          + b.getNodeType()
          + " ("
          + b.getNodeName()
          + ")";
    }
    String d =
        same("name", a.getNodeName(), b.getNodeName())
            + same("namespaceURI", a.getNamespaceURI(), b.getNamespaceURI())
            + same("prefix", a.getPrefix(), b.getPrefix())
            + same("localName", a.getLocalName(), b.getLocalName());
    if (a.getNodeType() != Node.DOCUMENT_NODE) {
      d += same("value", a.getNodeValue(), b.getNodeValue());
    }
    if (!d.isEmpty()) {
      return here + ":" + d;
    }
    if (a.getNodeType() == Node.ELEMENT_NODE) {
      Map<String, String> aa = attrs(a.getAttributes());
      Map<String, String> ba = attrs(b.getAttributes());
      if (!aa.equals(ba)) {
        return here + ": attributes " + aa + " vs " + ba;
      }
    }
    List<Node> ac = jdkChildren(a);
    List<Node> bc = new ArrayList<>();
    for (Node c = b.getFirstChild(); c != null; c = c.getNextSibling()) {
      bc.add(c);
    }
    for (int i = 0; i < Math.min(ac.size(), bc.size()); i++) {
      String cd = node(ac.get(i), bc.get(i), here);
      if (cd != null) {
        return cd;
      }
    }
    if (ac.size() != bc.size()) {
      return here
          + ": "
          + ac.size()
          + " children vs "
          + bc.size()
          + ": "
          + names(ac)
          + " vs "
          + names(bc);
    }
    return null;
  }

  private static String names(List<Node> l) {
    List<String> s = new ArrayList<>();
    for (Node n : l) {
      s.add(n.getNodeName());
    }
    return s.toString();
  }

  /** The JDK's children, adjacent Text merged and adjacent CDATA merged (accepted difference 1). */
  private static List<Node> jdkChildren(Node parent) {
    List<Node> out = new ArrayList<>();
    for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
      Node last = out.isEmpty() ? null : out.get(out.size() - 1);
      short t = c.getNodeType();
      if (last != null
          && last.getNodeType() == t
          && (t == Node.TEXT_NODE || t == Node.CDATA_SECTION_NODE)) {
        Node merged = last.cloneNode(false);
        merged.setNodeValue(last.getNodeValue() + c.getNodeValue());
        out.set(out.size() - 1, merged);
      } else {
        out.add(c);
      }
    }
    return out;
  }

  private static Map<String, String> attrs(NamedNodeMap m) {
    Map<String, String> out = new TreeMap<>();
    for (int i = 0; i < m.getLength(); i++) {
      Attr at = (Attr) m.item(i);
      if (at.getNodeName().equals("xmlns:xml")
          && "http://www.w3.org/XML/1998/namespace".equals(at.getValue())) {
        continue; // accepted difference 2 (applied to both sides; ours never has it)
      }
      out.put(
          at.getNodeName(),
          "{"
              + at.getNamespaceURI()
              + "}"
              + at.getPrefix()
              + "|"
              + at.getLocalName()
              + "="
              + at.getValue()
              + (at.getSpecified() ? "" : " (default)"));
    }
    return out;
  }

  private static String same(String what, String x, String y) {
    return Objects.equals(x, y) ? "" : " " + what + " " + quote(x) + " vs " + quote(y);
  }

  private static String quote(String s) {
    if (s == null) {
      return "null";
    }
    return "\"" + (s.length() > 80 ? s.substring(0, 80) + "..." : s) + "\"";
  }
}
