package dev.bounded.flink;

import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * What a bounded format or deserialisation schema emits: a value, or the {@link ParseError} that
 * took the place of one. Exactly one of the two is set. {@link ErrorRouter} sends the values on and
 * the errors to a side output. A Flink POJO; {@link #typeOf(TypeInformation)} gives its type
 * information for a value type.
 *
 * @param <T> the value type
 */
public final class Parsed<T> {
  private T value;
  private ParseError error;

  /** For Flink's POJO serializer; use {@link #value(Object)} or {@link #error(ParseError)}. */
  public Parsed() {}

  /** A value. */
  public static <T> Parsed<T> value(T value) {
    Parsed<T> p = new Parsed<>();
    p.value = Objects.requireNonNull(value, "value");
    return p;
  }

  /** An error record. */
  public static <T> Parsed<T> error(ParseError error) {
    Parsed<T> p = new Parsed<>();
    p.error = Objects.requireNonNull(error, "error");
    return p;
  }

  /**
   * The type information of {@code Parsed<T>}: a POJO of the value's type and {@link ParseError}.
   */
  public static <T> TypeInformation<Parsed<T>> typeOf(TypeInformation<T> valueType) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    TypeInformation<Parsed<T>> t =
        (TypeInformation)
            Types.POJO(
                Parsed.class,
                Map.of("value", valueType, "error", TypeInformation.of(ParseError.class)));
    return t;
  }

  /** Whether this is an error record. */
  public boolean isError() {
    return error != null;
  }

  /** The value, or null for an error record. */
  public T getValue() {
    return value;
  }

  /** Sets {@link #getValue()} (for Flink's serializer). */
  public void setValue(T value) {
    this.value = value;
  }

  /** The error record, or null for a value. */
  public ParseError getError() {
    return error;
  }

  /** Sets {@link #getError()} (for Flink's serializer). */
  public void setError(ParseError error) {
    this.error = error;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Parsed
        && Objects.equals(value, ((Parsed<?>) o).value)
        && Objects.equals(error, ((Parsed<?>) o).error);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, error);
  }

  @Override
  public String toString() {
    return error != null ? "error " + error : String.valueOf(value);
  }
}
