package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The XML feeder's throughput against the blocking parse on the same 10 MB generated feed, BOUNDED
 * engine, 16 KB chunks (what {@code HttpClient} hands on): thread CPU, variants interleaved round
 * by round after a warm-up, best of five each. The target is 0.9; the test fails below 0.7
 * (a shared machine's noise) and prints the figure. Also a main: {@code [rounds] [chunk bytes]}.
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

  /** Best thread-CPU nanoseconds of {blocking, feeder}. */
  static long[] measure(byte[] doc, int rounds, int chunk) throws IOException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
    for (int r = -3; r < rounds; r++) {
      for (int v = 0; v < 2; v++) {
        long t0 = threads.getCurrentThreadCpuTime();
        sink += v == 0 ? blocking(doc) : fed(doc, chunk);
        long t = threads.getCurrentThreadCpuTime() - t0;
        if (r >= 0) {
          best[v] = Math.min(best[v], t);
        }
      }
    }
    return best;
  }

  static String report(byte[] doc, long[] best, int chunk, int rounds) {
    return String.format(
        "XML feeder, %.1f MB feed, chunks of %d bytes, best of %d (thread CPU): blocking %.0f MB/s,"
            + " feeder %.0f MB/s, ratio %.2f",
        doc.length / 1e6,
        chunk,
        rounds,
        doc.length / 1e6 / (best[0] / 1e9),
        doc.length / 1e6 / (best[1] / 1e9),
        (double) best[0] / best[1]);
  }

  @Test
  void theFeederKeepsUpWithTheBlockingParse() throws IOException {
    byte[] doc = feed(10 << 20);
    if (blocking(doc) != fed(doc, 16384)) {
      throw new AssertionError("the feeder read differently");
    }
    long[] best = measure(doc, 5, 16384);
    String r = report(doc, best, 16384, 5);
    System.out.println(r);
    assertTrue((double) best[0] / best[1] >= 0.7, r);
  }

  public static void main(String[] args) throws IOException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int chunk = args.length > 1 ? Integer.parseInt(args[1]) : 16384;
    byte[] doc = feed(10 << 20);
    System.out.println(report(doc, measure(doc, rounds, chunk), chunk, rounds));
  }
}
