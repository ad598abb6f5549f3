package dev.bounded.xml.internal.dom;

import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.ParseBudget;
import dev.bounded.core.ParseLocation;
import dev.bounded.core.internal.ParseErrors;
import dev.bounded.xml.DomLimits;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Builds JDK DOM nodes from a bounded pull parser's events, holding the {@link DomLimits}. Adjacent
 * character data becomes one {@code Text} node (one {@code CDATASection} per run of CDATA events,
 * or text when coalescing). Charges its {@link ParseBudget.Account}, if given, the estimate of
 * {@link DomLimits}: per node, per character, per character of a prefixed name. One per tree; not
 * thread-safe.
 */
public final class DomTreeBuilder {
  private static final String XMLNS = XMLConstants.XMLNS_ATTRIBUTE_NS_URI;
  private static final int NONE = 0;
  private static final int TEXT = 1;
  private static final int CDATA = 2;

  private final boolean namespaceAware;
  private final boolean coalescing;
  private final boolean ignoringComments;
  private final long maxNodes;
  private final long maxChars;
  private final ParseBudget.Account account;
  private long nodes;
  private long chars;
  private final StringBuilder pending = new StringBuilder();
  private int pendingKind = NONE;
  private final Map<String, String[]> qnames = new HashMap<>();
  private Set<String> used; // prefixes the names of a record use (element(): else null)
  private Set<String> rootDeclared; // prefixes the record's root declares itself
  private XMLStreamReader r;

  /**
   * @param account where to charge the tree's estimated heap, or null to charge nothing
   */
  public DomTreeBuilder(
      DomLimits limits,
      ParseBudget.Account account,
      boolean namespaceAware,
      boolean coalescing,
      boolean ignoringComments) {
    this.account = account;
    this.namespaceAware = namespaceAware;
    this.coalescing = coalescing;
    this.ignoringComments = ignoringComments;
    this.maxNodes = limits.maxNodes();
    this.maxChars = limits.maxCharacters();
  }

  /** Nodes built so far. */
  public long nodes() {
    return nodes;
  }

  /** Characters held so far. */
  public long characters() {
    return chars;
  }

  /**
   * Reads the whole document from {@code reader} (positioned before its first event) into the empty
   * {@code doc}.
   */
  public void document(XMLStreamReader reader, Document doc) throws IOException {
    this.r = reader;
    boolean strict = doc.getStrictErrorChecking();
    doc.setStrictErrorChecking(false); // the parser already checked every name
    try {
      // Only "1.1" is recorded: a DOM knows 1.0 and 1.1, and any other 1.x is read as 1.0 (XML 1.0
      // fifth edition), so "1.2" must not reach setXmlVersion (a DOMException; Jazzer's finding).
      if ("1.1".equals(reader.getVersion())) {
        doc.setXmlVersion("1.1");
      }
      if (reader.standaloneSet() && reader.isStandalone()) {
        doc.setXmlStandalone(true);
      }
      Node parent = doc;
      int depth = 0;
      while (true) {
        int t = next();
        switch (t) {
          case XMLStreamConstants.START_ELEMENT:
            flush(parent, doc);
            Element e = startElement(doc, false);
            parent.appendChild(e);
            parent = e;
            depth++;
            break;
          case XMLStreamConstants.END_ELEMENT:
            flush(parent, doc);
            parent = parent.getParentNode();
            depth--;
            break;
          case XMLStreamConstants.END_DOCUMENT:
            flush(parent, doc);
            return;
          default:
            if (depth > 0) {
              content(t, parent, doc);
            } else {
              prologOrEpilog(t, doc);
            }
        }
      }
    } finally {
      doc.setStrictErrorChecking(strict);
    }
  }

  /**
   * Builds the element {@code reader} is on, and everything inside it, in {@code doc} (not appended
   * anywhere); returns with the reader on the element's END_ELEMENT.
   *
   * <p>So that the element stands on its own, the ancestors' declarations it uses are declared on
   * it (after its attributes), unless it declares the prefix itself: the default namespace, if one
   * is in scope, and every prefix an element or attribute name inside it uses ({@code xml}
   * excepted). Other declarations in scope are not copied: a prefix used only inside content (a
   * QName-valued attribute or text such as {@code xsi:type="atom:text"}) is not known to be used.
   * The cost is one hash look-up per prefix used, whatever the number of declarations in scope.
   *
   * @param inScope the ancestors' bindings in scope: prefix ("" for the default namespace) to URI
   *     ("" for none), or null if unbound; null to copy nothing
   */
  public Element element(XMLStreamReader reader, Document doc, Function<String, String> inScope)
      throws IOException {
    this.r = reader;
    boolean strict = doc.getStrictErrorChecking();
    doc.setStrictErrorChecking(false);
    if (inScope != null && namespaceAware) {
      used = new LinkedHashSet<>(); // declared in the order first used
      rootDeclared = new HashSet<>();
      used.add(""); // the default namespace in scope is always kept
    }
    try {
      Element root = startElement(doc, true);
      Node parent = root;
      int depth = 1;
      while (true) {
        int t = next();
        switch (t) {
          case XMLStreamConstants.START_ELEMENT:
            flush(parent, doc);
            Element e = startElement(doc, false);
            parent.appendChild(e);
            parent = e;
            depth++;
            break;
          case XMLStreamConstants.END_ELEMENT:
            flush(parent, doc);
            if (--depth == 0) {
              if (used != null) {
                declareUsed(root, inScope);
              }
              return root;
            }
            parent = parent.getParentNode();
            break;
          case XMLStreamConstants.END_DOCUMENT:
            throw new IllegalStateException("document ended inside an element");
          default:
            content(t, parent, doc);
        }
      }
    } finally {
      doc.setStrictErrorChecking(strict);
      used = null;
      rootDeclared = null;
    }
  }

  /** Declares on {@code root} the ancestors' bindings of the prefixes the record used. */
  private void declareUsed(Element root, Function<String, String> inScope) throws IOException {
    for (String p : used) {
      if (!rootDeclared.contains(p) && !"xml".equals(p)) {
        String u = inScope.apply(p);
        if (u != null && !u.isEmpty()) {
          declare(root, p, u);
        }
      }
    }
  }

  private int next() throws IOException {
    try {
      return r.next();
    } catch (XMLStreamException e) {
      throw unwrap(e);
    }
  }

  /** Our exception out of the pull parser's wrapper. */
  public static IOException unwrap(XMLStreamException e) {
    Throwable c = e.getCause();
    if (c instanceof IOException) {
      return (IOException) c;
    }
    return new IOException(e.getMessage(), e);
  }

  private void prologOrEpilog(int t, Document doc) throws IOException {
    switch (t) {
      case XMLStreamConstants.COMMENT:
        if (!ignoringComments) {
          doc.appendChild(doc.createComment(comment()));
        }
        break;
      case XMLStreamConstants.PROCESSING_INSTRUCTION:
        doc.appendChild(pi(doc));
        break;
      default:
        break; // whitespace outside the root and a skipped DOCTYPE leave no node, as in the JDK
    }
  }

  private void content(int t, Node parent, Document doc) throws IOException {
    switch (t) {
      case XMLStreamConstants.CHARACTERS:
      case XMLStreamConstants.SPACE:
      case XMLStreamConstants.ENTITY_REFERENCE:
        append(TEXT, parent, doc);
        break;
      case XMLStreamConstants.CDATA:
        append(coalescing ? TEXT : CDATA, parent, doc);
        break;
      case XMLStreamConstants.COMMENT:
        if (!ignoringComments) {
          // an ignored comment does not split the text around it, as in the JDK
          String c = comment();
          flush(parent, doc);
          parent.appendChild(doc.createComment(c));
        }
        break;
      case XMLStreamConstants.PROCESSING_INSTRUCTION:
        flush(parent, doc);
        parent.appendChild(pi(doc));
        break;
      default:
        break;
    }
  }

  private void append(int kind, Node parent, Document doc) throws IOException {
    if (pendingKind != kind) {
      flush(parent, doc);
      pendingKind = kind;
    }
    int len = r.getTextLength();
    countChars(len);
    pending.append(r.getTextCharacters(), r.getTextStart(), len);
  }

  private void flush(Node parent, Document doc) throws IOException {
    if (pendingKind == NONE) {
      return;
    }
    countNode();
    String s = pending.toString();
    parent.appendChild(pendingKind == TEXT ? doc.createTextNode(s) : doc.createCDATASection(s));
    pending.setLength(0);
    pendingKind = NONE;
  }

  private String comment() throws IOException {
    countNode();
    int len = r.getTextLength();
    countChars(len);
    return new String(r.getTextCharacters(), r.getTextStart(), len);
  }

  private Node pi(Document doc) throws IOException {
    countNode();
    String data = r.getPIData();
    if (data == null) {
      data = "";
    }
    countChars(data.length());
    return doc.createProcessingInstruction(r.getPITarget(), data);
  }

  private Element startElement(Document doc, boolean root) throws IOException {
    countNode();
    Element e;
    if (namespaceAware) {
      e =
          doc.createElementNS(
              nullIfEmpty(r.getNamespaceURI()), qname(r.getPrefix(), r.getLocalName()));
      int nsCount = r.getNamespaceCount();
      for (int i = 0; i < nsCount; i++) {
        String p = r.getNamespacePrefix(i);
        String u = r.getNamespaceURI(i);
        declare(e, p, u);
        if (root && rootDeclared != null) {
          rootDeclared.add(p == null ? "" : p);
        }
      }
      if (used != null) {
        String p = r.getPrefix();
        if (p != null && !p.isEmpty()) {
          used.add(p);
        }
      }
      int n = r.getAttributeCount();
      for (int i = 0; i < n; i++) {
        if (used != null) {
          String p = r.getAttributePrefix(i);
          if (p != null && !p.isEmpty()) {
            used.add(p);
          }
        }
        String v = r.getAttributeValue(i);
        countNode();
        countChars(v.length());
        e.setAttributeNS(
            nullIfEmpty(r.getAttributeNamespace(i)),
            qname(r.getAttributePrefix(i), r.getAttributeLocalName(i)),
            v);
      }
    } else {
      e = doc.createElement(qname(r.getPrefix(), r.getLocalName()));
      int n = r.getAttributeCount();
      for (int i = 0; i < n; i++) {
        String v = r.getAttributeValue(i);
        countNode();
        countChars(v.length());
        e.setAttribute(qname(r.getAttributePrefix(i), r.getAttributeLocalName(i)), v);
      }
    }
    return e;
  }

  private void declare(Element e, String prefix, String uri) throws IOException {
    String u = uri == null ? "" : uri;
    countNode();
    countChars(u.length());
    e.setAttributeNS(XMLNS, prefix == null || prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix, u);
  }

  private String qname(String prefix, String local) throws LimitExceededException {
    if (prefix == null || prefix.isEmpty()) {
      return local;
    }
    // the JDK DOM splits a prefixed name into a new local-name string per node
    charge(
        DomCosts.ESTIMATED_BYTES_PER_PREFIXED_NAME
            + DomCosts.ESTIMATED_BYTES_PER_CHARACTER * (prefix.length() + 1 + local.length()));
    String[] cached = qnames.get(local);
    if (cached != null && cached[0].equals(prefix)) {
      return cached[1];
    }
    String q = prefix + ':' + local;
    if (qnames.size() < 1024) {
      qnames.put(local, new String[] {prefix, q});
    }
    return q;
  }

  private static String nullIfEmpty(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private void countNode() throws LimitExceededException {
    if (++nodes > maxNodes) {
      throw new LimitExceededException(
          Limit.MAX_NODES, maxNodes, nodes, "DomLimits.maxNodes", here());
    }
    charge(DomCosts.ESTIMATED_BYTES_PER_NODE);
  }

  private void countChars(long n) throws LimitExceededException {
    chars += n;
    if (chars > maxChars) {
      throw new LimitExceededException(
          Limit.MAX_TEXT_LENGTH, maxChars, chars, "DomLimits.maxCharacters", here());
    }
    charge(DomCosts.ESTIMATED_BYTES_PER_CHARACTER * n);
  }

  private void charge(long bytes) throws LimitExceededException {
    if (account != null) {
      try {
        account.charge(bytes);
      } catch (LimitExceededException e) {
        throw ParseErrors.relocate(e, here());
      }
    }
  }

  private ParseLocation here() {
    Location l = r.getLocation();
    return l == null
        ? ParseLocation.UNKNOWN
        : ParseLocation.of(l.getLineNumber(), l.getColumnNumber(), -1, null);
  }
}
