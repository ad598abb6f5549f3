package dev.bounded.json.internal;

import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.ParseLocation;
import dev.bounded.json.JsonLimits;

/**
 * The one place that decides the three text-length limits, {@code maxNameLength}, {@code
 * maxStringLength} and {@code maxNumberLength}, and builds their breaches. Every path asks it: the
 * byte parser ({@link BoundedUtf8Parser}), the delegate parser ({@link BoundedJsonParser}),
 * Jackson's constraints while a value is buffered ({@link BoundedConstraints}) and the feeders'
 * pre-scanner ({@link FeedScanner}). Each decision is one inclusive comparison ({@code length >
 * max}), small enough to inline into any hot loop; each breach is built by a cold method. A caller
 * may skip asking for lengths it knows are short (a quick pre-filter below every limit that may
 * apply), never decide on its own. Immutable; one per factory or feeder.
 */
final class LengthLimits {
  /**
   * While a name is still being buffered it is stopped only past this many chars or its limit,
   * whichever is larger: a complete name just over the limit is reported by the exact check on the
   * finished token, located at its start; a huge one never buffers more than this past its limit.
   */
  static final int NAME_SEGMENT = 1 << 16;

  final long maxName;
  final long maxString;
  final long maxNumber;

  LengthLimits(JsonLimits limits) {
    this.maxName = limits.maxNameLength();
    this.maxString = limits.maxStringLength();
    this.maxNumber = limits.maxNumberLength();
  }

  /** A property name of {@code length} chars breaks {@code maxNameLength}. */
  boolean nameOver(long length) {
    return length > maxName;
  }

  /** A string value of {@code length} chars breaks {@code maxStringLength}. */
  boolean stringOver(long length) {
    return length > maxString;
  }

  /** A number of {@code length} chars breaks {@code maxNumberLength}. */
  boolean numberOver(long length) {
    return length > maxNumber;
  }

  /** A name ({@code name}) or string value of {@code length} chars breaks its limit. */
  boolean textOver(boolean name, long length) {
    return name ? nameOver(length) : stringOver(length);
  }

  /** Chars a name or string of {@code length} chars may still grow before it breaks its limit. */
  long room(boolean name, long length) {
    return (name ? maxName : maxString) - length;
  }

  /** A name still being buffered, {@code length} chars so far, must be stopped now. */
  boolean nameOverWhileBuffering(long length) {
    return length > NAME_SEGMENT && nameOver(length);
  }

  // Cold: built once, at the breach.

  LimitExceededException nameBreach(long actual, ParseLocation at) {
    return breach(Limit.MAX_NAME_LENGTH, maxName, actual, "maxNameLength", at);
  }

  LimitExceededException stringBreach(long actual, ParseLocation at) {
    return breach(Limit.MAX_STRING_LENGTH, maxString, actual, "maxStringLength", at);
  }

  LimitExceededException numberBreach(long actual, ParseLocation at) {
    return breach(Limit.MAX_NUMBER_LENGTH, maxNumber, actual, "maxNumberLength", at);
  }

  LimitExceededException textBreach(boolean name, long actual, ParseLocation at) {
    return name ? nameBreach(actual, at) : stringBreach(actual, at);
  }

  private static LimitExceededException breach(
      Limit limit, long max, long actual, String setting, ParseLocation at) {
    return new LimitExceededException(limit, max, actual, "JsonLimits." + setting, at);
  }
}
