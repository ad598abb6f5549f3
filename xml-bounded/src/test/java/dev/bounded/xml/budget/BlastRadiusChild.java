package dev.bounded.xml.budget;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.ParseBudget;
import dev.bounded.xml.BoundedDocumentBuilderFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * Run in a forked -Xmx256m JVM by {@link BlastRadiusTest}. {@code bounded}: finds by bisection the
 * largest RSS document the default {@link BoundedDocumentBuilderFactory} accepts alone, then parses
 * 8 different documents of that size at once while 4 threads parse small ones, and prints the
 * results. {@code jdk <items>}: the same load through the JDK's own factory.
 */
public final class BlastRadiusChild {
  private static final int LARGE = 8;
  private static final int SMALL_THREADS = 4;
  private static final int SMALL_ITEMS = 20;

  private BlastRadiusChild() {}

  public static void main(String[] args) throws Exception {
    boolean jdk = args[0].equals("jdk");
    System.out.printf("heap maxMemory=%d%n", Runtime.getRuntime().maxMemory());
    DocumentBuilderFactory f = jdk ? jdkFactory() : BoundedDocumentBuilderFactory.newInstance();
    long items = jdk ? Long.parseLong(args[1]) : largestAcceptedAlone(f);
    System.out.printf("alone items=%d bytes=%d%n", items, Rss.size(items, 1));
    System.out.flush();

    ParseBudget budget = ParseBudget.processDefault();
    long waits0 = budget.waits();
    long refusals0 = budget.refusals();
    String[] large = new String[LARGE];
    AtomicInteger smallOk = new AtomicInteger();
    List<String> smallFailures = new ArrayList<>();
    AtomicBoolean largeDone = new AtomicBoolean();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < LARGE; i++) {
      int t = i;
      threads.add(
          new Thread(
              () -> {
                await(start);
                long s = System.nanoTime();
                String r = parse(f, items, t + 1);
                large[t] = r + " ms=" + (System.nanoTime() - s) / 1_000_000;
              }));
    }
    List<Thread> small = new ArrayList<>();
    for (int i = 0; i < SMALL_THREADS; i++) {
      int t = i;
      small.add(
          new Thread(
              () -> {
                await(start);
                for (int k = 0; !largeDone.get() || k < 5; k++) {
                  String r = parse(f, SMALL_ITEMS, 1000 + t * 100_000 + k);
                  if (r.startsWith("OK")) {
                    smallOk.incrementAndGet();
                  } else {
                    synchronized (smallFailures) {
                      smallFailures.add(r);
                    }
                  }
                }
              }));
    }
    threads.forEach(Thread::start);
    small.forEach(Thread::start);
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    largeDone.set(true);
    for (Thread t : small) {
      t.join();
    }
    for (int i = 0; i < LARGE; i++) {
      System.out.printf("large thread=%d items=%d result=%s%n", i, items, large[i]);
    }
    System.out.printf(
        "small ok=%d failed=%d %s%n", smallOk.get(), smallFailures.size(), smallFailures);
    if (!jdk) {
      System.out.printf(
          "budget capacity=%d held=%d highWaterMark=%d waits=%d refusals=%d active=%d%n",
          budget.capacity(),
          budget.held(),
          budget.highWaterMark(),
          budget.waits() - waits0,
          budget.refusals() - refusals0,
          budget.activeParses());
    }
    System.out.printf("done seconds=%.1f%n", (System.nanoTime() - t0) / 1e9);
  }

  /**
   * The JDK's builder, building its whole tree inside parse() as ours does. By default Xerces
   * defers node expansion until the tree is walked, which only moves the peak into the walk and
   * makes whether eight walks overlap a matter of thread scheduling; without deferral the eight
   * trees are built while the eight parses overlap, every run.
   */
  private static DocumentBuilderFactory jdkFactory() throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
    f.setFeature("http://apache.org/xml/features/dom/defer-node-expansion", false);
    return f;
  }

  /** Bisects on the item count: the largest document a lone parse builds. */
  private static long largestAcceptedAlone(DocumentBuilderFactory f) {
    long lo = 1; // accepted
    long hi =
        2 * BoundedDocumentBuilderFactory.newInstance().xmlLimits().maxBytes() / 300; // refused
    int probes = 0;
    while (hi - lo > Math.max(1, lo / 100)) { // to within 1%
      long mid = (lo + hi) >>> 1;
      String r = parse(f, mid, 0);
      probes++;
      System.out.printf("probe items=%d result=%s%n", mid, r);
      if (r.startsWith("OK")) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    System.out.printf("bisection probes=%d%n", probes);
    return lo;
  }

  /** "OK nodes=n", or the failure: "SAXParseException limit=..." for ours. */
  private static String parse(DocumentBuilderFactory f, long items, int variant) {
    try {
      DocumentBuilder b = f.newDocumentBuilder();
      Document d = b.parse(new Rss(items, variant));
      return "OK nodes=" + count(d); // touch every node, as a service would
    } catch (Exception e) {
      LimitExceededException l =
          BoundedParseException.find(e, LimitExceededException.class).orElse(null);
      return e.getClass().getSimpleName()
          + (l != null
              ? " limit=" + l.limit()
              : " cause=" + e.getCause() + " message=" + e.getMessage());
    }
  }

  private static long count(Node n) {
    long c = 0;
    for (Node k = n.getFirstChild(); k != null; k = k.getNextSibling()) {
      c += 1 + (k.getAttributes() == null ? 0 : k.getAttributes().getLength()) + count(k);
    }
    return c;
  }

  private static void await(CountDownLatch l) {
    try {
      l.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
