package dev.bounded.core;

/**
 * A configured limit was exceeded. The message has one shape for every format:
 *
 * <pre>{@code
 * Nesting depth (1001) exceeds the maximum allowed (1000, from XmlLimits.maxDepth) at line 3, column 17, byte 52
 * }</pre>
 */
public class LimitExceededException extends BoundedParseException {
  private static final long serialVersionUID = 1L;

  private final Limit limit;
  private final long maximum;
  private final long actual;
  private final String setting;

  /**
   * @param limit which limit
   * @param maximum the configured maximum
   * @param actual the measure that broke it (usually {@code maximum + 1}; a streaming check stops
   *     there), or -1 if unknown
   * @param setting the public setting that configured it, such as {@code "XmlLimits.maxDepth"}
   * @param location where
   */
  public LimitExceededException(
      Limit limit, long maximum, long actual, String setting, ParseLocation location) {
    this(limit, maximum, actual, setting, location, null);
  }

  private LimitExceededException(
      Limit limit,
      long maximum,
      long actual,
      String setting,
      ParseLocation location,
      Throwable cause) {
    super(message(limit, maximum, actual, setting), location, cause);
    this.limit = limit;
    this.maximum = maximum;
    this.actual = actual;
    this.setting = setting;
  }

  private static String message(Limit limit, long maximum, long actual, String setting) {
    String unit = limit.unit().label();
    String suffix = unit.isEmpty() || limit.unit() == Limit.Unit.RATIO ? "" : " " + unit;
    String measured = actual >= 0 ? " (" + actual + suffix + ")" : "";
    return limit.subject()
        + measured
        + " exceeds the maximum allowed ("
        + maximum
        + suffix
        + ", from "
        + setting
        + ")";
  }

  /** Which limit was exceeded. */
  public Limit limit() {
    return limit;
  }

  /** The configured (inclusive) maximum. */
  public long maximum() {
    return maximum;
  }

  /** The measure that broke the limit, or -1 if unknown. Streaming checks stop at maximum + 1. */
  public long actual() {
    return actual;
  }

  /** The public setting that configured the limit, such as {@code "XmlLimits.maxDepth"}. */
  public String setting() {
    return setting;
  }

  @Override
  LimitExceededException relocated(ParseLocation where) {
    return new LimitExceededException(limit, maximum, actual, setting, where, this);
  }
}
