package dev.bounded.xml.internal.dom;

/**
 * What a DOM tree is charged to the {@link dev.bounded.core.ParseBudget} as it grows: conservative
 * estimates of its heap, calibrated by {@code NodeCostCalibrationTest}. Not API (moved out of
 * {@code DomLimits}, whose Javadoc states the figures).
 */
public final class DomCosts {
  private DomCosts() {}

  /**
   * The budget charge per node: 160 bytes. A test builds trees of several shapes (empty elements,
   * text, many attributes, prefixed names, an RSS feed) with the JDK DOM and checks that no shape
   * takes more per node, after its text is charged at {@link #ESTIMATED_BYTES_PER_CHARACTER}; the
   * worst measured is 107 bytes (elements with three attributes; 64 for empty elements, 66 for an
   * RSS feed), on a 64-bit JVM with compressed pointers; the margin covers larger object headers
   * and pointers (heaps over 32 GB).
   */
  public static final long ESTIMATED_BYTES_PER_NODE = 160;

  /**
   * The budget charge for each prefixed element or attribute name, on top of {@link
   * #ESTIMATED_BYTES_PER_CHARACTER} per character of it: 48 bytes, a {@code String} and its array
   * (the JDK DOM keeps a separate local-name string for every prefixed node).
   */
  public static final long ESTIMATED_BYTES_PER_PREFIXED_NAME = 48;

  /**
   * The budget charge per character of character data: 2 bytes, a UTF-16 code unit. Latin-1 text
   * takes 1 byte in a compact {@code String}, so this overstates it, never the reverse.
   */
  public static final long ESTIMATED_BYTES_PER_CHARACTER = 2;
}
