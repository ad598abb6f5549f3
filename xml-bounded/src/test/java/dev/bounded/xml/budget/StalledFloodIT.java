package dev.bounded.xml.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.ParseBudget;
import dev.bounded.xml.BoundedDocumentBuilderFactory;
import dev.bounded.xml.DomLimits;
import dev.bounded.xml.XmlLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Finding 7 of issue 14: clients that send a document's body and withhold its end hold their share
 * of the parse budget until the deadline. Against a budget sized like the default for a 64 MB heap
 * (half of it, waiting up to a second), floods of such stalled DOM drop-in parses (threads blocked
 * in a read after the body) must leave every small parse of a victim thread succeeding, at no less
 * than half its unloaded throughput. Shapes: the two (140 stalled 36 KB feeds; 1,200
 * stalled 3.6 KB feeds), and stalled small feeds on top of a full pool (600 feeds just under the
 * small threshold, the victim's at most half their size: decision 013's guarantee).
 *
 * <p>"Unloaded" is the same victim through an identical budget that holds nothing, measured in
 * rounds alternating with the loaded ones (best of ten 100 ms rounds each): on a shared machine the
 * JIT and the neighbours move the throughput more than the effect measured, so the control sees the
 * same moments. Throughput before and after the flood, through the budget under test, is printed
 * too. The figures on main: 140 stalled 36 KB documents cut the victim from about 500,000
 * to 13 parses/s, with failures.
 */
class StalledFloodIT {
  private static final long HEAP = 64L << 20;
  private static final String TAIL = "</channel>\n</rss>\n";
  private static final long ROUND_MILLIS = 100;
  private static final int ROUNDS = 10;

  private final ParseBudget budget =
      ParseBudget.of(HEAP / ParseBudget.DEFAULT_HEAP_DIVISOR, Duration.ofSeconds(1));
  private final DocumentBuilderFactory factory =
      BoundedDocumentBuilderFactory.newInstance(
          XmlLimits.defaults(), DomLimits.forHeap(HEAP).toBuilder().parseBudget(budget).build());

  /** The same budget, never flooded: the victim's unloaded throughput, measured alongside. */
  private final DocumentBuilderFactory controlFactory =
      BoundedDocumentBuilderFactory.newInstance(
          XmlLimits.defaults(),
          DomLimits.forHeap(HEAP).toBuilder()
              .parseBudget(ParseBudget.of(budget.capacity(), budget.maxWait()))
              .build());

  /** A feed of the fewest items whose size reaches {@code bytes}. */
  private static byte[] feed(long bytes, int variant) throws IOException {
    long items = 0;
    while (Rss.size(items, variant) < bytes) {
      items++;
    }
    try (InputStream in = new Rss(items, variant)) {
      return in.readAllBytes();
    }
  }

  /** A feed of the most items whose estimated tree is at most {@code charge} bytes. */
  private static byte[] feedCharging(long charge, int variant) throws Exception {
    byte[] best = null;
    for (int items = 0; ; items++) {
      byte[] doc;
      try (InputStream in = new Rss(items, variant)) {
        doc = in.readAllBytes();
      }
      if (charge(doc) > charge) {
        return best;
      }
      best = doc;
    }
  }

  /** What parsing {@code doc} charges (its reservation's high-water mark, a little above it). */
  private static long charge(byte[] doc) throws Exception {
    ParseBudget alone = ParseBudget.of(1L << 40, Duration.ZERO);
    BoundedDocumentBuilderFactory.newInstance(
            XmlLimits.defaults(), DomLimits.forHeap(HEAP).toBuilder().parseBudget(alone).build())
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(doc));
    return alone.highWaterMark();
  }

  /** Hands out {@code doc} but its closing tags, then blocks until {@code release}. */
  private static final class Stalling extends InputStream {
    private final byte[] doc;
    private final int stallAt;
    private final CountDownLatch stalled;
    private final CountDownLatch release;
    private int pos;
    private boolean counted;

    Stalling(byte[] doc, CountDownLatch stalled, CountDownLatch release) {
      this.doc = doc;
      this.stallAt = doc.length - TAIL.length();
      this.stalled = stalled;
      this.release = release;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (pos == stallAt && !counted) {
        counted = true;
        stalled.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted");
        }
      }
      if (pos >= doc.length) {
        return -1;
      }
      int n = Math.min(len, (pos < stallAt ? stallAt : doc.length) - pos);
      System.arraycopy(doc, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  /** A flood of stalled parses, started and held until {@link #release}. */
  private final class Flood {
    final String name;
    final CountDownLatch settled;
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger other = new AtomicInteger();
    final AtomicInteger completed = new AtomicInteger();
    final List<Thread> threads = new ArrayList<>();

    Flood(String name, List<byte[]> docs) {
      this.name = name;
      this.settled = new CountDownLatch(docs.size());
      for (byte[] doc : docs) {
        threads.add(
            new Thread(
                null,
                () -> {
                  Stalling in = new Stalling(doc, settled, release);
                  try {
                    factory.newDocumentBuilder().parse(in);
                    completed.incrementAndGet();
                  } catch (Exception e) {
                    LimitExceededException l =
                        BoundedParseException.find(e, LimitExceededException.class).orElse(null);
                    if (l != null && l.limit() == Limit.PARSE_BUDGET) {
                      refused.incrementAndGet();
                    } else {
                      other.incrementAndGet();
                    }
                    if (!in.counted) {
                      in.counted = true;
                      settled.countDown(); // refused before it stalled
                    }
                  }
                },
                "flood-" + name,
                256 << 10));
      }
    }

    /** Starts every parse and waits until each has stalled or failed. */
    void start() throws InterruptedException {
      threads.forEach(Thread::start);
      assertTrue(settled.await(30, TimeUnit.SECONDS), name + ": the flood did not settle");
    }

    int stalled() {
      return threads.size() - refused.get() - other.get();
    }

    void release() throws InterruptedException {
      release.countDown();
      for (Thread t : threads) {
        t.join(30_000);
      }
      assertEquals(0, other.get(), name + ": a flood parse failed for another reason");
      assertEquals(threads.size() - refused.get(), completed.get(), name);
    }
  }

  /** Small parses through {@code f} for {@link #ROUND_MILLIS}: {successes per second, failures}. */
  private static long[] victimRound(DocumentBuilderFactory f, byte[] doc) throws Exception {
    javax.xml.parsers.DocumentBuilder b = f.newDocumentBuilder();
    long ok = 0;
    long failed = 0;
    long t0 = System.nanoTime();
    long end = t0 + ROUND_MILLIS * 1_000_000;
    long now;
    do {
      try {
        b.parse(new ByteArrayInputStream(doc));
        ok++;
      } catch (org.xml.sax.SAXException e) {
        failed++;
      }
      now = System.nanoTime();
    } while (now < end);
    return new long[] {ok * 1_000_000_000L / (now - t0), failed};
  }

  /**
   * {@link #ROUNDS} rounds through the budget under test alternating with as many through the
   * control budget: {best throughput, failures} of each.
   */
  private long[][] victim(byte[] doc) throws Exception {
    long[][] best = new long[2][2];
    DocumentBuilderFactory[] f = {factory, controlFactory};
    for (int i = 0; i < 2 * ROUNDS; i++) {
      long[] r = victimRound(f[i % 2], doc);
      best[i % 2][0] = Math.max(best[i % 2][0], r[0]);
      best[i % 2][1] += r[1];
    }
    return best;
  }

  /**
   * Measures the victim before the flood, under it and after it, each time alternating with the
   * control; asserts that every small parse succeeded, that under the flood the victim kept at
   * least half the throughput it had through the control in the same moments, and that the budget
   * ended at 0. Returns the line reported.
   */
  private String underFlood(String name, List<byte[]> docs, byte[] victimDoc) throws Exception {
    long[][] before = victim(victimDoc);
    Flood flood = new Flood(name, docs);
    long[][] loaded;
    long held;
    long settled;
    long t0 = System.nanoTime();
    try {
      flood.start();
      settled = (System.nanoTime() - t0) / 1_000_000;
      held = budget.held();
      loaded = victim(victimDoc);
    } finally {
      flood.release();
    }
    assertEquals(0, budget.held(), name + ": the budget is not back to 0");
    assertEquals(0, budget.activeParses());
    long[][] after = victim(victimDoc);
    String line =
        String.format(
            "%s: %d stalled, %d refused (settled in %d ms), held %d of %d. Victim, small parses/s:"
                + " %d under the flood vs %d through the control at the same time (%.2fx); %d"
                + " before the flood, %d after (%.2fx the better); %d failed",
            name,
            flood.stalled(),
            flood.refused.get(),
            settled,
            held,
            budget.capacity(),
            loaded[0][0],
            loaded[1][0],
            (double) loaded[0][0] / loaded[1][0],
            before[0][0],
            after[0][0],
            (double) loaded[0][0] / Math.max(before[0][0], after[0][0]),
            loaded[0][1]);
    System.out.println("stalled flood " + line);
    assertEquals(0, before[0][1] + after[0][1], name + ": unloaded small parses failed");
    // the flood wanted more than the budget gives and holds most of what parses that are not small
    // may hold, else this proves nothing
    assertTrue(flood.refused.get() > 0, name + ": no flood parse was refused");
    assertTrue(
        held >= (budget.capacity() - budget.reserveBytes()) / 10 * 9,
        name + ": the flood holds only " + held);
    assertEquals(0, loaded[0][1], name + ": small parses failed under the flood");
    assertTrue(loaded[0][0] * 2 >= loaded[1][0], line);
    return line;
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void stalledFloodsLeaveEverySmallParseOfAVictimSucceedingAtHalfItsThroughputOrMore()
      throws Exception {
    byte[] victimDoc = feed(0, 7); // a feed with no items: a small request
    long small = budget.smallParseBytes();
    byte[] smallStalled = feedCharging(small, 9); // the largest feed that is still small
    long victimCharge = charge(victimDoc);
    System.out.printf(
        "budget %d, small up to %d; victim feed %d bytes charging %d; small stalled feed %d bytes"
            + " charging %d%n",
        budget.capacity(),
        small,
        victimDoc.length,
        victimCharge,
        smallStalled.length,
        charge(smallStalled));
    assertTrue(2 * victimCharge <= charge(smallStalled), "the victim is not half their size");

    long warm = System.nanoTime() + 3_000_000_000L;
    while (System.nanoTime() < warm) {
      victimRound(factory, victimDoc); // until the JIT has compiled the parse
    }

    List<byte[]> large = new ArrayList<>();
    for (int i = 0; i < 140; i++) {
      large.add(feed(36_000, 100 + i));
    }
    underFlood("140 x 36 KB", large, victimDoc);

    List<byte[]> medium = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      medium.add(feed(3_600, 1000 + i));
    }
    underFlood("1,200 x 3.6 KB", medium, victimDoc);

    List<byte[]> mixed = new ArrayList<>(large);
    for (int i = 0; i < 600; i++) { // more than the reserve holds: about 270 fit in it
      mixed.add(smallStalled);
    }
    underFlood("140 x 36 KB + 600 small x " + smallStalled.length + " B", mixed, victimDoc);
  }
}
