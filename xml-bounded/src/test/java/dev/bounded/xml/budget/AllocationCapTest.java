package dev.bounded.xml.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.internal.ParseGuard;
import dev.bounded.xml.BoundedDocumentBuilderFactory;
import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.XmlAttributes;
import dev.bounded.xml.XmlHandler;
import dev.bounded.xml.XmlLimits;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.SAXParseException;

/** XmlLimits.maxAllocatedBytes: a parse allocating over its cap fails, one under passes. */
class AllocationCapTest {
  private static final long MB = 1L << 20;

  @BeforeAll
  static void counterAvailable() {
    assumeTrue(ParseGuard.allocationCounterAvailable(), "no per-thread allocation counter here");
  }

  private static byte[] elements(int n) {
    return ("<r>" + "<e a='1'>x</e>".repeat(n) + "</r>").getBytes(StandardCharsets.UTF_8);
  }

  private static XmlLimits cap(long bytes) {
    return XmlLimits.builder().maxAllocatedBytes(bytes).build();
  }

  private static void assertCap(LimitExceededException e, long cap) {
    assertEquals(Limit.MAX_ALLOCATED_BYTES, e.limit());
    assertEquals(cap, e.maximum());
    assertTrue(e.actual() > cap, "actual " + e.actual());
    assertEquals("XmlLimits.maxAllocatedBytes", e.setting());
    assertTrue(
        e.getMessage()
            .startsWith(
                "Heap allocated by the parse ("
                    + e.actual()
                    + " bytes) exceeds the maximum allowed ("
                    + cap
                    + " bytes, from XmlLimits.maxAllocatedBytes)"),
        e.getMessage());
  }

  @Test
  void aHandlerAllocatingOverTheCapFails() {
    int[] seen = {0};
    XmlHandler greedy =
        new XmlHandler() {
          byte[] last;

          @Override
          public void startElement(String ns, String local, String prefix, XmlAttributes a) {
            seen[0]++;
            last = new byte[100_000]; // allocated on the parsing thread, so it counts
          }
        };
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () -> BoundedXml.parse(elements(1000), cap(10 * MB), greedy));
    assertCap(e, 10 * MB);
    // 100 elements make 10 MB; the check runs every 16 events (about 4 elements here)
    assertTrue(seen[0] > 90 && seen[0] < 130, seen[0] + " elements");
  }

  @Test
  void aDomParseOverTheCapFailsAndOneUnderItSucceeds() throws Exception {
    byte[] doc = elements(20_000); // about 300 KB, a few MB of tree and garbage
    SAXParseException e =
        assertThrows(
            SAXParseException.class,
            () ->
                BoundedDocumentBuilderFactory.newInstance(cap(MB))
                    .newDocumentBuilder()
                    .parse(new ByteArrayInputStream(doc)));
    assertCap(BoundedParseException.find(e, LimitExceededException.class).orElseThrow(), MB);

    Document d =
        BoundedDocumentBuilderFactory.newInstance(cap(512 * MB))
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(doc));
    assertEquals(20_000, d.getDocumentElement().getChildNodes().getLength());
  }

  @Test
  void theCapCountsOnlyThisParseNotWhatTheThreadAllocatedBefore() throws Exception {
    byte[][] before = new byte[64][];
    for (int i = 0; i < before.length; i++) {
      before[i] = new byte[1 << 20]; // 64 MB allocated by this thread before the parse
    }
    assertTrue(BoundedXml.parse(elements(10), cap(8 * MB), new XmlHandler() {}).complete());
    assertEquals(64, before.length);
  }

  @Test
  void aGuardAddsLittleCostAndNoGuardNone() throws Exception {
    byte[] doc = elements(200_000); // about 3 MB, 1.2 million events
    XmlLimits none =
        XmlLimits.builder()
            .maxElements(XmlLimits.UNLIMITED)
            .maxParseMillis(XmlLimits.UNLIMITED)
            .build();
    XmlLimits deadline = none.toBuilder().maxParseMillis(60_000).build();
    XmlLimits both = deadline.toBuilder().maxAllocatedBytes(1L << 40).build();
    long[] best = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
    XmlLimits[] modes = {none, deadline, both};
    // The parsing thread's CPU time, not wall time: other work on a shared machine (another build,
    // the JIT of another fork) then cannot bill its time to one mode.
    java.lang.management.ThreadMXBean cpu =
        java.lang.management.ManagementFactory.getThreadMXBean();
    for (int round = 0; round < 7; round++) {
      for (int m = 0; m < 3; m++) {
        long t0 = cpu.getCurrentThreadCpuTime();
        BoundedXml.parse(doc, modes[m], new XmlHandler() {});
        best[m] = Math.min(best[m], cpu.getCurrentThreadCpuTime() - t0);
      }
    }
    System.out.printf(
        "guard cost, best of 7 (thread CPU) over %d bytes: none %.1f ms, deadline %.1f ms (%+.1f%%),"
            + " deadline+allocation cap %.1f ms (%+.1f%%)%n",
        doc.length,
        best[0] / 1e6,
        best[1] / 1e6,
        100.0 * (best[1] - best[0]) / best[0],
        best[2] / 1e6,
        100.0 * (best[2] - best[0]) / best[0]);
    // rough: on a shared machine only a gross regression (a check per event) would show
    assertTrue(best[1] < best[0] * 1.5 + 20_000_000L, "deadline: " + best[1] + " vs " + best[0]);
    assertTrue(best[2] < best[0] * 1.5 + 20_000_000L, "both: " + best[2] + " vs " + best[0]);
  }
}
