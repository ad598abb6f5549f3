package dev.bounded.json.internal;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A JSON number's text as a Java number: the conversions behind both push loops' {@code JsonNumber}
 * views (byte input in {@link BoundedUtf8Parser}, Reader input in {@link PushLoop}). The text is
 * already within {@code JsonLimits.maxNumberLength}; what does not fit the asked type is an {@link
 * ArithmeticException} naming the (sanitised) text.
 */
final class NumberText {
  private NumberText() {}

  static long longValue(String text, boolean integer) {
    if (!integer) {
      throw new ArithmeticException("Not an integer: " + JacksonErrors.sanitize(text));
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ArithmeticException("Out of long range: " + JacksonErrors.sanitize(text));
    }
  }

  static double doubleValue(String text) {
    return Double.parseDouble(text);
  }

  static BigDecimal bigDecimalValue(String text) {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new ArithmeticException(
          "Exponent out of BigDecimal range: " + JacksonErrors.sanitize(text));
    }
  }

  static BigInteger bigIntegerValue(String text, boolean integer) {
    if (!integer) {
      throw new ArithmeticException("Not an integer: " + JacksonErrors.sanitize(text));
    }
    return new BigInteger(text);
  }
}
