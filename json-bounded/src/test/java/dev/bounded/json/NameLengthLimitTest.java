package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import dev.bounded.core.Limit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NameLengthLimitTest {
  private static final JsonLimits TWO = JsonLimits.builder().maxNameLength(2).build();

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void aNameAtTheLimitPasses(InputMode mode) throws Exception {
    mode.parse("{\"ab\":1,\"cd\":{\"ef\":[\"long string value\"]}}", TWO, new Recorder());
    assertDoesNotThrow(() -> mode.pullAll("{\"ab\":1}", TWO));
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void oneCharacterOverIsRejected(InputMode mode) {
    String message =
        "Name length (3 characters) exceeds the maximum allowed (2 characters, from"
            + " JsonLimits.maxNameLength) at line 1, column 5, byte 4";
    Breach.push(() -> mode.parse("{\"abc\":1}", TWO, new Recorder()), Limit.MAX_NAME_LENGTH, 2, message);
    Breach.pull(() -> mode.pullAll("{\"abc\":1}", TWO), Limit.MAX_NAME_LENGTH, 2, message);
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void aNameAfterACommaIsANameAndAStringAfterACommaInAnArrayIsNot(InputMode mode) throws Exception {
    mode.parse("[\"abc\",\"defg\",{\"a\":\"xyz\"}]", TWO, new Recorder());
    Breach.push(
        () -> mode.parse("[{\"a\":1,\"bcd\":2}]", TWO, new Recorder()),
        Limit.MAX_NAME_LENGTH,
        2,
        "Name length (3 characters) exceeds the maximum allowed (2 characters, from"
            + " JsonLimits.maxNameLength) at line 1, column 12, byte 11 (path /0/a)");
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void namesInsideSkippedObjectsAreChecked(InputMode mode) {
    Breach.pull(() -> mode.skipRoot("[{\"abc\":1}]", TWO), Limit.MAX_NAME_LENGTH, 2, null);
  }
}
