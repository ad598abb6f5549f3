package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bounded.core.Limit;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DepthLimitTest {
  private static final JsonLimits TWO = JsonLimits.builder().maxDepth(2).build();
  private static final String MESSAGE =
      "Nesting depth (3) exceeds the maximum allowed (2, from JsonLimits.maxDepth)"
          + " at line 1, column 3, byte 2 (path /0/0)";

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void depthAtTheLimitPasses(InputMode mode) throws Exception {
    Recorder r = new Recorder();
    mode.parse("[[1],{\"a\":null}]", TWO, r);
    assertEquals(List.of("[", "[", "number:1", "]", "{", "name:a", "null", "}", "]"), r.events);
    assertDoesNotThrow(
        () -> mode.pullAll("[[1],{\"a\":[]}]", JsonLimits.builder().maxDepth(3).build()));
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void oneLevelOverMaxDepthIsRejectedAfterTheEventsBeforeIt(InputMode mode) {
    Recorder r = new Recorder();
    Breach.push(() -> mode.parse("[[[1]]]", TWO, r), Limit.MAX_DEPTH, 2, MESSAGE);
    assertEquals(List.of("[", "["), r.events);
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void oneLevelOverMaxDepthIsRejectedByThePullParser(InputMode mode) {
    Breach.pull(() -> mode.pullAll("[[[1]]]", TWO), Limit.MAX_DEPTH, 2, MESSAGE);
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void depthIsEnforcedInsideSkipChildren(InputMode mode) {
    Breach.pull(() -> mode.skipRoot("[[[1]]]", TWO), Limit.MAX_DEPTH, 2, MESSAGE);
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void depthIsEnforcedInsideAContainerTheHandlerSkips(InputMode mode) {
    JsonHandler skipAll =
        new JsonHandler() {
          @Override
          public Control startArray() {
            return Control.SKIP;
          }
        };
    Breach.push(() -> mode.parse("[[[1]]]", TWO, skipAll), Limit.MAX_DEPTH, 2, MESSAGE);
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void aBareScalarHasDepthZero(InputMode mode) throws Exception {
    JsonLimits zero = JsonLimits.builder().maxDepth(0).build();
    mode.parse("1", zero, new Recorder());
    Breach.push(
        () -> mode.parse("[]", zero, new Recorder()),
        Limit.MAX_DEPTH,
        0,
        "Nesting depth (1) exceeds the maximum allowed (0, from JsonLimits.maxDepth)"
            + " at line 1, column 1, byte 0");
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void objectsCountLikeArrays(InputMode mode) {
    Breach.push(
        () -> mode.parse("{\"a\":{\"b\":{}}}", TWO, new Recorder()),
        Limit.MAX_DEPTH,
        2,
        "Nesting depth (3) exceeds the maximum allowed (2, from JsonLimits.maxDepth)"
            + " at line 1, column 11, byte 10 (path /a/b)");
  }
}
