package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.Control;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Early exit by return value ({@link XmlFilter}, decision 021): {@code STOP} ends the parse as
 * {@code XmlContext.stop()} does, {@code SKIP} passes over an element as {@code JsonHandler}'s does
 * over a container, through the stream, reader, bytes and feeder entry points.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(XmlEngine.class)
class XmlFilterTest extends EngineParameterized {
  private static final String DOC =
      "<r><a x='1'><b>in</b><!--c--><?p d?>more</a><c/>tail<!--k--></r>";

  /** Records every event as one string; returns what {@code answer} says for each. */
  private static final class Events implements XmlFilter {
    final List<String> seen = new ArrayList<>();
    final String stopAt;
    final String skipAt;
    boolean ended;

    Events(String stopAt, String skipAt) {
      this.stopAt = stopAt;
      this.skipAt = skipAt;
    }

    private Control answer(String event) {
      seen.add(event);
      return event.equals(stopAt)
          ? Control.STOP
          : event.equals(skipAt) ? Control.SKIP : Control.CONTINUE;
    }

    @Override
    public Control startElement(String ns, String local, String prefix, XmlAttributes a) {
      return answer("<" + local);
    }

    @Override
    public Control endElement(String ns, String local, String prefix) {
      return answer(local + ">");
    }

    @Override
    public Control characters(char[] text, int start, int length) {
      return answer(new String(text, start, length));
    }

    @Override
    public Control comment(char[] text, int start, int length) {
      return answer("!" + new String(text, start, length));
    }

    @Override
    public Control processingInstruction(String target, String data) {
      return answer("?" + target);
    }

    @Override
    public void endDocument() {
      ended = true;
    }
  }

  @Test
  void continueDeliversEveryEventAndTheEnd() throws IOException {
    Events e = new Events(null, null);
    XmlStats stats = BoundedXml.parse(DOC.getBytes(StandardCharsets.UTF_8), limits(), e);
    assertEquals(
        List.of(
            "<r", "<a", "<b", "in", "b>", "!c", "?p", "more", "a>", "<c", "c>", "tail", "!k", "r>"),
        e.seen);
    assertTrue(e.ended);
    assertTrue(stats.complete());
  }

  @Test
  void skipPassesOverTheElementsContentAndItsEndTag() throws IOException {
    Events e = new Events(null, "<a");
    XmlStats stats = BoundedXml.parse(new StringReader(DOC), limits(), e);
    assertEquals(List.of("<r", "<a", "<c", "c>", "tail", "!k", "r>"), e.seen);
    assertTrue(e.ended);
    assertTrue(stats.complete());
  }

  @Test
  void skipOnAnEmptyElementSwallowsOnlyItsEnd() throws IOException {
    Events e = new Events(null, "<c");
    BoundedXml.parse(DOC.getBytes(StandardCharsets.UTF_8), limits(), e);
    assertEquals(
        List.of("<r", "<a", "<b", "in", "b>", "!c", "?p", "more", "a>", "<c", "tail", "!k", "r>"),
        e.seen);
  }

  @Test
  void skipAfterTextOrAnEndTagIsContinue() throws IOException {
    Events e = new Events(null, "in");
    BoundedXml.parse(DOC.getBytes(StandardCharsets.UTF_8), limits(), e);
    assertEquals(14, e.seen.size());
  }

  @Test
  void skippedContentIsStillCheckedAgainstEveryLimit() {
    String deep = "<r><a>" + "<d>".repeat(10) + "</d>".repeat(10) + "</a></r>";
    LimitExceededException x =
        assertThrows(
            LimitExceededException.class,
            () ->
                BoundedXml.parse(
                    deep.getBytes(StandardCharsets.UTF_8),
                    builder().maxDepth(5).build(),
                    new Events(null, "<a")));
    assertEquals(Limit.MAX_DEPTH, x.limit());
  }

  @Test
  void stopEndsTheParseWithoutReadingFurtherOrEndingTheDocument() throws IOException {
    GeneratedStream in = new GeneratedStream("<r>", "<e>x</e>", 10_000_000, "</r>");
    Events e = new Events("x", null);
    XmlStats stats = BoundedXml.parse(in, builder().unlimited().build(), e);
    assertEquals(List.of("<r", "<e", "x"), e.seen);
    assertFalse(e.ended);
    assertFalse(stats.complete());
    assertTrue(in.pulled() < 64 << 10, () -> "pulled " + in.pulled());
  }

  @Test
  void stopFromAFilterStopsAFeederToo() throws IOException {
    if (engine != XmlEngine.BOUNDED) {
      return; // feeders run on our engine only
    }
    Events e = new Events("c>", "<a");
    XmlFeeder f = BoundedXml.newFeeder(limits(), e);
    byte[] doc = DOC.getBytes(StandardCharsets.UTF_8);
    boolean more = true;
    int at = 0;
    while (more && at < doc.length) {
      more = f.feed(doc, at, 1);
      at++;
    }
    assertFalse(more);
    assertEquals(List.of("<r", "<a", "<c", "c>"), e.seen);
    assertFalse(f.endOfInput().complete());
    assertFalse(e.ended);
  }
}
