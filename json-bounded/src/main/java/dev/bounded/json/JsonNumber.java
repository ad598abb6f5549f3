package dev.bounded.json;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A JSON number as {@link JsonHandler#number} sees it: its text, at most {@link
 * JsonLimits#maxNumberLength()} characters, converted only on request. A view valid only during the
 * callback; {@link #toString()} (the exact text) is safe to keep.
 *
 * <p>No conversion here can explode: {@code 1e1000000000} is never expanded into its digits. {@link
 * #bigIntegerValue()} is offered only for integer tokens, whose digits are already bounded.
 */
public interface JsonNumber extends CharSequence {

  /**
   * True for an integer token (no fraction, no exponent): {@code -12}; false for {@code 1.0},
   * {@code 1e2}.
   */
  boolean isInteger();

  /** The exact text of the token, as in the input: {@code "-1.50e+3"}. */
  @Override
  String toString();

  /**
   * The value as a {@code long}.
   *
   * @throws ArithmeticException if the token is not an integer or does not fit in a {@code long}
   */
  long longValue();

  /**
   * The nearest {@code double} (IEEE 754 rounding, as {@link Double#parseDouble}); {@code 1e400} is
   * infinity and {@code 1e-400} is zero.
   */
  double doubleValue();

  /**
   * The exact value as a {@link BigDecimal}. Never expands the exponent: {@code 1e1000000000}
   * becomes {@code 1} with scale {@code -1000000000}, a few bytes.
   *
   * @throws ArithmeticException if the exponent does not fit {@code BigDecimal}'s {@code int} scale
   */
  BigDecimal bigDecimalValue();

  /**
   * The exact value of an integer token as a {@link BigInteger}, at most {@link
   * JsonLimits#maxNumberLength()} digits.
   *
   * @throws ArithmeticException if the token is not an integer
   */
  BigInteger bigIntegerValue();
}
