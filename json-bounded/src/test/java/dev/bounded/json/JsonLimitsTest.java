package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.Limit;
import org.junit.jupiter.api.Test;

class JsonLimitsTest {
  @Test
  void everyDefaultIsFinite() {
    JsonLimits d = JsonLimits.defaults();
    for (Limit l :
        new Limit[] {
          Limit.MAX_BYTES,
          Limit.MAX_DEPTH,
          Limit.MAX_TOKENS,
          Limit.MAX_STRING_LENGTH,
          Limit.MAX_NUMBER_LENGTH,
          Limit.MAX_NAME_LENGTH
        }) {
      assertTrue(d.maximum(l) > 0 && d.maximum(l) < JsonLimits.UNLIMITED, l.name());
    }
    assertEquals(-1, d.maximum(Limit.MAX_ELEMENTS));
  }

  @Test
  void negativeValuesAreRefusedNamingTheSetting() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JsonLimits.builder().maxDepth(-1));
    assertEquals("maxDepth < 0: -1", e.getMessage());
  }

  @Test
  void toBuilderStartsFromTheseLimits() {
    JsonLimits a = JsonLimits.builder().maxDepth(7).rejectDuplicateNames(true).build();
    assertEquals(a, a.toBuilder().build());
    assertNotEquals(a, a.toBuilder().maxTokens(3).build());
    assertEquals(7, a.toBuilder().maxBytes(1).build().maxDepth());
  }
}
