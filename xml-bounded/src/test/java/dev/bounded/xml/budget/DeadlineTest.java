package dev.bounded.xml.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.xml.BoundedDocumentBuilderFactory;
import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.XmlAttributes;
import dev.bounded.xml.XmlHandler;
import dev.bounded.xml.XmlLimits;
import dev.bounded.xml.XmlStats;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXParseException;

/**
 * XmlLimits.maxParseMillis: slow consumers and trickling sources are stopped, quick parses pass.
 */
class DeadlineTest {
  private static byte[] elements(int n) {
    return ("<r>" + "<e>x</e>".repeat(n) + "</r>").getBytes(StandardCharsets.UTF_8);
  }

  private static XmlLimits deadline(long ms) {
    return XmlLimits.builder().maxParseMillis(ms).build();
  }

  /** Sleeps per element. */
  private static final class SlowHandler implements XmlHandler {
    private final long sleepMillis;
    int elements;

    SlowHandler(long sleepMillis) {
      this.sleepMillis = sleepMillis;
    }

    @Override
    public void startElement(String ns, String local, String prefix, XmlAttributes attrs) {
      elements++;
      try {
        Thread.sleep(sleepMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void assertDeadline(LimitExceededException e, long ms) {
    assertEquals(Limit.MAX_PARSE_MILLIS, e.limit());
    assertEquals(ms, e.maximum());
    assertTrue(e.actual() > ms, "actual " + e.actual());
    assertEquals("XmlLimits.maxParseMillis", e.setting());
    assertTrue(
        e.getMessage()
            .startsWith(
                "Parse time ("
                    + e.actual()
                    + " ms) exceeds the maximum allowed ("
                    + ms
                    + " ms, from XmlLimits.maxParseMillis) at line "),
        e.getMessage());
  }

  @Test
  void aSlowHandlerBreaksTheDeadlineAtTheNextCheck() {
    SlowHandler slow = new SlowHandler(5);
    long t0 = System.nanoTime();
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () -> BoundedXml.parse(elements(1000), deadline(200), slow));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertDeadline(e, 200);
    // checked every 16 events (two per element here): at most 8 more elements of 5 ms each
    assertTrue(slow.elements < 100, "handler saw " + slow.elements + " elements");
    // The count above is the real check; unchecked, the 1,000 slow elements take 5 s (2.5x this).
    assertTrue(ms < 2_000, "took " + ms + " ms");
  }

  @Test
  void aSlowHandlerWithinTheDeadlineCompletes() throws Exception {
    SlowHandler slow = new SlowHandler(5);
    XmlStats stats = BoundedXml.parse(elements(20), deadline(10_000), slow);
    assertTrue(stats.complete());
    assertEquals(21, slow.elements);
  }

  @Test
  void aTricklingSourceBreaksTheDeadlineBetweenTwoEvents() {
    // 10,000 bytes of one text run, 2 bytes per 10 ms read: 50 s unchecked, no event in between
    byte[] doc = ("<r>" + "t".repeat(10_000) + "</r>").getBytes(StandardCharsets.UTF_8);
    Trickle trickle = new Trickle(doc, 2, 10);
    long t0 = System.nanoTime();
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () -> BoundedXml.parse(trickle, deadline(300), new XmlHandler() {}));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertDeadline(e, 300);
    // Unchecked between reads, the trickle takes 50 s (25x this bar); the read count is exact.
    assertTrue(ms < 2_000, "took " + ms + " ms");
    assertTrue(trickle.reads < 200, trickle.reads + " reads");
  }

  @Test
  void aTricklingSourceWithinTheDeadlineCompletes() throws Exception {
    byte[] doc = "<r>tiny</r>".getBytes(StandardCharsets.UTF_8);
    XmlStats stats =
        BoundedXml.parse(new Trickle(doc, 4, 5), deadline(10_000), new XmlHandler() {});
    assertTrue(stats.complete());
  }

  @Test
  void aByteArrayStreamStartsTheClockAtTheFirstEventNotAtItsReads() throws Exception {
    // Its reads cannot block, so they check nothing (decision 026): the reader's creation read the
    // stream (the encoding sniff) without starting the clock, and an idle reader has used none of
    // its time. A stream that may block starts the clock at that read, so the same idle wait fails
    // the same parse at its next check.
    byte[] doc = elements(10);
    XMLStreamReader inMemory = BoundedXml.newReader(new ByteArrayInputStream(doc), deadline(100));
    Thread.sleep(200);
    int events = 0;
    while (inMemory.hasNext()) {
      inMemory.next();
      events++;
    }
    assertEquals(33, events); // 11 starts, 11 ends, 10 texts, the end of the document
    XMLStreamReader mayBlock =
        BoundedXml.newReader(
            new java.io.FilterInputStream(new ByteArrayInputStream(doc)) {}, deadline(100));
    Thread.sleep(200);
    assertReadingMissesTheDeadline(mayBlock, 0, 100);
  }

  @Test
  void thePullReaderReportsTheDeadlineAsTheCauseOfItsStreamException() throws Exception {
    XMLStreamReader r =
        BoundedXml.newReader(new ByteArrayInputStream(elements(1000)), deadline(100));
    assertReadingMissesTheDeadline(r, 1, 100);
  }

  /**
   * Reading {@code r} to its end, pausing {@code pauseMillis} after each event, fails on the {@code
   * ms} deadline with a stream exception caused by ours.
   */
  private static void assertReadingMissesTheDeadline(XMLStreamReader r, long pauseMillis, long ms) {
    XMLStreamException x =
        assertThrows(
            XMLStreamException.class,
            () -> {
              while (r.hasNext()) {
                r.next();
                if (pauseMillis > 0) {
                  Thread.sleep(pauseMillis);
                }
              }
            });
    assertDeadline((LimitExceededException) x.getCause(), ms);
  }

  @Test
  void theDomDropInReportsATricklingSourceAsASaxParseExceptionCausedByTheDeadline() {
    byte[] doc = ("<r>" + "t".repeat(10_000) + "</r>").getBytes(StandardCharsets.UTF_8);
    BoundedDocumentBuilderFactory f = BoundedDocumentBuilderFactory.newInstance(deadline(300));
    SAXParseException e =
        assertThrows(
            SAXParseException.class, () -> f.newDocumentBuilder().parse(new Trickle(doc, 2, 10)));
    assertDeadline(BoundedParseException.find(e, LimitExceededException.class).orElseThrow(), 300);
  }

  @Test
  void unlimitedLiftsTheDeadline() throws Exception {
    XmlLimits none = XmlLimits.builder().maxParseMillis(XmlLimits.UNLIMITED).build();
    assertTrue(BoundedXml.parse(elements(10), none, new SlowHandler(1)).complete());
    assertEquals(XmlLimits.UNLIMITED, XmlLimits.builder().unlimited().build().maxParseMillis());
  }
}
