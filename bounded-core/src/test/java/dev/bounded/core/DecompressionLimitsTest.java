package dev.bounded.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link DecompressionLimits} has the shape of the other limits classes (issue 20). */
class DecompressionLimitsTest {

  @Test
  void defaultsAreTheNamedConstantsAndFinite() {
    DecompressionLimits d = DecompressionLimits.defaults();
    assertEquals(DecompressionLimits.DEFAULT_MAX_EXPANDED_BYTES, d.maxExpandedBytes());
    assertEquals(DecompressionLimits.DEFAULT_MAX_EXPANSION_RATIO, d.maxExpansionRatio());
    assertEquals(DecompressionLimits.DEFAULT_MAX_COMPRESSED_BYTES, d.maxCompressedBytes());
    assertEquals(DecompressionLimits.DEFAULT_MAX_MEMBERS, d.maxMembers());
    for (Limit l : Limit.values()) {
      long max = d.maximum(l);
      assertEquals(true, max == -1 || max < DecompressionLimits.UNLIMITED, l.name());
    }
    assertEquals(d, DecompressionLimits.builder().build());
  }

  @Test
  void builderToBuilderEqualsHashCodeAndToString() {
    DecompressionLimits a =
        DecompressionLimits.builder()
            .maxExpandedBytes(1)
            .maxExpansionRatio(2)
            .maxCompressedBytes(3)
            .maxMembers(4)
            .build();
    assertEquals(1, a.maximum(Limit.MAX_EXPANDED_BYTES));
    assertEquals(2, a.maximum(Limit.MAX_EXPANSION_RATIO));
    assertEquals(3, a.maximum(Limit.MAX_COMPRESSED_BYTES));
    assertEquals(4, a.maximum(Limit.MAX_MEMBERS));
    assertEquals(-1, a.maximum(Limit.MAX_DEPTH));
    DecompressionLimits b = a.toBuilder().build();
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, a.toBuilder().maxMembers(5).build());
    assertNotEquals(a, a.toBuilder().maxCompressedBytes(5).build());
    assertEquals(
        "DecompressionLimits{maxExpandedBytes=1, maxExpansionRatio=2, maxCompressedBytes=3,"
            + " maxMembers=4}",
        a.toString());
    DecompressionLimits u = DecompressionLimits.builder().unlimited().build();
    for (Limit l :
        new Limit[] {
          Limit.MAX_EXPANDED_BYTES,
          Limit.MAX_EXPANSION_RATIO,
          Limit.MAX_COMPRESSED_BYTES,
          Limit.MAX_MEMBERS
        }) {
      assertEquals(DecompressionLimits.UNLIMITED, u.maximum(l));
    }
  }

  @Test
  void ofKeepsTheCompressedSideDefaults() {
    DecompressionLimits o = DecompressionLimits.of(10, 20);
    assertEquals(
        DecompressionLimits.builder().maxExpandedBytes(10).maxExpansionRatio(20).build(), o);
    assertEquals(DecompressionLimits.DEFAULT_MAX_COMPRESSED_BYTES, o.maxCompressedBytes());
    assertEquals(DecompressionLimits.DEFAULT_MAX_MEMBERS, o.maxMembers());
  }

  @Test
  void negativeValuesThrowNamingTheMethod() {
    DecompressionLimits.Builder b = DecompressionLimits.builder();
    assertEquals(
        "maxExpandedBytes < 0: -1",
        assertThrows(IllegalArgumentException.class, () -> b.maxExpandedBytes(-1)).getMessage());
    assertEquals(
        "maxExpansionRatio < 1: 0",
        assertThrows(IllegalArgumentException.class, () -> b.maxExpansionRatio(0)).getMessage());
    assertEquals(
        "maxCompressedBytes < 0: -2",
        assertThrows(IllegalArgumentException.class, () -> b.maxCompressedBytes(-2)).getMessage());
    assertEquals(
        "maxMembers < 0: -3",
        assertThrows(IllegalArgumentException.class, () -> b.maxMembers(-3)).getMessage());
  }
}
