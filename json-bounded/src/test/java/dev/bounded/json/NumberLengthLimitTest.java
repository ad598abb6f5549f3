package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bounded.core.Limit;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NumberLengthLimitTest {
  private static final JsonLimits THREE = JsonLimits.builder().maxNumberLength(3).build();
  private static final String MESSAGE =
      "Number length (4 characters) exceeds the maximum allowed (3 characters, from"
          + " JsonLimits.maxNumberLength) at line 1, column 2, byte 1 (path /0)";

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void aNumberAtTheLimitPasses(InputMode mode) throws Exception {
    Recorder r = new Recorder();
    mode.parse("[123,-12,1.5,1e9,true,false,null]", THREE, r);
    assertEquals(
        List.of(
            "[",
            "number:123",
            "number:-12",
            "number:1.5",
            "number:1e9",
            "bool:true",
            "bool:false",
            "null",
            "]"),
        r.events);
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void oneCharacterOverIsRejectedReadOrSkipped(InputMode mode) {
    Breach.push(
        () -> mode.parse("[1234]", THREE, new Recorder()), Limit.MAX_NUMBER_LENGTH, 3, MESSAGE);
    Breach.push(
        () -> mode.parse("[1234]", THREE, new Recorder(false)),
        Limit.MAX_NUMBER_LENGTH,
        3,
        MESSAGE);
    Breach.pull(() -> mode.pullAll("[1234]", THREE), Limit.MAX_NUMBER_LENGTH, 3, MESSAGE);
    Breach.pull(() -> mode.skipRoot("[1234]", THREE), Limit.MAX_NUMBER_LENGTH, 3, MESSAGE);
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void signsPointsAndExponentsCount(InputMode mode) {
    Breach.push(
        () -> mode.parse("[-1.5]", THREE, new Recorder()), Limit.MAX_NUMBER_LENGTH, 3, null);
    Breach.push(
        () -> mode.parse("[1e+5]", THREE, new Recorder()), Limit.MAX_NUMBER_LENGTH, 3, null);
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void aPropertyValueTheHandlerSkipsIsCheckedAllTheSame(InputMode mode) throws Exception {
    JsonHandler skipAll =
        new JsonHandler() {
          @Override
          public Control fieldName(String name) {
            return Control.SKIP;
          }
        };
    mode.parse("{\"a\":123}", THREE, skipAll);
    Breach.push(
        () -> mode.parse("{\"a\":1234}", THREE, skipAll),
        Limit.MAX_NUMBER_LENGTH,
        3,
        "Number length (4 characters) exceeds the maximum allowed (3 characters, from"
            + " JsonLimits.maxNumberLength) at line 1, column 6, byte 5 (path /a)");
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void aRootNumberEndedByEndOfInputIsChecked(InputMode mode) throws Exception {
    mode.parse("999", THREE, new Recorder());
    Breach.push(
        () -> mode.parse("9999", THREE, new Recorder()),
        Limit.MAX_NUMBER_LENGTH,
        3,
        "Number length (4 characters) exceeds the maximum allowed (3 characters, from"
            + " JsonLimits.maxNumberLength) at line 1, column 1, byte 0");
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void lettersOfLiteralsAreNotNumbers(InputMode mode) {
    JsonLimits zero = JsonLimits.builder().maxNumberLength(0).build();
    assertDoesNotThrow(() -> mode.parse("[true,false,null,\"1234\"]", zero, new Recorder()));
  }
}
