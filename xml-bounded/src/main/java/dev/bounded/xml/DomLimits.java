package dev.bounded.xml;

import dev.bounded.core.Limit;
import dev.bounded.core.ParseBudget;
import java.util.Objects;

/**
 * The ceilings of one DOM tree: a whole {@code Document} built by {@link
 * BoundedDocumentBuilderFactory}, or one record handed out by {@link BoundedXml#forEachElement}.
 * They come on top of {@link XmlLimits}, which bound the input; these bound the tree kept in
 * memory. Immutable and thread-safe.
 *
 * <pre>{@code
 * DomLimits perItem = DomLimits.builder().maxNodes(5_000).maxCharacters(1 << 20).build();
 * BoundedXml.forEachElement(in, XmlLimits.defaults(), perItem, "/rss/channel/item", item -> ...);
 * }</pre>
 *
 * <p>Both limits are inclusive and exact: a tree measuring exactly the maximum is built, one more
 * fails with a {@link dev.bounded.core.LimitExceededException} naming {@link Limit#MAX_NODES} or
 * {@link Limit#MAX_TEXT_LENGTH} and the setting {@code "DomLimits.maxNodes"} or {@code
 * "DomLimits.maxCharacters"}.
 *
 * <ul>
 *   <li><b>Nodes</b> are the nodes the tree holds, the {@code Document} node itself excluded: every
 *       element, every attribute (namespace declarations included, as the DOM holds them as {@code
 *       Attr} nodes), every text node (one per run of adjacent character data, however the parser
 *       split it), CDATA section, comment and processing instruction.
 *   <li><b>Characters</b> are the UTF-16 code units of the character data the tree holds: text and
 *       CDATA content, attribute values (namespace URIs included), comment text and processing
 *       instruction data. Names are not counted: each is already bounded by {@link
 *       XmlLimits#maxNameLength()}, and there are at most {@code maxNodes} of them.
 * </ul>
 *
 * <p><b>The shared budget.</b> Every tree is also charged, as it grows, to a {@link ParseBudget}
 * shared by all the parses of the process ({@link #parseBudget()}, by default {@link
 * ParseBudget#processDefault()}: half the heap in conservative estimates, waiting up to one second
 * for room), so several large documents arriving at once fail or wait instead of exhausting the
 * heap together. The charge is a conservative estimate of the tree's heap: 160 bytes per node (the
 * worst tree shape measured takes 107), 2 per character counted above, and 48 plus 2 per character
 * for each prefixed name. A document's charge is released when {@code parse} returns or fails; a
 * record's when the next record is asked for or the parse ends. What the caller keeps after that
 * lives outside the budget: the budget bounds the memory of trees <em>being built</em>, the peak
 * that concurrent parsing adds. A refusal is a {@link dev.bounded.core.LimitExceededException} for
 * {@link Limit#PARSE_BUDGET} with the setting {@code "ParseBudget.capacity"}.
 */
public final class DomLimits {
  /** Spells "no limit" for any setting. */
  public static final long UNLIMITED = Long.MAX_VALUE;

  /**
   * Default {@link #maxNodes()} of {@link #defaults()}: 100,000 nodes, a few MB of heap. A feed
   * item or a business record holds tens to hundreds; a record that needs more is a document.
   */
  public static final long DEFAULT_MAX_NODES = 100_000;

  /**
   * Default {@link #maxCharacters()} of {@link #defaults()}: 4,194,304 characters (8 MB of heap),
   * four times the default {@link XmlLimits#DEFAULT_MAX_TEXT_LENGTH} of a single text run.
   */
  public static final long DEFAULT_MAX_CHARACTERS = 4L << 20;

  /**
   * The divisor of the heap-scaled node ceiling: {@link #forHeap(long)} allows {@code heap /
   * HEAP_BYTES_PER_NODE} nodes. A JDK DOM node costs 60 to 120 bytes with its share of names and
   * children lists, so a tree at the ceiling takes about a third to a half of the heap.
   */
  static final long HEAP_BYTES_PER_NODE = 256;

  /**
   * The divisor of the heap-scaled character ceiling: {@link #forHeap(long)} allows {@code heap /
   * HEAP_BYTES_PER_CHARACTER_CEILING} characters (2 bytes each in a {@code String}), matching the
   * byte ceiling {@link BoundedDocumentBuilderFactory} derives from the heap.
   */
  static final long HEAP_BYTES_PER_CHARACTER_CEILING = 16;

  private static final DomLimits DEFAULTS = new Builder().build();

  private final long maxNodes;
  private final long maxCharacters;
  private final ParseBudget parseBudget; // null: the process default, resolved when asked

  private DomLimits(Builder b) {
    this.maxNodes = b.maxNodes;
    this.maxCharacters = b.maxCharacters;
    this.parseBudget = b.parseBudget;
  }

  /** The per-record defaults: {@link #DEFAULT_MAX_NODES} and {@link #DEFAULT_MAX_CHARACTERS}. */
  public static DomLimits defaults() {
    return DEFAULTS;
  }

  /**
   * Ceilings for one whole document in a heap of {@code heapBytes} (usually {@code
   * Runtime.getRuntime().maxMemory()}): {@code maxNodes = heapBytes / 256} and {@code maxCharacters
   * = heapBytes / 16}, each at least 1. At 64 MB that is 262,144 nodes and 4,194,304 characters; at
   * 1 GB, 4,194,304 nodes and 67,108,864 characters.
   *
   * @throws IllegalArgumentException if {@code heapBytes < 0}
   */
  public static DomLimits forHeap(long heapBytes) {
    if (heapBytes < 0) {
      throw new IllegalArgumentException("heapBytes < 0: " + heapBytes);
    }
    return builder()
        .maxNodes(Math.max(1, heapBytes / HEAP_BYTES_PER_NODE))
        .maxCharacters(Math.max(1, heapBytes / HEAP_BYTES_PER_CHARACTER_CEILING))
        .build();
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these limits. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Nodes of one tree, the {@code Document} node excluded; inclusive. */
  public long maxNodes() {
    return maxNodes;
  }

  /**
   * Characters of character data in one tree (text, attribute values, comments, PI data);
   * inclusive.
   */
  public long maxCharacters() {
    return maxCharacters;
  }

  /**
   * The budget trees are charged to: the one given to {@link Builder#parseBudget}, else {@link
   * ParseBudget#processDefault()}.
   */
  public ParseBudget parseBudget() {
    return parseBudget != null ? parseBudget : ParseBudget.processDefault();
  }

  /** The maximum configured for {@code limit}, or -1 if these limits do not configure it. */
  public long maximum(Limit limit) {
    switch (limit) {
      case MAX_NODES:
        return maxNodes;
      case MAX_TEXT_LENGTH:
        return maxCharacters;
      default:
        return -1;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DomLimits
        && ((DomLimits) o).maxNodes == maxNodes
        && ((DomLimits) o).maxCharacters == maxCharacters
        && ((DomLimits) o).parseBudget() == parseBudget();
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(maxNodes) * 31 + Long.hashCode(maxCharacters)) * 31
        + System.identityHashCode(parseBudget());
  }

  @Override
  public String toString() {
    return "DomLimits{maxNodes="
        + maxNodes
        + ", maxCharacters="
        + maxCharacters
        + ", parseBudget="
        + (parseBudget == null ? "processDefault" : "capacity " + parseBudget.capacity())
        + '}';
  }

  /** Builds {@link DomLimits}; starts from the defaults. Not thread-safe. */
  public static final class Builder {
    private long maxNodes = DEFAULT_MAX_NODES;
    private long maxCharacters = DEFAULT_MAX_CHARACTERS;
    private ParseBudget parseBudget;

    private Builder() {}

    private Builder(DomLimits l) {
      maxNodes = l.maxNodes;
      maxCharacters = l.maxCharacters;
      parseBudget = l.parseBudget;
    }

    /** Nodes of one tree, inclusive; {@link #UNLIMITED} lifts it. */
    public Builder maxNodes(long maxNodes) {
      if (maxNodes < 0) {
        throw new IllegalArgumentException("maxNodes < 0: " + maxNodes);
      }
      this.maxNodes = maxNodes;
      return this;
    }

    /** Characters of character data in one tree, inclusive; {@link #UNLIMITED} lifts it. */
    public Builder maxCharacters(long maxCharacters) {
      if (maxCharacters < 0) {
        throw new IllegalArgumentException("maxCharacters < 0: " + maxCharacters);
      }
      this.maxCharacters = maxCharacters;
      return this;
    }

    /**
     * The budget to charge trees to, shared with other parses; by default {@link
     * ParseBudget#processDefault()}. One budget per service is the point: pass the same one to
     * every parser. {@code ParseBudget.of(Long.MAX_VALUE, Duration.ZERO)} opts out.
     */
    public Builder parseBudget(ParseBudget parseBudget) {
      this.parseBudget = Objects.requireNonNull(parseBudget, "parseBudget");
      return this;
    }

    /** The immutable limits. */
    public DomLimits build() {
      return new DomLimits(this);
    }
  }
}
