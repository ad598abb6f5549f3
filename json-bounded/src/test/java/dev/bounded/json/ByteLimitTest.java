package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bounded.core.Limit;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ByteLimitTest {
  private static final JsonLimits FIVE = JsonLimits.builder().maxBytes(5).build();

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void aDocumentOfExactlyMaxBytesPasses(InputMode mode) throws Exception {
    Recorder r = new Recorder();
    mode.parse("[1,2]", FIVE, r);
    assertEquals(List.of("[", "number:1", "number:2", "]"), r.events);
    assertDoesNotThrow(() -> mode.pullAll("[1,2]", FIVE));
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void oneByteMoreIsRejectedAfterTheEventsBeforeIt(InputMode mode) {
    Recorder r = new Recorder();
    String message =
        "Document size (6 bytes) exceeds the maximum allowed (5 bytes, from JsonLimits.maxBytes)"
            + " at line 1, column 6, byte 5";
    Breach.push(() -> mode.parse("[1,2] ", FIVE, r), Limit.MAX_BYTES, 5, message);
    assertEquals(List.of("[", "number:1", "number:2", "]"), r.events);
    Breach.pull(() -> mode.pullAll("[1,2] ", FIVE), Limit.MAX_BYTES, 5, message);
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void aBreachInsideASkippedValueIsRejected(InputMode mode) {
    Breach.pull(() -> mode.skipRoot("[\"abcdef\"]", FIVE), Limit.MAX_BYTES, 5, null);
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void aTinyLimitFailsInsideTheFirstBytes(InputMode mode) {
    JsonLimits two = JsonLimits.builder().maxBytes(2).build();
    Breach.push(() -> mode.parse("[1]", two, new Recorder()), Limit.MAX_BYTES, 2, null);
  }
}
