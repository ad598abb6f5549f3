package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.core.LimitExceededException;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Differences between our byte tokenizer ({@code BoundedJson.parse} over bytes) and Jackson's
 * parsers behind the same push contract ({@code parse(Reader)}, the feeder), each the smallest
 * input that shows one, found by {@code JsonEngineDifferential} in the fuzz module. Each test
 * asserts what the engines should all do; the javadoc says which one is right and why.
 *
 * <p>The bugs in our tokenizer run by default. The differences in location and in the events
 * delivered before a failure wait for a decision and run with {@code -Dbounded.differences=true}.
 */
class TokenizerDifferencesTest {

  /** What one parse did: its events, then its outcome ("pass", or the failure's kind and place). */
  record Seen(List<String> events, String outcome) {}

  enum Engine {
    BYTES,
    TRICKLE,
    READER,
    FEEDER
  }

  /**
   * Parses {@code json} with {@code engine}, in a fresh thread: our tokenizer recycles its buffers
   * per thread, so a fresh thread starts from the same buffer sizes whatever ran before.
   */
  static Seen parse(Engine engine, byte[] json, JsonLimits limits) throws Exception {
    AtomicReference<Seen> seen = new AtomicReference<>();
    AtomicReference<Throwable> stray = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              Recorder r = new Recorder();
              String outcome = "pass";
              try {
                switch (engine) {
                  case BYTES -> BoundedJson.parse(json, limits, r);
                  case TRICKLE ->
                      BoundedJson.parse(
                          new InputMode.Trickle(new ByteArrayInputStream(json)), limits, r);
                  case READER ->
                      BoundedJson.parse(
                          new StringReader(new String(json, StandardCharsets.UTF_8)), limits, r);
                  case FEEDER -> {
                    JsonFeeder f = BoundedJson.newFeeder(limits, r);
                    f.feed(json, 0, json.length);
                    f.endOfInput();
                  }
                }
              } catch (BoundedParseException e) {
                outcome = kind(e) + " at " + e.line() + ":" + e.column() + ":" + e.byteOffset();
              } catch (Throwable e) {
                stray.set(e);
              }
              seen.set(new Seen(r.events, outcome));
            });
    t.start();
    t.join();
    if (stray.get() != null) {
      throw new AssertionError(engine + " threw " + stray.get(), stray.get());
    }
    return seen.get();
  }

  static String kind(BoundedParseException e) {
    if (e instanceof LimitExceededException l) {
      return l.limit().toString();
    }
    if (e instanceof ForbiddenConstructException f) {
      return "forbidden " + f.construct();
    }
    return e.getClass().getSimpleName();
  }

  /** Every engine sees what our byte-array parse sees. */
  static Seen assertAllAlike(byte[] json, JsonLimits limits) throws Exception {
    Seen ours = parse(Engine.BYTES, json, limits);
    List<String> report = new ArrayList<>();
    for (Engine e : Engine.values()) {
      Seen s = parse(e, json, limits);
      report.add(e + ": " + s);
    }
    for (Engine e : Engine.values()) {
      assertEquals(ours, parse(e, json, limits), () -> String.join("\n", report));
    }
    return ours;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // ---- Bugs in our tokenizer

  /**
   * A valid string refused: 253 plain chars, then a supplementary character (a surrogate pair in
   * the decoded text), then any plain char. The decoder keeps room for a pair after each run, but
   * the pair fills its 256-char buffer to 255, the next run's end falls before its start, and the
   * next byte is taken for an unescaped control character ("Unescaped control character 'b'"). RFC
   * 8259 section 7: any char but '"', '\' and controls may appear unescaped; Jackson (Reader,
   * feeder) accepts it. Ours is wrong.
   */
  @Test
  void aPairNearTheTextBufferEndThenAPlainChar() throws Exception {
    byte[] json = utf8("[\"" + "a".repeat(253) + "\uD83D\uDE00b\"]");
    assertEquals("pass", assertAllAlike(json, JsonLimits.defaults()).outcome());
  }

  /** The same, with an escape after the pair: the escape is written past the buffer's end. */
  @Test
  void aPairNearTheTextBufferEndThenEscapes() throws Exception {
    byte[] json = utf8("[\"" + "a".repeat(253) + "\uD83D\uDE00\\n\\n\"]");
    assertEquals("pass", assertAllAlike(json, JsonLimits.defaults()).outcome());
  }

  /** The same in a name. */
  @Test
  void aPairNearTheTextBufferEndInAName() throws Exception {
    byte[] json = utf8("{\"" + "a".repeat(253) + "\uD83D\uDE00\uD83D\uDE00b\":1}");
    assertEquals("pass", assertAllAlike(json, JsonLimits.defaults()).outcome());
  }
}
