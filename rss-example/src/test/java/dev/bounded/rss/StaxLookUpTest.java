package dev.bounded.rss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLInputFactory;
import org.junit.jupiter.api.Test;

/**
 * This module depends on xml-bounded as any application would: since Woodstox became an optional
 * dependency of xml-bounded (decision 018), it no longer arrives with it, so the StAX look-up
 * elsewhere in the application keeps the JDK's parser and the feed reader runs on Bounded's own
 * tokenizer. (Before, Woodstox and its service file came transitively and {@code
 * XMLInputFactory.newInstance()} returned Woodstox's factory.)
 */
class StaxLookUpTest {
  @Test
  void dependingOnXmlBoundedLeavesTheJdksStaxParserInPlace() throws Exception {
    assertThrows(
        ClassNotFoundException.class, () -> Class.forName("com.ctc.wstx.stax.WstxInputFactory"));
    assertEquals(
        "com.sun.xml.internal.stream.XMLInputFactoryImpl",
        XMLInputFactory.newInstance().getClass().getName());
    byte[] feed =
        "<rss version=\"2.0\"><channel><title>T</title><item><title>a</title></item></channel></rss>"
            .getBytes(StandardCharsets.UTF_8);
    try (FeedReader r = FeedReader.open(new ByteArrayInputStream(feed), FeedLimits.defaults())) {
      assertEquals("T", r.info().title());
      assertEquals("a", r.next().title());
    }
  }
}
