package dev.bounded.xml.budget;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.ParseBudget;
import dev.bounded.xml.BoundedDocumentBuilderFactory;
import dev.bounded.xml.DomLimits;
import dev.bounded.xml.XmlLimits;
import dev.bounded.xml.internal.dom.DomCosts;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Calibrates the budget's estimate against the heap: builds a large tree of each shape, measures
 * the heap it holds (after several GCs), derives bytes per node after the text is charged at 2
 * bytes a character, and checks that {@link DomCosts#ESTIMATED_BYTES_PER_NODE} covers it and that
 * the whole charge covers the whole tree.
 */
class NodeCostCalibrationTest {
  private static final int N = 60_000;

  static Stream<Arguments> shapes() {
    return Stream.of(
        shape("empty elements", true, () -> doc("<r>", "<e/>", "</r>")),
        shape("elements with short text", true, () -> doc("<r>", "<e>x</e>", "</r>")),
        shape(
            "elements with three attributes",
            true,
            () -> doc("<r>", "<e a='1' b='2' c='3'/>", "</r>")),
        shape(
            "elements with three attributes, namespace-unaware",
            false,
            () -> doc("<r>", "<e a='1' b='2' c='3'/>", "</r>")),
        shape(
            "prefixed elements and attributes",
            true,
            () -> doc("<r xmlns:p='urn:p'>", "<p:e p:a='1'>x</p:e>", "</r>")),
        shape(
            "comments and processing instructions",
            true,
            () -> doc("<r>", "<!--c--><?p d?>", "</r>")),
        shape("RSS items", true, () -> new Rss(N / 15, 0)));
  }

  private static Arguments shape(String name, boolean ns, Supplier<InputStream> doc) {
    return Arguments.of(name, ns, doc);
  }

  private static InputStream doc(String head, String repeated, String tail) {
    return new ByteArrayInputStream(
        (head + repeated.repeat(N) + tail).getBytes(StandardCharsets.UTF_8));
  }

  private static long usedAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(20);
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }

  /** {nodes, the non-node part of the estimate: per character, and per prefixed name}. */
  private static long[] measure(Node n, long[] acc) {
    for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
      acc[0]++;
      switch (c.getNodeType()) {
        case Node.ELEMENT_NODE:
          acc[1] += prefixed(c);
          NamedNodeMap attrs = c.getAttributes();
          for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            acc[0]++;
            acc[1] += 2L * a.getValue().length();
            if (!"http://www.w3.org/2000/xmlns/".equals(a.getNamespaceURI())) {
              acc[1] += prefixed(a);
            }
          }
          measure(c, acc);
          break;
        default:
          acc[1] += 2L * c.getNodeValue().length();
      }
    }
    return acc;
  }

  private static long prefixed(Node n) {
    String q = n.getNodeName();
    return q.indexOf(':') > 0 ? DomCosts.ESTIMATED_BYTES_PER_PREFIXED_NAME + 2L * q.length() : 0;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void theEstimateCoversTheHeapTheTreeTakes(String name, boolean ns, Supplier<InputStream> input)
      throws Exception {
    ParseBudget budget = ParseBudget.of(Long.MAX_VALUE / 4, Duration.ZERO);
    BoundedDocumentBuilderFactory f =
        BoundedDocumentBuilderFactory.newInstance(
            XmlLimits.builder().maxElements(XmlLimits.UNLIMITED).build(),
            DomLimits.builder()
                .maxNodes(DomLimits.UNLIMITED)
                .maxCharacters(DomLimits.UNLIMITED)
                .parseBudget(budget)
                .build());
    f.setNamespaceAware(ns);
    javax.xml.parsers.DocumentBuilder b = f.newDocumentBuilder();
    b.parse(input.get()); // warm up the classes and caches
    InputStream in = input.get();
    long before = usedAfterGc();
    Document doc = b.parse(in);
    long after = usedAfterGc();
    long heap = after - before;
    long[] m = measure(doc, new long[2]);
    long nodes = m[0];
    double perNode = (double) (heap - m[1]) / nodes;
    long charged = budget.highWaterMark() - (64 << 10); // at least this: reserved <= 64 KiB ahead
    System.out.printf(
        "calibration %-52s nodes=%d heap=%d bytes perNode=%.1f estimate=%d (%.2fx the heap)%n",
        name, nodes, heap, perNode, charged, (double) charged / heap);
    assertTrue(
        perNode <= DomCosts.ESTIMATED_BYTES_PER_NODE,
        name + ": " + perNode + " bytes per node measured");
    assertTrue(charged >= heap, name + ": charged " + charged + " for a heap of " + heap);
    assertTrue(doc.getDocumentElement() != null);
  }

  @org.junit.jupiter.api.Test
  void forReferenceTheJdkBuilderOnTheRssShape() throws Exception {
    // not an assertion on Bounded: shows what the JDK's own (deferred) DOM takes for the same feed
    javax.xml.parsers.DocumentBuilder b =
        DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder();
    b.parse(new Rss(10, 0));
    long before = usedAfterGc();
    Document doc = b.parse(new Rss(N / 15, 0));
    long[] m = measure(doc, new long[2]); // touching every node expands the deferred DOM
    long heap = usedAfterGc() - before;
    System.out.printf(
        "calibration JDK DocumentBuilder, RSS, fully traversed: nodes=%d heap=%d bytes (%.1f per"
            + " input byte)%n",
        m[0], heap, (double) heap / Rss.size(N / 15, 0));
    assertTrue(m[0] > N);
  }
}
