package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link XmlFeeder}: fed in random chunks (1 byte to 64 KB, seed printed), generated documents and
 * malformed ones give exactly the events, {@link XmlStats} and error (type, message, limit,
 * maximum, location) of the blocking {@link BoundedXml#parse} on the BOUNDED engine; every limit is
 * exact at N/N+1 whatever the chunking; the engine, encoding and lifecycle rules.
 */
class FeederTest {
  static final XmlLimits BOUNDED = XmlLimits.builder().engine(XmlEngine.BOUNDED).build();

  static final long SEED = Long.getLong("bounded.seed", new Random().nextLong());

  static {
    System.out.println("FeederTest seed " + SEED);
  }

  /** Events with the location of each start tag, stats, and the failure (null if none). */
  record Outcome(List<String> events, XmlStats stats, Throwable failure) {}

  /** Records events and where each start tag, comment and PI is. */
  static final class Located extends Recorder {
    private XmlContext ctx;

    @Override
    public void startDocument(XmlContext context) {
      ctx = context;
      events.add("START");
    }

    @Override
    public void startElement(String ns, String local, String prefix, XmlAttributes attrs) {
      super.startElement(ns, local, prefix, attrs);
      StringBuilder sb = new StringBuilder(" {").append(ns).append('}').append(prefix);
      for (int i = 0; i < attrs.namespaceCount(); i++) {
        sb.append(' ').append(attrs.declaredPrefix(i)).append('=');
        sb.append(attrs.declaredNamespaceUri(i));
      }
      sb.append(" @").append(ctx.location()).append(" d").append(ctx.depth());
      int last = events.size() - 1;
      events.set(last, events.get(last) + sb);
    }

    @Override
    public void comment(char[] text, int start, int length) {
      super.comment(text, start, length);
      events.add("@" + ctx.location());
    }
  }

  static Outcome blocking(byte[] doc, XmlLimits limits) {
    Located h = new Located();
    try {
      return new Outcome(h.events, BoundedXml.parse(doc, limits, h), null);
    } catch (IOException e) {
      return new Outcome(h.events, null, e);
    }
  }

  /** Feeds {@code doc} in random chunks of 1 .. max bytes, alternating arrays and buffers. */
  static Outcome fed(byte[] doc, XmlLimits limits, Random rnd, int max) {
    Located h = new Located();
    try {
      XmlFeeder f = BoundedXml.newFeeder(limits, h);
      int at = 0;
      boolean more = true;
      while (more && at < doc.length) {
        int n = Math.min(doc.length - at, 1 + rnd.nextInt(max));
        switch (rnd.nextInt(3)) {
          case 0:
            more = f.feed(doc, at, n);
            break;
          case 1:
            more = f.feed(ByteBuffer.wrap(doc, at, n));
            break;
          default:
            ByteBuffer d = ByteBuffer.allocateDirect(n);
            d.put(doc, at, n).flip();
            more = f.feed(d);
            assertFalse(d.hasRemaining());
        }
        at += n;
      }
      return new Outcome(h.events, f.endOfInput(), null);
    } catch (IOException e) {
      return new Outcome(h.events, null, e);
    }
  }

  static int maxChunk(Random rnd) {
    return new int[] {1, 2, 7, 64, 512, 4096, 65536}[rnd.nextInt(7)];
  }

  /** The feeder's outcome equals the blocking parse's, error and location included. */
  static void assertSame(Outcome whole, Outcome chunked, String where) {
    if (whole.failure() == null) {
      assertEquals(null, chunked.failure(), where);
      assertEquals(whole.events(), chunked.events(), where);
      assertEquals(String.valueOf(whole.stats()), String.valueOf(chunked.stats()), where);
      return;
    }
    assertNotNull(chunked.failure(), where);
    assertSameError(whole.failure(), chunked.failure(), where);
    assertSameEventsBeforeAnError(whole.events(), chunked.events(), "T:", where);
  }

  /** The same error: type, message, and for ours the location, limit, maximum and actual. */
  static void assertSameError(Throwable a, Throwable b, String where) {
    assertEquals(a.getClass(), b.getClass(), where);
    assertEquals(a.getMessage(), b.getMessage(), where);
    if (a instanceof BoundedParseException) {
      assertEquals(
          ((BoundedParseException) a).location(), ((BoundedParseException) b).location(), where);
    }
    if (a instanceof LimitExceededException) {
      LimitExceededException x = (LimitExceededException) a;
      LimitExceededException y = (LimitExceededException) b;
      assertEquals(x.limit(), y.limit(), where);
      assertEquals(x.maximum(), y.maximum(), where);
      assertEquals(x.actual(), y.actual(), where);
    }
  }

  /**
   * Events before an error: the same, except that a text run (events starting with {@code text})
   * may have gone further, as text is handed on as the chunks end.
   */
  static void assertSameEventsBeforeAnError(
      List<String> whole, List<String> chunked, String text, String where) {
    List<String> a = withoutTrailing(whole, text);
    List<String> b = withoutTrailing(chunked, text);
    assertEquals(a, b.subList(0, Math.min(a.size(), b.size())), where);
    assertTrue(b.size() <= a.size() + 1, where);
    if (a.size()
        == b.size()) { // the same text run, cut at different points: one reads on the other
      String ta = runText(whole, a.size(), text);
      String tb = runText(chunked, b.size(), text);
      assertTrue(ta.startsWith(tb) || tb.startsWith(ta), where + ": text " + ta + " / " + tb);
    }
  }

  /**
   * The chars of the text events from {@code from} on, without their kinds ({@code T:chars}, or
   * {@code T<type> chars} in {@code AsyncReaderTest}).
   */
  private static String runText(List<String> ev, int from, String text) {
    StringBuilder sb = new StringBuilder();
    for (String e : ev.subList(from, ev.size())) {
      String piece = e.substring(text.length());
      sb.append(text.endsWith(":") ? piece : piece.substring(piece.indexOf(' ') + 1));
    }
    return sb.toString();
  }

  /**
   * The events without the run of text events at their end: the text an error cuts may reach the
   * caller in more or fewer pieces (a whole reader handed out a CDATA section's first chars where
   * the chunked one stopped at the text before it: {@code AsyncReaderTest} seed
   * -1870563779709877206, doc 16).
   */
  private static List<String> withoutTrailing(List<String> ev, String text) {
    int n = ev.size();
    while (n > 0 && ev.get(n - 1).startsWith(text)) {
      n--;
    }
    return ev.subList(0, n);
  }

  /**
   * A handler recording start tags in {@code seen} and stopping the parse at element {@code at}.
   */
  static XmlHandler stoppingAt(String at, List<String> seen) {
    return new XmlHandler() {
      private XmlContext ctx;

      @Override
      public void startDocument(XmlContext context) {
        ctx = context;
      }

      @Override
      public void startElement(String ns, String local, String p, XmlAttributes a) {
        seen.add(local);
        if (local.equals(at)) {
          ctx.stop();
        }
      }
    };
  }

  // ---- generated documents ----

  static String generate(Random rnd, int size) {
    StringBuilder sb = new StringBuilder();
    if (rnd.nextBoolean()) {
      sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    if (rnd.nextInt(4) == 0) {
      sb.insert(0, "\uFEFF");
    }
    sb.append("<!-- head -->\n<root xmlns='urn:r' xmlns:p=\"urn:p\">");
    element(sb, rnd, 1, size);
    sb.append("</root>\n<?done ok?>\n");
    return sb.toString();
  }

  private static final String[] TEXT = {
    "plain text ",
    "caf\u00e9 ",
    "\u4e2d\u6587 ",
    "\ud83d\ude00 ",
    "a &amp; b ",
    "&lt;&gt;&quot;",
    "&#x1F600;",
    "&#233;",
    "\r\n",
    "\r",
    "\n  ",
    "]]",
    "] ",
    "x".repeat(5000),
    " \t "
  };

  private static void element(StringBuilder sb, Random rnd, int depth, int size) {
    while (sb.length() < size) {
      switch (rnd.nextInt(depth > 12 ? 7 : 9)) {
        case 0:
        case 1:
        case 2:
          sb.append(TEXT[rnd.nextInt(TEXT.length)]);
          break;
        case 3:
          sb.append("<![CDATA[").append(TEXT[rnd.nextInt(TEXT.length)]).append(" <x> ]]>");
          break;
        case 4:
          sb.append("<!-- c").append(rnd.nextInt(100)).append(" \u00e9 - -->");
          break;
        case 5:
          sb.append("<?pi").append(rnd.nextInt(10)).append("   data ? >?>");
          break;
        case 6:
          if (depth > 1 && rnd.nextInt(3) == 0) {
            return;
          }
          sb.append("<e/>");
          break;
        default:
          String name = rnd.nextBoolean() ? "p:item" : "item" + rnd.nextInt(5);
          sb.append('<').append(name);
          int attrs = rnd.nextInt(4);
          for (int i = 0; i < attrs; i++) {
            sb.append(rnd.nextBoolean() ? " " : "\n\t ").append(i == 0 ? "p:a" : "a" + i);
            sb.append(rnd.nextBoolean() ? "=" : " = ");
            sb.append(rnd.nextBoolean() ? "'v &amp; \u00e9" + i + "'" : "\"w&#x20;\r\n" + i + "\"");
          }
          if (rnd.nextInt(5) == 0) {
            sb.append(" xmlns:q='urn:q").append(depth).append("'");
          }
          sb.append(rnd.nextBoolean() ? ">" : "  >");
          element(sb, rnd, depth + 1, Math.min(size, sb.length() + 2000 + rnd.nextInt(20000)));
          sb.append("</").append(name).append(rnd.nextBoolean() ? ">" : " \n>");
      }
    }
  }

  @Test
  void generatedDocumentsFedInAnyChunksGiveTheBlockingParsesEventsAndStats() {
    Random rnd = new Random(SEED);
    for (int i = 0; i < 60; i++) {
      byte[] doc =
          generate(rnd, 1 + rnd.nextInt(i < 50 ? 20_000 : 300_000))
              .getBytes(StandardCharsets.UTF_8);
      Outcome whole = blocking(doc, BOUNDED);
      assertEquals(null, whole.failure(), "generated documents are well-formed");
      int max = maxChunk(rnd);
      assertSame(whole, fed(doc, BOUNDED, rnd, max), "seed " + SEED + " doc " + i + " max " + max);
    }
  }

  /** Cuts and mutations of generated documents: the same typed error at the same place. */
  /**
   * {@code doc} as UTF-8, cut short, with one byte replaced by a markup or non-ASCII one, or kept.
   */
  static byte[] mutate(Random rnd, String doc) {
    byte[] b = doc.getBytes(StandardCharsets.UTF_8);
    switch (rnd.nextInt(4)) {
      case 0:
        return java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
      case 1:
        String bad = "<>&]'\"\u0000\r-?x";
        b[rnd.nextInt(b.length)] = (byte) bad.charAt(rnd.nextInt(bad.length()));
        return b;
      case 2:
        b[rnd.nextInt(b.length)] = (byte) (0x80 + rnd.nextInt(0x80));
        return b;
      default:
        return b;
    }
  }

  @Test
  void malformedDocumentsFailAsTheBlockingParseFailsWhateverTheChunking() {
    Random rnd = new Random(SEED + 1);
    int failing = 0;
    for (int i = 0; i < 300; i++) {
      byte[] doc = mutate(rnd, generate(rnd, 1 + rnd.nextInt(5000)));
      Outcome whole = blocking(doc, BOUNDED);
      if (whole.failure() != null) {
        failing++;
      }
      int max = maxChunk(rnd);
      assertSame(whole, fed(doc, BOUNDED, rnd, max), "seed " + (SEED + 1) + " doc " + i);
    }
    assertTrue(failing > 100, "failing " + failing);
  }

  // ---- limits ----

  static Stream<Arguments> limitCases() {
    return LimitBoundaryTest.cases();
  }

  /** A non-blocking form under test and its blocking twin, for the checks both forms share. */
  record Form<O>(
      BiFunction<byte[], XmlLimits, O> blocking,
      Fed<O> fed,
      Function<O, Throwable> failure,
      Same<O> same) {}

  /** Feeds a document in random chunks of 1 .. max bytes. */
  interface Fed<O> {
    O fed(byte[] doc, XmlLimits limits, Random rnd, int max);
  }

  /** Fails unless the two outcomes are the same, error and location included. */
  interface Same<O> {
    void check(O whole, O chunked, String where);
  }

  /** The push form: {@link XmlFeeder} against {@link BoundedXml#parse}. */
  static final Form<Outcome> PUSH =
      new Form<>(FeederTest::blocking, FeederTest::fed, Outcome::failure, FeederTest::assertSame);

  /**
   * One {@link LimitBoundaryTest} case through {@code form}: the document measuring N passes and
   * equals the blocking outcome, N+1 fails with that limit as the blocking form fails, fed in
   * chunks of up to 1, 3, 16 and 64 KB bytes.
   */
  static <O> void assertExactAtNAndNPlusOne(
      Form<O> form,
      long seed,
      Limit limit,
      LimitBoundaryTest.Setter setter,
      IntFunction<String> doc) {
    Random rnd = new Random(seed + limit.ordinal());
    int n = 50;
    XmlLimits.Builder b = setter.set(XmlLimits.builder().engine(XmlEngine.BOUNDED));
    if (limit == Limit.MAX_BYTES) {
      b.maxBytes(doc.apply(n).getBytes(StandardCharsets.UTF_8).length);
    }
    XmlLimits limits = b.build();
    for (int max : new int[] {1, 3, 16, 65536}) {
      byte[] at = doc.apply(n).getBytes(StandardCharsets.UTF_8);
      O ok = form.fed().fed(at, limits, rnd, max);
      assertEquals(null, form.failure().apply(ok), "N passes, chunks up to " + max);
      form.same().check(form.blocking().apply(at, limits), ok, "N, chunks up to " + max);

      byte[] over = doc.apply(n + 1).getBytes(StandardCharsets.UTF_8);
      O bad = form.fed().fed(over, limits, rnd, max);
      LimitExceededException e =
          assertInstanceOf(LimitExceededException.class, form.failure().apply(bad));
      assertEquals(limit, e.limit());
      form.same().check(form.blocking().apply(over, limits), bad, "N+1, chunks up to " + max);
    }
  }

  @ParameterizedTest(name = "{0} #{index}")
  @MethodSource("limitCases")
  void everyLimitIsExactAtNAndNPlusOneWhateverTheChunking(
      Limit limit, LimitBoundaryTest.Setter setter, IntFunction<String> doc) {
    assertExactAtNAndNPlusOne(PUSH, SEED, limit, setter, doc);
  }

  @Test
  void maxBytesCountsTheBytesFedAndFailsWhereTheHeldBytesEnd() throws IOException {
    XmlLimits limits = XmlLimits.builder().engine(XmlEngine.BOUNDED).maxBytes(10).build();
    byte[] doc = "<r>abc</r>   ".getBytes(StandardCharsets.UTF_8); // 13 bytes
    Outcome whole = blocking(doc, limits);
    assertInstanceOf(LimitExceededException.class, whole.failure());
    for (int max : new int[] {1, 4, 13}) {
      assertSame(whole, fed(doc, limits, new Random(SEED), max), "chunks up to " + max);
    }
    XmlFeeder f = BoundedXml.newFeeder(limits, new Recorder());
    f.feed("<r>abc</r>".getBytes(StandardCharsets.UTF_8), 0, 10);
    assertEquals(10, f.endOfInput().bytes());
  }

  // ---- engine, encodings, lifecycle ----

  @Test
  void theWoodstoxEngineAndAnAllocationCapAreRefusedAtCreation() throws IOException {
    // The defaults were the WOODSTOX engine here until decision 018 made BOUNDED the default: the
    // defaults now make a feeder, and WOODSTOX is named to be refused.
    XmlFeeder byDefault = BoundedXml.newFeeder(XmlLimits.defaults(), new Recorder());
    byDefault.feed("<r>abc</r>".getBytes(StandardCharsets.UTF_8), 0, 10);
    assertEquals(10, byDefault.endOfInput().bytes());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                BoundedXml.newFeeder(
                    XmlLimits.builder().engine(XmlEngine.WOODSTOX).build(), new Recorder()));
    assertTrue(e.getMessage().contains("BOUNDED engine"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            BoundedXml.subscriber(
                XmlLimits.builder().engine(XmlEngine.WOODSTOX).build(), new Recorder()));
    IllegalArgumentException a =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                BoundedXml.newFeeder(
                    XmlLimits.builder()
                        .engine(XmlEngine.BOUNDED)
                        .maxAllocatedBytes(1 << 20)
                        .build(),
                    new Recorder()));
    assertTrue(a.getMessage().contains("maxAllocatedBytes"), a.getMessage());
  }

  @Test
  void utf16And32AndDeclaredSingleByteCharsetsFailTypedAndSaySo() throws IOException {
    String doc = "<?xml version='1.0' encoding='UTF-16'?><r>x</r>";
    for (byte[] bytes :
        List.of(
            ("\uFEFF" + doc).getBytes(StandardCharsets.UTF_16BE),
            ("\uFEFF" + doc).getBytes(StandardCharsets.UTF_16LE),
            "<r/>".getBytes(StandardCharsets.UTF_16LE),
            "<r/>".getBytes(java.nio.charset.Charset.forName("UTF-32BE")))) {
      for (int max : new int[] {1, 3, 100}) {
        Outcome o = fed(bytes, BOUNDED, new Random(SEED), max);
        MalformedDocumentException e =
            assertInstanceOf(MalformedDocumentException.class, o.failure());
        assertTrue(e.getMessage().contains("UTF-16 or UTF-32"), e.getMessage());
        assertEquals(0, e.location().byteOffset());
        assertEquals(null, blocking(bytes, BOUNDED).failure(), "the blocking parse reads it");
      }
    }
    byte[] latin =
        "<?xml version='1.0' encoding='ISO-8859-1'?><r>\u00e9</r>"
            .getBytes(StandardCharsets.ISO_8859_1);
    Outcome o = fed(latin, BOUNDED, new Random(SEED), 5);
    MalformedDocumentException e = assertInstanceOf(MalformedDocumentException.class, o.failure());
    assertTrue(e.getMessage().contains("ISO-8859-1 for a feeder"), e.getMessage());
    assertEquals(null, blocking(latin, BOUNDED).failure());
    byte[] ascii =
        "<?xml version='1.0' encoding='US-ASCII'?><r>x</r>".getBytes(StandardCharsets.US_ASCII);
    assertSame(blocking(ascii, BOUNDED), fed(ascii, BOUNDED, new Random(SEED), 2), "US-ASCII");
    // fewer than four bytes in all: sniffed at the end of input
    assertSame(
        blocking("<r/".getBytes(StandardCharsets.UTF_8), BOUNDED),
        fed("<r/".getBytes(StandardCharsets.UTF_8), BOUNDED, new Random(SEED), 1),
        "short");
    assertInstanceOf(
        MalformedDocumentException.class, fed(new byte[0], BOUNDED, new Random(SEED), 1).failure());
  }

  @Test
  void aStopEndsTheParseLaterInputIsIgnoredAndTheStatsSayIncomplete() throws IOException {
    List<String> seen = new ArrayList<>();
    XmlFeeder f = BoundedXml.newFeeder(BOUNDED, stoppingAt("stop", seen));
    assertTrue(f.feed(bytes("<r><a/><st")));
    assertFalse(f.feed(bytes("op/><b/>")));
    assertFalse(f.feed(bytes("not xml at all <<<")));
    XmlStats stats = f.endOfInput();
    assertFalse(stats.complete());
    assertEquals(List.of("r", "a", "stop"), seen);
    assertThrows(IllegalStateException.class, f::endOfInput);
    assertThrows(IllegalStateException.class, () -> f.feed(bytes("x")));
  }

  @Test
  void afterAFailureEveryCallThrowsIllegalStateWithTheFailureAsCause() throws IOException {
    XmlFeeder f = BoundedXml.newFeeder(BOUNDED, new Recorder());
    f.feed(bytes("<r>"));
    MalformedDocumentException e =
        assertThrows(MalformedDocumentException.class, () -> f.feed(bytes("</x>")));
    IllegalStateException s = assertThrows(IllegalStateException.class, () -> f.feed(bytes("")));
    assertEquals(e, s.getCause());
    assertThrows(IllegalStateException.class, f::endOfInput);
    assertThrows(
        IndexOutOfBoundsException.class,
        () -> BoundedXml.newFeeder(BOUNDED, new Recorder()).feed(new byte[2], 1, 2));

    XmlFeeder g = BoundedXml.newFeeder(BOUNDED, new Recorder());
    g.feed(bytes("<r><a>text"));
    assertThrows(MalformedDocumentException.class, g::endOfInput);
  }

  @Test
  void theHandlersExceptionPassesUnchanged() throws IOException {
    IOException boom = new IOException("handler");
    XmlFeeder f =
        BoundedXml.newFeeder(
            BOUNDED,
            new XmlHandler() {
              @Override
              public void endElement(String ns, String local, String p) throws IOException {
                throw boom;
              }
            });
    f.feed(bytes("<r><a>"));
    assertEquals(boom, assertThrows(IOException.class, () -> f.feed(bytes("</a>"))));
  }

  @Test
  void theDeadlineIsCheckedOnEveryFeed() throws Exception {
    XmlFeeder f =
        BoundedXml.newFeeder(
            XmlLimits.builder().engine(XmlEngine.BOUNDED).maxParseMillis(50).build(),
            new Recorder());
    f.feed(bytes("<r>"));
    Thread.sleep(120);
    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> f.feed(bytes("<a/>")));
    assertEquals(Limit.MAX_PARSE_MILLIS, e.limit());
    assertEquals(50, e.maximum());
  }

  static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }
}
