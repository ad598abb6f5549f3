package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.bounded.core.Limit;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

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

  // Jackson's own count of a number leaves out its sign, point, 'e' and exponent sign (four marks
  // at
  // most): the exact count is of the whole text, wherever the number stands.

  private static final JsonLimits TEN = JsonLimits.builder().maxNumberLength(10).build();

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void everyMarkCountsAtTheLimitWhereverTheNumberStands(InputMode mode) throws Exception {
    // Ten characters, six of them digits: at the limit; eleven (seven digits): one over.
    String at = "-1.5e+1234";
    String over = "-1.5e+12345";
    for (String json :
        new String[] {
          "[" + at + "]", "{\"a\":" + at + "}", at, "[1," + at + ",2]", "{\"a\":1,\"b\":" + at + "}"
        }) {
      mode.parse(json, TEN, new Recorder());
      mode.pullAll(json, TEN);
    }
    String located =
        "Number length (11 characters) exceeds the maximum allowed (10 characters, from"
            + " JsonLimits.maxNumberLength) at line 1, column ";
    Breach.push(
        () -> mode.parse("[1," + over + ",2]", TEN, new Recorder()),
        Limit.MAX_NUMBER_LENGTH,
        10,
        located + "4, byte 3 (path /1)");
    Breach.pull(
        () -> mode.pullAll("[1," + over + ",2]", TEN),
        Limit.MAX_NUMBER_LENGTH,
        10,
        located + "4, byte 3 (path /1)");
    Breach.push(
        () -> mode.parse("{\"a\":1,\"b\":" + over + "}", TEN, new Recorder()),
        Limit.MAX_NUMBER_LENGTH,
        10,
        located + "12, byte 11 (path /b)");
    Breach.pull(
        () -> mode.pullAll("{\"a\":1,\"b\":" + over + "}", TEN),
        Limit.MAX_NUMBER_LENGTH,
        10,
        located + "12, byte 11 (path /b)");
    Breach.pull(() -> mode.pullAll(over, TEN), Limit.MAX_NUMBER_LENGTH, 10, null);
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void thePropertyNameBeforeANumberOverTheLimitIsStillReturned(InputMode mode) throws Exception {
    try (JsonParser p = mode.newParser("{\"a\":1234}", THREE)) {
      assertEquals(JsonToken.START_OBJECT, p.nextToken());
      assertEquals(JsonToken.FIELD_NAME, p.nextToken());
      assertEquals("a", p.currentName());
      Breach.pull(p::nextToken, Limit.MAX_NUMBER_LENGTH, 3, null);
    }
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void aStringReadAsANumberDoesNotCountAsOne(InputMode mode) throws Exception {
    try (JsonParser p = mode.newParser("[\"1234.5678\",1,{\"a\":2}]", THREE)) {
      p.nextToken();
      assertEquals(JsonToken.VALUE_STRING, p.nextToken());
      assertEquals(1234.5678, p.getValueAsDouble(), 0.0);
      assertEquals(JsonToken.VALUE_NUMBER_INT, p.nextToken());
      assertEquals(JsonToken.START_OBJECT, p.nextToken());
      assertEquals(JsonToken.FIELD_NAME, p.nextToken());
      assertEquals(0.0, p.getValueAsDouble(), 0.0);
      assertEquals(JsonToken.VALUE_NUMBER_INT, p.nextToken());
      assertEquals(JsonToken.END_OBJECT, p.nextToken());
      assertEquals(JsonToken.END_ARRAY, p.nextToken());
      assertNull(p.nextToken());
    }
  }

  /**
   * Non-numeric numbers need a feature that loosens RFC 8259, which only a factory's parsers
   * (Jackson's) honour: bytes, a stream and chars.
   */
  @ParameterizedTest
  @ValueSource(strings = {"bytes", "stream", "chars"})
  void nonNumericNumbersCountWhereEnabled(String input) throws Exception {
    JsonLimits eight = JsonLimits.builder().maxNumberLength(8).build();
    JsonFactory f = BoundedJson.newFactory(eight);
    ParserSource mode =
        json ->
            input.equals("bytes")
                ? f.createParser(json.getBytes(StandardCharsets.UTF_8))
                : input.equals("stream")
                    ? f.createParser(
                        new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))
                    : f.createParser(new java.io.StringReader(json));
    for (String json : new String[] {"[NaN,Infinity,+INF]", "{\"a\":-INF}"}) {
      try (JsonParser p = mode.newParser(json)) {
        p.enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);
        while (p.nextToken() != null) {
          // all within eight characters
        }
      }
    }
    for (String json : new String[] {"[-Infinity]", "{\"a\":+Infinity}"}) {
      Breach.pull(
          () -> {
            try (JsonParser p = mode.newParser(json)) {
              p.enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);
              while (p.nextToken() != null) {
                // the number fails
              }
            }
          },
          Limit.MAX_NUMBER_LENGTH,
          8,
          null);
    }
  }

  private interface ParserSource {
    JsonParser newParser(String json) throws java.io.IOException;
  }
}
