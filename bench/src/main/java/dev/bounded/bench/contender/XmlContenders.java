package dev.bounded.bench.contender;

import com.ctc.wstx.stax.WstxInputFactory;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.bounded.bench.contender.Contender.Role;
import dev.bounded.bench.input.Doc;
import dev.bounded.bench.input.Doc.Format;
import dev.bounded.core.ParseBudget;
import dev.bounded.rss.FeedItem;
import dev.bounded.rss.FeedLimits;
import dev.bounded.rss.FeedReader;
import dev.bounded.xml.BoundedDocumentBuilderFactory;
import dev.bounded.xml.BoundedSAXParserFactory;
import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.DomLimits;
import dev.bounded.xml.XmlAttributes;
import dev.bounded.xml.XmlEngine;
import dev.bounded.xml.XmlHandler;
import dev.bounded.xml.XmlLimits;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The XML contenders. Factories are made once (as a caller would keep them); readers, builders and
 * parsers are made per document, inside the measurement.
 */
public final class XmlContenders {
  private XmlContenders() {}

  /** The raw parser every XML ratio is taken against. */
  public static final String RAW = "woodstox-raw";

  /**
   * The limits our contenders run under: the defaults (every check active) with the byte and
   * element counts raised so the 100 MB inputs fit.
   */
  public static final XmlLimits LIMITS =
      XmlLimits.defaults().toBuilder().maxBytes(1L << 30).maxElements(100_000_000).build();

  /**
   * {@link #LIMITS} on the optional {@link XmlEngine#WOODSTOX} engine (Woodstox behind our byte
   * scanner): the default engine since decision 018 is our own tokenizer.
   */
  public static final XmlLimits LIMITS_WOODSTOX =
      LIMITS.toBuilder().engine(XmlEngine.WOODSTOX).build();

  /**
   * The tree limits of the DOM drop-in: node and character counts raised so the 100 MB inputs fit,
   * and a budget of its own, far above any heap here, so every tree is charged as it grows (the
   * cost is measured) but never refused or kept waiting: the benchmark JVM's heap, not the
   * process-wide default budget (half of it), decides how large a tree can be.
   */
  public static final DomLimits DOM_LIMITS =
      DomLimits.builder()
          .maxNodes(1_000_000_000L)
          .maxCharacters(1L << 32)
          .parseBudget(ParseBudget.of(1L << 40, Duration.ZERO))
          .build();

  /**
   * The feed reader's limits: the defaults (every check active) with the document size raised to 1
   * GiB ({@link FeedLimits.Builder#maxBytes} scales the document-wide counts with it) and the item
   * count to 10^8, so the 100 MB feed fits.
   */
  public static final FeedLimits FEED_LIMITS =
      FeedLimits.builder().maxBytes(1L << 30).maxItems(100_000_000L).build();

  /** {@link #FEED_LIMITS} on the optional {@link XmlEngine#WOODSTOX} engine. */
  static final FeedLimits FEED_LIMITS_WOODSTOX =
      FEED_LIMITS.toBuilder()
          .xmlLimits(FEED_LIMITS.xmlLimits().toBuilder().engine(XmlEngine.WOODSTOX).build())
          .build();

  /** The elements the per-element contenders hand out: the RSS items. */
  public static final String ITEMS = "items";

  /** What the feed readers (Rome and ours) report: each entry's title and description. */
  public static final String ENTRIES = "entries";

  // Each factory in its own holder, made on first use: a memory probe of one contender carries no
  // other contender's factory in its heap.
  static final class Wstx {
    static final XMLInputFactory F = woodstox();
  }

  private static final class Aalto {
    static final XMLInputFactory F = aalto();
  }

  private static final class Dom {
    static final DocumentBuilderFactory F = dom();
  }

  private static final class Sax {
    static final SAXParserFactory F = sax();
  }

  private static final class BoundedDom {
    static final DocumentBuilderFactory F = boundedDom();
  }

  private static final class BoundedSax {
    static final SAXParserFactory F = boundedSax();
  }

  static List<Contender> all() {
    return List.of(
        new Simple(
            RAW,
            Format.XML,
            Role.RAW,
            RAW,
            true,
            d -> true,
            "Woodstox 7 XMLStreamReader, namespace-aware, non-coalescing, DTD support off; the StAX"
                + " loop reads names, every attribute value and every text segment",
            (in, t) -> StaxLoop.drain(Wstx.F.createXMLStreamReader(in), t)),
        new Simple(
            "bounded-push",
            Format.XML,
            Role.BOUNDED,
            RAW,
            true,
            d -> true,
            "BoundedXml.parse(InputStream, limits, handler) on the default engine (our own tokenizer); the"
                + " handler reads the same data",
            (in, t) -> BoundedXml.parse(in, LIMITS, new TallyHandler(t))),
        new Simple(
            "bounded-pull",
            Format.XML,
            Role.BOUNDED,
            RAW,
            true,
            d -> true,
            "BoundedXml.newReader(InputStream, limits) on the default engine with the same StAX loop",
            (in, t) -> StaxLoop.drain(BoundedXml.newReader(in, LIMITS), t)),
        new Simple(
            "bounded-woodstox-push",
            Format.XML,
            Role.REFERENCE,
            RAW,
            true,
            d -> true,
            "BoundedXml.parse on the optional WOODSTOX engine (our byte scanner, then Woodstox);"
                + " the handler reads the same data",
            (in, t) -> BoundedXml.parse(in, LIMITS_WOODSTOX, new TallyHandler(t))),
        new Simple(
            "bounded-woodstox-pull",
            Format.XML,
            Role.REFERENCE,
            RAW,
            true,
            d -> true,
            "BoundedXml.newReader on the optional WOODSTOX engine with the same StAX loop",
            (in, t) -> StaxLoop.drain(BoundedXml.newReader(in, LIMITS_WOODSTOX), t)),
        new Simple(
            "aalto-raw",
            Format.XML,
            Role.REFERENCE,
            RAW,
            true,
            d -> true,
            "Aalto 1.3 XMLStreamReader (namespace-aware, non-coalescing) with the same StAX loop",
            (in, t) -> StaxLoop.drain(Aalto.F.createXMLStreamReader(in), t)),
        new Simple(
            "jdk-dom",
            Format.XML,
            Role.REFERENCE,
            RAW,
            false,
            d -> true,
            "JDK DocumentBuilder (namespace-aware) per document, then a walk of the whole tree",
            (in, t) -> walk(Dom.F.newDocumentBuilder().parse(in), t)),
        new Simple(
            "jdk-sax",
            Format.XML,
            Role.REFERENCE,
            RAW,
            true,
            d -> true,
            "JDK SAXParser (namespace-aware) per document; the handler reads the same data",
            (in, t) -> Sax.F.newSAXParser().parse(in, new TallySaxHandler(t))),
        new Simple(
            "rome",
            Format.XML,
            Role.REFERENCE,
            RAW,
            false,
            d -> d.kind == Doc.Kind.FEED,
            "Rome 2.1 new SyndFeedInput().build(new XmlReader(in)); reads each entry's title and"
                + " description",
            ENTRIES,
            XmlContenders::rome),
        new Simple(
            "bounded-dom",
            Format.XML,
            Role.BOUNDED,
            "jdk-dom",
            false,
            d -> true,
            "BoundedDocumentBuilderFactory.newInstance(limits, domLimits) (namespace-aware), a"
                + " DocumentBuilder per document, then the same walk as jdk-dom",
            (in, t) -> walk(BoundedDom.F.newDocumentBuilder().parse(in), t)),
        new Simple(
            "bounded-sax",
            Format.XML,
            Role.BOUNDED,
            "jdk-sax",
            true,
            d -> true,
            "BoundedSAXParserFactory.newInstance(limits) (namespace-aware), a SAXParser per"
                + " document; the same handler as jdk-sax",
            (in, t) -> BoundedSax.F.newSAXParser().parse(in, new TallySaxHandler(t))),
        new Simple(
            "jdk-dom-items",
            Format.XML,
            Role.REFERENCE,
            RAW,
            false,
            XmlContenders::rss,
            "JDK DocumentBuilder (namespace-aware) per document, then getElementsByTagName(\"item\")"
                + " and the DOM walk of each item",
            ITEMS,
            XmlContenders::domItems),
        new Simple(
            "bounded-records",
            Format.XML,
            Role.BOUNDED,
            "jdk-dom-items",
            true,
            XmlContenders::rss,
            "BoundedXml.forEachElement(in, limits, \"/rss/channel/item\", item -> walk), each item"
                + " a small DOM of its own (DomLimits.defaults() per record); the same walk",
            ITEMS,
            (in, t) ->
                BoundedXml.forEachElement(in, LIMITS, "/rss/channel/item", item -> walk(item, t))),
        new Simple(
            "feed-reader",
            Format.XML,
            Role.BOUNDED,
            "rome",
            true,
            d -> d.kind == Doc.Kind.FEED,
            "rss-example's FeedReader.open(in, feedLimits); reads each item's title and"
                + " description (summary), like rome",
            ENTRIES,
            XmlContenders::feedReader));
  }

  /** The RSS feeds (the per-element contenders read their items). */
  private static boolean rss(Doc d) {
    return d.kind == Doc.Kind.FEED && d.id().startsWith("rss-");
  }

  private static void domItems(InputStream in, Tally t) throws Exception {
    NodeList items = Dom.F.newDocumentBuilder().parse(in).getElementsByTagName("item");
    for (int i = 0, n = items.getLength(); i < n; i++) {
      walk(items.item(i), t);
    }
  }

  private static void feedReader(InputStream in, Tally t) throws Exception {
    feedReader(in, FEED_LIMITS, t);
  }

  static void feedReader(InputStream in, FeedLimits limits, Tally t) throws Exception {
    try (FeedReader feed = FeedReader.open(in, limits)) {
      for (FeedItem item; (item = feed.next()) != null; ) {
        t.element("entry");
        if (item.title() != null) {
          t.text(item.title());
        }
        if (item.summary() != null) {
          t.text(item.summary());
        }
      }
    }
  }

  private static DocumentBuilderFactory boundedDom() {
    DocumentBuilderFactory f = BoundedDocumentBuilderFactory.newInstance(LIMITS, DOM_LIMITS);
    f.setNamespaceAware(true);
    return f;
  }

  private static SAXParserFactory boundedSax() {
    SAXParserFactory f = BoundedSAXParserFactory.newInstance(LIMITS);
    f.setNamespaceAware(true);
    return f;
  }

  static XMLInputFactory woodstox() {
    XMLInputFactory f = new WstxInputFactory();
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return f;
  }

  private static XMLInputFactory aalto() {
    XMLInputFactory f = new InputFactoryImpl();
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return f;
  }

  private static DocumentBuilderFactory dom() {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f;
  }

  private static SAXParserFactory sax() {
    SAXParserFactory f = SAXParserFactory.newInstance();
    f.setNamespaceAware(true);
    return f;
  }

  private static void rome(InputStream in, Tally t) throws Exception {
    SyndFeed feed = new SyndFeedInput().build(new XmlReader(in));
    for (SyndEntry e : feed.getEntries()) {
      t.element("entry");
      if (e.getTitle() != null) {
        t.text(e.getTitle());
      }
      if (e.getDescription() != null && e.getDescription().getValue() != null) {
        t.text(e.getDescription().getValue());
      }
    }
  }

  /** Walks a DOM iteratively, reading what the streaming contenders read. */
  static void walk(Node root, Tally t) {
    ArrayDeque<Node> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      Node n = stack.pop();
      switch (n.getNodeType()) {
        case Node.ELEMENT_NODE:
          Element e = (Element) n;
          e.getNamespaceURI();
          t.element(e.getLocalName());
          NamedNodeMap attrs = e.getAttributes();
          for (int i = 0, k = attrs.getLength(); i < k; i++) {
            Attr a = (Attr) attrs.item(i);
            if (!"http://www.w3.org/2000/xmlns/".equals(a.getNamespaceURI())) {
              t.attribute(a.getValue());
            }
          }
          break;
        case Node.TEXT_NODE:
        case Node.CDATA_SECTION_NODE:
          t.text(n.getNodeValue());
          break;
        default:
          break;
      }
      for (Node c = n.getLastChild(); c != null; c = c.getPreviousSibling()) {
        stack.push(c);
      }
    }
  }

  /** Our push handler: the same reads as the StAX loop. */
  static final class TallyHandler implements XmlHandler {
    private final Tally t;

    TallyHandler(Tally t) {
      this.t = t;
    }

    @Override
    public void startElement(String ns, String localName, String prefix, XmlAttributes attrs) {
      t.element(localName);
      for (int i = 0, n = attrs.count(); i < n; i++) {
        t.attribute(attrs.value(i));
      }
    }

    @Override
    public void characters(char[] text, int start, int length) {
      t.text(text, start, length);
    }
  }

  /** SAX's handler: the same reads. */
  static final class TallySaxHandler extends DefaultHandler {
    private final Tally t;

    TallySaxHandler(Tally t) {
      this.t = t;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attrs) {
      t.element(localName);
      for (int i = 0, n = attrs.getLength(); i < n; i++) {
        t.attribute(attrs.getValue(i));
      }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      t.text(ch, start, length);
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
      t.text(ch, start, length);
    }
  }
}
