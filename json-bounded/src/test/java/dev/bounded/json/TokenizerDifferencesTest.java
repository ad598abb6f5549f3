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
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

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

  // ---- Differences waiting for a decision (-Dbounded.differences=true). D1 to D10 are the names
  // JsonEngineDifferential allows them by while they are open.

  /**
   * D1, ours: a lone CR is not counted as a line break. {@code [\r[]]} under maxDepth(1): ours
   * MAX_DEPTH at line 1, column 3 (byte 2); the Reader and the feeder at line 2, column 1 (byte 2).
   * RFC 8259 has no lines, but CR is JSON whitespace and, alone or before LF, ends a line in
   * Jackson, in XML 1.0 (section 2.11) and in editors; our XML side counts it too. Jackson is
   * right: ours should count a lone CR and CRLF as one break each.
   */
  @Test
  @EnabledIfSystemProperty(named = "bounded.differences", matches = "true")
  void d1LoneCarriageReturnEndsALine() throws Exception {
    assertAllAlike(utf8("[\r[]]"), JsonLimits.builder().maxDepth(1).build());
  }

  /**
   * D2, both engines refuse, at different events: a number or literal directly followed by a byte
   * that cannot follow a value ({@code [1"a"]}, also {@code [0x10]}, {@code [true{}]}, {@code
   * [1e5.5]}). Ours refuses at the value, delivering nothing for it; Jackson's Reader parser and
   * the feeder deliver {@code number:1}, then refuse the next byte. RFC 8259 section 2 needs a
   * value separator there, so both are right to refuse; ours does not hand out a value whose text
   * was not followed by a separator (the {@code 0} of {@code 0x10}), which is the better answer.
   * Suggestion: keep ours, let the property allow it (as it does) and document it next to the
   * lazy-string difference.
   */
  @Test
  @EnabledIfSystemProperty(named = "bounded.differences", matches = "true")
  void d2ValueFollowedByANonDelimiter() throws Exception {
    assertAllAlike(utf8("[1\"a\"]"), JsonLimits.defaults());
  }

  /**
   * D3, feeder: a name not followed by a colon ({@code {"a" 1}}): the feeder delivers {@code
   * name:a}, then refuses; ours and the Reader refuse before the name. RFC 8259 section 4: the
   * name-separator is part of the member. Ours is the better answer; the feeder's comes from
   * Jackson's non-blocking parser returning the name before it looks for the colon.
   */
  @Test
  @EnabledIfSystemProperty(named = "bounded.differences", matches = "true")
  void d3NameWithoutColon() throws Exception {
    assertAllAlike(utf8("{\"a\" 1}"), JsonLimits.defaults());
  }

  /**
   * D4, feeder: UTF-16LE without a byte order mark ({@code {"a":1}} as UTF-16LE): ours refuses at
   * byte 0 (the NUL pattern, as Jackson's byte bootstrapper tells encodings) before any event; the
   * feeder delivers {@code {} and refuses at byte 1. RFC 8259 section 8.1: JSON text exchanged
   * between systems must be UTF-8. Ours is right: nothing of a document in the wrong encoding should
   * reach the handler.
   */
  @Test
  @EnabledIfSystemProperty(named = "bounded.differences", matches = "true")
  void d4Utf16WithoutByteOrderMark() throws Exception {
    assertAlike(
        "{\"a\":1}".getBytes(StandardCharsets.UTF_16LE),
        JsonLimits.defaults(),
        Engine.TRICKLE,
        Engine.FEEDER);
  }

  /**
   * D5, feeder: a maxTokens breach is not located at the token that breaks it. {@code [1]} under
   * maxTokens(1): ours and the Reader line 1, column 2, byte 1 (the {@code 1}); the feeder column 2
   * but byte 2 (column and offset disagree). The same for duplicate names and trailing content.
   */
  @Test
  @EnabledIfSystemProperty(named = "bounded.differences", matches = "true")
  void d5FeederTokenBreachOffset() throws Exception {
    assertAllAlike(utf8("[1]"), JsonLimits.builder().maxTokens(1).build());
  }

  /**
   * D5, feeder, second form: {@code [\t[] ]} under maxTokens(3): the fourth token is the last
   * {@code ]} (column 6, byte 5, as ours and the Reader say); the feeder says column 4, byte 4, the
   * end of the token before.
   */
  @Test
  @EnabledIfSystemProperty(named = "bounded.differences", matches = "true")
  void d5FeederTokenBreachAtThePreviousToken() throws Exception {
    assertAllAlike(utf8("[\t[] ]"), JsonLimits.builder().maxTokens(3).build());
  }

  /**
   * D6, feeder: a lone surrogate escape in a name under the default settings ({@code
   * {"\ud800":1}}): ours and the Reader throw MalformedDocumentException (a name must be valid
   * Unicode whatever rejectLoneSurrogates says, so that every input mode agrees, as Utf8Tokenizer's
   * Javadoc puts it); the feeder throws ForbiddenConstructException "lone surrogate". Ours is the
   * documented behaviour; the feeder is wrong.
   */
  @Test
  @EnabledIfSystemProperty(named = "bounded.differences", matches = "true")
  void d6LoneSurrogateInANameIsMalformedEverywhere() throws Exception {
    assertAllAlike(utf8("{\"\\ud800\":1}"), JsonLimits.defaults());
  }

  /**
   * D7, feeder: a lone surrogate refused in a string value ({@code ["\ud800"]}) is located at the
   * string's start by ours and the Reader (byte 1), at the end of the escape by the feeder (byte
   * 8). Both are defensible; they should agree (ours names the token, as every other breach does).
   */
  @Test
  @EnabledIfSystemProperty(named = "bounded.differences", matches = "true")
  void d7LoneSurrogateLocation() throws Exception {
    assertAllAlike(utf8("[\"\\ud800\"]"), JsonLimits.defaults());
  }

  /**
   * D8, Reader: a name followed by a malformed number or literal ({@code {"k":-}}): Jackson's char
   * parser reads the value in the same step as the name and fails before delivering the name; ours
   * and the feeder deliver {@code name:k}, then refuse the value. The name itself is fine (RFC 8259
   * section 4), so ours is the better answer.
   */
  @Test
  @EnabledIfSystemProperty(named = "bounded.differences", matches = "true")
  void d8NameBeforeAMalformedValue() throws Exception {
    assertAllAlike(utf8("{\"k\":-}"), JsonLimits.defaults());
  }

  /**
   * D9, feeder: a number over maxNumberLength at the end of the input is not located: {@code 0}
   * under maxNumberLength(0) gives line 1, column 0, byte -1 (a column that cannot be); ours and
   * the Reader line 1, column 1, byte 0. Ours is right.
   */
  @Test
  @EnabledIfSystemProperty(named = "bounded.differences", matches = "true")
  void d9RootNumberBreachLocation() throws Exception {
    assertAllAlike(utf8("0"), JsonLimits.builder().maxNumberLength(0).build());
  }

  /**
   * D9, feeder, second form: {@code [0\n]} under maxNumberLength(0): the feeder says column 1, byte
   * 0 (the bracket); ours and the Reader column 2, byte 1 (the number).
   */
  @Test
  @EnabledIfSystemProperty(named = "bounded.differences", matches = "true")
  void d9NumberBreachBeforeANewline() throws Exception {
    assertAllAlike(utf8("[0\n]"), JsonLimits.builder().maxNumberLength(0).build());
  }

  /**
   * D10, Reader: one token breaks two limits ({@code {" ":""}} under maxTokens(1) and
   * maxNameLength(0): the name is the second token and one char long). Ours and the feeder report
   * MAX_NAME_LENGTH, the Reader MAX_TOKENS, at the same place. Neither is wrong by itself; they
   * should agree. Suggestion: the token count first (it is the cheaper, earlier check, and the
   * Reader's order), or ours, and the Reader follows.
   */
  @Test
  @EnabledIfSystemProperty(named = "bounded.differences", matches = "true")
  void d10TokenBreakingTwoLimits() throws Exception {
    assertAllAlike(
        utf8("{\" \":\"\"}"), JsonLimits.builder().maxTokens(1).maxNameLength(0).build());
  }

  /**
   * D10, second form (Reader and feeder): a duplicate name that is also one token too many ({@code
   * {"":"","":""}} under maxTokens(3) and rejectDuplicateNames): ours ForbiddenConstructException
   * "duplicate property name", the Reader and the feeder MAX_TOKENS.
   */
  @Test
  @EnabledIfSystemProperty(named = "bounded.differences", matches = "true")
  void d10DuplicateNameThatIsOneTokenTooMany() throws Exception {
    assertAllAlike(
        utf8("{\"\":\"\",\"\":\"\"}"),
        JsonLimits.builder().maxTokens(3).rejectDuplicateNames(true).build());
  }

  /**
   * D15, Reader: a root number over maxNumberLength directly followed by a byte that cannot follow
   * a root value ({@code 1234:} under maxNumberLength(3)): ours (and the feeder) MAX_NUMBER_LENGTH
   * at the number; the Reader refuses the colon first ("Expected space separating root-level
   * values", malformed). The number comes first in the document and already breaks its limit; ours
   * is the better answer.
   */
  @Test
  @EnabledIfSystemProperty(named = "bounded.differences", matches = "true")
  void d15RootNumberOverItsLimitBeforeABadByte() throws Exception {
    assertAllAlike(utf8("1234:"), JsonLimits.builder().maxNumberLength(3).build());
  }

  /**
   * D11, ours, the other way round from D2, at the root: a root number directly followed by {@code
   * ]}, {@code }} or {@code ,} ({@code 0]}): ours delivers {@code number:0} (those bytes end a
   * value inside a container) and then refuses the bracket; the Reader and the feeder refuse the
   * number itself ("Expected space separating root-level values") before delivering it. Both refuse
   * the document; ours should treat the root like D2 (refuse at the value) to be consistent.
   */
  @Test
  @EnabledIfSystemProperty(named = "bounded.differences", matches = "true")
  void d11RootNumberFollowedByABracket() throws Exception {
    assertAllAlike(utf8("0]"), JsonLimits.defaults());
  }

  /**
   * D13, ours: a second root value that is itself refused ({@code []"\\ud800"}): ours decodes it
   * while tokenizing and reports its own problem (ForbiddenConstructException "lone surrogate");
   * the Reader reports "Trailing content after the root value" (malformed), as ours does for {@code
   * []"a"}. RFC 8259 section 2: a JSON text is one value; the document is wrong because a second
   * value starts, whatever that value holds. The Reader is right; the same with {@code []"abcd"}
   * under maxStringLength(3) (ours: MAX_STRING_LENGTH).
   */
  @Test
  @EnabledIfSystemProperty(named = "bounded.differences", matches = "true")
  void d13SecondRootValueIsTrailingContentWhateverItHolds() throws Exception {
    assertAllAlike(utf8("[]\"\\ud800\""), JsonLimits.defaults());
    assertAllAlike(utf8("[]\"abcd\""), JsonLimits.builder().maxStringLength(3).build());
  }

  // ---- A bug in the feeder (Jackson's non-blocking parser), not a matter of taste

  /**
   * D12, feeder: a member with no value, {@code {"a":}}, is ACCEPTED when the input is split right
   * after the colon ({@code {"a":} then {@code }}): the handler gets {@code {}, {@code name:a},
   * {@code }} and the parse passes. Fed in one piece it is refused, as ours and the Reader refuse
   * it. RFC 8259 section 4: a member is a name, a colon and a value. Raw jackson-core 2.23.0's
   * non-blocking parser does the same ({@code START_OBJECT FIELD_NAME END_OBJECT}), also with
   * whitespace around the split and inside arrays ({@code [{"a":} + {@code }]}); a {@code ]} there
   * is refused. So the feeder, the subscriber and the factory's non-blocking parsers accept a
   * malformed document that the byte parse refuses, depending on where the network split it. A fix
   * on our side: refuse END_OBJECT right after FIELD_NAME in the push loop (and the pull wrapper).
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
