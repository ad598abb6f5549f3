package dev.bounded.fuzz.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.fuzz.json.JsonArbitraries.JsonDoc;
import dev.bounded.fuzz.json.JsonProperties.Recorder;
import dev.bounded.json.BoundedJson;
import dev.bounded.json.JsonFeeder;
import dev.bounded.json.JsonLimits;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The JSON feeder against the blocking push parse, over generated documents fed in random chunk
 * sizes (1 byte to 64 KB, from the {@code chunkSeed} and {@code maxChunk} jqwik reports): exactly
 * the blocking events under exact limits, the same Limit and maximum one below any measure, and a
 * typed error (the same limit, or malformed for both) for mutated bytes.
 */
class JsonFeederProperties {

  @Provide
  Arbitrary<JsonDoc> docs() {
    return JsonArbitraries.documents();
  }

  @Provide
  Arbitrary<Integer> maxChunk() {
    return Arbitraries.of(1, 2, 7, 64, 4096, 65536);
  }

  /** Feeds {@code doc} in chunks of 1 to {@code maxChunk} bytes, arrays and buffers in turn. */
  static void feed(JsonFeeder f, byte[] doc, int maxChunk, long seed) throws Exception {
    SplittableRandom r = new SplittableRandom(seed);
    int pos = 0;
    boolean more = true;
    for (int k = 0; more && pos < doc.length; k++) {
      int n = Math.min(doc.length - pos, 1 + r.nextInt(maxChunk));
      if (k % 2 == 0) {
        more = f.feed(doc, pos, n);
      } else {
        ByteBuffer b = ByteBuffer.allocateDirect(n).put(doc, pos, n).flip();
        more = f.feed(b);
      }
      pos += n;
    }
    f.endOfInput();
  }

  @Property
  void chunkedEventsEqualTheBlockingParse(
      @ForAll("docs") JsonDoc d, @ForAll("maxChunk") int maxChunk, @ForAll long chunkSeed)
      throws Exception {
    JsonLimits limits = JsonProperties.exact(d, null);
    Recorder blocking = new Recorder();
    BoundedJson.parse(d.utf8(), limits, blocking);
    Recorder fed = new Recorder();
    feed(BoundedJson.newFeeder(limits, fed), d.utf8(), maxChunk, chunkSeed);
    assertEquals(blocking.ev, fed.ev);
  }

  @Property
  void anyOneLimitOneBelowItsMeasureFailsTheFeederWithThatLimit(
      @ForAll("docs") JsonDoc d, @ForAll("maxChunk") int maxChunk, @ForAll long chunkSeed) {
    for (Limit l : JsonProperties.LIMITS) {
      if (JsonProperties.measure(d, l) == 0) {
        continue;
      }
      if (dev.bounded.fuzz.KnownBugs.JSON_NUMBER_TEXT_CHECKED_AS_STRING
          && (l == Limit.MAX_STRING_LENGTH || l == Limit.MAX_NAME_LENGTH)
          && JsonProperties.measure(d, l) <= d.maxNumber()) {
        continue; // open bug in the way of the blocking side (KnownBugs)
      }
      JsonLimits limits = JsonProperties.exact(d, l);
      Throwable t = null;
      try {
        feed(BoundedJson.newFeeder(limits, new Recorder()), d.utf8(), maxChunk, chunkSeed);
      } catch (Exception e) {
        t = e;
      }
      LimitExceededException e =
          assertInstanceOf(LimitExceededException.class, t, () -> "feeder, " + l + " lowered");
      assertEquals(l, e.limit(), e.getMessage());
      assertEquals(JsonProperties.measure(d, l) - 1, e.maximum());
    }
  }

  @Property
  void anyBytesFailTheFeederTypedAsTheBlockingParseFails(
      @ForAll("anyBytes") byte[] b, @ForAll("maxChunk") int maxChunk, @ForAll long chunkSeed) {
    JsonLimits limits = JsonLimits.defaults();
    Recorder blocking = new Recorder();
    Throwable bt = null;
    try {
      BoundedJson.parse(b, limits, blocking);
    } catch (Throwable t) {
      bt = t;
    }
    Recorder fed = new Recorder();
    Throwable ft = null;
    try {
      feed(BoundedJson.newFeeder(limits, fed), b, maxChunk, chunkSeed);
    } catch (Throwable t) {
      ft = t;
    }
    final Throwable blockingFailure = bt;
    final Throwable fedFailure = ft;
    assertEquals(bt == null, ft == null, () -> "feeder " + fedFailure + " vs " + blockingFailure);
    if (ft == null) {
      assertEquals(blocking.ev, fed.ev);
      return;
    }
    assertTrue(ft instanceof BoundedParseException, () -> "untyped: " + fedFailure);
    if (bt instanceof LimitExceededException && ft instanceof LimitExceededException) {
      assertEquals(((LimitExceededException) bt).limit(), ((LimitExceededException) ft).limit());
      assertEquals(blocking.ev, fed.ev);
    } else {
      List<String> shorter = blocking.ev.size() <= fed.ev.size() ? blocking.ev : fed.ev;
      List<String> longer = shorter == blocking.ev ? fed.ev : blocking.ev;
      assertEquals(shorter, longer.subList(0, shorter.size()));
    }
  }

  @Provide
  Arbitrary<byte[]> anyBytes() {
    return new JsonProperties().anyBytes();
  }
}
