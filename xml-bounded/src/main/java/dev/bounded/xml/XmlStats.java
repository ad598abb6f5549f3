package dev.bounded.xml;

/**
 * High-water marks of one parse, for setting limits from a sample of real documents: parse the
 * sample with generous limits and take the maxima, plus headroom. Immutable.
 */
public final class XmlStats {
  private final long bytes;
  private final long maxDepth;
  private final long elements;
  private final long maxAttributes;
  private final long maxAttributeLength;
  private final long maxTextLength;
  private final long maxNameLength;
  private final long maxNamespaces;
  private final boolean complete;

  XmlStats(
      long bytes,
      long maxDepth,
      long elements,
      long maxAttributes,
      long maxAttributeLength,
      long maxTextLength,
      long maxNameLength,
      long maxNamespaces,
      boolean complete) {
    this.bytes = bytes;
    this.maxDepth = maxDepth;
    this.elements = elements;
    this.maxAttributes = maxAttributes;
    this.maxAttributeLength = maxAttributeLength;
    this.maxTextLength = maxTextLength;
    this.maxNameLength = maxNameLength;
    this.maxNamespaces = maxNamespaces;
    this.complete = complete;
  }

  /** Bytes read from the source (characters for a Reader; the UTF-8 re-encoding for UTF-16/32). */
  public long bytes() {
    return bytes;
  }

  /** Deepest element nesting seen; the root is 1. */
  public long maxDepth() {
    return maxDepth;
  }

  /** Start tags seen. */
  public long elements() {
    return elements;
  }

  /** Most attributes (namespace declarations included) on one start tag. */
  public long maxAttributes() {
    return maxAttributes;
  }

  /** Longest attribute value, in characters. */
  public long maxAttributeLength() {
    return maxAttributeLength;
  }

  /** Longest text run, comment or processing-instruction data, in characters. */
  public long maxTextLength() {
    return maxTextLength;
  }

  /** Longest qualified name, in characters. */
  public long maxNameLength() {
    return maxNameLength;
  }

  /** Most namespace declarations in scope at once (a start tag's and its ancestors'). */
  public long maxNamespaces() {
    return maxNamespaces;
  }

  /** False if the handler stopped the parse early (the figures then cover what was read). */
  public boolean complete() {
    return complete;
  }

  @Override
  public String toString() {
    return "XmlStats{bytes="
        + bytes
        + ", maxDepth="
        + maxDepth
        + ", elements="
        + elements
        + ", maxAttributes="
        + maxAttributes
        + ", maxAttributeLength="
        + maxAttributeLength
        + ", maxTextLength="
        + maxTextLength
        + ", maxNameLength="
        + maxNameLength
        + ", maxNamespaces="
        + maxNamespaces
        + ", complete="
        + complete
        + '}';
  }
}
