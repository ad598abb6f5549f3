package dev.bounded.xml;

import dev.bounded.core.BoundedParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.IntFunction;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Runs in a forked small-heap JVM ({@link StateAcrossParsesTest}): parses a sequence of hostile
 * documents (generated on the fly, never held whole) through every API under the default limits,
 * one after another, and prints the heap in use after GC before and after. Every document must
 * succeed or fail typed. Prints one line starting with "OK" and exits 0; "FAIL ..." and exits 2 on
 * an untyped failure or retention over the allowance; an OutOfMemoryError exits 3 under {@code
 * -XX:+ExitOnOutOfMemoryError}.
 *
 * <p>Arguments: seed, number of documents, allowed retention in MB.
 */
public final class HostileMain {
  private HostileMain() {}

  /** A document made of chunks produced one at a time. */
  static final class Chunks extends InputStream {
    private final IntFunction<byte[]> chunk;
    private final int count;
    private int next;
    private byte[] current = new byte[0];
    private int pos;

    Chunks(int count, IntFunction<byte[]> chunk) {
      this.count = count;
      this.chunk = chunk;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      while (pos == current.length) {
        if (next == count) {
          return -1;
        }
        current = chunk.apply(next++);
        pos = 0;
      }
      int k = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, k);
      pos += k;
      return k;
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** 16,000 characters of two UTF-8 bytes each (a URI of 32 KB, 32 KB on the heap as a String). */
  static final String WIDE = "\u0101".repeat(16_000);

  /**
   * The finding 2: 1,024 namespace declarations with distinct 16,000-character URIs (33
   * MB), 64 a tag on sibling elements so that every default holds.
   */
  static InputStream longNamespaceUris(long id) {
    int perTag = (int) XmlLimits.DEFAULT_MAX_NAMESPACES;
    return new Chunks(
        1026,
        i -> {
          if (i == 0) {
            return utf8("<r>");
          }
          if (i == 1025) {
            return utf8("/></r>");
          }
          int n = i - 1;
          String open = n % perTag == 0 ? (n == 0 ? "<e" : "/><e") : "";
          return utf8(
              open + " xmlns:p" + (n % perTag) + "='urn:" + id + ":" + n + ":" + WIDE + "'");
        });
  }

  /** 200,000 distinct element and attribute names (Woodstox's per-parse symbol table). */
  static InputStream distinctNames(long id) {
    return new Chunks(
        200_002,
        i ->
            i == 0
                ? utf8("<r>")
                : i == 200_001 ? utf8("</r>") : utf8("<n" + id + "x" + i + " a" + i + "='1'/>"));
  }

  /** 10,000 distinct names of 1,000 characters each (10 MB). */
  static InputStream longNames(long id) {
    String pad = "n".repeat(990);
    return new Chunks(
        10_002,
        i ->
            i == 0
                ? utf8("<r>")
                : i == 10_001 ? utf8("</r>") : utf8("<" + pad + id + "_" + i + "/>"));
  }

  /** Text runs, comments and PIs at their limits, and distinct long attribute values. */
  static InputStream bigText(long id) {
    String run = "t".repeat((int) XmlLimits.DEFAULT_MAX_TEXT_LENGTH - 16);
    String value = "v".repeat((int) XmlLimits.DEFAULT_MAX_ATTRIBUTE_LENGTH - 16);
    return new Chunks(
        12,
        i ->
            i == 0
                ? utf8("<r>")
                : i == 11
                    ? utf8("</r>")
                    : utf8(
                        "<e a='"
                            + id
                            + value
                            + i
                            + "'>"
                            + run
                            + "<!--"
                            + run.substring(0, 1000)
                            + "--><?pi "
                            + i
                            + "?></e>"));
  }

  /** Namespace declarations in scope up to the default limit, then prefixed records. */
  static InputStream prefixedRecords(long id) {
    StringBuilder head = new StringBuilder("<r");
    for (int i = 0; i < XmlLimits.DEFAULT_MAX_NAMESPACES; i++) {
      head.append(" xmlns:p")
          .append(i)
          .append("='urn:")
          .append(id)
          .append(':')
          .append(i)
          .append('\'');
    }
    head.append('>');
    return new Chunks(
        100_002,
        i ->
            i == 0
                ? utf8(head.toString())
                : i == 100_001
                    ? utf8("</r>")
                    : utf8(
                        "<p" + (i % 64) + ":e p" + (i % 7) + ":a='" + i + "'>x</p" + (i % 64)
                            + ":e>"));
  }

  static final String[] KINDS = {
    "longNamespaceUris", "distinctNames", "longNames", "bigText", "prefixedRecords"
  };

  static InputStream document(String kind, long id) {
    switch (kind) {
      case "longNamespaceUris":
        return longNamespaceUris(id);
      case "distinctNames":
        return distinctNames(id);
      case "longNames":
        return longNames(id);
      case "bigText":
        return bigText(id);
      case "prefixedRecords":
        return prefixedRecords(id);
      default:
        throw new IllegalArgumentException(kind);
    }
  }

  static final String[] APIS = {"push", "pull", "DOM", "SAX", "records"};

  /** Parses; returns "ok" or the name of the typed failure. */
  static String parse(String api, InputStream in) throws Exception {
    return parse(api, in, XmlLimits.defaults());
  }

  /** Parses with {@code limits} (their engine included); "ok" or the typed failure's name. */
  static String parse(String api, InputStream in, XmlLimits limits) throws Exception {
    try {
      switch (api) {
        case "push":
          BoundedXml.parse(in, limits, new XmlHandler() {});
          break;
        case "pull":
          XMLStreamReader r = BoundedXml.newReader(in, limits);
          while (r.hasNext()) {
            r.next();
          }
          r.close();
          break;
        case "DOM":
          DocumentBuilderFactory f = BoundedDocumentBuilderFactory.newInstance(limits);
          f.setNamespaceAware(true);
          f.newDocumentBuilder().parse(in);
          break;
        case "SAX":
          SAXParserFactory s = BoundedSAXParserFactory.newInstance(limits);
          s.setNamespaceAware(true);
          s.newSAXParser().parse(in, new DefaultHandler());
          break;
        case "records":
          BoundedXml.forEachElement(in, limits, "e", e -> {});
          break;
        default:
          throw new IllegalArgumentException(api);
      }
      return "ok";
    } catch (XMLStreamException | SAXException | IOException e) {
      return BoundedParseException.find(e)
          .map(x -> x.getClass().getSimpleName())
          .orElseThrow(() -> new AssertionError("untyped: " + e, e));
    }
  }

  static long usedAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(20);
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }

  public static void main(String[] args) throws Exception {
    long seed = Long.parseLong(args[0]);
    int count = Integer.parseInt(args[1]);
    long allowed = Long.parseLong(args[2]) << 20;
    // warm up: every API and factory once, on a small plain document
    for (XmlEngine engine : XmlEngine.values()) {
      for (String api : APIS) {
        parse(
            api,
            new ByteArrayInputStream(utf8("<r xmlns:p='u'><e p:a='1'>x</e></r>")),
            XmlLimits.builder().engine(engine).build());
      }
    }
    long base = usedAfterGc();
    Random random = new Random(seed);
    StringBuilder log = new StringBuilder();
    long worst = 0;
    for (int i = 0; i < count; i++) {
      // the first ten: finding 2's document through every API on each engine; then a random mix
      int first = APIS.length * XmlEngine.values().length;
      String kind = i < first ? KINDS[0] : KINDS[random.nextInt(KINDS.length)];
      String api = i < first ? APIS[i % APIS.length] : APIS[random.nextInt(APIS.length)];
      XmlEngine engine =
          i < first
              ? XmlEngine.values()[i / APIS.length]
              : XmlEngine.values()[random.nextInt(XmlEngine.values().length)];
      String outcome;
      try {
        outcome =
            parse(api, document(kind, seed * 1000 + i), XmlLimits.builder().engine(engine).build());
      } catch (Throwable t) {
        System.out.println("FAIL " + kind + " through " + api + ": " + t);
        t.printStackTrace(System.out);
        System.exit(2);
        return;
      }
      long retained = usedAfterGc() - base;
      worst = Math.max(worst, retained);
      log.append(
          String.format(
              "%n  %s through %s on %s: %s, retained %.1f MB",
              kind, api, engine, outcome, retained / 1e6));
    }
    long retained = usedAfterGc() - base;
    String line =
        String.format(
            "seed=%d documents=%d heap=%dMB base=%.1fMB retainedAfter=%.1fMB worstBetween=%.1fMB",
            seed,
            count,
            Runtime.getRuntime().maxMemory() >> 20,
            base / 1e6,
            retained / 1e6,
            worst / 1e6);
    System.out.println(log.toString().trim());
    System.out.println((retained <= allowed && worst <= allowed ? "OK " : "FAIL ") + line);
    System.exit(retained <= allowed && worst <= allowed ? 0 : 2);
  }
}
