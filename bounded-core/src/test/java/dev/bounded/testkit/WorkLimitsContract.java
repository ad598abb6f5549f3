package dev.bounded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.Limit;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The one shape of the deadline ({@code maxParseMillis}) and allocation-cap ({@code
 * maxAllocatedBytes}) settings that {@code XmlLimits} and {@code JsonLimits} share: defaults,
 * builder, value semantics, refusals, {@code unlimited()}. Each module's {@code
 * WorkLimitsSettingsTest} extends it and says how to reach its class.
 *
 * @param <L> the limits class
 */
public abstract class WorkLimitsContract<L> {
  /** The limits class's simple name, as errors name it: {@code "XmlLimits"}. */
  protected abstract String settingsClass();

  /** {@code L.defaults()}. */
  protected abstract L defaults();

  /** {@code L.builder().maxParseMillis(millis).maxAllocatedBytes(bytes).build()}. */
  protected abstract L built(long millis, long bytes);

  /** {@code l.toBuilder()}, changed by {@code change}, built. */
  protected abstract L rebuilt(L l, UnaryOperator<Settings> change);

  /** {@code L.builder().maxParseMillis(5).maxAllocatedBytes(5).unlimited().build()}. */
  protected abstract L liftedByUnlimited();

  /** The accessors and {@code maximum(Limit)} of a limits value. */
  protected abstract ToLongFunction<L> maxParseMillis();

  /** {@code maxAllocatedBytes()}. */
  protected abstract ToLongFunction<L> maxAllocatedBytes();

  /** {@code l.maximum(limit)}. */
  protected abstract long maximum(L l, Limit limit);

  /** A fresh builder's {@code maxParseMillis(v)} (for its refusal). */
  protected abstract void builderMaxParseMillis(long v);

  /** A fresh builder's {@code maxAllocatedBytes(v)} (for its refusal). */
  protected abstract void builderMaxAllocatedBytes(long v);

  /** The two settings a {@link #rebuilt} change may set, named as the builder names them. */
  public record Settings(long maxParseMillis, long maxAllocatedBytes) {
    /** With {@code maxParseMillis} set. */
    public Settings millis(long v) {
      return new Settings(v, maxAllocatedBytes);
    }

    /** With {@code maxAllocatedBytes} set. */
    public Settings bytes(long v) {
      return new Settings(maxParseMillis, v);
    }
  }

  @Test
  void theDeadlineDefaultsToFiveMinutesAndTheAllocationCapToUnlimited() {
    L d = defaults();
    assertEquals(300_000, maxParseMillis().applyAsLong(d));
    assertEquals(Long.MAX_VALUE, maxAllocatedBytes().applyAsLong(d));
    assertEquals(300_000, maximum(d, Limit.MAX_PARSE_MILLIS));
    assertEquals(Long.MAX_VALUE, maximum(d, Limit.MAX_ALLOCATED_BYTES));
  }

  @Test
  void builderSetsBothAndTheyTakePartInEquality() {
    L a = built(1500, 1L << 30);
    assertEquals(1500, maxParseMillis().applyAsLong(a));
    assertEquals(1L << 30, maxAllocatedBytes().applyAsLong(a));
    L same = rebuilt(a, s -> s);
    assertEquals(a, same);
    assertEquals(a.hashCode(), same.hashCode());
    assertNotEquals(a, rebuilt(a, s -> s.millis(1501)));
    assertNotEquals(a, rebuilt(a, s -> s.bytes(1)));
    assertTrue(
        a.toString().contains("maxParseMillis=1500, maxAllocatedBytes=1073741824"), a.toString());
    assertTrue(a.toString().startsWith(settingsClass() + "{"), a.toString());
  }

  @Test
  void negativeValuesAreRefusedNamingTheSetting() {
    assertEquals(
        "maxParseMillis < 0: -1",
        assertThrows(IllegalArgumentException.class, () -> builderMaxParseMillis(-1)).getMessage());
    assertEquals(
        "maxAllocatedBytes < 0: -5",
        assertThrows(IllegalArgumentException.class, () -> builderMaxAllocatedBytes(-5))
            .getMessage());
  }

  @Test
  void unlimitedLiftsBoth() {
    L u = liftedByUnlimited();
    assertEquals(Long.MAX_VALUE, maxParseMillis().applyAsLong(u));
    assertEquals(Long.MAX_VALUE, maxAllocatedBytes().applyAsLong(u));
  }
}
