package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectMapperDropInTest {
  private static final JsonLimits LIMITS = JsonLimits.builder().maxDepth(3).build();

  /** Caller code as it was before hardening: only the mapper's construction changed. */
  private static String legacyRead(ObjectMapper mapper, byte[] json) throws IOException {
    try {
      JsonNode n = mapper.readTree(new ByteArrayInputStream(json));
      return "ok:" + n.size();
    } catch (JsonProcessingException e) {
      LimitExceededException ours =
          BoundedParseException.find(e, LimitExceededException.class).orElseThrow();
      return "rejected:" + ours.limit();
    }
  }

  @Test
  void aBreachIsCaughtByUnchangedJsonProcessingExceptionHandlers() throws Exception {
    ObjectMapper mapper = new ObjectMapper(BoundedJson.newFactory(LIMITS));
    assertEquals("ok:1", legacyRead(mapper, "[[[1]]]".getBytes(StandardCharsets.UTF_8)));
    assertEquals(
        "rejected:" + Limit.MAX_DEPTH,
        legacyRead(mapper, "[[[[1]]]]".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readValueAndCopiedMappersAreBoundedToo() throws Exception {
    ObjectMapper mapper = new ObjectMapper(BoundedJson.newFactory(LIMITS)).copy();
    try {
      mapper.readValue("{\"a\":{\"b\":{\"c\":{}}}}", Map.class);
      fail("accepted depth 4");
    } catch (JsonProcessingException e) {
      LimitExceededException ours =
          BoundedParseException.find(e, LimitExceededException.class).orElseThrow();
      assertEquals(Limit.MAX_DEPTH, ours.limit());
      assertEquals("/a/b/c", ours.location().path());
    }
  }

  @Test
  void aSkippedHugeStringIsStillRefusedByDatabind() throws Exception {
    JsonLimits limits = JsonLimits.builder().maxStringLength(10).build();
    ObjectMapper mapper = new ObjectMapper(BoundedJson.newFactory(limits));
    String json = "{\"ignored\":\"" + "x".repeat(11) + "\"}";
    try {
      mapper.readValue(json, Empty.class);
      fail("accepted");
    } catch (JsonProcessingException e) {
      assertTrue(
          BoundedParseException.find(e, LimitExceededException.class).isPresent(), e.toString());
    }
  }

  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
  static final class Empty {}

  @Test
  void validDocumentsReadAsBefore() throws Exception {
    ObjectMapper mapper = new ObjectMapper(BoundedJson.newFactory(JsonLimits.defaults()));
    JsonNode n = mapper.readTree("{\"a\":[1,2.5,\"x\",true,null]}");
    assertNotNull(n);
    assertEquals("{\"a\":[1,2.5,\"x\",true,null]}", mapper.writeValueAsString(n));
  }
}
