package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bounded.core.Limit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TokenLimitTest {
  private static final JsonLimits FIVE = JsonLimits.builder().maxTokens(5).build();
  private static final String MESSAGE =
      "Token count (6) exceeds the maximum allowed (5, from JsonLimits.maxTokens)"
          + " at line 1, column 9, byte 8";

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void tokensAtTheLimitPass(InputMode mode) throws Exception {
    mode.parse("[1,2,3]", FIVE, new Recorder());
    mode.parse("{\"a\":[]}", FIVE, new Recorder());
    assertDoesNotThrow(() -> mode.pullAll("[1,2,3]", FIVE));
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void oneTokenOverIsRejected(InputMode mode) {
    Recorder r = new Recorder();
    Breach.push(() -> mode.parse("[1,2,3,4]", FIVE, r), Limit.MAX_TOKENS, 5, MESSAGE);
    assertEquals(5, r.events.size());
    Breach.pull(() -> mode.pullAll("[1,2,3,4]", FIVE), Limit.MAX_TOKENS, 5, MESSAGE);
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void skippedTokensCount(InputMode mode) {
    Breach.pull(() -> mode.skipRoot("[1,2,3,4]", FIVE), Limit.MAX_TOKENS, 5, MESSAGE);
    JsonHandler skip =
        new JsonHandler() {
          @Override
          public Control startArray() {
            return Control.SKIP;
          }
        };
    Breach.push(() -> mode.parse("[1,2,3,4]", FIVE, skip), Limit.MAX_TOKENS, 5, MESSAGE);
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void namesCountOneEach(InputMode mode) {
    Breach.push(
        () -> mode.parse("{\"a\":1,\"b\":2}", FIVE, new Recorder()), Limit.MAX_TOKENS, 5, null);
  }
}
