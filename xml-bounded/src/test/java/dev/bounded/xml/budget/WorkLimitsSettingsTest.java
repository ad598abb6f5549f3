package dev.bounded.xml.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.Limit;
import dev.bounded.xml.XmlLimits;
import org.junit.jupiter.api.Test;

/** The deadline and allocation-cap settings of XmlLimits: defaults, builder, value semantics. */
class WorkLimitsSettingsTest {
  @Test
  void theDeadlineDefaultsToFiveMinutesAndTheAllocationCapToUnlimited() {
    XmlLimits d = XmlLimits.defaults();
    assertEquals(300_000, XmlLimits.DEFAULT_MAX_PARSE_MILLIS);
    assertEquals(300_000, d.maxParseMillis());
    assertEquals(XmlLimits.UNLIMITED, d.maxAllocatedBytes());
    assertEquals(300_000, d.maximum(Limit.MAX_PARSE_MILLIS));
    assertEquals(XmlLimits.UNLIMITED, d.maximum(Limit.MAX_ALLOCATED_BYTES));
  }

  @Test
  void builderSetsBothAndTheyTakePartInEquality() {
    XmlLimits a = XmlLimits.builder().maxParseMillis(1500).maxAllocatedBytes(1L << 30).build();
    assertEquals(1500, a.maxParseMillis());
    assertEquals(1L << 30, a.maxAllocatedBytes());
    assertEquals(a, a.toBuilder().build());
    assertEquals(a.hashCode(), a.toBuilder().build().hashCode());
    assertNotEquals(a, a.toBuilder().maxParseMillis(1501).build());
    assertNotEquals(a, a.toBuilder().maxAllocatedBytes(1).build());
    assertTrue(
        a.toString().contains("maxParseMillis=1500, maxAllocatedBytes=1073741824"), a.toString());
  }

  @Test
  void negativeValuesAreRefusedNamingTheSetting() {
    assertEquals(
        "maxParseMillis < 0: -1",
        assertThrows(IllegalArgumentException.class, () -> XmlLimits.builder().maxParseMillis(-1))
            .getMessage());
    assertEquals(
        "maxAllocatedBytes < 0: -5",
        assertThrows(
                IllegalArgumentException.class, () -> XmlLimits.builder().maxAllocatedBytes(-5))
            .getMessage());
  }

  @Test
  void unlimitedLiftsBoth() {
    XmlLimits u = XmlLimits.builder().maxParseMillis(5).maxAllocatedBytes(5).unlimited().build();
    assertEquals(XmlLimits.UNLIMITED, u.maxParseMillis());
    assertEquals(XmlLimits.UNLIMITED, u.maxAllocatedBytes());
  }
}
