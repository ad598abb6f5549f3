package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bounded.core.Limit;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StringLengthLimitTest {
  private static final JsonLimits THREE = JsonLimits.builder().maxStringLength(3).build();
  private static final String MESSAGE =
      "String length (4 characters) exceeds the maximum allowed (3 characters, from"
          + " JsonLimits.maxStringLength) at line 1, column 2, byte 1 (path /0)";

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void aStringAtTheLimitPassesReadOrSkipped(InputMode mode) throws Exception {
    Recorder r = new Recorder();
    mode.parse("[\"abc\"]", THREE, r);
    assertEquals(List.of("[", "string:abc", "]"), r.events);
    mode.parse("[\"abc\"]", THREE, new Recorder(false));
    assertDoesNotThrow(() -> mode.pullAll("[\"abc\"]", THREE));
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void oneCharacterOverIsRejectedWhenRead(InputMode mode) {
    Breach.push(
        () -> mode.parse("[\"abcd\"]", THREE, new Recorder()), Limit.MAX_STRING_LENGTH, 3, MESSAGE);
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void oneCharacterOverIsRejectedWhenNeverRead(InputMode mode) {
    Breach.push(
        () -> mode.parse("[\"abcd\"]", THREE, new Recorder(false)),
        Limit.MAX_STRING_LENGTH,
        3,
        MESSAGE);
    Breach.pull(() -> mode.pullAll("[\"abcd\"]", THREE), Limit.MAX_STRING_LENGTH, 3, MESSAGE);
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void oneCharacterOverIsRejectedInsideSkipChildren(InputMode mode) {
    Breach.pull(() -> mode.skipRoot("[\"abcd\"]", THREE), Limit.MAX_STRING_LENGTH, 3, MESSAGE);
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void escapesCountAsTheCharactersTheyStandFor(InputMode mode) throws Exception {
    Recorder r = new Recorder();
    mode.parse("[\"\\n\\u0041\\\"\"]", THREE, r);
    assertEquals(List.of("[", "string:\nA\"", "]"), r.events);
    Breach.push(
        () -> mode.parse("[\"\\n\\u0041\\\"\\t\"]", THREE, new Recorder()),
        Limit.MAX_STRING_LENGTH,
        3,
        null);
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void charactersAreUtf16UnitsAfterDecoding(InputMode mode) throws Exception {
    // é is two UTF-8 bytes but one char; the emoji is four bytes and two chars.
    mode.parse("[\"é\uD83D\uDE00\"]", THREE, new Recorder(false));
    mode.parse("[\"ééé\"]", THREE, new Recorder(false));
    Breach.push(
        () -> mode.parse("[\"ééé\uD83D\uDE00\"]", THREE, new Recorder(false)),
        Limit.MAX_STRING_LENGTH,
        3,
        5,
        null);
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void propertyNamesAreNotStringValues(InputMode mode) throws Exception {
    JsonLimits one = JsonLimits.builder().maxStringLength(1).build();
    mode.parse("{\"abc\":\"x\",\"defg\":[\"y\",{\"hij\":\"z\"}]}", one, new Recorder());
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void aLongStringAcrossManyBuffersIsMeasuredExactlyAndLocatedAtItsStart(InputMode mode) {
    JsonLimits limits = JsonLimits.builder().maxStringLength(100_000).build();
    String ok = "[\"" + "x".repeat(100_000) + "\"]";
    assertDoesNotThrow(() -> mode.parse(ok, limits, new Recorder(false)));
    String over = "[\"" + "x".repeat(100_001) + "\"]";
    LimitExceededCheck.offset(
        Breach.push(
            () -> mode.parse(over, limits, new Recorder(false)),
            Limit.MAX_STRING_LENGTH,
            100_000,
            null),
        1);
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void aPropertyValueOverTheLimitIsLocatedAtTheValueNotAtItsName(InputMode mode) {
    String json = "[{\"a\":\"ok\",\"bb\":\"abcd\"}]";
    String message =
        "String length (4 characters) exceeds the maximum allowed (3 characters, from"
            + " JsonLimits.maxStringLength) at line 1, column 17, byte 16 (path /0/bb)";
    Recorder read = new Recorder();
    Breach.push(() -> mode.parse(json, THREE, read), Limit.MAX_STRING_LENGTH, 3, message);
    assertEquals(List.of("[", "{", "name:a", "string:ok", "name:bb"), read.events);
    Breach.push(
        () -> mode.parse(json, THREE, new Recorder(false)), Limit.MAX_STRING_LENGTH, 3, message);
    Breach.pull(() -> mode.pullAll(json, THREE), Limit.MAX_STRING_LENGTH, 3, message);
    Breach.pull(() -> mode.skipRoot(json, THREE), Limit.MAX_STRING_LENGTH, 3, message);
  }
}
