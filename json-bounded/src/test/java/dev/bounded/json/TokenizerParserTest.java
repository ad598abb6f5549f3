package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code BoundedJson.newParser} over bytes reads with our own tokenizer behind Jackson's {@code
 * ParserBase}: what a Jackson caller reads besides the tokens (locations, the parsing context,
 * numbers in every type, text, binary) must be what Jackson's own parser gives for the same bytes.
 * The reference is raw Jackson (a default {@link JsonFactory}).
 */
class TokenizerParserTest {
  private static final JsonFactory RAW = new JsonFactory();

  private static final String DOC =
      "{\n  \"a\": [1, -2, 3.25, -0.5e3, 12345678901234567890, 1E+2],\n"
          + "  \"b\": {\"c\": \"x\\ty\\u00e9\", \"d~/e\": [true, false, null, {}, []]},\n"
          + "  \"bin\": \"aGVsbG8gd29ybGQ=\",\n  \"\u00e9t\u00e9\": \"caf\u00e9 \ud83d\ude00\"\n}";

  @Test
  void everyTokenReadsAsJacksonsOwnParserReadsIt() throws IOException {
    byte[] json = DOC.getBytes(StandardCharsets.UTF_8);
    assertEquals(
        read(RAW.createParser(json)), read(BoundedJson.newParser(json, JsonLimits.defaults())));
    assertEquals(
        read(RAW.createParser(json)),
        read(BoundedJson.newParser(new ByteArrayInputStream(json), JsonLimits.defaults())));
  }

  /** Token, location, pointer, text and every number type, as one line per token. */
  private static List<String> read(JsonParser p) throws IOException {
    List<String> out = new ArrayList<>();
    try (p) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        JsonLocation at = p.currentTokenLocation();
        StringBuilder sb =
            new StringBuilder()
                .append(t)
                .append(' ')
                .append(at.getLineNr())
                .append(':')
                .append(at.getColumnNr())
                .append('@')
                .append(at.getByteOffset())
                .append(' ')
                .append(p.getParsingContext().pathAsPointer())
                .append(" name=")
                .append(p.currentName())
                .append(" text=")
                .append(p.getText())
                .append(" chars=")
                .append(new String(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()));
        if (t.isNumeric()) {
          sb.append(" type=")
              .append(p.getNumberType())
              .append(" value=")
              .append(p.getNumberValue());
          sb.append(" decimal=")
              .append(p.getDecimalValue())
              .append(" double=")
              .append(p.getDoubleValue());
          if (t == JsonToken.VALUE_NUMBER_INT) {
            sb.append(" big=").append(p.getBigIntegerValue());
          }
        }
        out.add(sb.toString());
      }
      assertTrue(p.isClosed());
      assertNull(p.nextToken());
    }
    return out;
  }

  @Test
  void binaryIsDecodedAsJacksonDecodesIt() throws IOException {
    byte[] json = "[\"aGVsbG8gd29ybGQ=\"]".getBytes(StandardCharsets.UTF_8);
    try (JsonParser p = BoundedJson.newParser(json, JsonLimits.defaults())) {
      p.nextToken();
      p.nextToken();
      assertArrayEquals(
          "hello world".getBytes(StandardCharsets.US_ASCII),
          p.getBinaryValue(Base64Variants.getDefaultVariant()));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = JsonParser.Feature.class,
      names = {
        "ALLOW_TRAILING_COMMA",
        "ALLOW_NUMERIC_LEADING_ZEROS",
        "ALLOW_NON_NUMERIC_NUMBERS",
        "ALLOW_MISSING_VALUES",
        "ALLOW_UNQUOTED_CONTROL_CHARS",
        "STRICT_DUPLICATE_DETECTION",
        "ALLOW_COMMENTS"
      })
  void featuresThatLoosenTheGrammarAreRefusedByNewParserOnly(JsonParser.Feature f)
      throws IOException {
    byte[] json = "[1]".getBytes(StandardCharsets.UTF_8);
    try (JsonParser p = BoundedJson.newParser(json, JsonLimits.defaults())) {
      UnsupportedOperationException e =
          assertThrows(UnsupportedOperationException.class, () -> p.enable(f));
      assertTrue(e.getMessage().contains(f.name()), e.getMessage());
      assertThrows(UnsupportedOperationException.class, () -> p.configure(f, true));
      assertThrows(
          UnsupportedOperationException.class,
          () -> p.overrideStdFeatures(f.getMask(), f.getMask()));
      p.disable(f); // turning one off is always fine
    }
    if (f != JsonParser.Feature.ALLOW_COMMENTS) {
      try (JsonParser p = BoundedJson.newFactory(JsonLimits.defaults()).createParser(json)) {
        p.enable(f); // Jackson's own parser honours it
        assertTrue(p.isEnabled(f));
      }
    }
  }

  @Test
  void aFactoryParserStillHonoursATrailingComma() throws IOException {
    byte[] json = "[1,]".getBytes(StandardCharsets.UTF_8);
    try (JsonParser p = BoundedJson.newFactory(JsonLimits.defaults()).createParser(json)) {
      p.enable(JsonParser.Feature.ALLOW_TRAILING_COMMA);
      List<JsonToken> tokens = new ArrayList<>();
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        tokens.add(t);
      }
      assertEquals(
          List.of(JsonToken.START_ARRAY, JsonToken.VALUE_NUMBER_INT, JsonToken.END_ARRAY), tokens);
    }
  }
}
