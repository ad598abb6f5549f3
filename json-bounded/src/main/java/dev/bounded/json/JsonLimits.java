package dev.bounded.json;

import dev.bounded.core.Limit;
import dev.bounded.core.ParseBudget;
import dev.bounded.core.internal.ParseGuard;
import java.util.Objects;

/**
 * The ceilings of one JSON parse, plus the strictness options a security review expects. Immutable
 * and thread-safe; build once and share.
 *
 * <pre>{@code
 * JsonLimits limits = JsonLimits.builder().maxBytes(8L << 20).maxDepth(64).build();
 * BoundedJson.parse(in, limits, handler);
 * }</pre>
 *
 * <p>Every limit is an inclusive maximum checked exactly and while streaming: a document whose
 * measure equals the maximum passes, one unit more fails with a {@link
 * dev.bounded.core.LimitExceededException} naming the {@link Limit} and the builder method (for
 * example {@code JsonLimits.maxDepth}). "Characters" are UTF-16 code units as {@link
 * String#length()} counts them, after unescaping. Limits hold for values the caller skips (never
 * reads the text of, or passes over with {@code skipChildren()}) exactly as for values it reads.
 * {@link #UNLIMITED} lifts a limit and must be asked for explicitly; every default is finite but
 * one, {@link #maxAllocatedBytes()}, which not every JVM can measure.
 *
 * <p>Two limits bound the work rather than the document: {@link #maxParseMillis()}, a wall-clock
 * deadline for the whole parse, and {@link #maxAllocatedBytes()}, the heap the parsing thread may
 * allocate. Both are checked while the parse streams (every 64 tokens, and at every read from a
 * source that may block), never preemptively: a handler or a source blocked inside one call is only
 * caught when that call returns. They are the two limits that are not exact: a breach is seen at
 * the next check.
 *
 * <p>For a parse of a sequence of values ({@link BoundedJson#parseSequence}) every limit applies to
 * each value on its own, except {@link #maxBytes()}, {@link #maxParseMillis()} and {@link
 * #maxAllocatedBytes()}, which bound the whole stream.
 */
public final class JsonLimits {
  /** Spells "no limit" for any setting. */
  public static final long UNLIMITED = Long.MAX_VALUE;

  /**
   * Default {@link #maxBytes()}: 64 MiB, exact. Far above any real request body, so it only stops
   * abuse; raise or lift it for bulk files, which stream in constant memory anyway.
   */
  public static final long DEFAULT_MAX_BYTES = 64L << 20;

  /**
   * Default {@link #maxDepth()}: 500 open arrays and objects, exact. Real documents rarely nest
   * past 20; deep nesting exists to overflow recursive consumers (databind deserialises
   * recursively), and 500 keeps a recursive consumer far from a default-size thread stack.
   * Jackson's default is 1000.
   */
  public static final long DEFAULT_MAX_DEPTH = 500;

  /**
   * Default {@link #maxTokens()}: 10,000,000 tokens, exact: about a fifth of the tokens a 64 MiB
   * document of tiny values could hold, so it bounds the work and the memory of a tree built from
   * one document (databind's {@code JsonNode} costs tens of bytes per token).
   */
  public static final long DEFAULT_MAX_TOKENS = 10_000_000;

  /**
   * Default {@link #maxStringLength()}: 1,048,576 characters, exact, after unescaping. One string
   * the consumer reads then costs at most about 2 MB of {@code char[]} plus its {@code String}
   * copy, so a default-limited parse stays small even in a tight heap. Text fields stay far below;
   * base64 blobs need it raised. (Jackson's default is 20,000,000, which is 40 MB for one value.)
   */
  public static final long DEFAULT_MAX_STRING_LENGTH = 1 << 20;

  /**
   * Default {@link #maxNumberLength()}: 1,000 characters, exact, as Jackson's default: any real
   * {@code double}, {@code long} or {@code BigDecimal} fits, and number conversion stays cheap.
   */
  public static final long DEFAULT_MAX_NUMBER_LENGTH = 1000;

  /**
   * Default {@link #maxNameLength()}: 50,000 characters, exact, as Jackson's default. Real property
   * names stay under 100; names are always decoded and often interned, so they need their own
   * limit.
   */
  public static final long DEFAULT_MAX_NAME_LENGTH = 50_000;

  /**
   * Default {@link #rejectDuplicateNames()}: {@code false}. RFC 8259 allows duplicate names (it
   * only says behaviour is then unpredictable), and JSONTestSuite's {@code y_} files include them.
   */
  public static final boolean DEFAULT_REJECT_DUPLICATE_NAMES = false;

  /**
   * Default {@link #rejectLoneSurrogates()}: {@code true}. A {@code \ud800} escape with no partner
   * is not a Unicode character: encoders fail on it or replace it, so two systems read different
   * strings from one document. RFC 8259 tolerates it; I-JSON (RFC 7493) forbids it.
   */
  public static final boolean DEFAULT_REJECT_LONE_SURROGATES = true;

  /**
   * Default {@link #maxParseMillis()}: 300,000 ms (5 minutes). A parse within the other defaults
   * takes well under a second (64 MiB at 300 MB/s, a slow rate for this parser, is about 0.2 s), so
   * this never stops honest work; it bounds a stuck or trickling source and a pathological
   * consumer, which would otherwise hold a thread and its buffers forever. Set a deadline near your
   * request timeout.
   */
  public static final long DEFAULT_MAX_PARSE_MILLIS = 5 * 60 * 1000;

  /**
   * Default {@link #maxAllocatedBytes()}: {@link #UNLIMITED}, the one default that is not finite,
   * because the per-thread allocation counter it reads does not exist on every JVM; asking for a
   * cap on such a JVM fails at {@link Builder#build()}, never silently.
   */
  public static final long DEFAULT_MAX_ALLOCATED_BYTES = UNLIMITED;

  /**
   * The divisor of the heap-scaled default of {@link #maxTreeNodes()}: {@code Runtime.maxMemory() /
   * 256} nodes, as {@code DomLimits.forHeap} allows for a DOM. Databind's nodes take 5 to 70 bytes
   * per token read (measured: {@code [{},...]} 43, {@code {"k1":1,...}} with unique names 68, short
   * strings 70 with their text), so a tree at the ceiling holds at most about a quarter of the
   * heap.
   */
  public static final long HEAP_BYTES_PER_TREE_NODE = 256;

  /**
   * Default {@link #maxTreeNodes()}: {@code Runtime.getRuntime().maxMemory() / }{@link
   * #HEAP_BYTES_PER_TREE_NODE}, taken when this class is loaded (at least 1): 262,144 nodes in a 64
   * MB heap, 4,194,304 in 1 GB.
   */
  public static final long DEFAULT_MAX_TREE_NODES =
      Math.max(1, Runtime.getRuntime().maxMemory() / HEAP_BYTES_PER_TREE_NODE);

  /**
   * What a tree databind builds is charged to the {@link #parseBudget()} per node (per token read):
   * 96 bytes, above the worst shape measured (70, text included, JDK 17 with compressed pointers).
   */
  public static final long ESTIMATED_BYTES_PER_TREE_NODE = 96;

  /**
   * What a tree is charged per character of a string value it reads: 2 bytes, a UTF-16 code unit
   * (Latin-1 text takes 1 in a compact {@code String}).
   */
  public static final long ESTIMATED_BYTES_PER_CHARACTER = 2;

  private static final JsonLimits DEFAULTS = new Builder().build();

  private final long maxBytes;
  private final long maxDepth;
  private final long maxTokens;
  private final long maxStringLength;
  private final long maxNumberLength;
  private final long maxNameLength;
  private final boolean rejectDuplicateNames;
  private final boolean rejectLoneSurrogates;
  private final long maxParseMillis;
  private final long maxAllocatedBytes;
  private final long maxTreeNodes;
  private final ParseBudget parseBudget; // null: the process default, resolved when asked

  private JsonLimits(Builder b) {
    this.maxTreeNodes = b.maxTreeNodes;
    this.parseBudget = b.parseBudget;
    this.maxBytes = b.maxBytes;
    this.maxDepth = b.maxDepth;
    this.maxTokens = b.maxTokens;
    this.maxStringLength = b.maxStringLength;
    this.maxNumberLength = b.maxNumberLength;
    this.maxNameLength = b.maxNameLength;
    this.rejectDuplicateNames = b.rejectDuplicateNames;
    this.rejectLoneSurrogates = b.rejectLoneSurrogates;
    this.maxParseMillis = b.maxParseMillis;
    this.maxAllocatedBytes = b.maxAllocatedBytes;
  }

  /** The defaults: every {@code DEFAULT_*} constant of this class. */
  public static JsonLimits defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these limits. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Raw bytes read from the source, exact; characters when the source is a {@code Reader} or a
   * {@code String}. For a sequence of values, the whole stream.
   */
  public long maxBytes() {
    return maxBytes;
  }

  /** Open arrays and objects, exact: {@code []} has depth 1, {@code [[1]]} 2, a bare scalar 0. */
  public long maxDepth() {
    return maxDepth;
  }

  /**
   * Tokens as {@code JsonParser.nextToken()} returns them, exact: each start and end of an array or
   * object, each property name and each scalar counts one; skipped tokens count too.
   */
  public long maxTokens() {
    return maxTokens;
  }

  /** Characters of one string value after unescaping, exact, whether read or skipped. */
  public long maxStringLength() {
    return maxStringLength;
  }

  /**
   * Characters of one number token ({@code -1.5e10} is 7), exact. A number far over the limit is
   * stopped while Jackson buffers it, within one text segment (at most 64K chars) of the limit.
   */
  public long maxNumberLength() {
    return maxNumberLength;
  }

  /** Characters of one property name after unescaping, exact. */
  public long maxNameLength() {
    return maxNameLength;
  }

  /**
   * Whether a property name repeated within one object is refused with a {@link
   * dev.bounded.core.ForbiddenConstructException} ({@code {"qty":1,"qty":-1}} is a known attack:
   * two parsers may keep different values). Costs a hash set per open object when on.
   */
  public boolean rejectDuplicateNames() {
    return rejectDuplicateNames;
  }

  /**
   * Whether a {@code \}{@code u} escape of a surrogate without its partner ({@code "\ud800"}) is
   * refused with a {@link dev.bounded.core.ForbiddenConstructException}, in strings and property
   * names, read or skipped. Applies to escapes and, from a {@code Reader}, to raw chars; UTF-8
   * bytes encoding a surrogate (CESU-8, {@code ED A0..BF xx}) are malformed UTF-8 whatever this
   * says.
   */
  public boolean rejectLoneSurrogates() {
    return rejectLoneSurrogates;
  }

  /**
   * Wall-clock milliseconds from the parse's first read from its source (for input in memory, a
   * {@code byte[]} or a {@link java.io.ByteArrayInputStream}: from its first token) to the end of
   * the parse, handler time included (for a pull parser: until it is closed, the caller's time
   * between tokens included); checked every 64 tokens and at every read from a source that may
   * block (a {@code ByteArrayInputStream}'s reads return at once and are not checked), so a breach
   * is seen at the next check, not preemptively. Fails with {@link Limit#MAX_PARSE_MILLIS}.
   */
  public long maxParseMillis() {
    return maxParseMillis;
  }

  /**
   * Bytes the parsing thread allocates on the heap during the parse, handler allocations included
   * (read from HotSpot's per-thread counter, {@code com.sun.management.ThreadMXBean}); checked
   * every 64 tokens and at every read from the source, so it is exceeded by at most what that much
   * parsing allocates. It bounds the work (garbage included), not what is retained, and counts only
   * the thread that opened the parser. Fails with {@link Limit#MAX_ALLOCATED_BYTES}.
   */
  public long maxAllocatedBytes() {
    return maxAllocatedBytes;
  }

  /**
   * Nodes of a tree databind builds from one parser, exact, counted as the tokens databind reads to
   * build them: each start and end of an array or object, each property name and each scalar counts
   * one (so a tree of n {@code JsonNode}s takes at most 2n). It applies to every parser of a
   * factory an {@code ObjectMapper} owns ({@code new
   * ObjectMapper(BoundedJson.newFactory(limits))}): {@code readTree}, {@code readValue} to maps,
   * collections and POJOs, {@code readValues} (over all its values), whatever databind buffers in a
   * {@code TokenBuffer} on the way. The streaming APIs ({@link BoundedJson#parse}, {@link
   * BoundedJson#newParser}) build nothing and are not counted. Fails with {@link Limit#MAX_NODES}.
   * Default {@link #DEFAULT_MAX_TREE_NODES}, heap-scaled.
   */
  public long maxTreeNodes() {
    return maxTreeNodes;
  }

  /**
   * The budget the trees databind builds are charged to, as they grow ({@link
   * #ESTIMATED_BYTES_PER_TREE_NODE} per node, {@link #ESTIMATED_BYTES_PER_CHARACTER} per character
   * of string values), released when the parser closes (databind closes it when {@code readTree} or
   * {@code readValue} returns or fails): the one given to {@link Builder#parseBudget}, else {@link
   * ParseBudget#processDefault()}. A refusal is {@link Limit#PARSE_BUDGET}.
   */
  public ParseBudget parseBudget() {
    return parseBudget != null ? parseBudget : ParseBudget.processDefault();
  }

  /** The maximum configured for {@code limit}, or -1 if these limits do not configure it. */
  public long maximum(Limit limit) {
    switch (limit) {
      case MAX_BYTES:
        return maxBytes;
      case MAX_DEPTH:
        return maxDepth;
      case MAX_TOKENS:
        return maxTokens;
      case MAX_STRING_LENGTH:
        return maxStringLength;
      case MAX_NUMBER_LENGTH:
        return maxNumberLength;
      case MAX_NAME_LENGTH:
        return maxNameLength;
      case MAX_PARSE_MILLIS:
        return maxParseMillis;
      case MAX_ALLOCATED_BYTES:
        return maxAllocatedBytes;
      case MAX_NODES:
        return maxTreeNodes;
      default:
        return -1;
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof JsonLimits)) {
      return false;
    }
    JsonLimits x = (JsonLimits) o;
    return maxBytes == x.maxBytes
        && maxDepth == x.maxDepth
        && maxTokens == x.maxTokens
        && maxStringLength == x.maxStringLength
        && maxNumberLength == x.maxNumberLength
        && maxNameLength == x.maxNameLength
        && rejectDuplicateNames == x.rejectDuplicateNames
        && rejectLoneSurrogates == x.rejectLoneSurrogates
        && maxParseMillis == x.maxParseMillis
        && maxAllocatedBytes == x.maxAllocatedBytes
        && maxTreeNodes == x.maxTreeNodes
        && parseBudget() == x.parseBudget();
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        maxBytes,
        maxDepth,
        maxTokens,
        maxStringLength,
        maxNumberLength,
        maxNameLength,
        rejectDuplicateNames,
        rejectLoneSurrogates,
        maxParseMillis,
        maxAllocatedBytes,
        maxTreeNodes,
        System.identityHashCode(parseBudget()));
  }

  @Override
  public String toString() {
    return "JsonLimits{maxBytes="
        + maxBytes
        + ", maxDepth="
        + maxDepth
        + ", maxTokens="
        + maxTokens
        + ", maxStringLength="
        + maxStringLength
        + ", maxNumberLength="
        + maxNumberLength
        + ", maxNameLength="
        + maxNameLength
        + ", rejectDuplicateNames="
        + rejectDuplicateNames
        + ", rejectLoneSurrogates="
        + rejectLoneSurrogates
        + ", maxParseMillis="
        + maxParseMillis
        + ", maxAllocatedBytes="
        + maxAllocatedBytes
        + ", maxTreeNodes="
        + maxTreeNodes
        + ", parseBudget="
        + (parseBudget == null ? "processDefault" : "capacity " + parseBudget.capacity())
        + '}';
  }

  /** Builds {@link JsonLimits}; starts from the defaults. Not thread-safe. */
  public static final class Builder {
    private long maxBytes = DEFAULT_MAX_BYTES;
    private long maxDepth = DEFAULT_MAX_DEPTH;
    private long maxTokens = DEFAULT_MAX_TOKENS;
    private long maxStringLength = DEFAULT_MAX_STRING_LENGTH;
    private long maxNumberLength = DEFAULT_MAX_NUMBER_LENGTH;
    private long maxNameLength = DEFAULT_MAX_NAME_LENGTH;
    private boolean rejectDuplicateNames = DEFAULT_REJECT_DUPLICATE_NAMES;
    private boolean rejectLoneSurrogates = DEFAULT_REJECT_LONE_SURROGATES;
    private long maxParseMillis = DEFAULT_MAX_PARSE_MILLIS;
    private long maxAllocatedBytes = DEFAULT_MAX_ALLOCATED_BYTES;
    private long maxTreeNodes = DEFAULT_MAX_TREE_NODES;
    private ParseBudget parseBudget;

    private Builder() {}

    private Builder(JsonLimits l) {
      maxBytes = l.maxBytes;
      maxDepth = l.maxDepth;
      maxTokens = l.maxTokens;
      maxStringLength = l.maxStringLength;
      maxNumberLength = l.maxNumberLength;
      maxNameLength = l.maxNameLength;
      rejectDuplicateNames = l.rejectDuplicateNames;
      rejectLoneSurrogates = l.rejectLoneSurrogates;
      maxParseMillis = l.maxParseMillis;
      maxAllocatedBytes = l.maxAllocatedBytes;
      maxTreeNodes = l.maxTreeNodes;
      parseBudget = l.parseBudget;
    }

    private static long check(String name, long value) {
      if (value < 0) {
        throw new IllegalArgumentException(name + " < 0: " + value);
      }
      return value;
    }

    /**
     * Raw bytes read from the source (characters for a {@code Reader}), inclusive; default {@value
     * JsonLimits#DEFAULT_MAX_BYTES}; {@link #UNLIMITED} lifts it.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder maxBytes(long maxBytes) {
      this.maxBytes = check("maxBytes", maxBytes);
      return this;
    }

    /**
     * Open arrays and objects, inclusive; default {@value JsonLimits#DEFAULT_MAX_DEPTH}.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder maxDepth(long maxDepth) {
      this.maxDepth = check("maxDepth", maxDepth);
      return this;
    }

    /**
     * Tokens, inclusive; default {@value JsonLimits#DEFAULT_MAX_TOKENS}.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder maxTokens(long maxTokens) {
      this.maxTokens = check("maxTokens", maxTokens);
      return this;
    }

    /**
     * Characters of one string value, inclusive; default {@value
     * JsonLimits#DEFAULT_MAX_STRING_LENGTH}.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder maxStringLength(long maxStringLength) {
      this.maxStringLength = check("maxStringLength", maxStringLength);
      return this;
    }

    /**
     * Characters of one number token, inclusive; default {@value
     * JsonLimits#DEFAULT_MAX_NUMBER_LENGTH}.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder maxNumberLength(long maxNumberLength) {
      this.maxNumberLength = check("maxNumberLength", maxNumberLength);
      return this;
    }

    /**
     * Characters of one property name, inclusive; default {@value
     * JsonLimits#DEFAULT_MAX_NAME_LENGTH}.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder maxNameLength(long maxNameLength) {
      this.maxNameLength = check("maxNameLength", maxNameLength);
      return this;
    }

    /** Refuse a property name repeated within one object; default {@code false}. */
    public Builder rejectDuplicateNames(boolean reject) {
      this.rejectDuplicateNames = reject;
      return this;
    }

    /** Refuse a surrogate escape without its partner; default {@code true}. */
    public Builder rejectLoneSurrogates(boolean reject) {
      this.rejectLoneSurrogates = reject;
      return this;
    }

    /**
     * Wall-clock milliseconds of the whole parse, inclusive; default {@value
     * JsonLimits#DEFAULT_MAX_PARSE_MILLIS}; {@link #UNLIMITED} lifts it.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder maxParseMillis(long maxParseMillis) {
      this.maxParseMillis = check("maxParseMillis", maxParseMillis);
      return this;
    }

    /**
     * Heap bytes the parsing thread may allocate during the parse, inclusive; {@link #UNLIMITED}
     * (the default) lifts it. A finite value needs a JVM with a per-thread allocation counter:
     * {@link #build()} throws {@link UnsupportedOperationException} on one without.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder maxAllocatedBytes(long maxAllocatedBytes) {
      this.maxAllocatedBytes = check("maxAllocatedBytes", maxAllocatedBytes);
      return this;
    }

    /**
     * Nodes of a tree databind builds from one parser (tokens it reads), inclusive; default {@link
     * JsonLimits#DEFAULT_MAX_TREE_NODES} (heap / {@value JsonLimits#HEAP_BYTES_PER_TREE_NODE});
     * {@link #UNLIMITED} lifts it.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder maxTreeNodes(long maxTreeNodes) {
      this.maxTreeNodes = check("maxTreeNodes", maxTreeNodes);
      return this;
    }

    /**
     * The budget trees databind builds are charged to; default {@link
     * ParseBudget#processDefault()}.
     */
    public Builder parseBudget(ParseBudget parseBudget) {
      this.parseBudget = Objects.requireNonNull(parseBudget, "parseBudget");
      return this;
    }

    /**
     * Every limit set to {@link #UNLIMITED}, the deadline, allocation cap and tree-node ceiling
     * included; the duplicate-name and lone-surrogate rules and the parse budget are kept. As
     * {@code XmlLimits.Builder.unlimited()} and {@code DecompressionLimits.Builder.unlimited()}:
     * for trusted input, or to lift all and then set the few that matter.
     *
     * <pre>{@code
     * JsonLimits bulk = JsonLimits.builder().unlimited().maxDepth(64).build();
     * }</pre>
     */
    public Builder unlimited() {
      maxBytes = maxDepth = maxTokens = maxStringLength = UNLIMITED;
      maxNumberLength = maxNameLength = maxTreeNodes = UNLIMITED;
      maxParseMillis = maxAllocatedBytes = UNLIMITED;
      return this;
    }

    /**
     * The limits; the builder may be reused.
     *
     * @throws UnsupportedOperationException if {@link #maxAllocatedBytes(long)} is finite and this
     *     JVM has no per-thread allocation counter
     */
    public JsonLimits build() {
      if (maxAllocatedBytes != UNLIMITED) {
        ParseGuard.requireAllocationCounter("JsonLimits");
      }
      return new JsonLimits(this);
    }
  }
}
