package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;

/**
 * The XML feeder's throughput against the blocking parse on the same 10 MB generated feed, BOUNDED
 * engine, 16 KB chunks (what {@code HttpClient} hands on): thread CPU, variants interleaved round
 * by round after a warm-up, best of five each. The target is 0.9; the test fails below 0.7
 * (a shared machine's noise) and prints the figure. The same for the pull forms: the blocking
 * {@code newReader} against {@link XmlAsyncReader}. Also a main: {@code [rounds] [chunk bytes]}.
 */
class FeederThroughputTest {
  private static final XmlLimits LIMITS =
      XmlLimits.builder()
          .engine(XmlEngine.BOUNDED)
          .maxBytes(XmlLimits.UNLIMITED)
          .maxElements(XmlLimits.UNLIMITED)
          .build();
  private static volatile long sink;

  /** Reads every name, attribute value and text character, as a feed reader does. */
  static final class Reading implements XmlHandler {
    long n;

    @Override
    public void startElement(String ns, String local, String prefix, XmlAttributes a) {
      n += local.length();
      for (int i = 0; i < a.count(); i++) {
        n += a.value(i).length();
      }
    }

    @Override
    public void characters(char[] text, int start, int length) {
      n += length;
    }
  }

  /** An RSS-like feed of about {@code size} bytes. */
  static byte[] feed(int size) {
    StringBuilder sb = new StringBuilder(size + 4096);
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\n");
    for (int i = 0; sb.length() < size; i++) {
      sb.append("<item><title>Item ")
          .append(i)
          .append(": caf\u00e9 &amp; news</title>\n<link>https://example.com/items/")
          .append(i)
          .append("</link>\n<guid isPermaLink=\"false\">urn:item:")
          .append(i)
          .append("</guid>\n<description><![CDATA[<p>Some <b>HTML</b> text about item ")
          .append(i)
          .append(", long enough to be a real description of a real thing.</p>]]></description>\n")
          .append("<pubDate>Mon, 07 Dec 2026 08:00:00 GMT</pubDate></item>\n");
    }
    return sb.append("</channel></rss>\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  static long blocking(byte[] doc) throws IOException {
    Reading h = new Reading();
    BoundedXml.parse(doc, LIMITS, h);
    return h.n;
  }

  static long fed(byte[] doc, int chunk) throws IOException {
    Reading h = new Reading();
    XmlFeeder f = BoundedXml.newFeeder(LIMITS, h);
    for (int at = 0; at < doc.length; at += chunk) {
      f.feed(doc, at, Math.min(chunk, doc.length - at));
    }
    f.endOfInput();
    return h.n;
  }

  /** What {@link Reading} reads, from a pull reader's current event. */
  static long read(XMLStreamReader r, int t) {
    long n = 0;
    if (t == XMLStreamConstants.START_ELEMENT) {
      n += r.getLocalName().length();
      for (int i = 0; i < r.getAttributeCount(); i++) {
        n += r.getAttributeValue(i).length();
      }
    } else if (t == XMLStreamConstants.CHARACTERS
        || t == XMLStreamConstants.CDATA
        || t == XMLStreamConstants.SPACE) {
      n += r.getTextLength();
    }
    return n;
  }

  /** The blocking pull reader on the BOUNDED engine. */
  static long pulled(byte[] doc) throws XMLStreamException {
    XMLStreamReader r = BoundedXml.newReader(doc, LIMITS);
    long n = 0;
    while (r.hasNext()) {
      n += read(r, r.next());
    }
    r.close();
    return n;
  }

  /** The async pull reader fed {@code chunk} bytes at a time, pulled to INCOMPLETE after each. */
  static long asyncPulled(byte[] doc, int chunk) throws XMLStreamException {
    XmlAsyncReader r = BoundedXml.newAsyncReader(LIMITS);
    long n = 0;
    for (int at = 0; at < doc.length; at += chunk) {
      r.feed(doc, at, Math.min(chunk, doc.length - at));
      for (int t = r.next(); t != XmlAsyncReader.INCOMPLETE; t = r.next()) {
        n += read(r, t);
      }
    }
    r.endOfInput();
    while (r.hasNext()) {
      n += read(r, r.next());
    }
    r.close();
    return n;
  }

  /** Best thread-CPU nanoseconds of {blocking push, feeder, blocking pull, async pull}. */
  static long[] measure(byte[] doc, int rounds, int chunk) throws IOException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] best = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
    for (int r = -3; r < rounds; r++) {
      for (int v = 0; v < best.length; v++) {
        long t0 = threads.getCurrentThreadCpuTime();
        sink += run(v, doc, chunk);
        long t = threads.getCurrentThreadCpuTime() - t0;
        if (r >= 0) {
          best[v] = Math.min(best[v], t);
        }
      }
    }
    return best;
  }

  private static long run(int variant, byte[] doc, int chunk) throws IOException {
    try {
      switch (variant) {
        case 0:
          return blocking(doc);
        case 1:
          return fed(doc, chunk);
        case 2:
          return pulled(doc);
        default:
          return asyncPulled(doc, chunk);
      }
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  static String report(byte[] doc, long[] best, int chunk, int rounds) {
    double mb = doc.length / 1e6;
    return String.format(
        "XML non-blocking, %.1f MB feed, chunks of %d bytes, best of %d (thread CPU): push:"
            + " blocking %.0f MB/s, feeder %.0f MB/s, ratio %.2f; pull: blocking %.0f MB/s, async"
            + " %.0f MB/s, ratio %.2f",
        mb,
        chunk,
        rounds,
        mb / (best[0] / 1e9),
        mb / (best[1] / 1e9),
        (double) best[0] / best[1],
        mb / (best[2] / 1e9),
        mb / (best[3] / 1e9),
        (double) best[2] / best[3]);
  }

  /**
   * Both non-blocking forms within 0.7 of their blocking twin (today about 1.0): the bar catches a
   * per-chunk cost that grows with the document (re-scanning or re-copying what is held), which
   * costs several times, not noise.
   */
  @Test
  void theFeederAndTheAsyncReaderKeepUpWithTheBlockingParse() throws IOException {
    byte[] doc = feed(10 << 20);
    long n = blocking(doc);
    for (int v = 1; v < 4; v++) {
      if (run(v, doc, 16384) != n) {
        throw new AssertionError("variant " + v + " read differently");
      }
    }
    long[] best = measure(doc, 5, 16384);
    String r = report(doc, best, 16384, 5);
    System.out.println(r);
    assertTrue((double) best[0] / best[1] >= 0.7, r);
    assertTrue((double) best[2] / best[3] >= 0.7, r);
  }

  public static void main(String[] args) throws IOException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int chunk = args.length > 1 ? Integer.parseInt(args[1]) : 16384;
    byte[] doc = feed(10 << 20);
    System.out.println(report(doc, measure(doc, rounds, chunk), chunk, rounds));
  }
}
