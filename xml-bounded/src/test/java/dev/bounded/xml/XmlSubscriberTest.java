package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.testkit.SubscriberContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@link XmlSubscriber} against a hand-driven subscription ({@link SubscriberContract}): demand one
 * item at a time, the result (the blocking parse's {@link XmlStats}; incomplete after a stop),
 * cancellation on a failure or a stop, the Flow rules, and the deadline timer failing a stalled
 * source with no thread waiting on it.
 */
class XmlSubscriberTest extends SubscriberContract<XmlSubscriber> {
  private static final XmlLimits LIMITS = FeederTest.BOUNDED;
  private Recorder recorder;

  private static XmlLimits.Builder limits() {
    return XmlLimits.builder().engine(XmlEngine.BOUNDED);
  }

  @Override
  protected XmlSubscriber plain() {
    recorder = new Recorder();
    return BoundedXml.subscriber(LIMITS, recorder);
  }

  @Override
  protected XmlSubscriber maxDepth2() {
    return BoundedXml.subscriber(limits().maxDepth(2).build(), new Recorder());
  }

  @Override
  protected XmlSubscriber deadline(long millis) {
    return BoundedXml.subscriber(limits().maxParseMillis(millis).build(), new Recorder());
  }

  @Override
  protected XmlSubscriber stopper() {
    return BoundedXml.subscriber(LIMITS, FeederTest.stoppingAt("enough", new ArrayList<>()));
  }

  @Override
  protected XmlSubscriber thrower(IOException boom) {
    return BoundedXml.subscriber(
        LIMITS,
        new XmlHandler() {
          @Override
          public void startElement(String ns, String local, String p, XmlAttributes a)
              throws IOException {
            throw boom;
          }
        });
  }

  @Override
  protected CompletableFuture<?> result(XmlSubscriber s) {
    return s.result();
  }

  @Override
  protected String[][] wellFormed() {
    return new String[][] {{"<r a='1'><x>te", "xt</x"}, {"><!--c--></r>", "\n"}};
  }

  @Override
  protected void checkParsed(Object result) {
    assertEquals(List.of("S:r a=1", "S:x", "T:text", "E:x", "C:c", "E:r", "END"), recorder.events);
    String doc = "<r a='1'><x>text</x><!--c--></r>\n";
    try {
      assertEquals(
          BoundedXml.parse(doc.getBytes(StandardCharsets.UTF_8), LIMITS, new Recorder()).toString(),
          result.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertTrue(((XmlStats) result).complete());
  }

  @Override
  protected String malformed() {
    return "<r></x>";
  }

  @Override
  protected String[] threeDeep() {
    return new String[] {"<a><b>", "<c>"};
  }

  @Override
  protected String incomplete() {
    return "<r><a>";
  }

  @Override
  protected String[] stopping() {
    return new String[] {"<r><enough/>", "not xml at all <<"};
  }

  @Override
  protected void checkStopped(Object result) {
    assertFalse(((XmlStats) result).complete());
  }

  @Override
  protected String[] firstElement() {
    return new String[] {"<r>", "<a>"}; // the first four bytes are held until the encoding is known
  }

  @Override
  protected String[] openAndUnit() {
    return new String[] {"<r>", "<a>1</a>"};
  }
}
