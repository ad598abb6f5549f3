package dev.bounded.xml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.XmlAttributes;
import dev.bounded.xml.XmlEngine;
import dev.bounded.xml.XmlHandler;
import dev.bounded.xml.XmlLimits;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The timing half of {@link CollidingNamesTest}: a document of names that share one hash parses at
 * about the speed of one with ordinary names. An integration test (run by {@code mvn verify}, not
 * {@code mvn test}): a few seconds, budget 120 s. On both engines: the names collide in Woodstox's
 * hash, so on WOODSTOX they reach its capped table; on BOUNDED they show that our name table does
 * not slow down on them.
 */
@Timeout(120)
class CollidingNamesIT {
  @ParameterizedTest
  @EnumSource(XmlEngine.class)
  void aDocumentOfCollidingNamesParsesRightAndAtAboutTheSpeedOfOrdinaryNames(XmlEngine engine)
      throws Exception {
    int k = 12; // 4,096 distinct names: the most one parse keeps
    byte[] colliding = document(k, true);
    byte[] ordinary = document(k, false);
    assertEquals(colliding.length, ordinary.length);
    XmlLimits limits =
        XmlLimits.builder()
            .engine(engine)
            .maxBytes(XmlLimits.UNLIMITED)
            .maxElements(XmlLimits.UNLIMITED)
            .build();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long bestColliding = Long.MAX_VALUE;
    long bestOrdinary = Long.MAX_VALUE;
    for (int round = 0; round < 6; round++) {
      long t0 = threads.getCurrentThreadCpuTime();
      assertEquals(checksum(k, true), parse(colliding, limits));
      long t1 = threads.getCurrentThreadCpuTime();
      assertEquals(checksum(k, false), parse(ordinary, limits));
      long t2 = threads.getCurrentThreadCpuTime();
      if (round > 0) { // the first round warms the JIT up
        bestColliding = Math.min(bestColliding, t1 - t0);
        bestOrdinary = Math.min(bestOrdinary, t2 - t1);
      }
    }
    double ratio = (double) bestColliding / bestOrdinary;
    System.out.printf(
        "CollidingNamesIT %s: %d bytes, colliding names %.1f ms, ordinary names %.1f ms, ratio %.2f%n",
        engine, colliding.length, bestColliding / 1e6, bestOrdinary / 1e6, ratio);
    // The defect class this bar guards: a name table whose look-ups walk every colliding name
    // (probing without a cap measured 31.7; Woodstox's own chained table 12.5 on this 4.6 MB
    // document, growing with the number of names that collide). Today: 1.8-2.8 (the names not
    // kept are interned at every use); the bar sits 2x above that and 2x under the nearest defect.
    assertTrue(ratio < 6, "colliding names parse " + ratio + " times slower than ordinary ones");
  }

  /** 10 rounds of {@code <name/>} for each of the 2^k names, in a root. */
  private static byte[] document(int k, boolean collide) {
    StringBuilder sb = new StringBuilder("<r>");
    for (int rep = 0; rep < 10; rep++) {
      for (int i = 0; i < 1 << k; i++) {
        sb.append('<')
            .append(
                collide ? CollidingNamesTest.colliding(i, k) : CollidingNamesTest.ordinary(i, k))
            .append("/>");
      }
    }
    return sb.append("</r>").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static long checksum(int k, boolean collide) {
    long sum = "r".hashCode();
    for (int rep = 0; rep < 10; rep++) {
      for (int i = 0; i < 1 << k; i++) {
        sum =
            sum * 31
                + (collide ? CollidingNamesTest.colliding(i, k) : CollidingNamesTest.ordinary(i, k))
                    .hashCode();
      }
    }
    return sum;
  }

  /** A checksum of the local names in document order. */
  private static long parse(byte[] doc, XmlLimits limits) throws Exception {
    long[] sum = {0};
    BoundedXml.parse(
        new ByteArrayInputStream(doc),
        limits,
        new XmlHandler() {
          @Override
          public void startElement(String ns, String local, String prefix, XmlAttributes attrs) {
            sum[0] = sum[0] * 31 + local.hashCode();
          }
        });
    return sum[0];
  }
}
