package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.testkit.Forked;
import org.junit.jupiter.api.Test;

/**
 * The soak half of {@link HttpSubscriberTest}, run by failsafe in {@code mvn verify}: a gigabyte
 * streamed by the JDK's {@code HttpClient} from a loopback server into {@link
 * BoundedJson#subscriber}, in a forked JVM whose heap is 32 MB.
 */
class HttpSubscriberIT {

  /** 1 GB streamed through HttpClient into the subscriber in a forked -Xmx32m JVM. */
  @Test
  void aGigabyteResponseStreamsThroughTheSubscriberInASmallHeap() throws Exception {
    long bytes = 1L << 30;
    String out = Forked.run("-Xmx32m", 180, HttpFeedMain.class, Long.toString(bytes));
    long units = bytes / HttpFeedMain.UNIT.length();
    assertTrue(out.startsWith("OK " + (units + 1) + " "), out);
  }
}
