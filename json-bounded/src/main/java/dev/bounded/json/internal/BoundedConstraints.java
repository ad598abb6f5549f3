package dev.bounded.json.internal;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.ParseLocation;
import dev.bounded.json.JsonLimits;

/**
 * Jackson's own constraints set to our limits, as a second line behind the {@link Scanner}: every
 * check Jackson makes (wherever it makes it) throws our typed exception. The scanner, which runs
 * ahead of Jackson, fires first for all of them; these never fire for a different verdict.
 * Document length and token count are left to our layers (exact, and per value for sequences).
 */
final class BoundedConstraints extends StreamReadConstraints {
  private static final long serialVersionUID = 1L;
  private final JsonLimits limits;

  BoundedConstraints(JsonLimits limits) {
    super(
        clamp(limits.maxDepth()),
        -1L,
        clamp(limits.maxNumberLength()),
        clamp(Math.max(limits.maxStringLength(), limits.maxNameLength())),
        clamp(limits.maxNameLength()),
        -1L);
    this.limits = limits;
  }

  private static int clamp(long v) {
    return (int) Math.min(v, Integer.MAX_VALUE);
  }

  @Override
  public void validateNestingDepth(int depth) throws StreamConstraintsException {
    if (depth > _maxNestingDepth) {
      throw breach(Limit.MAX_DEPTH, limits.maxDepth(), depth, "maxDepth");
    }
  }

  @Override
  public void validateStringLength(int length) throws StreamConstraintsException {
    if (length > _maxStringLen) {
      throw breach(Limit.MAX_STRING_LENGTH, _maxStringLen, length, "maxStringLength");
    }
  }

  @Override
  public void validateNameLength(int length) throws StreamConstraintsException {
    if (length > _maxNameLen) {
      throw breach(Limit.MAX_NAME_LENGTH, limits.maxNameLength(), length, "maxNameLength");
    }
  }

  @Override
  public void validateIntegerLength(int length) throws StreamConstraintsException {
    if (length > _maxNumLen) {
      throw breach(Limit.MAX_NUMBER_LENGTH, limits.maxNumberLength(), length, "maxNumberLength");
    }
  }

  @Override
  public void validateFPLength(int length) throws StreamConstraintsException {
    if (length > _maxNumLen) {
      throw breach(Limit.MAX_NUMBER_LENGTH, limits.maxNumberLength(), length, "maxNumberLength");
    }
  }

  @Override
  public void validateDocumentLength(long len) {
    // Exact in LimitedInputStream / LimitedReader.
  }

  @Override
  public void validateTokenCount(long count) {
    // Exact in BoundedJsonParser.
  }

  private static StreamConstraintsException breach(
      Limit limit, long max, long actual, String setting) {
    return new Errors.BoundedStreamConstraintsException(
        new LimitExceededException(
            limit, max, actual, "JsonLimits." + setting, ParseLocation.UNKNOWN));
  }
}
