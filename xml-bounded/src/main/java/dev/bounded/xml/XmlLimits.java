package dev.bounded.xml;

import dev.bounded.core.Limit;
import dev.bounded.core.internal.ParseGuard;
import java.util.Objects;

/**
 * The ceilings of one XML parse. Immutable and thread-safe; build once and share.
 *
 * <pre>{@code
 * XmlLimits limits = XmlLimits.builder().maxBytes(8L << 20).maxDepth(64).build();
 * BoundedXml.parse(in, limits, handler);
 * }</pre>
 *
 * <p>Every limit is an inclusive maximum checked exactly: a document whose measure equals the
 * maximum passes, one more fails with a {@link dev.bounded.core.LimitExceededException} naming the
 * {@link Limit} and the builder method. "Characters" are UTF-16 code units as {@link
 * String#length()} counts them, after line-end normalisation and after character and entity
 * references are expanded. {@link #UNLIMITED} lifts a limit, and must be asked for explicitly;
 * every default is finite but one, {@link #maxAllocatedBytes()}, which not every JVM can measure.
 *
 * <p>Two limits bound the work rather than the document: {@link #maxParseMillis()}, a wall-clock
 * deadline for the whole parse, and {@link #maxAllocatedBytes()}, the heap the parsing thread may
 * allocate. Both are checked while the parse streams (every 16 events, and at every read from a
 * source that may block for the deadline), never preemptively: a handler or a source blocked inside
 * one call is only caught when that call returns. They are the two limits that are not exact: a
 * breach is seen at the next check.
 *
 * <p>Limits hold while streaming: the memory held for one name, attribute value, comment or
 * processing instruction never exceeds a small multiple of its limit, and one start tag holds at
 * most {@code maxAttributes} values of {@code maxAttributeLength} characters.
 */
public final class XmlLimits {
  /** Spells "no limit" for any setting. */
  public static final long UNLIMITED = Long.MAX_VALUE;

  /**
   * Default {@link #maxBytes()}: 64 MiB. Far above any real request body or feed, so it only stops
   * abuse; raise it (or lift it) for bulk files, which stream in constant memory anyway.
   */
  public static final long DEFAULT_MAX_BYTES = 64L << 20;

  /**
   * Default {@link #maxDepth()}: 256. Real documents rarely nest past 30; deep nesting exists to
   * break recursive consumers.
   */
  public static final long DEFAULT_MAX_DEPTH = 256;

  /**
   * Default {@link #maxElements()}: 1,000,000 start tags (a 64 MiB document of 64-byte elements).
   */
  public static final long DEFAULT_MAX_ELEMENTS = 1_000_000;

  /**
   * Default {@link #maxAttributes()}: 100 attributes on one start tag, namespace declarations
   * included.
   */
  public static final long DEFAULT_MAX_ATTRIBUTES = 100;

  /**
   * Default {@link #maxAttributeLength()}: 16,384 characters, so one start tag holds at most 1.6
   * million characters (about 3 MB) even at the attribute-count limit.
   */
  public static final long DEFAULT_MAX_ATTRIBUTE_LENGTH = 16_384;

  /**
   * Default {@link #maxTextLength()}: 1,048,576 characters (2 MB of heap when a consumer gathers a
   * run). Feed descriptions and article bodies stay far below; base64 blobs need it raised.
   */
  public static final long DEFAULT_MAX_TEXT_LENGTH = 1 << 20;

  /** Default {@link #maxNameLength()}: 1,024 characters; real names stay under 100. */
  public static final long DEFAULT_MAX_NAME_LENGTH = 1024;

  /**
   * Default {@link #maxNamespaces()}: 64 declarations in scope at once. Woodstox resolves every
   * prefixed element and attribute name by walking the declarations in scope one by one, so one
   * name costs up to this many comparisons. Measured (decision 011; thread CPU time, best of
   * three): the most hostile shape, every attribute of every tag prefixed with the first of the
   * declarations in scope, parses in about 2 times the time of a plain document of the same size at
   * 64, 3 times at 128, and 240 times at 25,500 (255 levels declaring 100 each, within every other
   * default). Real documents declare a few dozen (an Office Open XML part about 40, a SOAP envelope
   * under 20); raise it for documents that declare more.
   */
  public static final long DEFAULT_MAX_NAMESPACES = 64;

  /**
   * Default {@link #maxParseMillis()}: 300,000 ms (5 minutes). A parse within the other defaults
   * takes seconds (64 MiB at 20 MB/s, slow for this parser, is about 3 s), so this never stops
   * honest work; it bounds a stuck or trickling source and a pathological consumer, which would
   * otherwise hold a thread and its buffers forever. Set a deadline near your request timeout.
   */
  public static final long DEFAULT_MAX_PARSE_MILLIS = 5 * 60 * 1000;

  /**
   * Default {@link #maxAllocatedBytes()}: {@link #UNLIMITED}, the one default that is not finite,
   * because the per-thread allocation counter it reads does not exist on every JVM; asking for a
   * cap on such a JVM fails at {@link Builder#build()}, never silently.
   */
  public static final long DEFAULT_MAX_ALLOCATED_BYTES = UNLIMITED;

  /** Default {@link #dtdPolicy()}: {@link DtdPolicy#REFUSE}. */
  public static final DtdPolicy DEFAULT_DTD_POLICY = DtdPolicy.REFUSE;

  /**
   * Default {@link #engine()}: {@link XmlEngine#BOUNDED}, Bounded's own tokenizer (decision 018).
   * {@link XmlEngine#WOODSTOX} needs Woodstox on the class path (an optional dependency).
   */
  public static final XmlEngine DEFAULT_ENGINE = XmlEngine.BOUNDED;

  private static final XmlLimits DEFAULTS = new Builder().build();

  private final long maxBytes;
  private final long maxDepth;
  private final long maxElements;
  private final long maxAttributes;
  private final long maxAttributeLength;
  private final long maxTextLength;
  private final long maxNameLength;
  private final long maxNamespaces;
  private final long maxParseMillis;
  private final long maxAllocatedBytes;
  private final DtdPolicy dtdPolicy;
  private final XmlEngine engine;

  private XmlLimits(Builder b) {
    this.maxBytes = b.maxBytes;
    this.maxDepth = b.maxDepth;
    this.maxElements = b.maxElements;
    this.maxAttributes = b.maxAttributes;
    this.maxAttributeLength = b.maxAttributeLength;
    this.maxTextLength = b.maxTextLength;
    this.maxNameLength = b.maxNameLength;
    this.maxNamespaces = b.maxNamespaces;
    this.maxParseMillis = b.maxParseMillis;
    this.maxAllocatedBytes = b.maxAllocatedBytes;
    this.dtdPolicy = b.dtdPolicy;
    this.engine = b.engine;
  }

  /** The defaults: every {@code DEFAULT_*} constant of this class. */
  public static XmlLimits defaults() {
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
   * Raw bytes read from the source, exact. <b>For a {@code Reader} (or a character {@code Source})
   * this counts characters (UTF-16 code units), not bytes</b>: the text was decoded before Bounded
   * saw it. The breach is {@link Limit#MAX_BYTES} either way.
   */
  public long maxBytes() {
    return maxBytes;
  }

  /** Element nesting depth; the root element is depth 1. */
  public long maxDepth() {
    return maxDepth;
  }

  /** Start tags in the whole document. */
  public long maxElements() {
    return maxElements;
  }

  /** Attributes on one start tag, namespace declarations included. */
  public long maxAttributes() {
    return maxAttributes;
  }

  /** Characters of one attribute value (namespace URIs included), after normalisation. */
  public long maxAttributeLength() {
    return maxAttributeLength;
  }

  /**
   * Characters of one contiguous run of character data between two tags (CDATA sections and
   * references included, however the parser splits it). <b>The same limit also bounds</b> each
   * comment's text, each processing instruction's data and, under {@link DtdPolicy#IGNORE}, the
   * whole DOCTYPE (counted in bytes as it is skipped): every other unbounded stretch of text in a
   * document. A comment or processing instruction ends a run. The breach is {@link
   * Limit#MAX_TEXT_LENGTH} in every case.
   */
  public long maxTextLength() {
    return maxTextLength;
  }

  /**
   * Characters of any qualified name: element, attribute, processing-instruction target, entity.
   */
  public long maxNameLength() {
    return maxNameLength;
  }

  /**
   * Namespace declarations ({@code xmlns} and {@code xmlns:prefix} attributes) in scope at once:
   * those of the current start tag and of all its open ancestors, counted as declared (a prefix
   * declared again counts again; an {@code xmlns=""} undeclaration counts). Checked exactly on the
   * bytes, before the parser resolves any name of the offending tag, and for every API, whether or
   * not the parse is namespace-aware. Fails with {@link Limit#MAX_NAMESPACES} at the declaration
   * one over, so the events before that tag are delivered.
   */
  public long maxNamespaces() {
    return maxNamespaces;
  }

  /**
   * Wall-clock milliseconds from the parse's first read from its source (for a {@link
   * java.io.ByteArrayInputStream}, or bytes in memory: from its first event) to the end of the
   * parse, handler time included; checked every 16 events and at every read from a source that may
   * block (a {@code ByteArrayInputStream}'s reads return at once and are not checked), so a breach
   * is seen at the next check, not preemptively. Fails with {@link Limit#MAX_PARSE_MILLIS}. Feeders
   * start the clock when they are created.
   */
  public long maxParseMillis() {
    return maxParseMillis;
  }

  /**
   * Bytes the parsing thread allocates on the heap during the parse, handler allocations included
   * (read from HotSpot's per-thread counter, {@code com.sun.management.ThreadMXBean}); checked
   * every 16 events, so it is exceeded by at most what 16 events allocate. It bounds the work
   * (garbage included), not what is retained. Fails with {@link Limit#MAX_ALLOCATED_BYTES}.
   */
  public long maxAllocatedBytes() {
    return maxAllocatedBytes;
  }

  /** What a DOCTYPE does; nothing is ever fetched under any policy. */
  public DtdPolicy dtdPolicy() {
    return dtdPolicy;
  }

  /** The parser underneath: see {@link XmlEngine}. */
  public XmlEngine engine() {
    return engine;
  }

  /** The maximum configured for {@code limit}, or -1 if these limits do not configure it. */
  public long maximum(Limit limit) {
    switch (limit) {
      case MAX_BYTES:
        return maxBytes;
      case MAX_DEPTH:
        return maxDepth;
      case MAX_ELEMENTS:
        return maxElements;
      case MAX_ATTRIBUTES:
        return maxAttributes;
      case MAX_ATTRIBUTE_LENGTH:
        return maxAttributeLength;
      case MAX_TEXT_LENGTH:
        return maxTextLength;
      case MAX_NAME_LENGTH:
        return maxNameLength;
      case MAX_NAMESPACES:
        return maxNamespaces;
      case MAX_PARSE_MILLIS:
        return maxParseMillis;
      case MAX_ALLOCATED_BYTES:
        return maxAllocatedBytes;
      default:
        return -1;
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof XmlLimits)) {
      return false;
    }
    XmlLimits x = (XmlLimits) o;
    return maxBytes == x.maxBytes
        && maxDepth == x.maxDepth
        && maxElements == x.maxElements
        && maxAttributes == x.maxAttributes
        && maxAttributeLength == x.maxAttributeLength
        && maxTextLength == x.maxTextLength
        && maxNameLength == x.maxNameLength
        && maxNamespaces == x.maxNamespaces
        && maxParseMillis == x.maxParseMillis
        && maxAllocatedBytes == x.maxAllocatedBytes
        && dtdPolicy == x.dtdPolicy
        && engine == x.engine;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        maxBytes,
        maxDepth,
        maxElements,
        maxAttributes,
        maxAttributeLength,
        maxTextLength,
        maxNameLength,
        maxNamespaces,
        maxParseMillis,
        maxAllocatedBytes,
        dtdPolicy,
        engine);
  }

  @Override
  public String toString() {
    return "XmlLimits{maxBytes="
        + maxBytes
        + ", maxDepth="
        + maxDepth
        + ", maxElements="
        + maxElements
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
        + ", maxParseMillis="
        + maxParseMillis
        + ", maxAllocatedBytes="
        + maxAllocatedBytes
        + ", dtdPolicy="
        + dtdPolicy
        + ", engine="
        + engine
        + '}';
  }

  /** Builds {@link XmlLimits}; starts from the defaults. Not thread-safe. */
  public static final class Builder {
    private long maxBytes = DEFAULT_MAX_BYTES;
    private long maxDepth = DEFAULT_MAX_DEPTH;
    private long maxElements = DEFAULT_MAX_ELEMENTS;
    private long maxAttributes = DEFAULT_MAX_ATTRIBUTES;
    private long maxAttributeLength = DEFAULT_MAX_ATTRIBUTE_LENGTH;
    private long maxTextLength = DEFAULT_MAX_TEXT_LENGTH;
    private long maxNameLength = DEFAULT_MAX_NAME_LENGTH;
    private long maxNamespaces = DEFAULT_MAX_NAMESPACES;
    private long maxParseMillis = DEFAULT_MAX_PARSE_MILLIS;
    private long maxAllocatedBytes = DEFAULT_MAX_ALLOCATED_BYTES;
    private DtdPolicy dtdPolicy = DEFAULT_DTD_POLICY;
    private XmlEngine engine = DEFAULT_ENGINE;

    private Builder() {}

    private Builder(XmlLimits l) {
      maxBytes = l.maxBytes;
      maxDepth = l.maxDepth;
      maxElements = l.maxElements;
      maxAttributes = l.maxAttributes;
      maxAttributeLength = l.maxAttributeLength;
      maxTextLength = l.maxTextLength;
      maxNameLength = l.maxNameLength;
      maxNamespaces = l.maxNamespaces;
      maxParseMillis = l.maxParseMillis;
      maxAllocatedBytes = l.maxAllocatedBytes;
      dtdPolicy = l.dtdPolicy;
      engine = l.engine;
    }

    private static long check(String name, long value) {
      if (value < 0) {
        throw new IllegalArgumentException(name + " < 0: " + value);
      }
      return value;
    }

    /**
     * Raw bytes read from the source (characters for a {@code Reader}), inclusive; {@link
     * #UNLIMITED} lifts it.
     */
    public Builder maxBytes(long maxBytes) {
      this.maxBytes = check("maxBytes", maxBytes);
      return this;
    }

    /** Element nesting depth, inclusive; the root is depth 1. */
    public Builder maxDepth(long maxDepth) {
      this.maxDepth = check("maxDepth", maxDepth);
      return this;
    }

    /** Start tags in the whole document, inclusive. */
    public Builder maxElements(long maxElements) {
      this.maxElements = check("maxElements", maxElements);
      return this;
    }

    /** Attributes on one start tag (namespace declarations included), inclusive. */
    public Builder maxAttributes(long maxAttributes) {
      this.maxAttributes = check("maxAttributes", maxAttributes);
      return this;
    }

    /** Characters of one attribute value, inclusive. */
    public Builder maxAttributeLength(long maxAttributeLength) {
      this.maxAttributeLength = check("maxAttributeLength", maxAttributeLength);
      return this;
    }

    /**
     * Characters of one text run, and of one comment, processing instruction's data or skipped
     * DOCTYPE (see {@link XmlLimits#maxTextLength()}), inclusive.
     */
    public Builder maxTextLength(long maxTextLength) {
      this.maxTextLength = check("maxTextLength", maxTextLength);
      return this;
    }

    /** Characters of one qualified name, inclusive. */
    public Builder maxNameLength(long maxNameLength) {
      this.maxNameLength = check("maxNameLength", maxNameLength);
      return this;
    }

    /**
     * Namespace declarations in scope at once (the current start tag's and its ancestors'),
     * inclusive; {@link #UNLIMITED} lifts it, at the cost of name resolution linear in it.
     */
    public Builder maxNamespaces(long maxNamespaces) {
      this.maxNamespaces = check("maxNamespaces", maxNamespaces);
      return this;
    }

    /** Wall-clock milliseconds of the whole parse, inclusive; {@link #UNLIMITED} lifts it. */
    public Builder maxParseMillis(long maxParseMillis) {
      this.maxParseMillis = check("maxParseMillis", maxParseMillis);
      return this;
    }

    /**
     * Heap bytes the parsing thread may allocate during the parse, inclusive; {@link #UNLIMITED}
     * (the default) lifts it. A finite value needs a JVM with a per-thread allocation counter:
     * {@link #build()} throws {@link UnsupportedOperationException} on one without.
     */
    public Builder maxAllocatedBytes(long maxAllocatedBytes) {
      this.maxAllocatedBytes = check("maxAllocatedBytes", maxAllocatedBytes);
      return this;
    }

    /** What a DOCTYPE does. */
    public Builder dtdPolicy(DtdPolicy dtdPolicy) {
      this.dtdPolicy = Objects.requireNonNull(dtdPolicy, "dtdPolicy");
      return this;
    }

    /**
     * The parser underneath every API that reads with these limits; see {@link XmlEngine}. The
     * default is {@link XmlEngine#BOUNDED}.
     *
     * @throws IllegalStateException for {@link XmlEngine#WOODSTOX} when Woodstox (an optional
     *     dependency: {@code com.fasterxml.woodstox:woodstox-core}) cannot be loaded, so the choice
     *     fails here rather than at the first parse
     */
    public Builder engine(XmlEngine engine) {
      if (Objects.requireNonNull(engine, "engine") == XmlEngine.WOODSTOX) {
        requireWoodstox();
      }
      this.engine = engine;
      return this;
    }

    private static void requireWoodstox() {
      try {
        Class.forName(
            "com.ctc.wstx.stax.WstxInputFactory", false, XmlLimits.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IllegalStateException(
            "XmlEngine.WOODSTOX needs Woodstox, an optional dependency of xml-bounded: add"
                + " com.fasterxml.woodstox:woodstox-core to the class path (on the module path,"
                + " also --add-modules com.ctc.wstx), or keep the default XmlEngine.BOUNDED",
            e);
      }
    }

    /**
     * Every limit set to {@link #UNLIMITED}, the deadline and allocation cap included; the DTD
     * policy and the engine are kept.
     */
    public Builder unlimited() {
      maxBytes = maxDepth = maxElements = maxAttributes = UNLIMITED;
      maxAttributeLength = maxTextLength = maxNameLength = maxNamespaces = UNLIMITED;
      maxParseMillis = maxAllocatedBytes = UNLIMITED;
      return this;
    }

    /**
     * The immutable limits.
     *
     * @throws UnsupportedOperationException if {@link #maxAllocatedBytes(long)} is finite and this
     *     JVM has no per-thread allocation counter
     */
    public XmlLimits build() {
      if (maxAllocatedBytes != UNLIMITED) {
        ParseGuard.requireAllocationCounter("XmlLimits");
      }
      return new XmlLimits(this);
    }
  }
}
