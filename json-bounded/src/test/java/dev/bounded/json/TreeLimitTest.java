package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.ParseBudget;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tree ceiling and the budget charge of databind reads (issue 14): {@code maxTreeNodes} is
 * exact (the tokens databind reads), for bytes, streams and Readers and for every databind read;
 * the budget is charged while a tree is built and released when the parser closes; streaming
 * parsers are never charged.
 */
class TreeLimitTest {
  /** {@code [1,1,...,1]} of {@code n} tokens (n - 2 ones). */
  private static String ones(int tokens) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < tokens - 2; i++) {
      sb.append(i > 0 ? ",1" : "1");
    }
    return sb.append(']').toString();
  }

  @Test
  void aTreeOfExactlyMaxTreeNodesIsBuiltAndOneMoreFails() throws Exception {
    int max = 1_000;
    ObjectMapper mapper =
        new ObjectMapper(BoundedJson.newFactory(JsonLimits.builder().maxTreeNodes(max).build()));
    String exact = ones(max);
    String over = ones(max + 1);
    assertEquals(max - 2, mapper.readTree(exact).size());
    assertEquals(max - 2, mapper.readTree(new StringReader(exact)).size());
    assertEquals(
        max - 2,
        mapper.readTree(new ByteArrayInputStream(exact.getBytes(StandardCharsets.UTF_8))).size());
    assertEquals(max - 2, mapper.readValue(exact, List.class).size());
    for (Read r :
        new Read[] {
          () -> mapper.readTree(over),
          () -> mapper.readTree(new StringReader(over)),
          () -> mapper.readTree(new ByteArrayInputStream(over.getBytes(StandardCharsets.UTF_8))),
          () -> mapper.readValue(over, List.class),
          () -> mapper.readValue(over, Object.class),
          () -> mapper.readValue(over, int[].class),
        }) {
      JsonProcessingException e = assertThrows(JsonProcessingException.class, r::run);
      LimitExceededException ours =
          BoundedParseException.find(e, LimitExceededException.class).orElseThrow();
      assertEquals(Limit.MAX_NODES, ours.limit());
      assertEquals(max, ours.maximum());
      assertEquals(max + 1, ours.actual());
      assertEquals("JsonLimits.maxTreeNodes", ours.setting());
      assertEquals(1, ours.line());
    }
  }

  interface Read {
    Object run() throws Exception;
  }

  @Test
  void aTreeIsChargedToTheBudgetWhileBuiltAndReleasedAfter() throws Exception {
    ParseBudget budget = ParseBudget.of(1L << 20, Duration.ZERO);
    JsonLimits limits = JsonLimits.builder().parseBudget(budget).build();
    ObjectMapper mapper = new ObjectMapper(BoundedJson.newFactory(limits));
    // 100,000 tokens at 96 bytes: 9.6 MB charged, over a 1 MB budget.
    String big = ones(100_000);
    for (Read r :
        new Read[] {
          () -> mapper.readTree(big),
          () -> mapper.readTree(new StringReader(big)),
          () -> mapper.readValue(big, List.class)
        }) {
      JsonProcessingException e = assertThrows(JsonProcessingException.class, r::run);
      LimitExceededException ours =
          BoundedParseException.find(e, LimitExceededException.class).orElseThrow();
      assertEquals(Limit.PARSE_BUDGET, ours.limit());
      assertTrue(ours.line() >= 1, ours::getMessage);
      assertEquals(0, budget.held());
      assertEquals(0, budget.activeParses());
    }
    // Text is charged too: 20 strings of 100,000 chars = 4 MB charged.
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < 70; i++) {
      sb.append(i > 0 ? "," : "").append('"').append("x".repeat(i < 20 ? 100_000 : 1)).append('"');
    }
    String text = sb.append(']').toString();
    JsonProcessingException e =
        assertThrows(JsonProcessingException.class, () -> mapper.readTree(text));
    assertEquals(
        Limit.PARSE_BUDGET,
        BoundedParseException.find(e, LimitExceededException.class).orElseThrow().limit());
    // A small tree fits, and releases what it held.
    JsonNode n = mapper.readTree(ones(5_000));
    assertEquals(4_998, n.size());
    assertEquals(0, budget.held());
    assertTrue(budget.highWaterMark() > 0);
    Map<?, ?> m = mapper.readValue("{\"a\":1}", Map.class);
    assertEquals(1, m.size());
  }

  @Test
  void theTreeSettingsTakePartInEqualityAndScaleWithTheHeap() {
    long heapScaled = Math.max(1, Runtime.getRuntime().maxMemory() / 256);
    assertEquals(heapScaled, JsonLimits.DEFAULT_MAX_TREE_NODES);
    assertEquals(heapScaled, JsonLimits.defaults().maxTreeNodes());
    assertEquals(heapScaled, JsonLimits.defaults().maximum(Limit.MAX_NODES));
    assertTrue(JsonLimits.defaults().parseBudget() == ParseBudget.processDefault());
    JsonLimits a = JsonLimits.builder().maxTreeNodes(7).build();
    assertEquals(a, a.toBuilder().build());
    assertEquals(a.hashCode(), a.toBuilder().build().hashCode());
    assertTrue(!a.equals(a.toBuilder().maxTreeNodes(8).build()));
    ParseBudget other = ParseBudget.of(1, Duration.ZERO);
    assertTrue(!a.equals(a.toBuilder().parseBudget(other).build()));
    assertTrue(a.toBuilder().parseBudget(other).build().parseBudget() == other);
    assertEquals(
        "maxTreeNodes < 0: -1",
        assertThrows(IllegalArgumentException.class, () -> JsonLimits.builder().maxTreeNodes(-1))
            .getMessage());
  }

  @Test
  void streamingParsersAreNeverCharged() throws Exception {
    ParseBudget none = ParseBudget.of(0, Duration.ZERO);
    JsonLimits limits = JsonLimits.builder().parseBudget(none).maxTreeNodes(10).build();
    String doc = ones(200_000);
    int[] n = {0};
    BoundedJson.parse(
        doc.getBytes(StandardCharsets.UTF_8),
        limits,
        new JsonHandler() {
          @Override
          public Control number(JsonNumber v) {
            n[0]++;
            return Control.CONTINUE;
          }
        });
    assertEquals(200_000 - 2, n[0]);
    for (JsonParser p :
        new JsonParser[] {
          BoundedJson.newParser(doc.getBytes(StandardCharsets.UTF_8), limits),
          BoundedJson.newParser(new StringReader(doc), limits),
          BoundedJson.newFactory(limits).createParser(doc)
        }) {
      try (p) {
        long t = 0;
        while (p.nextToken() != null) {
          t++;
        }
        assertEquals(200_000, t);
      }
    }
    assertEquals(0, none.highWaterMark());
  }
}
