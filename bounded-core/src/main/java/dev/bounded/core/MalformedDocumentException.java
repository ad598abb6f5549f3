package dev.bounded.core;

/**
 * The input is not a well-formed document: bad syntax, a bad or unsupported encoding, truncation,
 * trailing content after the root value.
 */
public class MalformedDocumentException extends BoundedParseException {
  private static final long serialVersionUID = 1L;

  /**
   * @param problem what is wrong, without the location
   * @param location where, or {@link ParseLocation#UNKNOWN}
   * @param cause the underlying parser's exception, or null
   */
  public MalformedDocumentException(String problem, ParseLocation location, Throwable cause) {
    super(problem, location, cause);
  }

  @Override
  MalformedDocumentException relocated(ParseLocation where) {
    return new MalformedDocumentException(problem(), where, this);
  }
}
