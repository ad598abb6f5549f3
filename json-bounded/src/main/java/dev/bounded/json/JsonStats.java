package dev.bounded.json;

/**
 * What one push parse ({@link BoundedJson#parse}) counted, for setting limits from a sample of real
 * documents (parse the sample with generous limits and take the maxima, plus headroom), as {@code
 * XmlStats} does for XML. Immutable.
 */
public final class JsonStats {
  private final long bytes;
  private final long tokens;
  private final long values;
  private final long maxDepth;
  private final boolean complete;

  JsonStats(long bytes, long tokens, long values, long maxDepth, boolean complete) {
    this.bytes = bytes;
    this.tokens = tokens;
    this.values = values;
    this.maxDepth = maxDepth;
    this.complete = complete;
  }

  /**
   * Bytes parsed, up to the end of the last token read: the whole input when the parse ran to its
   * end (chars for a {@code Reader}). Compare with {@link JsonLimits#maxBytes()}.
   */
  public long bytes() {
    return bytes;
  }

  /**
   * Tokens read (names, values, starts and ends of objects and arrays; skipped ones included), as
   * {@link JsonLimits#maxTokens()} counts them.
   */
  public long tokens() {
    return tokens;
  }

  /** Root values completed: 1 for a document, 0 if the handler stopped it first. */
  public long values() {
    return values;
  }

  /**
   * Deepest nesting delivered to the handler; a root object or array is 1, a root scalar 0 (the
   * inside of a skipped container is not counted). Compare with {@link JsonLimits#maxDepth()}.
   */
  public long maxDepth() {
    return maxDepth;
  }

  /** False if the handler stopped the parse early (the figures then cover what was read). */
  public boolean complete() {
    return complete;
  }

  @Override
  public String toString() {
    return "JsonStats{bytes="
        + bytes
        + ", tokens="
        + tokens
        + ", values="
        + values
        + ", maxDepth="
        + maxDepth
        + ", complete="
        + complete
        + '}';
  }
}
