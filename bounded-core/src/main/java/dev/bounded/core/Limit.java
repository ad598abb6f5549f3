package dev.bounded.core;

/**
 * The one vocabulary of limits shared by every Bounded module.
 *
 * <p>Every limit is an <em>inclusive</em> maximum: a document whose measure equals the maximum
 * passes, one unit more fails with a {@link LimitExceededException} naming the constant. Each
 * constant states its {@link Unit}; the configuration classes ({@code XmlLimits}, {@code
 * JsonLimits}, ...) state how their formats count it.
 */
public enum Limit {
  /** Raw bytes read from the source stream (characters when the source is a {@code Reader}). */
  MAX_BYTES(Unit.BYTES, "Document size"),
  /**
   * Nesting depth: XML elements (the root is depth 1), JSON arrays and objects ({@code []} is 1).
   */
  MAX_DEPTH(Unit.COUNT, "Nesting depth"),
  /** Start tags in the whole XML document. */
  MAX_ELEMENTS(Unit.COUNT, "Element count"),
  /** Attributes of one XML start tag, namespace declarations included. */
  MAX_ATTRIBUTES(Unit.COUNT, "Attribute count"),
  /** Characters of one XML attribute value, after normalisation and reference expansion. */
  MAX_ATTRIBUTE_LENGTH(Unit.CHARACTERS, "Attribute value length"),
  /** Characters of one run of XML character data, comment or processing instruction. */
  MAX_TEXT_LENGTH(Unit.CHARACTERS, "Text length"),
  /**
   * Characters of one XML qualified name (element, attribute, PI target, entity) or JSON property
   * name.
   */
  MAX_NAME_LENGTH(Unit.CHARACTERS, "Name length"),
  /** JSON tokens as {@code JsonParser.nextToken()} returns them. */
  MAX_TOKENS(Unit.COUNT, "Token count"),
  /** Characters of one JSON string value, after unescaping. */
  MAX_STRING_LENGTH(Unit.CHARACTERS, "String length"),
  /** Characters of one JSON number token. */
  MAX_NUMBER_LENGTH(Unit.CHARACTERS, "Number length"),
  /** Nodes of one tree (a DOM document or one bounded per-element subtree). */
  MAX_NODES(Unit.COUNT, "Node count"),
  /** Bytes produced by decompressing gzip or deflate input. */
  MAX_EXPANDED_BYTES(Unit.BYTES, "Decompressed size"),
  /** Decompressed bytes per compressed byte. */
  MAX_EXPANSION_RATIO(Unit.RATIO, "Decompression ratio"),
  /** Compressed bytes read from the source of gzip or deflate input, headers included. */
  MAX_COMPRESSED_BYTES(Unit.BYTES, "Compressed size"),
  /** Members of one gzip stream (concatenated gzip files), empty members included. */
  MAX_MEMBERS(Unit.COUNT, "Gzip member count"),
  /**
   * XML namespace declarations in scope at once: those of the current element and of all its
   * ancestors, counted as declared (a redeclared prefix counts again).
   */
  MAX_NAMESPACES(Unit.COUNT, "Namespace declarations in scope"),
  /**
   * Estimated heap held at once by all parses drawing on one {@link ParseBudget}: what a parse
   * asked for on top of what the others hold.
   */
  PARSE_BUDGET(Unit.BYTES, "Shared parse budget"),
  /** Wall-clock time of one parse, from its start; checked while streaming, not preemptive. */
  MAX_PARSE_MILLIS(Unit.MILLISECONDS, "Parse time"),
  /** Bytes allocated on the heap by the parsing thread during one parse (HotSpot's counter). */
  MAX_ALLOCATED_BYTES(Unit.BYTES, "Heap allocated by the parse");

  /** The unit a limit is counted in. */
  public enum Unit {
    /** Raw bytes. */
    BYTES("bytes"),
    /** UTF-16 code units, as {@link String#length()} counts them. */
    CHARACTERS("characters"),
    /** Occurrences. */
    COUNT(""),
    /** Wall-clock milliseconds. */
    MILLISECONDS("ms"),
    /** A dimensionless ratio. */
    RATIO("x");

    private final String label;

    Unit(String label) {
      this.label = label;
    }

    /** A short label for messages: {@code "bytes"}, {@code "characters"}, or empty for counts. */
    public String label() {
      return label;
    }
  }

  private final Unit unit;
  private final String subject;

  Limit(Unit unit, String subject) {
    this.unit = unit;
    this.subject = subject;
  }

  /** The unit this limit is counted in. */
  public Unit unit() {
    return unit;
  }

  /** What is measured, as the start of a message: {@code "Nesting depth"}. */
  public String subject() {
    return subject;
  }
}
