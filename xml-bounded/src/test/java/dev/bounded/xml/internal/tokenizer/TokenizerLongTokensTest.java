package dev.bounded.xml.internal.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.DtdPolicy;
import dev.bounded.xml.XmlEngine;
import dev.bounded.xml.XmlHandler;
import dev.bounded.xml.XmlLimits;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A comment, PI or DOCTYPE longer than the tokenizer's retry step (32 KiB) is scanned once: when
 * the bytes run out inside it, the scan goes on where it stopped instead of starting again from the
 * token's first byte. Before, such a token was scanned again at every retry, about every 32 KiB, so
 * a token of n bytes cost about n^2 / 64 KiB byte steps: 64 times a plain document at 4 MiB.
 */
class TokenizerLongTokensTest {
  static final int SIZE = 4 << 20;

  /** Long enough for the tokens below; IGNORE, so that a DOCTYPE is skimmed. */
  static final XmlLimits LIMITS =
      XmlLimits.builder()
          .engine(XmlEngine.BOUNDED)
          .dtdPolicy(DtdPolicy.IGNORE)
          .maxTextLength(2L * SIZE)
          .build();

  /**
   * Far below the quadratic defect (about 64x at this size, measured 60-130x before the fix) and
   * far above a linear scan (about 1x, at most 2x measured on a loaded machine).
   */
  static final double MAX_RATIO = 8.0;

  /** About {@link #SIZE} bytes of comment or PI body: multi-byte characters and line ends too. */
  static String body() {
    return "d\u00e9ja vu \u20ac -? ] \r\n\t".repeat(SIZE / 24);
  }

  /**
   * One long token of {@code kind}, after the root's start; its twin is the same in 1 KiB tokens.
   */
  static String doc(String kind, boolean oneToken) {
    String b = body();
    int step = oneToken ? b.length() : 1000;
    StringBuilder sb = new StringBuilder();
    if (kind.equals("doctype")) {
      // the twin: a short DOCTYPE, then the same bytes as short comments
      sb.append("<!DOCTYPE r [");
      if (oneToken) {
        sb.append("<!-- ").append(b).append(" --><?p ").append(b, 0, 1000).append("?>");
        sb.append("<!ENTITY e '").append(b, 0, 1000).append("'>");
      }
      sb.append("]>");
      if (oneToken) {
        return sb.append("<r/>").toString();
      }
      kind = "comment";
    }
    sb.append("<r>");
    for (int i = 0; i < b.length(); i += step) {
      String part = b.substring(i, Math.min(b.length(), i + step));
      sb.append(kind.equals("comment") ? "<!--" + part + "-->" : "<?pi " + part + "?>");
    }
    return sb.append("</r>").toString();
  }

  static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Thread CPU nanoseconds of one push parse from a stream (read 32 KiB at a time). */
  static long time(byte[] doc) throws Exception {
    long t0 = THREADS.getCurrentThreadCpuTime();
    BoundedXml.parse(new ByteArrayInputStream(doc), LIMITS, new XmlHandler() {});
    return THREADS.getCurrentThreadCpuTime() - t0;
  }

  /**
   * The timing test's budget: about 5 s at load 30; before the fix the comment alone took 7.6 s.
   */
  static final Duration BUDGET = Duration.ofSeconds(120);

  @Test
  void aLongCommentPiOrDoctypeCostsWhatShortOnesDo() {
    assertTimeoutPreemptively(BUDGET, TokenizerLongTokensTest::compareTimes);
  }

  static void compareTimes() throws Exception {
    for (String kind : List.of("comment", "pi", "doctype")) {
      byte[] one = doc(kind, true).getBytes(StandardCharsets.UTF_8);
      byte[] twin = doc(kind, false).getBytes(StandardCharsets.UTF_8);
      assertTrue(Math.abs(one.length - twin.length) < SIZE / 10, kind + ": sizes differ");
      time(twin); // warm-up
      long bestOne = Long.MAX_VALUE;
      long bestTwin = Long.MAX_VALUE;
      for (int round = 0; round < 3; round++) {
        bestOne = Math.min(bestOne, time(one));
        bestTwin = Math.min(bestTwin, time(twin));
      }
      double ratio = (double) bestOne / bestTwin;
      System.out.printf(
          "TokenizerLongTokensTest %s: one token %.1f ms, short ones %.1f ms, ratio %.2f%n",
          kind, bestOne / 1e6, bestTwin / 1e6, ratio);
      assertTrue(ratio <= MAX_RATIO, kind + ": " + ratio + "x a document of short ones");
    }
  }

  /**
   * A token resumed where its scan stopped gives, fed in chunks of any size, the events of one
   * buffer, and what follows it the same locations (the line ends inside it are counted once).
   */
  @Test
  void resumedTokensGiveTheEventsAndLocationsOfOneBuffer() {
    long seed = new Random().nextLong();
    System.out.println("TokenizerLongTokensTest seed " + seed);
    Random rnd = new Random(seed);
    String b = "d\u00e9j\u00e0 \u20ac\ud83d\ude00 -? ] \r\n\r \n".repeat(3000);
    String[] docs = {
      "<r><!--" + b + "--><a/>" + b.substring(0, 40) + "<!--" + b + "--></r>",
      "<r><?pi " + b + "?><?q" + " \r\n".repeat(50) + b + "?></r>",
      "<!DOCTYPE r SYSTEM 'x>\r\n' [<!--"
          + b
          + "--><?p "
          + b
          + "?> <!ELEMENT r \"]>\">"
          + b
          + "]>"
          + "<r/>",
      // errors after a long token: the same message and location
      "<r><!--" + b + "--></r><s/>",
      "<r><?pi " + b + "?>&bad;</r>",
      "<r><!--" + b + "-- --></r>",
      "<!DOCTYPE r [<!--" + b + "-->]><r><r>",
    };
    for (String d : docs) {
      byte[] doc = d.getBytes(StandardCharsets.UTF_8);
      List<String> whole = Drive.events(doc, LIMITS);
      for (int max : new int[] {1, 7, 4096, 40_000}) {
        assertEquals(
            whole,
            Drive.events(doc, LIMITS, rnd, max),
            "seed " + seed + ", chunks up to " + max + ": " + d.substring(0, 12));
      }
    }
  }
}
