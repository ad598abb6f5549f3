package dev.bounded.xml;

import dev.bounded.core.LimitExceededException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Runs in a forked JVM with a small heap ({@link ForkedMemoryIT}); prints one result line starting
 * with "OK" and exits 0, or dies (an OutOfMemoryError exits with code 3 under
 * -XX:+ExitOnOutOfMemoryError).
 */
public final class ForkedMain {
  private ForkedMain() {}

  static final String RSS_HEAD =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
          + "<channel><title>Generated feed</title><link>https://example.com/</link>\n";
  static final String RSS_ITEM =
      "<item><title>Item title with some words in it</title><link>https://example.com/items/12345</link>"
          + "<description>A description of the item &amp; some more text, long enough to look like a real"
          + " feed entry with a sentence or two of content in it.</description>"
          + "<dc:creator>Someone</dc:creator><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate>"
          + "<guid isPermaLink=\"false\">abc-123-def-456</guid><category><![CDATA[News & views]]></category></item>\n";
  static final String RSS_TAIL = "</channel></rss>\n";

  static GeneratedStream rss(long bytes) {
    return new GeneratedStream(RSS_HEAD, RSS_ITEM, bytes / RSS_ITEM.length(), RSS_TAIL);
  }

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "push":
        push(Long.parseLong(args[1]));
        break;
      case "pull":
        pull(Long.parseLong(args[1]));
        break;
      case "feed":
        feed(Long.parseLong(args[1]));
        break;
      case "async":
        async(Long.parseLong(args[1]));
        break;
      case "http":
        http(Long.parseLong(args[1]));
        break;
      case "names":
        names(Integer.parseInt(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 0);
        break;
      case "element-text":
        elementText();
        break;
      case "unlimited-text":
        unlimitedText();
        break;
      default:
        throw new IllegalArgumentException(args[0]);
    }
  }

  /** A generated feed of {@code bytes} through HttpClient and the subscriber, as one line. */
  static void http(long bytes) throws Exception {
    long t0 = System.nanoTime();
    XmlStats stats = HttpSubscriberTest.streamThroughTheSubscriber(bytes);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long peak = 0;
    for (java.lang.management.MemoryPoolMXBean p :
        java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == java.lang.management.MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    System.out.printf(
        "OK http bytes=%d elements=%d seconds=%.1f MB/s=%.0f peakHeapMB=%d%n",
        stats.bytes(), stats.elements(), seconds, stats.bytes() / 1e6 / seconds, peak >> 20);
  }

  static XmlLimits raised() {
    return XmlLimits.builder()
        .maxBytes(XmlLimits.UNLIMITED)
        .maxElements(XmlLimits.UNLIMITED)
        .build();
  }

  static void push(long bytes) throws IOException {
    GeneratedStream in = rss(bytes);
    long[] counts = new long[2];
    long t0 = System.nanoTime();
    XmlStats s =
        BoundedXml.parse(
            in,
            raised(),
            new XmlHandler() {
              @Override
              public void startElement(String ns, String local, String prefix, XmlAttributes a) {
                counts[0]++;
              }

              @Override
              public void characters(char[] text, int start, int length) {
                counts[1] += length;
              }
            });
    report("push", in, s.elements(), counts[1], t0);
  }

  static void pull(long bytes) throws XMLStreamException {
    GeneratedStream in = rss(bytes);
    long t0 = System.nanoTime();
    XMLStreamReader r = BoundedXml.newReader(in, raised());
    long elements = 0;
    long chars = 0;
    while (r.hasNext()) {
      int t = r.next();
      if (t == XMLStreamConstants.START_ELEMENT) {
        elements++;
        for (int i = 0; i < r.getAttributeCount(); i++) {
          chars += r.getAttributeValue(i).length();
        }
      } else if (t == XMLStreamConstants.CHARACTERS || t == XMLStreamConstants.CDATA) {
        chars += r.getTextLength();
      }
    }
    report("pull", in, elements, chars, t0);
  }

  /** The limits of the fed runs: BOUNDED, no byte or element cap. */
  static final XmlLimits FED =
      XmlLimits.builder()
          .engine(XmlEngine.BOUNDED)
          .maxBytes(XmlLimits.UNLIMITED)
          .maxElements(XmlLimits.UNLIMITED)
          .build();

  interface Chunk {
    void take(byte[] b, int n) throws Exception;
  }

  /** Reads {@code in} in chunks of 1 byte to 64 KB (a fixed pattern) into one reused array. */
  static void chunks(GeneratedStream in, Chunk sink) throws Exception {
    byte[] buf = new byte[65536];
    int[] sizes = {65536, 16384, 1, 4096, 7, 32768, 1500};
    for (int i = 0; ; i++) {
      int n = in.read(buf, 0, sizes[i % sizes.length]);
      if (n < 0) {
        return;
      }
      sink.take(buf, n);
    }
  }

  /** The document fed to an {@link XmlFeeder} in chunks of 1 byte to 64 KB. */
  static void feed(long bytes) throws Exception {
    GeneratedStream in = rss(bytes);
    long[] counts = new long[2];
    long t0 = System.nanoTime();
    XmlFeeder f =
        BoundedXml.newFeeder(
            FED,
            new XmlHandler() {
              @Override
              public void characters(char[] text, int start, int length) {
                counts[1] += length;
              }
            });
    chunks(in, (b, n) -> f.feed(b, 0, n));
    XmlStats s = f.endOfInput();
    if (s.bytes() != in.size() || !s.complete()) {
      throw new AssertionError(s.toString());
    }
    report("feed", in, s.elements(), counts[1], t0);
  }

  /** The document fed to an {@link XmlAsyncReader} in the same chunks, pulled after each. */
  static void async(long bytes) throws Exception {
    GeneratedStream in = rss(bytes);
    long[] counts = new long[2];
    long t0 = System.nanoTime();
    XmlAsyncReader r = BoundedXml.newAsyncReader(FED);
    Chunk pull =
        (b, n) -> {
          if (b != null) {
            r.feed(b, 0, n);
          }
          for (int t = r.next(); t != XmlAsyncReader.INCOMPLETE; t = r.next()) {
            if (t == XMLStreamConstants.START_ELEMENT) {
              counts[0]++;
            } else if (t == XMLStreamConstants.CHARACTERS || t == XMLStreamConstants.CDATA) {
              counts[1] += r.getTextLength();
            } else if (t == XMLStreamConstants.END_DOCUMENT) {
              return;
            }
          }
        };
    chunks(in, pull);
    r.endOfInput();
    pull.take(null, 0);
    XmlStats s = BoundedXml.stats(r);
    if (s.bytes() != in.size() || s.elements() != counts[0]) {
      throw new AssertionError(s + " start tags " + counts[0]);
    }
    report("async", in, counts[0], counts[1], t0);
  }

  static void report(String what, GeneratedStream in, long elements, long chars, long t0) {
    double secs = (System.nanoTime() - t0) / 1e9;
    long expected = in.size();
    if (in.pulled() != expected) {
      throw new AssertionError("read " + in.pulled() + " of " + expected);
    }
    System.out.printf(
        "OK %s bytes=%d elements=%d chars=%d seconds=%.1f MB/s=%.0f maxHeapMB=%d%n",
        what,
        in.pulled(),
        elements,
        chars,
        secs,
        in.pulled() / 1e6 / secs,
        Runtime.getRuntime().maxMemory() >> 20);
  }

  /** {@code <r><n0/><n1/>...</r>}: {@code count} distinct element names. */
  static void names(int count, int padding) throws IOException {
    String pad = "n".repeat(padding);
    InputStream in =
        new InputStream() {
          int next = -1;
          byte[] chunk = "<r>".getBytes(StandardCharsets.US_ASCII);
          int at;

          @Override
          public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (at == chunk.length) {
              if (next >= count) {
                return -1;
              }
              StringBuilder sb = new StringBuilder();
              for (int i = 0; i < 1000 && next < count; i++) {
                next++;
                sb.append(
                    next == count ? "</r>" : "<n" + pad + next + " p" + pad + next + "='1'/>");
              }
              chunk = sb.toString().getBytes(StandardCharsets.US_ASCII);
              at = 0;
            }
            int n = Math.min(len, chunk.length - at);
            System.arraycopy(chunk, at, b, off, n);
            at += n;
            return n;
          }
        };
    long t0 = System.nanoTime();
    XmlStats s =
        BoundedXml.parse(
            in, XmlLimits.builder().maxBytes(XmlLimits.UNLIMITED).build(), new XmlHandler() {});
    System.out.printf(
        "OK names elements=%d bytes=%d seconds=%.1f%n",
        s.elements(), s.bytes(), (System.nanoTime() - t0) / 1e9);
  }

  static void elementText() throws XMLStreamException {
    GeneratedStream in = new GeneratedStream("<a>", "x", 100L << 20, "</a>");
    XMLStreamReader r = BoundedXml.newReader(in, XmlLimits.defaults());
    r.nextTag();
    try {
      r.getElementText();
      throw new AssertionError("getElementText returned");
    } catch (XMLStreamException e) {
      LimitExceededException l = (LimitExceededException) e.getCause();
      System.out.println("OK element-text " + l.limit() + " pulled=" + in.pulled());
    }
  }

  static void unlimitedText() throws IOException {
    GeneratedStream in = new GeneratedStream("<a>", "x\u00e9 ", 100L << 20, "</a>");
    long[] chars = new long[1];
    long t0 = System.nanoTime();
    XmlStats s =
        BoundedXml.parse(
            in,
            XmlLimits.builder().unlimited().build(),
            new XmlHandler() {
              @Override
              public void characters(char[] text, int start, int length) {
                chars[0] += length;
              }
            });
    if (s.maxTextLength() != chars[0] || chars[0] != 3L * (100L << 20)) {
      throw new AssertionError(s + " chars=" + chars[0]);
    }
    report("unlimited-text", in, s.elements(), chars[0], t0);
  }
}
