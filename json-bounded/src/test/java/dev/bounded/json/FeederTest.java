package dev.bounded.json;

import static dev.bounded.json.FeederEquivalence.assertSame;
import static dev.bounded.json.FeederEquivalence.blocking;
import static dev.bounded.json.FeederEquivalence.fed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.json.FeederEquivalence.Outcome;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link JsonFeeder}: the events and errors of the blocking API whatever the chunking, every limit
 * exact at N/N+1 across chunkings, Control across chunks, the deadline on every feed, and the
 * refusal of a per-thread allocation cap.
 */
class FeederTest {
  static final long SEED = Long.getLong("bounded.feeder.seed", System.nanoTime());

  private static final String DOC =
      "{\"name\":[1,{\"ab\":\"xyz\",\"skip\":{\"q\":[true]}},-12.5e3,true,null,\"é\uD83D\uDE00\\u0041\"],"
          + " \"deep\":[[[{\"k\":\"v\"}]]],\"n\":123456789012,\"s\":\"x\"}";

  @BeforeAll
  static void seed() {
    System.out.println("FeederTest seed: -Dbounded.feeder.seed=" + SEED);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** One byte at a time, 2 bytes, random up to 7, random up to 64 KB, all at once. */
  private static void forEachChunking(ChunkedCheck check) throws Exception {
    SplittableRandom r = new SplittableRandom(SEED);
    check.run(1, 0);
    check.run(2, 0);
    check.run(7, r.nextLong() | 1);
    check.run(65536, r.nextLong() | 1);
    check.run(Integer.MAX_VALUE, 0);
  }

  private interface ChunkedCheck {
    void run(int maxChunk, long seed) throws Exception;
  }

  @Test
  void aDocumentFedInAnyChunkingGivesTheBlockingEvents() throws Exception {
    byte[] doc = utf8(DOC);
    for (int stopAt : new int[] {0, 1, 5, 17}) {
      Outcome b = blocking(doc, JsonLimits.defaults(), stopAt);
      assertNull(b.failure);
      forEachChunking(
          (max, seed) ->
              assertSame(
                  b,
                  fed(doc, JsonLimits.defaults(), stopAt, max, seed),
                  "stopAt " + stopAt + " chunks " + max + " seed " + seed));
    }
  }

  /**
   * For each limit: the smallest maximum the blocking parse accepts (N) passes the feeder in every
   * chunking, and N-1 fails it with that limit and maximum.
   */
  @ParameterizedTest
  @MethodSource("tokenLimits")
  void everyLimitIsExactAtItsBoundaryWhateverTheChunking(String limitName) throws Exception {
    Limit limit = Limit.valueOf(limitName);
    LongFunction<JsonLimits> at = n -> with(limit, n);
    byte[] doc = utf8(DOC);
    long n = 0;
    while (blocking(doc, at.apply(n), 0).failure != null) {
      n++;
    }
    assertTrue(n > 0, limitName);
    long measured = n;
    Outcome pass = blocking(doc, at.apply(measured), 0);
    Outcome fail = blocking(doc, at.apply(measured - 1), 0);
    assertEquals(limit, ((LimitExceededException) fail.failure).limit());
    forEachChunking(
        (max, seed) -> {
          assertSame(pass, fed(doc, at.apply(measured), 0, max, seed), limitName + " " + measured);
          Outcome f = fed(doc, at.apply(measured - 1), 0, max, seed);
          assertSame(
              fail, f, limitName + " " + (measured - 1) + " chunks " + max + " seed " + seed);
          assertEquals(limit, ((LimitExceededException) f.failure).limit());
          assertEquals(measured - 1, ((LimitExceededException) f.failure).maximum());
        });
  }

  /** The limits {@link #with} sets. */
  static List<String> tokenLimits() {
    return List.of(
        "MAX_BYTES",
        "MAX_DEPTH",
        "MAX_TOKENS",
        "MAX_STRING_LENGTH",
        "MAX_NAME_LENGTH",
        "MAX_NUMBER_LENGTH");
  }

  static JsonLimits with(Limit limit, long n) {
    JsonLimits.Builder b = JsonLimits.builder();
    switch (limit) {
      case MAX_BYTES:
        return b.maxBytes(n).build();
      case MAX_DEPTH:
        return b.maxDepth(n).build();
      case MAX_TOKENS:
        return b.maxTokens(n).build();
      case MAX_STRING_LENGTH:
        return b.maxStringLength(n).build();
      case MAX_NAME_LENGTH:
        return b.maxNameLength(n).build();
      case MAX_NUMBER_LENGTH:
        return b.maxNumberLength(n).build();
      default:
        throw new IllegalArgumentException(limit.toString());
    }
  }

  @Test
  void aBreachIsLocatedWhereTheBlockingParseLocatesIt() throws Exception {
    // line, column and byte offset as the blocking API reports them (the JSON Pointer path may
    // stop at the enclosing container: the breaching token never reaches Jackson)
    String[][] cases = {
      {"[1,2] ", "MAX_BYTES", "5"},
      {"[[\n[1]]]", "MAX_DEPTH", "2"},
      {"[\"abc\",\n \"abcd\"]", "MAX_STRING_LENGTH", "3"},
      {"{\"a\":1,\n\"bcd\":2}", "MAX_NAME_LENGTH", "2"},
      {"[1,\n  12345]", "MAX_NUMBER_LENGTH", "3"},
    };
    for (String[] c : cases) {
      byte[] doc = utf8(c[0]);
      JsonLimits limits = with(Limit.valueOf(c[1]), Long.parseLong(c[2]));
      LimitExceededException b = (LimitExceededException) blocking(doc, limits, 0).failure;
      forEachChunking(
          (max, seed) -> {
            LimitExceededException f =
                (LimitExceededException) fed(doc, limits, 0, max, seed).failure;
            String what = c[0] + " chunks " + max + ": " + f.getMessage() + " vs " + b.getMessage();
            assertEquals(b.line(), f.line(), what);
            assertEquals(b.column(), f.column(), what);
            assertEquals(b.byteOffset(), f.byteOffset(), what);
          });
    }
  }

  @Test
  void aStoppedFeederIgnoresTheRestAndEndsAtOnce() throws Exception {
    JsonFeeder f =
        BoundedJson.newFeeder(
            JsonLimits.defaults(),
            new JsonHandler() {
              @Override
              public Control number(JsonNumber value) {
                return Control.STOP;
              }
            });
    assertTrue(f.feed(utf8("[\"a\","), 0, 5));
    assertFalse(f.feed(utf8("1,"), 0, 2));
    assertFalse(f.feed(utf8("garbage that is never parsed"), 0, 10));
    f.endOfInput();
    assertThrows(IllegalStateException.class, () -> f.feed(new byte[1], 0, 1));
  }

  /** The feeder and the subscriber return what the blocking parse returns: its stats. */
  @Test
  void endOfInputReturnsTheBlockingParsesStatsWhateverTheChunking() throws Exception {
    String[] docs = {
      "[1,{\"a\":[true,null,\"x\"]},2.5]  ", "{\"k\":{\"l\":{\"m\":[]}}}", "  42 ", "\"s\"", "[]"
    };
    for (String doc : docs) {
      byte[] b = utf8(doc);
      JsonStats blocking = BoundedJson.parse(b, JsonLimits.defaults(), new Recorder());
      for (int chunk : new int[] {1, 3, b.length}) {
        JsonFeeder f = BoundedJson.newFeeder(JsonLimits.defaults(), new Recorder());
        for (int off = 0; off < b.length; off += chunk) {
          f.feed(b, off, Math.min(chunk, b.length - off));
        }
        JsonStats fed = f.endOfInput();
        assertEquals(blocking.toString(), fed.toString(), doc + " in chunks of " + chunk);
        assertTrue(fed.complete());
      }
      JsonSubscriber s = BoundedJson.subscriber(JsonLimits.defaults(), new Recorder());
      s.onSubscribe(
          new java.util.concurrent.Flow.Subscription() {
            @Override
            public void request(long n) {}

            @Override
            public void cancel() {}
          });
      s.onNext(List.of(ByteBuffer.wrap(b)));
      s.onComplete();
      assertEquals(blocking.toString(), s.result().get().toString(), doc + " via the subscriber");
    }
    JsonFeeder stopped =
        BoundedJson.newFeeder(
            JsonLimits.defaults(),
            new JsonHandler() {
              @Override
              public Control number(JsonNumber value) {
                return Control.STOP;
              }
            });
    stopped.feed(utf8("[\"a\",1,2]"), 0, 9);
    assertFalse(stopped.endOfInput().complete(), "a stopped parse is not complete");
  }

  @Test
  void aFailedFeederRefusesFurtherCallsNamingTheFailure() throws Exception {
    JsonFeeder f = BoundedJson.newFeeder(JsonLimits.defaults(), new Recorder());
    assertThrows(BoundedParseException.class, () -> f.feed(utf8("[1,]"), 0, 4));
    IllegalStateException e = assertThrows(IllegalStateException.class, f::endOfInput);
    assertTrue(e.getCause() instanceof BoundedParseException, String.valueOf(e.getCause()));
  }

  @Test
  void anIncompleteDocumentFailsAtTheEndOfInput() throws Exception {
    JsonFeeder f = BoundedJson.newFeeder(JsonLimits.defaults(), new Recorder());
    f.feed(utf8("[1,{\"a\":"), 0, 8);
    assertThrows(BoundedParseException.class, f::endOfInput);
    JsonFeeder empty = BoundedJson.newFeeder(JsonLimits.defaults(), new Recorder());
    empty.feed(utf8("  "), 0, 2);
    assertThrows(BoundedParseException.class, empty::endOfInput);
  }

  @Test
  void aRootNumberEndsOnlyAtTheEndOfInput() throws Exception {
    Recorder r = new Recorder();
    JsonFeeder f = BoundedJson.newFeeder(JsonLimits.defaults(), r);
    f.feed(utf8("12"), 0, 2);
    f.feed(ByteBuffer.wrap(utf8("34")));
    assertEquals(List.of(), r.events);
    f.endOfInput();
    assertEquals(List.of("number:1234"), r.events);
  }

  @Test
  void aBufferIsConsumedAndNotKept() throws Exception {
    Recorder r = new Recorder();
    JsonFeeder f = BoundedJson.newFeeder(JsonLimits.defaults(), r);
    byte[] chunk = utf8("[\"ab");
    f.feed(chunk, 0, chunk.length);
    java.util.Arrays.fill(chunk, (byte) 'z'); // the caller reuses its buffer
    ByteBuffer direct = ByteBuffer.allocateDirect(4).put(utf8("c\"]")).flip();
    f.feed(direct);
    assertEquals(0, direct.remaining());
    f.endOfInput();
    assertEquals(List.of("[", "string:abc", "]"), r.events);
  }

  @Test
  void theDeadlineIsCheckedOnEveryFeed() throws Exception {
    JsonFeeder f =
        BoundedJson.newFeeder(JsonLimits.builder().maxParseMillis(100).build(), new Recorder());
    f.feed(utf8("[1,"), 0, 3);
    Thread.sleep(150);
    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> f.feed(utf8("2"), 0, 1));
    assertEquals(Limit.MAX_PARSE_MILLIS, e.limit());
    assertEquals(100, e.maximum());
    assertTrue(e.actual() >= 150, e.getMessage());
  }

  @Test
  void aPerThreadAllocationCapIsRefusedForFeedersAndSubscribers() {
    JsonLimits capped = JsonLimits.builder().maxAllocatedBytes(1 << 20).build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> BoundedJson.newFeeder(capped, new Recorder()));
    assertTrue(e.getMessage().contains("JsonLimits.maxAllocatedBytes"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> BoundedJson.subscriber(capped, new Recorder()));
  }

  /**
   * The pull form: after a breach of maxBytes, the end of input must not let the parser accept the
   * document cut at the limit ({@code [1,2]} of {@code [1,2] } under maxBytes 5).
   */
  @Test
  void theNonBlockingPullParserDoesNotAcceptADocumentCutAtMaxBytes() throws Exception {
    for (String doc : new String[] {"[1,2] ", "[1,2]   \n", "123456"}) {
      JsonParser p =
          BoundedJson.newFactory(JsonLimits.builder().maxBytes(5).build())
              .createNonBlockingByteArrayParser();
      ByteArrayFeeder in = (ByteArrayFeeder) p.getNonBlockingInputFeeder();
      byte[] b = utf8(doc);
      in.feedInput(b, 0, b.length);
      in.endOfInput();
      StreamConstraintsException e =
          assertThrows(
              StreamConstraintsException.class,
              () -> {
                while (p.nextToken() != null) {
                  // pull every token
                }
              },
              doc);
      assertEquals(
          Limit.MAX_BYTES,
          BoundedParseException.find(e, LimitExceededException.class).orElseThrow().limit());
    }
  }

  // ---- the pull form: the bounded factory's non-blocking parser ----

  /** Tokens (with their text) of a pull parse, then the failure: ours if Jackson wraps one. */
  private static Outcome tokens(JsonParser p, Feed feed) {
    List<String> ev = new java.util.ArrayList<>();
    try (p) {
      for (JsonToken t = feed.next(p); t != null; t = feed.next(p)) {
        ev.add(t + " " + p.getText());
      }
      return new Outcome(ev, null);
    } catch (java.io.IOException e) {
      return new Outcome(
          ev, BoundedParseException.find(e, BoundedParseException.class).orElse(null));
    }
  }

  private interface Feed {
    JsonToken next(JsonParser p) throws java.io.IOException;
  }

  /** The bounded non-blocking parser fed {@code doc} in chunks, pulled to NOT_AVAILABLE each. */
  static Outcome pulled(byte[] doc, JsonLimits limits, int maxChunk, long seed) throws Exception {
    SplittableRandom r = new SplittableRandom(seed);
    JsonParser p = BoundedJson.newFactory(limits).createNonBlockingByteArrayParser();
    ByteArrayFeeder in = (ByteArrayFeeder) p.getNonBlockingInputFeeder();
    int[] at = {0};
    return tokens(
        p,
        q -> {
          JsonToken t;
          while ((t = q.nextToken()) == JsonToken.NOT_AVAILABLE) {
            if (at[0] == doc.length) {
              in.endOfInput();
              continue;
            }
            int n = Math.min(doc.length - at[0], seed == 0 ? maxChunk : 1 + r.nextInt(maxChunk));
            in.feedInput(doc, at[0], at[0] + n);
            at[0] += n;
          }
          return t;
        });
  }

  /** The bounded factory's blocking parser over the same bytes. */
  static Outcome pulledBlocking(byte[] doc, JsonLimits limits) throws Exception {
    return tokens(BoundedJson.newFactory(limits).createParser(doc), JsonParser::nextToken);
  }

  /**
   * Jackson's non-blocking parser from the bounded factory is the JSON pull form: fed in any
   * chunking it gives the blocking parser's tokens, and each limit is exact at N/N+1.
   */
  @ParameterizedTest
  @MethodSource("tokenLimits")
  void theNonBlockingPullParserHoldsEveryLimitExactlyWhateverTheChunking(String limitName)
      throws Exception {
    Limit limit = Limit.valueOf(limitName);
    byte[] doc = utf8(DOC);
    long n = 0;
    while (pulledBlocking(doc, with(limit, n)).failure != null) {
      n++;
    }
    long measured = n;
    Outcome pass = pulledBlocking(doc, with(limit, measured));
    forEachChunking(
        (max, seed) -> {
          String where = limitName + " chunks " + max + " seed " + seed;
          Outcome ok = pulled(doc, with(limit, measured), max, seed);
          assertNull(ok.failure, where);
          assertEquals(pass.events, ok.events, where);
          Outcome bad = pulled(doc, with(limit, measured - 1), max, seed);
          LimitExceededException e = (LimitExceededException) bad.failure;
          assertEquals(limit, e.limit(), where);
          assertEquals(measured - 1, e.maximum(), where);
        });
  }
}
