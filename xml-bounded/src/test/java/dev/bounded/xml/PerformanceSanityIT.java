package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ctc.wstx.stax.WstxInputFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Not a benchmark (see the bench module): a sanity check that the bounded push parse costs little
 * over raw Woodstox with the same settings, over a ~50 MB generated RSS-like document in-process.
 * Prints the ratio; asserts a bound that a per-byte read path would break (see the assertion). An
 * integration test (run by {@code mvn verify}, not {@code mvn test}): about 20 s, budget 180 s.
 */
@Timeout(180)
class PerformanceSanityIT {
  static final int SIZE = Integer.getInteger("perf.mb", 50) << 20;
  static final int WARMUP = 3;
  static final int ROUNDS = 5;

  @Test
  void boundedParsingCostsLittleOverRawWoodstox() throws Exception {
    byte[] doc = ForkedMain.rss(SIZE).readAllBytes();
    XMLInputFactory raw = new WstxInputFactory();
    raw.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    raw.setProperty(XMLInputFactory.IS_COALESCING, false);
    raw.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    XmlLimits limits =
        XmlLimits.builder().maxBytes(XmlLimits.UNLIMITED).maxElements(XmlLimits.UNLIMITED).build();

    long rawSum = 0;
    long boundedSum = 0;
    for (int i = 0; i < WARMUP; i++) {
      rawSum = raw(raw, doc);
      boundedSum = bounded(doc, limits);
    }
    assertEquals(rawSum, boundedSum, "both read the same characters");
    long bestRaw = Long.MAX_VALUE;
    long bestBounded = Long.MAX_VALUE;
    for (int i = 0; i < ROUNDS; i++) {
      long t0 = System.nanoTime();
      raw(raw, doc);
      long t1 = System.nanoTime();
      bounded(doc, limits);
      long t2 = System.nanoTime();
      bestRaw = Math.min(bestRaw, t1 - t0);
      bestBounded = Math.min(bestBounded, t2 - t1);
    }
    double ratio = (double) bestBounded / bestRaw;
    System.out.printf(
        "PerformanceSanityIT: %d MB, raw Woodstox %.0f MB/s, BoundedXml.parse %.0f MB/s, ratio %.3f%n",
        doc.length >> 20,
        doc.length / 1e6 / (bestRaw / 1e9),
        doc.length / 1e6 / (bestBounded / 1e9),
        ratio);
    // The defect class this bar guards: the bounded layers reading the source a byte at a time
    // (a lost buffer between ByteSource, the guarded source and the scanner). Forcing one-byte
    // reads on 10 MB measured 25x a normal parse (thread CPU, load 24 on 2 cores, issue 20).
    // Today's figure is 1.9-2.4x raw Woodstox best-of on a loaded 2-core machine (the byte
    // pre-scanner is most of it): the bar sits 2x above it and 5x under the defect.
    assertTrue(
        ratio < 5.0, "bounded parsing more than five times slower than raw Woodstox: " + ratio);
  }

  /** Reads every text segment and every attribute value; returns a checksum of lengths. */
  static long raw(XMLInputFactory f, byte[] doc) throws XMLStreamException {
    XMLStreamReader r = f.createXMLStreamReader(new ByteArrayInputStream(doc));
    long sum = 0;
    while (r.hasNext()) {
      int t = r.next();
      if (t == XMLStreamConstants.START_ELEMENT) {
        for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
          sum += r.getAttributeValue(i).length();
        }
      } else if (t == XMLStreamConstants.CHARACTERS
          || t == XMLStreamConstants.CDATA
          || t == XMLStreamConstants.SPACE) {
        char[] c = r.getTextCharacters();
        sum += r.getTextLength() + (c.length > 0 ? 0 : 1);
      }
    }
    r.close();
    return sum;
  }

  static long bounded(byte[] doc, XmlLimits limits) throws IOException {
    long[] sum = new long[1];
    BoundedXml.parse(
        doc,
        limits,
        new XmlHandler() {
          @Override
          public void startElement(String ns, String local, String prefix, XmlAttributes a) {
            for (int i = 0, n = a.count(); i < n; i++) {
              sum[0] += a.value(i).length();
            }
          }

          @Override
          public void characters(char[] text, int start, int length) {
            sum[0] += length + (text.length > 0 ? 0 : 1);
          }
        });
    return sum[0];
  }
}
