package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import dev.bounded.core.Limit;
import org.junit.jupiter.api.Test;
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
            + " JsonLimits.maxNameLength) at line 1, column 2, byte 1 (path /abc)";
    Breach.push(
        () -> mode.parse("{\"abc\":1}", TWO, new Recorder()), Limit.MAX_NAME_LENGTH, 2, message);
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
            + " JsonLimits.maxNameLength) at line 1, column 9, byte 8 (path /0/bcd)");
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void namesInsideSkippedObjectsAreChecked(InputMode mode) {
    Breach.pull(() -> mode.skipRoot("[{\"abc\":1}]", TWO), Limit.MAX_NAME_LENGTH, 2, null);
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void multiByteAndEscapedNamesAreCountedInCharactersNotBytes(InputMode mode) throws Exception {
    // 2 chars each: 5 bytes of UTF-8, one supplementary char in 4 bytes, 12 bytes of escapes.
    for (String name : new String[] {"\u00e9\u20ac", "\ud83d\ude00", "\\u0061\\u0062"}) {
      mode.parse("{\"" + name + "\":[1]}", TWO, new Recorder());
      assertDoesNotThrow(() -> mode.pullAll("{\"" + name + "\":1}", TWO));
      Breach.push(
          () -> mode.parse("{\"" + name + "x\":1}", TWO, new Recorder()),
          Limit.MAX_NAME_LENGTH,
          2,
          null);
      Breach.pull(() -> mode.pullAll("{\"" + name + "x\":1}", TWO), Limit.MAX_NAME_LENGTH, 2, null);
    }
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void aLongNameAcrossTheReadBufferBoundaryIsCheckedExactly(InputMode mode) throws Exception {
    // Jackson reads 8000 bytes at a time: these names straddle the first boundary.
    JsonLimits max = JsonLimits.builder().maxNameLength(5000).build();
    String pad = "[\"" + "p".repeat(6000) + "\",{\"";
    String atLimit = pad + "n".repeat(5000) + "\":1}]";
    String over = pad + "n".repeat(5001) + "\":1}]";
    mode.parse(atLimit, max, new Recorder());
    assertDoesNotThrow(() -> mode.pullAll(atLimit, max));
    Breach.push(() -> mode.parse(over, max, new Recorder()), Limit.MAX_NAME_LENGTH, 5000, null);
    Breach.pull(() -> mode.pullAll(over, max), Limit.MAX_NAME_LENGTH, 5000, null);
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void aLongMultiByteNameIsCountedInCharactersWhileJacksonBuffersIt(InputMode mode)
      throws Exception {
    // Jackson's byte parsers hand the constraints a name's UTF-8 bytes: 50,000 chars of three bytes
    // each (150,000 bytes) were refused while buffered, though within the default limit in chars.
    JsonLimits limits = JsonLimits.defaults();
    String atLimit = "{\"" + "\u20ac".repeat(50_000) + "\":1}";
    String over = "{\"" + "\u20ac".repeat(50_001) + "\":1}";
    mode.parse(atLimit, limits, new Recorder());
    assertDoesNotThrow(() -> mode.pullAll(atLimit, limits));
    Breach.push(
        () -> mode.parse(over, limits, new Recorder()), Limit.MAX_NAME_LENGTH, 50_000, null);
    Breach.pull(() -> mode.pullAll(over, limits), Limit.MAX_NAME_LENGTH, 50_000, null);
  }

  @Test
  void aLongMultiByteNameIsCountedInCharactersByTheFeeder() throws Exception {
    JsonLimits limits = JsonLimits.defaults();
    feed("{\"" + "\u20ac".repeat(50_000) + "\":1}", limits);
    Breach.push(
        () -> feed("{\"" + "\u20ac".repeat(50_001) + "\":1}", limits),
        Limit.MAX_NAME_LENGTH,
        50_000,
        null);
  }

  /** The document fed in chunks of 1,000 bytes to a feeder, then its end. */
  private static void feed(String doc, JsonLimits limits) throws java.io.IOException {
    byte[] b = doc.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    JsonFeeder f = BoundedJson.newFeeder(limits, new Recorder());
    for (int i = 0; i < b.length; i += 1000) {
      f.feed(b, i, Math.min(1000, b.length - i));
    }
    f.endOfInput();
  }
}
