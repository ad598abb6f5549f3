package dev.bounded.xml.jaxp;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.LimitExceededException;
import dev.bounded.xml.BoundedDocumentBuilderFactory;
import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.XmlLimits;
import java.util.ArrayList;
import java.util.List;
import org.xml.sax.SAXParseException;

/**
 * Run in a forked small-heap JVM by {@link PerElementMemoryIT}: streams a generated RSS document
 * through the per-element API, sampling the heap after GC, then gives the same kind of document to
 * the drop-in DocumentBuilder under its heap-scaled defaults.
 */
public final class MemoryChild {
  private MemoryChild() {}

  public static void main(String[] args) throws Exception {
    long n = Long.parseLong(args[0]);
    Runtime rt = Runtime.getRuntime();
    XmlLimits bulk =
        XmlLimits.builder().maxBytes(XmlLimits.UNLIMITED).maxElements(XmlLimits.UNLIMITED).build();
    RssGenerator gen = new RssGenerator(n);
    List<Long> samples = new ArrayList<>();
    long[] seen = {0};
    long t0 = System.nanoTime();
    long count =
        BoundedXml.forEachElement(
            gen,
            bulk,
            "/rss/channel/item",
            item -> {
              long i = seen[0]++;
              String title = item.getElementsByTagName("title").item(0).getTextContent();
              if (!title.equals("Item " + i)) {
                throw new IllegalStateException("item " + i + " has title " + title);
              }
              if ((i + 1) % (n / 10) == 0) {
                System.gc();
                samples.add((rt.totalMemory() - rt.freeMemory()) >> 10);
              }
            });
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "records items=%d bytes=%d seconds=%.1f heapKiBAfterGc=%s%n",
        count, gen.produced(), secs, samples);

    BoundedDocumentBuilderFactory f = BoundedDocumentBuilderFactory.newInstance();
    System.out.printf(
        "dom maxMemory=%d maxBytes=%d maxNodes=%d%n",
        rt.maxMemory(), f.xmlLimits().maxBytes(), f.domLimits().maxNodes());
    try {
      f.newDocumentBuilder().parse(new RssGenerator(n));
      System.out.println("dom parsed: no limit fired");
    } catch (SAXParseException e) {
      LimitExceededException l =
          BoundedParseException.find(e, LimitExceededException.class).orElseThrow();
      System.out.printf(
          "dom SAXParseException cause=%s limit=%s maximum=%d line=%d column=%d%n",
          e.getCause().getClass().getSimpleName(),
          l.limit(),
          l.maximum(),
          e.getLineNumber(),
          e.getColumnNumber());
    }
  }
}
