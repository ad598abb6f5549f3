package dev.bounded.bench.contender;

/**
 * What a contender touched while parsing: every contender of a format records the same kinds of
 * data, so they do comparable work, and {@code Check} can compare their counts.
 *
 * <p>XML: elements (local name read), attributes (value read), text characters (each segment read
 * through its char array). JSON: names and strings (characters read), scalars (numbers, booleans,
 * nulls), containers. Feeds (Rome, feed readers): entries as elements, title and summary as text.
 */
public final class Tally {
  public long elements;
  public long attributes;
  public long attributeChars;
  public long textChars;
  public long scalars;
  private long hash;

  /** An element, by local name. */
  public void element(String localName) {
    elements++;
    hash = hash * 31 + localName.length();
  }

  /** An attribute (or JSON field name) value. */
  public void attribute(String value) {
    attributes++;
    attributeChars += value.length();
  }

  /** A segment of text (or a JSON string or name). */
  public void text(char[] text, int start, int length) {
    textChars += length;
    if (length > 0) {
      hash += text[start] ^ text[start + length - 1];
    }
  }

  /** A whole text value. */
  public void text(String s) {
    textChars += s.length();
    if (!s.isEmpty()) {
      hash += s.charAt(0) ^ s.charAt(s.length() - 1);
    }
  }

  /** A whole text value handed over as a sequence (a JSON push handler's string). */
  public void text(CharSequence s) {
    int n = s.length();
    textChars += n;
    if (n > 0) {
      hash += s.charAt(0) ^ s.charAt(n - 1);
    }
  }

  /** A number, boolean or null. */
  public void scalar() {
    scalars++;
  }

  /** A value for JMH's blackhole: depends on everything touched. */
  public long checksum() {
    return hash + elements * 7 + attributes * 11 + attributeChars * 13 + textChars * 17 + scalars;
  }

  /** The split-independent counts, for comparing contenders. */
  public String counts() {
    return "elements="
        + elements
        + " attributes="
        + attributes
        + " attributeChars="
        + attributeChars
        + " textChars="
        + textChars
        + " scalars="
        + scalars;
  }
}
