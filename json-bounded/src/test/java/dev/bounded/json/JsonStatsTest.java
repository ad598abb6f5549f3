package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link BoundedJson#parse} returns what the parse counted, whatever the input mode. */
class JsonStatsTest {
  private static final String DOC = "{\"a\":[1,{\"b\":[true]}],\"c\":\"x\"}";

  private static void assertCounted(JsonStats s, long bytes) {
    // { a [ 1 { b [ true ] } ] c "x" } = 14 tokens; [ inside { inside [ inside { = depth 4
    assertEquals(14, s.tokens(), s.toString());
    assertEquals(4, s.maxDepth(), s.toString());
    assertEquals(1, s.values());
    assertEquals(bytes, s.bytes(), s.toString());
    assertTrue(s.complete());
  }

  @Test
  void bytesStreamsAndReadersReportTheSameCounts() throws Exception {
    byte[] utf8 = DOC.getBytes(StandardCharsets.UTF_8);
    JsonLimits l = JsonLimits.defaults();
    assertCounted(BoundedJson.parse(utf8, l, new JsonHandler() {}), utf8.length);
    assertCounted(
        BoundedJson.parse(new ByteArrayInputStream(utf8), l, new JsonHandler() {}), utf8.length);
    assertCounted(
        BoundedJson.parse(new InputMode.Trickle(InputMode.stream(DOC)), l, new JsonHandler() {}),
        utf8.length);
    assertCounted(BoundedJson.parse(new StringReader(DOC), l, new JsonHandler() {}), DOC.length());
  }

  @Test
  void theTokenCountIsTheOneMaxTokensHoldsToItsBoundary() throws Exception {
    JsonStats s =
        BoundedJson.parse(
            DOC.getBytes(StandardCharsets.UTF_8), JsonLimits.defaults(), new JsonHandler() {});
    JsonLimits exact = JsonLimits.builder().maxTokens(s.tokens()).build();
    assertEquals(
        s.tokens(), BoundedJson.parse(new StringReader(DOC), exact, new JsonHandler() {}).tokens());
  }

  @Test
  void aStoppedParseIsIncompleteAndCountsWhatItRead() throws Exception {
    JsonStats s =
        BoundedJson.parse(
            new StringReader(DOC),
            JsonLimits.defaults(),
            new JsonHandler() {
              @Override
              public Control fieldName(String name) {
                return name.equals("b") ? Control.STOP : Control.CONTINUE;
              }
            });
    assertFalse(s.complete());
    assertEquals(0, s.values());
    assertEquals(6, s.tokens(), s.toString()); // { a [ 1 { b
    assertEquals(3, s.maxDepth());
    assertTrue(s.bytes() > 0 && s.bytes() < DOC.length(), s.toString());
  }

  @Test
  void skippedContainersAreCountedAsTokensButNotAsDepth() throws Exception {
    JsonStats s =
        BoundedJson.parse(
            DOC.getBytes(StandardCharsets.UTF_8),
            JsonLimits.defaults(),
            new JsonHandler() {
              @Override
              public Control startArray() {
                return Control.SKIP;
              }
            });
    assertEquals(14, s.tokens());
    assertEquals(1, s.maxDepth());
    assertTrue(s.complete());
  }
}
