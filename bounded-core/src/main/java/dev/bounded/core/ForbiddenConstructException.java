package dev.bounded.core;

/**
 * The input uses a construct the configured policy forbids: a DOCTYPE when DTDs are refused, an
 * external entity or DTD reference, an entity reference that cannot be expanded safely.
 */
public class ForbiddenConstructException extends BoundedParseException {
  private static final long serialVersionUID = 1L;

  private final String construct;

  /**
   * @param construct the construct, short: {@code "DOCTYPE"}, {@code "external entity"}
   * @param problem the full explanation, naming the policy setting that forbids it
   * @param location where
   * @param cause the underlying exception, or null
   */
  public ForbiddenConstructException(
      String construct, String problem, ParseLocation location, Throwable cause) {
    super(problem, location, cause);
    this.construct = construct;
  }

  /** The construct that was refused: {@code "DOCTYPE"}, {@code "external entity"}, ... */
  public String construct() {
    return construct;
  }

  @Override
  ForbiddenConstructException relocated(ParseLocation where) {
    return new ForbiddenConstructException(construct, problem(), where, this);
  }
}
