package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.testkit.Forked;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Memory proofs in a forked JVM with {@code -Xmx32m -XX:+ExitOnOutOfMemoryError}: generated
 * documents (never on disk) far larger than the heap stream through in constant memory.
 */
class ForkedMemoryIT {
  static final long ONE_GB = 1L << 30;

  /** Runs {@link ForkedMain} with the arguments; returns its "OK ..." line. */
  static String fork(int timeoutSeconds, String... args) throws IOException, InterruptedException {
    String out = Forked.run("-Xmx32m", timeoutSeconds, ForkedMain.class, args);
    String last = out.substring(out.lastIndexOf('\n') + 1);
    assertTrue(last.startsWith("OK "), out);
    return last;
  }

  @Test
  void aOneGigabyteDocumentStreamsThroughThePushApiIn32Megabytes() throws Exception {
    String line = fork(120, "push", Long.toString(ONE_GB));
    assertTrue(line.contains("bytes=" + ForkedMain.rss(ONE_GB).size()), line);
  }

  @Test
  void aOneGigabyteDocumentFedInChunksStreamsThroughTheFeederIn32Megabytes() throws Exception {
    String line = fork(120, "feed", Long.toString(ONE_GB));
    assertTrue(line.contains("bytes=" + ForkedMain.rss(ONE_GB).size()), line);
  }

  /**
   * The pull form: 1 GB fed in chunks of 1 byte to 64 KB to an {@link XmlAsyncReader} and pulled to
   * INCOMPLETE after each; the same start tags and characters as the feeder's push parse.
   */
  @Test
  void aOneGigabyteDocumentFedInChunksStreamsThroughTheAsyncReaderIn32Megabytes() throws Exception {
    String line = fork(120, "async", Long.toString(ONE_GB));
    long items = ONE_GB / ForkedMain.RSS_ITEM.length();
    // 4 head elements (rss, channel, title, link), 8 per item; the child checks XmlStats agrees
    assertTrue(
        line.startsWith(
            "OK async bytes=" + ForkedMain.rss(ONE_GB).size() + " elements=" + (4 + 8 * items)),
        line);
  }

  /** Issue 17's real parts: HttpClient.sendAsync -> BoundedXml.subscriber, 1 GB from loopback. */
  @Test
  void aOneGigabyteFeedFromAServerStreamsThroughHttpClientAndTheSubscriberIn32Megabytes()
      throws Exception {
    String line = fork(300, "http", Long.toString(ONE_GB));
    long units = ONE_GB / HttpSubscriberTest.UNIT.length();
    long bytes =
        "<rss><channel></channel></rss>".length()
            + units * HttpSubscriberTest.UNIT.getBytes(StandardCharsets.UTF_8).length;
    // the child asserts every item arrived and the stats are the blocking parse's
    assertTrue(line.startsWith("OK http bytes=" + bytes + " "), line);
  }

  @Test
  void aOneGigabyteDocumentStreamsThroughThePullApiIn32Megabytes() throws Exception {
    String line = fork(120, "pull", Long.toString(ONE_GB));
    assertTrue(line.contains("bytes=" + ForkedMain.rss(ONE_GB).size()), line);
  }

  @Test
  void aHundredMegabyteTextNodeStreamsInChunksWhenTheTextLimitIsLifted() throws Exception {
    fork(60, "unlimited-text");
  }

  @Test
  void getElementTextOnAHugeTextFailsOnMaxTextLengthIn32Megabytes() throws Exception {
    String line = fork(60, "element-text");
    assertTrue(line.startsWith("OK element-text MAX_TEXT_LENGTH"), line);
  }

  /**
   * Woodstox's per-parse symbol table has no cap; without {@code WoodstoxSymbolTable} this document
   * (about 8 MB) ends in OutOfMemoryError.
   */
  @Test
  void fourHundredThousandDistinctElementAndAttributeNamesFitIn32Megabytes() throws Exception {
    String line = fork(60, "names", "400000");
    assertTrue(line.contains("elements=400001"), line);
  }

  @Test
  void a100kDistinctNamesOf1000CharactersFitIn32Megabytes() throws Exception {
    String line = fork(60, "names", "100000", "1000");
    assertTrue(line.contains("elements=100001"), line);
  }
}
