package dev.bounded.core;

import dev.bounded.core.internal.ParseErrors;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The base of every error caused by the input: a limit exceeded ({@link LimitExceededException}),
 * input that is not well-formed ({@link MalformedDocumentException}), or a construct the policy
 * forbids ({@link ForbiddenConstructException}).
 *
 * <p>Where a standard API dictates its own exception type ({@code XMLStreamException}, {@code
 * SAXException}, Jackson's {@code JsonProcessingException}), Bounded throws that type with this
 * exception in its cause chain; {@link #find(Throwable)} digs it out.
 *
 * <p>Messages never echo more than a short, escaped excerpt of the input, so they are safe to log.
 */
public class BoundedParseException extends IOException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_CAUSE_DEPTH = 64;

  static {
    ParseErrors.install((e, where) -> e.relocated(where));
  }

  private final String problem;
  private final ParseLocation location;

  /**
   * @param problem what went wrong, without the location (which is appended)
   * @param location where, or {@link ParseLocation#UNKNOWN}
   * @param cause the underlying exception, or null
   */
  public BoundedParseException(String problem, ParseLocation location, Throwable cause) {
    super(problem + Objects.requireNonNull(location, "location").describe(), cause);
    this.problem = problem;
    this.location = location;
  }

  /** The problem without the location suffix. */
  public String problem() {
    return problem;
  }

  /** Where it happened; fields are -1 (or null) where unknown. */
  public ParseLocation location() {
    return location;
  }

  /** 1-based line, or -1 if unknown. */
  public long line() {
    return location.line();
  }

  /** 1-based column, or -1 if unknown. */
  public long column() {
    return location.column();
  }

  /** 0-based byte offset in the raw input, or -1 if unknown. */
  public long byteOffset() {
    return location.byteOffset();
  }

  /** The copy {@link ParseErrors#relocate} makes: overridden by each subclass of ours. */
  BoundedParseException relocated(ParseLocation where) {
    return new BoundedParseException(problem, where, this);
  }

  /**
   * Finds the first {@code BoundedParseException} in {@code t}'s cause chain, {@code t} included.
   * Safe on cyclic chains.
   */
  public static Optional<BoundedParseException> find(Throwable t) {
    return find(t, BoundedParseException.class);
  }

  /**
   * Finds the first exception of {@code type} in {@code t}'s cause chain, {@code t} included: for
   * example {@code find(e, LimitExceededException.class)} on a {@code SAXParseException} from the
   * DOM drop-in. Safe on cyclic chains.
   */
  public static <T extends BoundedParseException> Optional<T> find(Throwable t, Class<T> type) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (int i = 0; t != null && i < MAX_CAUSE_DEPTH && seen.put(t, Boolean.TRUE) == null; i++) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
      t = t.getCause();
    }
    return Optional.empty();
  }
}
