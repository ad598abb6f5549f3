package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one push parse (events, then the failure if any) through the blocking API or a
 * {@link JsonFeeder} fed in chunks, and the comparison the feeder must pass: the same events, and
 * the same failure (type, {@code Limit}, maximum). Locations are compared by the callers that can.
 */
final class FeederEquivalence {
  private FeederEquivalence() {}

  /** A parse's events and its failure (null if it passed). */
  static final class Outcome {
    final List<String> events;
    final Throwable failure;

    Outcome(List<String> events, Throwable failure) {
      this.events = events;
      this.failure = failure;
    }

    @Override
    public String toString() {
      return (failure == null ? "passed" : String.valueOf(failure)) + " after " + events;
    }
  }

  /**
   * A recording handler that also steers: it skips every third container and, if {@code stopAt} is
   * positive, stops at that event; values are read (so both APIs fail on the same check).
   */
  static final class Steering extends Recorder {
    private final int stopAt;
    private int containers;

    Steering(int stopAt) {
      this.stopAt = stopAt;
    }

    private Control steer(Control c) {
      return stopAt > 0 && events.size() >= stopAt ? Control.STOP : c;
    }

    @Override
    public Control startObject() {
      super.startObject();
      return steer(++containers % 3 == 0 ? Control.SKIP : Control.CONTINUE);
    }

    @Override
    public Control startArray() {
      super.startArray();
      return steer(++containers % 3 == 0 ? Control.SKIP : Control.CONTINUE);
    }

    @Override
    public Control fieldName(String name) {
      super.fieldName(name);
      return steer(name.startsWith("s") ? Control.SKIP : Control.CONTINUE);
    }

    @Override
    public Control string(CharSequence value) {
      super.string(value);
      return steer(Control.CONTINUE);
    }

    @Override
    public Control number(JsonNumber value) {
      super.number(value);
      return steer(Control.CONTINUE);
    }

    @Override
    public Control bool(boolean value) {
      super.bool(value);
      return steer(Control.CONTINUE);
    }

    @Override
    public Control nullValue() {
      super.nullValue();
      return steer(Control.CONTINUE);
    }

    @Override
    public Control endObject() {
      super.endObject();
      return steer(Control.CONTINUE);
    }

    @Override
    public Control endArray() {
      super.endArray();
      return steer(Control.CONTINUE);
    }
  }

  static Outcome blocking(byte[] doc, JsonLimits limits, int stopAt) {
    Steering h = new Steering(stopAt);
    try {
      BoundedJson.parse(doc, limits, h);
      return new Outcome(h.events, null);
    } catch (Throwable t) {
      return new Outcome(h.events, t);
    }
  }

  /** Chunks of 1 to {@code maxChunk} bytes (exactly {@code maxChunk} if {@code seed} is 0). */
  static Outcome fed(byte[] doc, JsonLimits limits, int stopAt, int maxChunk, long seed) {
    Steering h = new Steering(stopAt);
    try {
      Chunks.feed(BoundedJson.newFeeder(limits, h), doc, maxChunk, seed);
      return new Outcome(h.events, null);
    } catch (Throwable t) {
      return new Outcome(h.events, t);
    }
  }

  /**
   * Asserts the feeder's outcome matches the blocking one: every failure typed; if both pass or
   * both break a limit, the same events and the same limit error (Limit, maximum; the offset for
   * bytes and depth). If either fails as malformed input, both must fail, and the events of the
   * shorter run must start the longer: Jackson's two parsers may notice a syntax error a token
   * apart, and the pre-scanner in front of the non-blocking one measures a run of number characters
   * or a bare word (such as {@code -1.0.} or {@code Infinity}) against its limit before Jackson
   * judges its syntax. Returns true in that malformed case.
   */
  static boolean assertSame(Outcome blocking, Outcome fed, String what) throws IOException {
    if (blocking.failure != null && !(blocking.failure instanceof BoundedParseException)) {
      throw new AssertionError(what + ": blocking parse failed untyped", blocking.failure);
    }
    if (fed.failure != null && !(fed.failure instanceof BoundedParseException)) {
      throw new AssertionError(what + ": feeder failed untyped", fed.failure);
    }
    assertEquals(
        blocking.failure == null,
        fed.failure == null,
        () -> what + ": feeder " + fed + " vs blocking " + blocking);
    boolean malformed =
        blocking.failure != null
            && (!(blocking.failure instanceof LimitExceededException)
                || !(fed.failure instanceof LimitExceededException));
    if (malformed) {
      List<String> shorter =
          blocking.events.size() <= fed.events.size() ? blocking.events : fed.events;
      List<String> longer = shorter == blocking.events ? fed.events : blocking.events;
      assertEquals(shorter, new ArrayList<>(longer.subList(0, shorter.size())), what);
      return true;
    }
    if (blocking.failure != null) {
      LimitExceededException b = (LimitExceededException) blocking.failure;
      LimitExceededException f = (LimitExceededException) fed.failure;
      assertEquals(b.limit(), f.limit(), () -> what + ": feeder " + f + " vs blocking " + b);
      assertEquals(b.maximum(), f.maximum(), what);
      assertTrue(f.actual() > f.maximum(), what);
      if (b.limit() == Limit.MAX_BYTES || b.limit() == Limit.MAX_DEPTH) {
        assertEquals(b.byteOffset(), f.byteOffset(), () -> what + ": " + f + " vs " + b);
      }
    }
    assertEquals(blocking.events, fed.events, what);
    return false;
  }
}
