package dev.bounded.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bounded.json.JsonLimits;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class BoundedJsonSchemaTest {
  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  @Test
  void aMessageAtMaxDepthIsATreeAndOneLevelMoreIsAnErrorRecordNamingTheLimit() throws Exception {
    BoundedJsonSchema<JsonNode> s =
        BoundedJsonSchema.tree(() -> JsonLimits.builder().maxDepth(8).build());
    Parsed<JsonNode> ok = s.deserialize(utf8(nested(8)));
    assertFalse(ok.isError());
    assertTrue(ok.getValue().isArray());
    Parsed<JsonNode> bad = s.deserialize(utf8(nested(9)));
    assertTrue(bad.isError());
    ParseError e = bad.getError();
    assertEquals("MAX_DEPTH", e.getKind());
    assertEquals("JsonLimits.maxDepth", e.getSetting());
    assertEquals(8, e.getMaximum());
    assertEquals(1, e.getLine());
    assertEquals(9, e.getColumn());
    assertEquals("message of 18 bytes", e.getSource());
  }

  @Test
  void aPojoIsBoundAndAnExponentBombBoundToBigIntegerIsAnErrorRecord() {
    BoundedJsonSchema<Msg> s = BoundedJsonSchema.pojo(JsonLimits::defaults, Msg.class);
    Parsed<Msg> ok = s.deserialize(utf8("{\"id\":\"a\",\"amount\":12345678901234567890}"));
    assertEquals(new BigInteger("12345678901234567890"), ok.getValue().amount);
    ParseError e = s.deserialize(utf8("{\"id\":\"a\",\"amount\":1e1000000000}")).getError();
    assertEquals("MAX_NUMBER_LENGTH", e.getKind());
    assertEquals(JsonLimits.DEFAULT_MAX_NUMBER_LENGTH, e.getMaximum());
  }

  @Test
  void malformedTrailingOrMismatchedMessagesAreErrorRecordsAndANullMessageIsNone() {
    BoundedJsonSchema<Msg> s = BoundedJsonSchema.pojo(JsonLimits::defaults, Msg.class);
    for (String m :
        new String[] {"{\"id\":", "{\"id\":\"a\"} {}", "{\"id\":[1]}", "null", "{\"x\":1}"}) {
      ParseError e = s.deserialize(utf8(m)).getError();
      assertEquals(ParseError.MALFORMED, e.getKind(), m + ": " + e);
      assertEquals(-1, e.getMaximum());
    }
    assertNull(s.deserialize(null));
  }

  @Test
  void theSchemaShipsItsRecipeAndRebuildsTheLimitsAfterDeserialisation() throws Exception {
    BoundedJsonSchema<JsonNode> s =
        InstantiationUtil.clone(
            BoundedJsonSchema.tree(() -> JsonLimits.builder().maxDepth(2).build()));
    assertFalse(s.deserialize(utf8(nested(2))).isError());
    assertEquals("MAX_DEPTH", s.deserialize(utf8(nested(3))).getError().getKind());
  }
}
