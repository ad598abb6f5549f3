package dev.bounded.xml.internal.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.xml.XmlEngine;
import dev.bounded.xml.XmlLimits;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fed in chunks of any size, the tokenizer gives the same events, and the same error with the same
 * location, as from one buffer: every split of a UTF-8 sequence, a reference, "]]>", CR LF, a tag,
 * a comment, the declaration.
 */
class TokenizerResumabilityTest {
  static final String[] DOCS = {
    "<?xml version='1.0' encoding='UTF-8'?>\r\n<!-- c\u00e9 -->\r<r xmlns='u' xmlns:p='v' p:a=\"1 &amp;\r\n 2\">"
        + "t\u00e9xt &#x1F600; \ud83d\ude00\r\n]]<![CDATA[<cd>]]]]><?pi da\u20acta?><e b='\u20ac'/>\r</r>\n",
    "<a>" + "x\u00e9\u4e2d\ud83d\ude00&lt;".repeat(3000) + "</a>",
    "<a>text]]>more</a>",
    "<a b='1' b='2'>",
    "<a>\u00e9\u00e9<b></c></a>",
    "<a><!-- x -- --></a>",
    "<a>&#xFFFE;</a>",
    "<a>" + "y".repeat(20_000) + "\u0001</a>",
    "<a><?pi" + " \r\n".repeat(100) + "d\u00e9?><?q ?></a   \r\n ></a>",
  };

  @Test
  void anyChunkingGivesTheEventsAndErrorsOfOneBuffer() {
    long seed = new Random().nextLong();
    System.out.println("TokenizerResumabilityTest seed " + seed);
    Random rnd = new Random(seed);
    for (String d : DOCS) {
      byte[] doc = d.getBytes(StandardCharsets.UTF_8);
      List<String> whole = Drive.events(doc, Drive.LIMITS);
      // text is never held back: before an error, chunks may deliver more of the text
      boolean fails = whole.get(whole.size() - 1).startsWith("!");
      for (int max : new int[] {1, 2, 3, 7, 64, 4096, 65536}) {
        for (int round = 0; round < 3; round++) {
          List<String> chunked = Drive.events(doc, Drive.LIMITS, rnd, max);
          assertEquals(
              fails ? withoutText(whole) : whole,
              fails ? withoutText(chunked) : chunked,
              "seed " + seed + ", chunks up to " + max + ": " + d.substring(0, 15));
        }
      }
    }
  }

  @Test
  void limitsBreakAtTheSamePlaceWhateverTheChunking() {
    long seed = new Random().nextLong();
    System.out.println("TokenizerResumabilityTest seed " + seed);
    Random rnd = new Random(seed);
    XmlLimits tight =
        XmlLimits.builder()
            .engine(XmlEngine.BOUNDED)
            .maxTextLength(100)
            .maxAttributeLength(10)
            .maxNameLength(8)
            .maxDepth(3)
            .build();
    String[] docs = {
      "<a>" + "\u00e9".repeat(101) + "</a>",
      "<a b='" + "&amp;".repeat(11) + "'/>",
      "<abcdefgh\u00e9/>",
      "<a><b><c><d/></c></b></a>",
      "<a><!--" + "-x".repeat(51) + "--></a>",
    };
    for (String d : docs) {
      byte[] doc = d.getBytes(StandardCharsets.UTF_8);
      // text is never held back, so chunks may deliver some of the text before the breach
      List<String> whole = withoutText(Drive.events(doc, tight));
      for (int max : new int[] {1, 2, 5, 64}) {
        assertEquals(
            whole, withoutText(Drive.events(doc, tight, rnd, max)), "seed " + seed + ": " + d);
      }
    }
  }

  static List<String> withoutText(List<String> events) {
    return events.stream().filter(e -> !e.startsWith("T:")).toList();
  }

  @Test
  void whitespaceInsideMarkupIsNeverHeld() throws java.io.IOException {
    // 8 MB of whitespace in a start tag, an end tag and before a PI's data, fed in 4 KB chunks:
    // the tokenizer's buffer stays small (held, it would grow to 8 MB and be scanned again and
    // again as it grew)
    String ws = " ".repeat(8 << 20);
    for (String d :
        new String[] {"<a" + ws + "b='1'/>", "<a></a" + ws + ">", "<a><?pi" + ws + "d?></a>"}) {
      byte[] doc = d.getBytes(StandardCharsets.UTF_8);
      Tokenizer t = new Tokenizer(Drive.LIMITS, true, null);
      int fed = 0;
      int maxBuffer = 0;
      int events = 0;
      while (true) {
        int e = t.next();
        if (e == javax.xml.stream.XMLStreamConstants.END_DOCUMENT) {
          break;
        }
        if (e != Tokenizer.INCOMPLETE) {
          events++;
          continue;
        }
        if (fed == doc.length) {
          t.endOfInput();
          continue;
        }
        int n = Math.min(4096, doc.length - fed);
        t.feed(doc, fed, n);
        fed += n;
        maxBuffer = Math.max(maxBuffer, t.buffer().length);
      }
      assertTrue(events >= 3, d.substring(0, 6));
      assertTrue(maxBuffer <= 64 << 10, d.substring(0, 6) + ": buffer grew to " + maxBuffer);
    }
  }

  @Test
  void feedingOneByteAtATimeStaysLinear() {
    // a 1 MB start tag fed one byte at a time: without the doubling rule, quadratic
    String tag = "<a " + "b".repeat(1000) + "='" + "v".repeat(10_000) + "'/>";
    byte[] doc = tag.getBytes(StandardCharsets.UTF_8);
    long t0 = System.nanoTime();
    List<String> events = Drive.events(doc, Drive.LIMITS, new Random(1), 1);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals("ED", events.get(events.size() - 1));
    assertEquals(true, ms < 5_000, "took " + ms + " ms");
  }
}
