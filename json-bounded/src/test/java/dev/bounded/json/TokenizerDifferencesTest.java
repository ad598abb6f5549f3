package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
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
 * <p>Every test here was a difference that got fixed (D0, D1, D6, D11, D12) and now guards it. The
 * differences kept on purpose or left in Jackson's parsers (D2-D5, D7-D10, D13, D15) are named,
 * with their verdicts, in the differential's allowances ({@code JsonEngineDifferential}) and in
 * decision 024.
 */
class TokenizerDifferencesTest {

  /**
   * What one parse did: its events, then its outcome ("pass", or the failure's kind, and its place
   * for a limit or a refused construct).
   */
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
                // Where a limit breach or a refused construct is; a syntax error's place is
                // each parser's own (Jackson points past the bad byte, ours at the token).
                outcome =
                    kind(e)
                        + (e instanceof MalformedDocumentException
                            ? ""
                            : " at " + e.line() + ":" + e.column() + ":" + e.byteOffset());
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
    return assertAlike(json, limits, Engine.values());
  }

  /** Each of {@code engines} sees what our byte-array parse sees. */
  static Seen assertAlike(byte[] json, JsonLimits limits, Engine... engines) throws Exception {
    Seen ours = parse(Engine.BYTES, json, limits);
    List<String> report = new ArrayList<>();
    report.add("BYTES: " + ours);
    for (Engine e : engines) {
      report.add(e + ": " + parse(e, json, limits));
    }
    for (Engine e : engines) {
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

  // ---- Differences that were fixed: the names JsonEngineDifferential allowed them by are now off.

  /**
   * D1, ours, fixed: a lone CR was not counted as a line break. {@code [\r[]]} under maxDepth(1):
   * ours MAX_DEPTH at line 1, column 3 (byte 2); the Reader and the feeder at line 2, column 1
   * (byte 2). RFC 8259 has no lines, but CR is JSON whitespace and, alone or before LF, ends a line
   * in Jackson, in XML 1.0 (section 2.11) and in editors; our XML side counts it too. Jackson is
   * right: ours should count a lone CR and CRLF as one break each.
   */
  @Test
  void d1LoneCarriageReturnEndsALine() throws Exception {
    assertAllAlike(utf8("[\r[]]"), JsonLimits.builder().maxDepth(1).build());
  }

  /**
   * D6, feeder, fixed in its scanner: a lone surrogate escape in a name under the default settings
   * ({@code {"\ud800":1}}): ours and the Reader throw MalformedDocumentException (a name must be
   * valid Unicode whatever rejectLoneSurrogates says, so that every input mode agrees, as
   * Utf8Tokenizer's Javadoc puts it); the feeder throws ForbiddenConstructException "lone
   * surrogate". Ours is the documented behaviour; the feeder is wrong.
   */
  @Test
  void d6LoneSurrogateInANameIsMalformedEverywhere() throws Exception {
    assertAllAlike(utf8("{\"\\ud800\":1}"), JsonLimits.defaults());
  }

  /**
   * D11, ours, fixed: the other way round from D2, at the root: a root number directly followed by
   * {@code ]}, {@code }} or {@code ,} ({@code 0]}): ours delivers {@code number:0} (those bytes end
   * a value inside a container) and then refuses the bracket; the Reader and the feeder refuse the
   * number itself ("Expected space separating root-level values") before delivering it. Both refuse
   * the document; ours should treat the root like D2 (refuse at the value) to be consistent.
   */
  @Test
  void d11RootNumberFollowedByABracket() throws Exception {
    assertAllAlike(utf8("0]"), JsonLimits.defaults());
  }

  // ---- A bug in the feeder (Jackson's non-blocking parser), not a matter of taste

  /**
   * D12, feeder, fixed in the push loop: a member with no value, {@code {"a":}}, is ACCEPTED when
   * the input is split right after the colon ({@code {"a":} then {@code }}): the handler gets
   * {@code {}, {@code name:a}, {@code }} and the parse passes. Fed in one piece it is refused, as
   * ours and the Reader refuse it. RFC 8259 section 4: a member is a name, a colon and a value. Raw
   * jackson-core 2.23.0's non-blocking parser does the same ({@code START_OBJECT FIELD_NAME
   * END_OBJECT}), also with whitespace around the split and inside arrays ({@code [{"a":} + {@code
   * }]}); a {@code ]} there is refused. So the feeder, the subscriber and the factory's
   * non-blocking parsers accept a malformed document that the byte parse refuses, depending on
   * where the network split it. A fix on our side: refuse END_OBJECT right after FIELD_NAME in the
   * push loop (and the pull wrapper).
   */
  @Test
  void d12FeederAcceptsAMemberWithoutAValueWhenSplitAfterTheColon() throws Exception {
    byte[] json = utf8("{\"a\":}");
    assertEquals(
        new Seen(List.of("{", "name:a"), "MalformedDocumentException"),
        assertAlike(json, JsonLimits.defaults(), Engine.TRICKLE, Engine.FEEDER));
    for (int cut = 0; cut <= json.length; cut++) {
      Recorder r = new Recorder();
      String outcome = "pass";
      try {
        JsonFeeder f = BoundedJson.newFeeder(JsonLimits.defaults(), r);
        f.feed(json, 0, cut);
        f.feed(json, cut, json.length - cut);
        f.endOfInput();
      } catch (BoundedParseException e) {
        outcome = kind(e);
      }
      assertEquals("MalformedDocumentException", outcome, "split at " + cut + ": " + r.events);
    }
  }
}
