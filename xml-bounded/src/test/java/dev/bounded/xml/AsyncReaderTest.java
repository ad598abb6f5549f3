package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.testkit.RequiresCorpus;
import dev.bounded.testkit.SharedCorpora;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link XmlAsyncReader}, the non-blocking pull form: fed in random chunks (1 byte to 64 KB,
 * arrays, heap and direct buffers; seed printed), every generated, mutated and corpus document
 * gives exactly the events, accessors, locations, {@link XmlStats} and error (type, message, limit,
 * maximum, location) of the blocking {@link BoundedXml#newReader} on the BOUNDED engine; every
 * limit is exact at N/N+1 whatever the chunking; the feeding rules.
 */
class AsyncReaderTest {
  static final XmlLimits BOUNDED = FeederTest.BOUNDED;

  static final long SEED = Long.getLong("bounded.seed", new Random().nextLong());

  static {
    System.out.println("AsyncReaderTest seed " + SEED);
  }

  /** Events (text merged), stats at the end, and the failure (null if none). */
  record Outcome(List<String> events, XmlStats stats, XMLStreamException failure) {}

  /** Everything the StAX accessors say about the current event, text runs merged. */
  static final class Events {
    final List<String> list = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private int textType;

    void add(XMLStreamReader r) {
      int t = r.getEventType();
      if (t == XMLStreamConstants.CHARACTERS
          || t == XMLStreamConstants.CDATA
          || t == XMLStreamConstants.SPACE) {
        if (textType != t) {
          flush();
          textType = t;
        }
        text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
        assertEquals(r.getTextLength(), r.getText().length());
        return;
      }
      flush();
      StringBuilder sb = new StringBuilder().append(t).append(' ');
      switch (t) {
        case XMLStreamConstants.START_DOCUMENT:
          sb.append(r.getVersion()).append('|').append(r.getCharacterEncodingScheme());
          sb.append('|').append(r.standaloneSet()).append(r.isStandalone());
          break;
        case XMLStreamConstants.START_ELEMENT:
          sb.append(r.getName()).append(" ns[");
          for (int i = 0; i < r.getNamespaceCount(); i++) {
            sb.append(r.getNamespacePrefix(i)).append('=').append(r.getNamespaceURI(i)).append(';');
          }
          sb.append("] at[");
          for (int i = 0; i < r.getAttributeCount(); i++) {
            sb.append(r.getAttributeName(i)).append('=').append(r.getAttributeValue(i));
            sb.append(';');
          }
          sb.append("] p=").append(r.getNamespaceContext().getNamespaceURI("p"));
          sb.append(" a1=").append(r.getAttributeValue(null, "a1"));
          break;
        case XMLStreamConstants.END_ELEMENT:
          sb.append(r.getName()).append(' ').append(r.getNamespaceURI("q"));
          break;
        case XMLStreamConstants.COMMENT:
          sb.append(r.getText());
          break;
        case XMLStreamConstants.PROCESSING_INSTRUCTION:
          sb.append(r.getPITarget()).append('|').append(r.getPIData());
          break;
        default:
          break;
      }
      Location l = r.getLocation();
      sb.append(" @").append(l.getLineNumber()).append(':').append(l.getColumnNumber());
      sb.append(':').append(l.getCharacterOffset());
      list.add(sb.toString());
    }

    void flush() {
      if (text.length() > 0) {
        list.add("T" + textType + " " + text);
        text.setLength(0);
      }
      textType = 0;
    }
  }

  static Outcome blocking(byte[] doc, XmlLimits limits) {
    Events ev = new Events();
    XMLStreamReader r = null;
    try {
      r = BoundedXml.newReader(doc, limits);
      ev.add(r);
      while (r.hasNext()) {
        r.next();
        ev.add(r);
      }
      ev.flush();
      return new Outcome(ev.list, BoundedXml.stats(r), null);
    } catch (XMLStreamException e) {
      ev.flush();
      return new Outcome(ev.list, null, e);
    }
  }

  /** Feeds {@code doc} in random chunks of 1 .. max bytes, pulling every event after each. */
  static Outcome fed(byte[] doc, XmlLimits limits, Random rnd, int max) {
    Events ev = new Events();
    XmlAsyncReader r = BoundedXml.newAsyncReader(limits);
    try {
      assertEquals(XmlAsyncReader.INCOMPLETE, r.getEventType());
      for (int at = 0; at < doc.length; ) {
        assertTrue(r.needsInput());
        int n = Math.min(doc.length - at, 1 + rnd.nextInt(max));
        switch (rnd.nextInt(3)) {
          case 0:
            r.feed(doc, at, n);
            break;
          case 1:
            r.feed(ByteBuffer.wrap(doc, at, n));
            break;
          default:
            ByteBuffer d = ByteBuffer.allocateDirect(n);
            d.put(doc, at, n).flip();
            r.feed(d);
            assertFalse(d.hasRemaining());
        }
        at += n;
        while (r.next() != XmlAsyncReader.INCOMPLETE) {
          ev.add(r);
        }
        assertEquals(XmlAsyncReader.INCOMPLETE, r.getEventType());
      }
      r.endOfInput();
      while (r.hasNext()) {
        assertTrue(r.next() != XmlAsyncReader.INCOMPLETE, "never INCOMPLETE after the end");
        ev.add(r);
      }
      ev.flush();
      return new Outcome(ev.list, BoundedXml.stats(r), null);
    } catch (XMLStreamException e) {
      ev.flush();
      assertSame(e, assertThrows(XMLStreamException.class, r::next), "fails the same way");
      return new Outcome(ev.list, null, e);
    } finally {
      r.close();
    }
  }

  /** The async reader's outcome equals the blocking reader's, error and location included. */
  static void assertSameOutcome(Outcome whole, Outcome chunked, String where) {
    if (whole.failure() == null) {
      assertEquals(null, chunked.failure(), where);
      assertEquals(whole.events(), chunked.events(), where);
      assertEquals(String.valueOf(whole.stats()), String.valueOf(chunked.stats()), where);
      return;
    }
    assertNotNull(chunked.failure(), where);
    Location a = whole.failure().getLocation();
    Location b = chunked.failure().getLocation();
    if (a != null) { // null where newReader itself failed (in the prolog): no current event
      assertEquals(whole.failure().getMessage(), chunked.failure().getMessage(), where);
      assertEquals(a.getLineNumber(), b.getLineNumber(), where);
      assertEquals(a.getColumnNumber(), b.getColumnNumber(), where);
      assertEquals(a.getCharacterOffset(), b.getCharacterOffset(), where);
    }
    Throwable ca = whole.failure().getCause();
    assertInstanceOf(BoundedParseException.class, ca, where);
    FeederTest.assertSameError(ca, chunked.failure().getCause(), where);
    FeederTest.assertSameEventsBeforeAnError(whole.events(), chunked.events(), "T", where);
  }

  // ---- generated, mutated and corpus documents ----

  @Test
  void generatedDocumentsFedInAnyChunksGiveTheBlockingReadersEventsAndStats() {
    Random rnd = new Random(SEED);
    for (int i = 0; i < 60; i++) {
      byte[] doc =
          FeederTest.generate(rnd, 1 + rnd.nextInt(i < 50 ? 20_000 : 300_000))
              .getBytes(StandardCharsets.UTF_8);
      Outcome whole = blocking(doc, BOUNDED);
      assertEquals(null, whole.failure(), "generated documents are well-formed");
      int max = FeederTest.maxChunk(rnd);
      assertSameOutcome(
          whole, fed(doc, BOUNDED, rnd, max), "seed " + SEED + " doc " + i + " max " + max);
    }
  }

  @Test
  void malformedDocumentsFailAsTheBlockingReaderFailsWhateverTheChunking() {
    Random rnd = new Random(SEED + 1);
    int failing = 0;
    for (int i = 0; i < 300; i++) {
      byte[] doc = FeederTest.mutate(rnd, FeederTest.generate(rnd, 1 + rnd.nextInt(5000)));
      Outcome whole = blocking(doc, BOUNDED);
      if (whole.failure() != null) {
        failing++;
      }
      int max = FeederTest.maxChunk(rnd);
      assertSameOutcome(whole, fed(doc, BOUNDED, rnd, max), "seed " + (SEED + 1) + " doc " + i);
    }
    assertTrue(failing > 100, "failing " + failing);
  }

  /** Every real feed and attack document, UTF-8 ones compared, the others refused typed. */
  @Test
  @RequiresCorpus({"feeds", "xml-attacks"})
  void everyCorpusDocumentGivesTheBlockingReadersEventsOrError() throws IOException {
    Random rnd = new Random(SEED + 2);
    List<Path> docs = new ArrayList<>(SharedCorpora.files("feeds", p -> true));
    docs.addAll(SharedCorpora.files("xml-attacks", p -> true));
    int failing = 0;
    int refused = 0;
    for (Path p : docs) {
      byte[] doc = Files.readAllBytes(p);
      int max = FeederTest.maxChunk(rnd);
      Outcome chunked = fed(doc, BOUNDED, rnd, max);
      if (chunked.failure() != null && chunked.failure().getMessage().contains("for a feeder")) {
        refused++; // UTF-16/32 or a declared single-byte charset: by design
        assertInstanceOf(MalformedDocumentException.class, chunked.failure().getCause());
        continue;
      }
      Outcome whole = blocking(doc, BOUNDED);
      failing += whole.failure() == null ? 0 : 1;
      assertSameOutcome(whole, chunked, "seed " + (SEED + 2) + " max " + max + ": " + p);
    }
    System.out.println(
        "AsyncReaderTest: "
            + docs.size()
            + " corpus documents, "
            + failing
            + " failing alike, "
            + refused
            + " refused (encoding)");
    assertTrue(docs.size() > 400, "documents: " + docs.size());
    assertTrue(refused < docs.size() / 5, "refused: " + refused);
  }

  // ---- limits ----

  static Stream<Arguments> limitCases() {
    return LimitBoundaryTest.cases();
  }

  /** The pull form: {@link XmlAsyncReader} against {@link BoundedXml#newReader}. */
  static final FeederTest.Form<Outcome> PULL =
      new FeederTest.Form<>(
          AsyncReaderTest::blocking,
          AsyncReaderTest::fed,
          o -> o.failure() == null ? null : o.failure().getCause(),
          AsyncReaderTest::assertSameOutcome);

  @ParameterizedTest(name = "{0} #{index}")
  @MethodSource("limitCases")
  void everyLimitIsExactAtNAndNPlusOneWhateverTheChunking(
      Limit limit, LimitBoundaryTest.Setter setter, IntFunction<String> doc) {
    FeederTest.assertExactAtNAndNPlusOne(PULL, SEED, limit, setter, doc);
  }

  @Test
  void maxBytesCutsTheChunkDeliversTheEventsBeforeAndThenFails() throws XMLStreamException {
    XmlLimits limits = XmlLimits.builder().engine(XmlEngine.BOUNDED).maxBytes(10).build();
    XmlAsyncReader r = BoundedXml.newAsyncReader(limits);
    r.feed(bytes("<r>abc</r>   ")); // 13 bytes: the last three are past maxBytes
    assertEquals(XMLStreamConstants.START_DOCUMENT, r.next());
    assertEquals(XMLStreamConstants.START_ELEMENT, r.next());
    assertEquals(XMLStreamConstants.CHARACTERS, r.next());
    assertEquals(XMLStreamConstants.END_ELEMENT, r.next());
    XMLStreamException e = assertThrows(XMLStreamException.class, r::next);
    LimitExceededException l = assertInstanceOf(LimitExceededException.class, e.getCause());
    assertEquals(Limit.MAX_BYTES, l.limit());
    assertEquals(10, l.location().byteOffset());
    assertEquals(10, e.getLocation().getCharacterOffset());
    assertThrows(IllegalStateException.class, r::endOfInput);
  }

  // ---- the feeding rules ----

  @Test
  void aChunkIsRefusedUntilTheOneBeforeIsParsedSoAtMostOneIsHeld() throws XMLStreamException {
    XmlAsyncReader r = BoundedXml.newAsyncReader(BOUNDED);
    assertTrue(r.needsInput());
    r.feed(bytes("<r><a/>"));
    assertFalse(r.needsInput());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.feed(bytes("x")));
    assertTrue(e.getMessage().contains("needsInput()"), e.getMessage());
    assertEquals(XMLStreamConstants.START_DOCUMENT, r.next());
    assertEquals(XMLStreamConstants.START_ELEMENT, r.next());
    assertEquals("r", r.getLocalName());
    assertEquals(XMLStreamConstants.START_ELEMENT, r.next());
    assertEquals(XMLStreamConstants.END_ELEMENT, r.next());
    assertEquals(XmlAsyncReader.INCOMPLETE, r.next());
    assertTrue(r.needsInput());
    assertTrue(r.hasNext());
    assertThrows(IllegalStateException.class, r::getLocalName, "no accessor on INCOMPLETE");
    assertEquals(XmlAsyncReader.INCOMPLETE, r.next(), "asking again changes nothing");
    r.feed(bytes("</r>"));
    assertEquals(XMLStreamConstants.END_ELEMENT, r.next());
    assertEquals(XmlAsyncReader.INCOMPLETE, r.next(), "more may follow the root");
    r.endOfInput();
    assertThrows(IllegalStateException.class, () -> r.feed(bytes(" ")));
    assertEquals(XMLStreamConstants.END_DOCUMENT, r.next());
    assertFalse(r.hasNext());
    XmlStats s = BoundedXml.stats(r);
    assertEquals(11, s.bytes());
    assertEquals(2, s.elements());
    r.close();
  }

  @Test
  void getElementTextAndNextTagWorkOnlyOnceTheInputHasEnded() throws XMLStreamException {
    XmlAsyncReader r = BoundedXml.newAsyncReader(BOUNDED);
    r.feed(bytes("<r> <a>te"));
    assertEquals(XMLStreamConstants.START_DOCUMENT, r.next());
    assertEquals(XMLStreamConstants.START_ELEMENT, r.next());
    assertThrows(IllegalStateException.class, r::nextTag);
    assertThrows(IllegalStateException.class, r::getElementText);
    while (r.next() != XmlAsyncReader.INCOMPLETE) {
      // the whitespace, <a>, part of its text
    }
    r.feed(bytes("xt</a> <b>more</b></r>"));
    r.endOfInput();
    while (r.next() != XMLStreamConstants.END_ELEMENT) {
      // the rest of a's text
    }
    assertEquals(XMLStreamConstants.START_ELEMENT, r.nextTag());
    assertEquals("more", r.getElementText());
    assertEquals(XMLStreamConstants.END_ELEMENT, r.nextTag());
    assertEquals("r", r.getLocalName());
  }

  @Test
  void theWoodstoxEngineAndAnAllocationCapAreRefusedAtCreation() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                BoundedXml.newAsyncReader(XmlLimits.builder().engine(XmlEngine.WOODSTOX).build()));
    assertTrue(e.getMessage().contains("BOUNDED engine"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            BoundedXml.newAsyncReader(
                XmlLimits.builder().engine(XmlEngine.BOUNDED).maxAllocatedBytes(1 << 20).build()));
  }

  @Test
  void utf16IsRefusedTypedAtByteZero() {
    byte[] doc = "\uFEFF<r/>".getBytes(StandardCharsets.UTF_16BE);
    Outcome o = fed(doc, BOUNDED, new Random(SEED), 1);
    MalformedDocumentException m =
        assertInstanceOf(MalformedDocumentException.class, o.failure().getCause());
    assertTrue(m.getMessage().contains("UTF-16 or UTF-32"), m.getMessage());
    assertEquals(0, m.location().byteOffset());
  }

  @Test
  void afterAFailureNextThrowsTheSameAndFeedThrowsIllegalStateWithItAsCause()
      throws XMLStreamException {
    XmlAsyncReader r = BoundedXml.newAsyncReader(BOUNDED);
    r.feed(bytes("<r></x>"));
    r.next();
    r.next();
    XMLStreamException e = assertThrows(XMLStreamException.class, r::next);
    assertInstanceOf(MalformedDocumentException.class, e.getCause());
    assertSame(e, assertThrows(XMLStreamException.class, r::hasNext));
    assertSame(e, assertThrows(IllegalStateException.class, () -> r.feed(bytes("x"))).getCause());
    assertThrows(IllegalStateException.class, r::endOfInput);

    XmlAsyncReader g = BoundedXml.newAsyncReader(BOUNDED);
    g.feed(bytes("<r><a>text"));
    g.endOfInput();
    XMLStreamException end =
        assertThrows(
            XMLStreamException.class,
            () -> {
              while (g.hasNext()) {
                g.next();
              }
            });
    assertInstanceOf(MalformedDocumentException.class, end.getCause());
  }

  @Test
  void theDeadlineIsCheckedOnEveryFeed() throws Exception {
    XmlAsyncReader r =
        BoundedXml.newAsyncReader(
            XmlLimits.builder().engine(XmlEngine.BOUNDED).maxParseMillis(50).build());
    r.feed(bytes("<r>"));
    while (r.next() != XmlAsyncReader.INCOMPLETE) {
      // the prolog and the start tag
    }
    Thread.sleep(120);
    XMLStreamException e = assertThrows(XMLStreamException.class, () -> r.feed(bytes("<a/>")));
    LimitExceededException l = assertInstanceOf(LimitExceededException.class, e.getCause());
    assertEquals(Limit.MAX_PARSE_MILLIS, l.limit());
    assertEquals(50, l.maximum());
    assertSame(e, assertThrows(XMLStreamException.class, r::next));
  }

  static ByteBuffer bytes(String s) {
    return FeederTest.bytes(s);
  }
}
