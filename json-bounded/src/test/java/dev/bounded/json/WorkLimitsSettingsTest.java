package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.Limit;
import org.junit.jupiter.api.Test;

/** The deadline and allocation-cap settings of JsonLimits: defaults, builder, value semantics. */
class WorkLimitsSettingsTest {
  @Test
  void theDeadlineDefaultsToFiveMinutesAndTheAllocationCapToUnlimited() {
    JsonLimits d = JsonLimits.defaults();
    assertEquals(300_000, JsonLimits.DEFAULT_MAX_PARSE_MILLIS);
    assertEquals(300_000, d.maxParseMillis());
    assertEquals(JsonLimits.UNLIMITED, JsonLimits.DEFAULT_MAX_ALLOCATED_BYTES);
    assertEquals(JsonLimits.UNLIMITED, d.maxAllocatedBytes());
    assertEquals(300_000, d.maximum(Limit.MAX_PARSE_MILLIS));
    assertEquals(JsonLimits.UNLIMITED, d.maximum(Limit.MAX_ALLOCATED_BYTES));
  }

  @Test
  void builderSetsBothAndTheyTakePartInEquality() {
    JsonLimits a = JsonLimits.builder().maxParseMillis(1500).maxAllocatedBytes(1L << 30).build();
    assertEquals(1500, a.maxParseMillis());
    assertEquals(1L << 30, a.maxAllocatedBytes());
    assertEquals(a, a.toBuilder().build());
    assertEquals(a.hashCode(), a.toBuilder().build().hashCode());
    assertNotEquals(a, a.toBuilder().maxParseMillis(1501).build());
    assertNotEquals(a, a.toBuilder().maxAllocatedBytes(1).build());
    assertTrue(
        a.toString().contains("maxParseMillis=1500, maxAllocatedBytes=1073741824,"), a.toString());
  }

  @Test
  void negativeValuesAreRefusedNamingTheSetting() {
    assertEquals(
        "maxParseMillis < 0: -1",
        assertThrows(IllegalArgumentException.class, () -> JsonLimits.builder().maxParseMillis(-1))
            .getMessage());
    assertEquals(
        "maxAllocatedBytes < 0: -5",
        assertThrows(
                IllegalArgumentException.class, () -> JsonLimits.builder().maxAllocatedBytes(-5))
            .getMessage());
  }
}
