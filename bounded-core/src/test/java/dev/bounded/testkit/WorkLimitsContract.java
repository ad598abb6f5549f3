package dev.bounded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.Limit;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * The one shape of the deadline ({@code maxParseMillis}) and allocation-cap ({@code
 * maxAllocatedBytes}) settings that {@code XmlLimits} and {@code JsonLimits} share: defaults,
 * builder, value semantics, refusals, {@code unlimited()}. Each module's {@code
 * WorkLimitsSettingsTest} only names its class; the contract reaches {@code defaults()}, {@code
 * builder()}, {@code toBuilder()}, the builder's setters and the accessors by their names, so a
 * class that names any of them differently fails here as well.
 *
 * @param <L> the limits class
 */
public abstract class WorkLimitsContract<L> {
  private final Class<L> type;

  /** The contract for {@code type}, e.g. {@code XmlLimits.class}. */
  protected WorkLimitsContract(Class<L> type) {
    this.type = type;
  }

  @Test
  void theDeadlineDefaultsToFiveMinutesAndTheAllocationCapToUnlimited() {
    Object d = call(null, type, "defaults");
    assertEquals(300_000L, call(d, type, "maxParseMillis"));
    assertEquals(Long.MAX_VALUE, call(d, type, "maxAllocatedBytes"));
    assertEquals(300_000L, maximum(d, Limit.MAX_PARSE_MILLIS));
    assertEquals(Long.MAX_VALUE, maximum(d, Limit.MAX_ALLOCATED_BYTES));
  }

  @Test
  void builderSetsBothAndTheyTakePartInEquality() {
    Object a =
        build(
            set(
                set(call(null, type, "builder"), "maxParseMillis", 1500),
                "maxAllocatedBytes",
                1L << 30));
    assertEquals(1500L, call(a, type, "maxParseMillis"));
    assertEquals(1L << 30, call(a, type, "maxAllocatedBytes"));
    Object same = build(call(a, type, "toBuilder"));
    assertEquals(a, same);
    assertEquals(a.hashCode(), same.hashCode());
    assertNotEquals(a, build(set(call(a, type, "toBuilder"), "maxParseMillis", 1501)));
    assertNotEquals(a, build(set(call(a, type, "toBuilder"), "maxAllocatedBytes", 1)));
    assertTrue(
        a.toString().contains("maxParseMillis=1500, maxAllocatedBytes=1073741824"), a.toString());
    assertTrue(a.toString().startsWith(type.getSimpleName() + "{"), a.toString());
  }

  @Test
  void negativeValuesAreRefusedNamingTheSetting() {
    assertEquals(
        "maxParseMillis < 0: -1",
        assertThrows(
                IllegalArgumentException.class,
                () -> set(call(null, type, "builder"), "maxParseMillis", -1))
            .getMessage());
    assertEquals(
        "maxAllocatedBytes < 0: -5",
        assertThrows(
                IllegalArgumentException.class,
                () -> set(call(null, type, "builder"), "maxAllocatedBytes", -5))
            .getMessage());
  }

  @Test
  void unlimitedLiftsBoth() {
    Object b = set(set(call(null, type, "builder"), "maxParseMillis", 5), "maxAllocatedBytes", 5);
    Object u = build(call(b, b.getClass(), "unlimited"));
    assertEquals(Long.MAX_VALUE, call(u, type, "maxParseMillis"));
    assertEquals(Long.MAX_VALUE, call(u, type, "maxAllocatedBytes"));
  }

  private long maximum(Object limits, Limit limit) {
    return (Long) invoke(method(type, "maximum", Limit.class), limits, limit);
  }

  private static Object set(Object builder, String setter, long value) {
    return invoke(method(builder.getClass(), setter, long.class), builder, value);
  }

  private static Object build(Object builder) {
    return call(builder, builder.getClass(), "build");
  }

  private static Object call(Object target, Class<?> owner, String name) {
    return invoke(method(owner, name), target);
  }

  private static Method method(Class<?> owner, String name, Class<?>... parameters) {
    try {
      return owner.getMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(owner.getSimpleName() + " has no public " + name, e);
    }
  }

  /** Invokes {@code m}, rethrowing what the method itself threw. */
  private static Object invoke(Method m, Object target, Object... args) {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new AssertionError(e.getCause());
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }
}
