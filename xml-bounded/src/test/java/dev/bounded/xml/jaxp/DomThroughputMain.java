package dev.bounded.xml.jaxp;

import dev.bounded.xml.BoundedDocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * A rough measurement, run by hand: builds a DOM of a generated RSS document (default 20 MB) with
 * the JDK's DocumentBuilder and with ours, namespace-aware, best of five after warm-up. {@code java
 * -cp ... dev.bounded.xml.jaxp.DomThroughputMain [items]}
 */
public final class DomThroughputMain {
  private DomThroughputMain() {}

  public static void main(String[] args) throws Exception {
    long items = args.length > 0 ? Long.parseLong(args[0]) : 60_000;
    byte[] doc = new RssGenerator(items).readAllBytes();
    DocumentBuilderFactory jf = DocumentBuilderFactory.newDefaultInstance();
    jf.setNamespaceAware(true);
    DocumentBuilderFactory of = BoundedDocumentBuilderFactory.newInstance();
    of.setNamespaceAware(true);
    DocumentBuilder jdk = jf.newDocumentBuilder();
    DocumentBuilder ours = of.newDocumentBuilder();
    for (int round = 0; round < 3; round++) {
      jdk.parse(new ByteArrayInputStream(doc)).getDocumentElement().getTextContent();
      ours.parse(new ByteArrayInputStream(doc)).getDocumentElement().getTextContent();
    }
    long bestJdk = Long.MAX_VALUE;
    long bestOurs = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long t0 = System.nanoTime();
      jdk.parse(new ByteArrayInputStream(doc)).getDocumentElement().getTextContent();
      long t1 = System.nanoTime();
      ours.parse(new ByteArrayInputStream(doc)).getDocumentElement().getTextContent();
      long t2 = System.nanoTime();
      bestJdk = Math.min(bestJdk, t1 - t0);
      bestOurs = Math.min(bestOurs, t2 - t1);
    }
    System.out.printf(
        "%d bytes: JDK %.0f ms (%.0f MB/s), Bounded %.0f ms (%.0f MB/s), ours/JDK time %.2f%n",
        doc.length,
        bestJdk / 1e6,
        doc.length / (bestJdk / 1e3),
        bestOurs / 1e6,
        doc.length / (bestOurs / 1e3),
        (double) bestOurs / bestJdk);
  }
}
