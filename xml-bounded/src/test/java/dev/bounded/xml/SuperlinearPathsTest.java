package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.xml.sax.helpers.DefaultHandler;

/**
 * No namespace shape costs more than 6 times a plain document of the same size, under the default
 * limits, through every API (thread CPU time, best of three, same JVM, after a warm-up). Each
 * hostile document and its plain twin have the same bytes but for {@code ':'} turned into {@code
 * '_'}, so that the twin declares and resolves nothing.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(XmlEngine.class)
class SuperlinearPathsTest extends EngineParameterized {
  static final int SIZE = 1 << 20;

  /**
   * The defect class: namespace work superlinear in the declarations in scope (decision 011: 240x
   * through the pull loop, 3.7 s for a 9-byte record). Today 1.0-2.1x on a loaded 2-core machine,
   * on 1 MB documents of 3 to 50 ms, where one preemption moves a ratio by 1x: the bar sits about
   * 3x above today's worst and 40x under the defect (it was 3x, 1.4x above today, as
   * LongNamesTest's 3x was when CI failed on it).
   */
  static final double MAX_RATIO = 6.0;

  /** Declarations in scope under the root's default one: the default limit's worth in all. */
  static final int IN_SCOPE = (int) XmlLimits.DEFAULT_MAX_NAMESPACES - 1;

  /** {@code n} declarations of p0..p(n-1), at most 100 a tag, nested; returns the open tags. */
  static String header(int n) {
    StringBuilder sb = new StringBuilder();
    for (int d = 0; d < n; ) {
      sb.append("<e");
      for (int a = 0; a < 100 && d < n; a++, d++) {
        sb.append(" xmlns:p").append(d).append("='urn:x:").append(d).append('\'');
      }
      sb.append('>');
    }
    return sb.toString();
  }

  static String closeHeader(int n) {
    return "</e>".repeat((n + 99) / 100);
  }

  /** The hostile shapes; each is about {@link #SIZE} bytes. */
  static String shape(String name) {
    StringBuilder sb = new StringBuilder("<r xmlns='urn:default'>");
    boolean nested = !name.equals("declaring siblings");
    if (nested) {
      sb.append(header(IN_SCOPE));
    }
    while (sb.length() < SIZE) {
      switch (name) {
        case "prefixed attributes": // every name resolved against the first declaration made
          sb.append("<i");
          for (int k = 0; k < 99; k++) {
            sb.append(" p0:a").append(k).append("=''");
          }
          sb.append("/>\n");
          break;
        case "prefixed elements":
          sb.append("<p0:i/>");
          break;
        case "declaring siblings": // every tag declares as many as a tag may
          sb.append(header(IN_SCOPE).replace(">", "/>")).append('\n');
          break;
        case "tiny records":
          sb.append("<i p0:a='v'>x</i>");
          break;
        default:
          throw new AssertionError(name);
      }
    }
    if (nested) {
      sb.append(closeHeader(IN_SCOPE));
    }
    return sb.append("</r>").toString();
  }

  /** The same bytes with nothing to declare or resolve. */
  static String plain(String hostile) {
    return hostile.replace(':', '_');
  }

  interface Api {
    long run(byte[] doc) throws Exception;
  }

  /** The defaults on the engine under test (set before each test; the helpers are static). */
  static XmlLimits LIMITS = XmlLimits.defaults();

  @BeforeEach
  void onTheEngineUnderTest() {
    LIMITS = limits();
  }

  static long push(byte[] doc) throws Exception {
    return BoundedXml.parse(doc, LIMITS, new XmlHandler() {}).elements();
  }

  static long pull(byte[] doc) throws Exception {
    XMLStreamReader r = BoundedXml.newReader(new ByteArrayInputStream(doc), LIMITS);
    long n = 0;
    while (r.hasNext()) {
      n += r.next();
    }
    return n;
  }

  static long dom(byte[] doc) throws Exception {
    DocumentBuilderFactory f = BoundedDocumentBuilderFactory.newInstance(LIMITS);
    f.setNamespaceAware(true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(doc))
        .getDocumentElement()
        .getChildNodes()
        .getLength();
  }

  static long sax(byte[] doc) throws Exception {
    SAXParserFactory f = BoundedSAXParserFactory.newInstance(LIMITS);
    f.setNamespaceAware(true);
    f.newSAXParser().parse(new ByteArrayInputStream(doc), new DefaultHandler());
    return 1;
  }

  static long records(byte[] doc) throws Exception {
    return BoundedXml.forEachElement(new ByteArrayInputStream(doc), LIMITS, "i", e -> {});
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String shape :
        new String[] {
          "prefixed attributes", "prefixed elements", "declaring siblings", "tiny records"
        }) {
      out.add(Arguments.of(shape, "push", (Api) SuperlinearPathsTest::push));
      out.add(Arguments.of(shape, "pull", (Api) SuperlinearPathsTest::pull));
      out.add(Arguments.of(shape, "DOM", (Api) SuperlinearPathsTest::dom));
      out.add(Arguments.of(shape, "SAX", (Api) SuperlinearPathsTest::sax));
      if (shape.equals("tiny records") || shape.equals("prefixed attributes")) {
        out.add(Arguments.of(shape, "records", (Api) SuperlinearPathsTest::records));
      }
    }
    return out.stream();
  }

  static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Thread CPU time of one run (the machine is shared: other processes' time is not counted). */
  static long time(Api api, byte[] doc) throws Exception {
    long t0 = THREADS.getCurrentThreadCpuTime();
    api.run(doc);
    return THREADS.getCurrentThreadCpuTime() - t0;
  }

  /**
   * Best of five for each document, after five warm-up runs each, the two interleaved. (Best of
   * three after two warm-ups read 2.7-3.4x for a shape that reads 1.3x on an idle machine, while
   * six other builds shared the two cores: the hostile side was measured before the JIT settled.)
   */
  static long[] best(Api api, byte[] a, byte[] b) throws Exception {
    for (int i = 0; i < 5; i++) {
      api.run(a);
      api.run(b);
    }
    long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
    for (int i = 0; i < 5; i++) {
      best[0] = Math.min(best[0], time(api, a));
      best[1] = Math.min(best[1], time(api, b));
    }
    return best;
  }

  @ParameterizedTest(name = "{0} through {1}")
  @MethodSource("cases")
  void aHostileNamespaceShapeCostsAtMostThreeTimesAPlainDocumentOfTheSameSize(
      String shape, String apiName, Api api) throws Exception {
    String hostile = shape(shape);
    byte[] h = hostile.getBytes(StandardCharsets.UTF_8);
    byte[] p = plain(hostile).getBytes(StandardCharsets.UTF_8);
    assertEquals(h.length, p.length);
    assertEquals(api.run(h), api.run(p), "both parse alike");
    long[] t = best(api, h, p);
    long th = t[0];
    long tp = t[1];
    double ratio = (double) th / tp;
    System.out.printf(
        "SuperlinearPathsTest: %s through %s, %d bytes: hostile %.1f ms, plain %.1f ms, ratio %.2f%n",
        shape, apiName, h.length, th / 1e6, tp / 1e6, ratio);
    assertTrue(ratio <= MAX_RATIO, shape + " through " + apiName + ": ratio " + ratio);
  }

  /**
   * The issue's shape: 255 levels declaring 100 each (within every other default), then 4,000 tags
   * of 99 prefixed attributes (5 MB). Before the limit, the pull loop took 240 times the plain
   * document's time; now it is refused, typed, at the declaration one over the default.
   */
  @Test
  void theIssuesDeepDeclarationsAreRefusedAtTheLimitInLessThanAPlainParse() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int d = 0; d < 255; d++) {
      sb.append("<e");
      for (int a = 0; a < 100; a++) {
        sb.append(" xmlns:p")
            .append(d)
            .append('_')
            .append(a)
            .append("='urn:")
            .append(a)
            .append('\'');
      }
      sb.append('>');
    }
    for (int i = 0; i < 4000; i++) {
      sb.append("<i");
      for (int k = 0; k < 99; k++) {
        sb.append(" p0_").append(k).append(":a='v'");
      }
      sb.append("/>");
    }
    sb.append("</e>".repeat(255));
    byte[] h = sb.toString().getBytes(StandardCharsets.UTF_8);
    byte[] p = sb.toString().replace(':', '_').getBytes(StandardCharsets.UTF_8);
    XMLStreamException e = assertThrows(XMLStreamException.class, () -> pull(h));
    LimitExceededException ours =
        BoundedParseException.find(e, LimitExceededException.class).orElseThrow();
    assertEquals(Limit.MAX_NAMESPACES, ours.limit());
    assertEquals(XmlLimits.DEFAULT_MAX_NAMESPACES + 1, ours.actual());
    long[] t =
        best(
            d -> {
              try {
                return pull(d);
              } catch (XMLStreamException refused) {
                return -1;
              }
            },
            h,
            p);
    long th = t[0];
    long tp = t[1];
    System.out.printf(
        "SuperlinearPathsTest: 255x100 declarations, %d bytes: refused in %.1f ms, plain %.1f ms%n",
        h.length, th / 1e6, tp / 1e6);
    assertTrue(th <= MAX_RATIO * tp, th + " vs " + tp);
  }

  /**
   * Records under 25,400 declarations in scope (the limit lifted): a record costs the same as
   * without them (before, each 9-byte record copied every declaration through linear DOM look-ups,
   * 3.7 s a record), and carries only the declarations it uses.
   */
  @Test
  void aRecordsCostDoesNotGrowWithTheDeclarationsInScope() {
    StringBuilder sb = new StringBuilder("<r xmlns='urn:d'>");
    for (int d = 0; d < 254; d++) {
      sb.append("<e");
      for (int a = 0; a < 100; a++) {
        sb.append(" xmlns:p")
            .append(d)
            .append('_')
            .append(a)
            .append("='urn:")
            .append(d)
            .append('_');
        sb.append(a).append('\'');
      }
      sb.append('>');
    }
    sb.append("<p7_3:i p9_1:a='v'>x</p7_3:i>");
    sb.append("<i>x</i>".repeat(2000));
    sb.append("</e>".repeat(254)).append("</r>");
    byte[] doc = sb.toString().getBytes(StandardCharsets.UTF_8);
    XmlLimits unlimited = builder().maxNamespaces(XmlLimits.UNLIMITED).build();
    List<Element> got = new ArrayList<>();
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> BoundedXml.forEachElement(new ByteArrayInputStream(doc), unlimited, "i", got::add));
    assertEquals(2001, got.size());
    Element first = got.get(0);
    assertEquals(4, first.getAttributes().getLength(), "p9_1:a, xmlns, xmlns:p7_3, xmlns:p9_1");
    assertEquals("urn:7_3", first.lookupNamespaceURI("p7_3"));
    assertEquals("urn:9_1", first.getAttributeNode("xmlns:p9_1").getValue());
    assertEquals("urn:d", first.lookupNamespaceURI(null));
    assertEquals(null, first.lookupNamespaceURI("p0_0"), "not used: not copied");
    Element plain = got.get(1);
    assertEquals(1, plain.getAttributes().getLength(), "the default namespace only");
    assertEquals("urn:d", plain.getNamespaceURI());
  }
}
