package dev.bounded.rss;

import dev.bounded.core.DecompressionLimits;
import dev.bounded.xml.DtdPolicy;
import dev.bounded.xml.XmlLimits;
import java.util.Objects;

/**
 * The ceilings and options of one feed read. Immutable and thread-safe; build once and share.
 *
 * <pre>{@code
 * FeedLimits limits = FeedLimits.builder()
 *     .maxBytes(FeedLimits.UNLIMITED)       // any size: document-wide counts lift with it
 *     .maxFieldLength(64 * 1024)            // but no field longer than 64 Ki characters
 *     .fieldOverflow(FieldOverflow.TRUNCATE)
 *     .build();
 * }</pre>
 *
 * <p>Two kinds of limit. Document-wide ones live in {@link #xmlLimits()} and {@link
 * #decompressionLimits()} and grow with the document ({@link Builder#maxBytes(long)} scales them
 * together). Per-item and per-field ones ({@link #maxFieldLength()}, {@link #maxItemLength()},
 * {@link #maxCategories()}) bound what one item holds in memory whatever the document size, so
 * memory stays flat in the number of items. Every limit is an inclusive maximum checked exactly;
 * {@link #UNLIMITED} lifts one and every default is finite. Characters are UTF-16 code units, as
 * {@link String#length()} counts them, after entity expansion and before trimming.
 */
public final class FeedLimits {
  /** Spells "no limit" for any setting. */
  public static final long UNLIMITED = Long.MAX_VALUE;

  /**
   * Default {@link #maxFieldLength()}: 1,048,576 characters (2 MB of heap). Real titles stay under
   * 1 Ki and article bodies under 256 Ki; a 100 MB description is an attack or an accident.
   */
  public static final long DEFAULT_MAX_FIELD_LENGTH = 1 << 20;

  /**
   * Default {@link #maxItemLength()}: 4,194,304 characters (8 MB of heap) retained by one item over
   * all its fields, so many capped fields (or categories) cannot add up.
   */
  public static final long DEFAULT_MAX_ITEM_LENGTH = 4 << 20;

  /** Default {@link #maxCategories()}: 100 categories on one item; real items carry under 20. */
  public static final long DEFAULT_MAX_CATEGORIES = 100;

  /**
   * Default {@link #maxItems()}: 1,000,000 items, far above any real feed (which carry 10 to 1000)
   * and reachable only by a feed near the default 64 MiB size of 64-byte items.
   */
  public static final long DEFAULT_MAX_ITEMS = 1_000_000;

  /** Default {@link #fieldOverflow()}: {@link FieldOverflow#FAIL}. */
  public static final FieldOverflow DEFAULT_FIELD_OVERFLOW = FieldOverflow.FAIL;

  /**
   * Default {@link #xmlLimits()}: {@link XmlLimits#defaults()} with {@link DtdPolicy#IGNORE} (so
   * the Netscape RSS 0.91 DOCTYPE is skipped; nothing is ever fetched) and {@code maxTextLength}
   * raised to the byte limit, so that a long text run is judged by the feed's own field policy
   * ({@link #maxFieldLength()}, {@link #fieldOverflow()}) rather than failing in the XML layer. The
   * reader never buffers a text run it does not keep, so this costs no memory.
   */
  public static final XmlLimits DEFAULT_XML_LIMITS =
      XmlLimits.defaults().toBuilder()
          .dtdPolicy(DtdPolicy.IGNORE)
          .maxTextLength(XmlLimits.DEFAULT_MAX_BYTES)
          .build();

  private static final FeedLimits DEFAULTS = new Builder().build();

  private final XmlLimits xmlLimits;
  private final DecompressionLimits decompressionLimits;
  private final long maxFieldLength;
  private final long maxItemLength;
  private final long maxCategories;
  private final long maxItems;
  private final FieldOverflow fieldOverflow;
  private final boolean lenientEntities;
  private final boolean tolerant;

  private FeedLimits(Builder b) {
    this.xmlLimits = b.xmlLimits;
    this.decompressionLimits = b.decompressionLimits;
    this.maxFieldLength = b.maxFieldLength;
    this.maxItemLength = b.maxItemLength;
    this.maxCategories = b.maxCategories;
    this.maxItems = b.maxItems;
    this.fieldOverflow = b.fieldOverflow;
    this.lenientEntities = b.lenientEntities;
    this.tolerant = b.tolerant;
  }

  /** The defaults: every {@code DEFAULT_*} constant, strict entities. */
  public static FeedLimits defaults() {
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

  /** The limits of the XML parse under the reader (bytes, depth, elements, attributes, ...). */
  public XmlLimits xmlLimits() {
    return xmlLimits;
  }

  /** The limits applied when the input is gzip or zlib compressed (detected by magic bytes). */
  public DecompressionLimits decompressionLimits() {
    return decompressionLimits;
  }

  /** Bytes of XML read (after decompression), inclusive: {@code xmlLimits().maxBytes()}. */
  public long maxBytes() {
    return xmlLimits.maxBytes();
  }

  /** Characters of one field of an item or of the feed metadata, inclusive, exact. */
  public long maxFieldLength() {
    return maxFieldLength;
  }

  /** Characters one item retains over all its fields and categories, inclusive, exact. */
  public long maxItemLength() {
    return maxItemLength;
  }

  /** Categories of one item, inclusive. */
  public long maxCategories() {
    return maxCategories;
  }

  /** Items in the feed, inclusive; item number {@code maxItems + 1} fails the read. */
  public long maxItems() {
    return maxItems;
  }

  /** What an over-long field, item or category list does. */
  public FieldOverflow fieldOverflow() {
    return fieldOverflow;
  }

  /**
   * Whether HTML named character references ({@code &nbsp;}, {@code &hellip;}, all 2,125 of HTML5)
   * used without a DTD are accepted. False by default: such a feed is not well-formed XML and fails
   * with a {@link dev.bounded.core.MalformedDocumentException} naming the entity.
   */
  public boolean lenientEntities() {
    return lenientEntities;
  }

  /**
   * Whether faults real feeds carry are tolerated and reported rather than failing the read: HTML
   * entities (as {@link #lenientEntities()}), whitespace or a byte-order mark before the XML
   * declaration, bytes invalid in the declared encoding (each replaced by U+FFFD), any charset the
   * JDK decodes (Big5, EUC-KR, GB2312/GBK, Shift_JIS, KOI8-R, windows-125x, ...), and a document
   * that breaks off (the items read before the break are delivered). Each fault becomes an entry of
   * {@link FeedInfo#warnings()}. Limits still fail. False by default: a strict read names the fault
   * with its line and column. Tolerant reads transcode the input to UTF-8 first, so locations count
   * the transcoded bytes.
   */
  public boolean tolerant() {
    return tolerant;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FeedLimits)) {
      return false;
    }
    FeedLimits x = (FeedLimits) o;
    return xmlLimits.equals(x.xmlLimits)
        && decompressionLimits.equals(x.decompressionLimits)
        && maxFieldLength == x.maxFieldLength
        && maxItemLength == x.maxItemLength
        && maxCategories == x.maxCategories
        && maxItems == x.maxItems
        && fieldOverflow == x.fieldOverflow
        && lenientEntities == x.lenientEntities
        && tolerant == x.tolerant;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        xmlLimits,
        decompressionLimits,
        maxFieldLength,
        maxItemLength,
        maxCategories,
        maxItems,
        fieldOverflow,
        lenientEntities,
        tolerant);
  }

  @Override
  public String toString() {
    return "FeedLimits{maxFieldLength="
        + maxFieldLength
        + ", maxItemLength="
        + maxItemLength
        + ", maxCategories="
        + maxCategories
        + ", maxItems="
        + maxItems
        + ", fieldOverflow="
        + fieldOverflow
        + ", lenientEntities="
        + lenientEntities
        + ", tolerant="
        + tolerant
        + ", xmlLimits="
        + xmlLimits
        + ", decompressionLimits="
        + decompressionLimits
        + '}';
  }

  /** Builds {@link FeedLimits}; starts from the defaults. Not thread-safe. */
  public static final class Builder {
    private XmlLimits xmlLimits = DEFAULT_XML_LIMITS;
    private DecompressionLimits decompressionLimits = DecompressionLimits.defaults();
    private long maxFieldLength = DEFAULT_MAX_FIELD_LENGTH;
    private long maxItemLength = DEFAULT_MAX_ITEM_LENGTH;
    private long maxCategories = DEFAULT_MAX_CATEGORIES;
    private long maxItems = DEFAULT_MAX_ITEMS;
    private FieldOverflow fieldOverflow = DEFAULT_FIELD_OVERFLOW;
    private boolean lenientEntities;
    private boolean tolerant;

    private Builder() {}

    private Builder(FeedLimits l) {
      xmlLimits = l.xmlLimits;
      decompressionLimits = l.decompressionLimits;
      maxFieldLength = l.maxFieldLength;
      maxItemLength = l.maxItemLength;
      maxCategories = l.maxCategories;
      maxItems = l.maxItems;
      fieldOverflow = l.fieldOverflow;
      lenientEntities = l.lenientEntities;
      tolerant = l.tolerant;
    }

    private static long check(String name, long value) {
      if (value < 0) {
        throw new IllegalArgumentException(name + " < 0: " + value);
      }
      return value;
    }

    /**
     * Sets the document size, inclusive, and scales the document-wide limits with it: the XML byte
     * limit and the longest text run become {@code maxBytes}, the element count becomes {@code
     * maxBytes / 8} (never below {@link XmlLimits#DEFAULT_MAX_ELEMENTS}; no element is under 4
     * bytes, so this only stops pathological streams of empty elements), and the decompressed and
     * compressed sizes both become {@code maxBytes} (the expansion ratio and member count are kept,
     * so a gzip bomb or a flood of empty members still fails). {@link #UNLIMITED} lifts all of
     * these (then only the deadline, {@code xmlLimits().maxParseMillis()}, stops compressed input
     * that produces nothing). Per-item and per-field limits are unchanged; so are {@link
     * #maxItems(long)}, depth, attribute and name limits.
     */
    public Builder maxBytes(long maxBytes) {
      check("maxBytes", maxBytes);
      long elements =
          maxBytes == UNLIMITED
              ? UNLIMITED
              : Math.max(XmlLimits.DEFAULT_MAX_ELEMENTS, maxBytes / 8);
      xmlLimits =
          xmlLimits.toBuilder()
              .maxBytes(maxBytes)
              .maxTextLength(maxBytes)
              .maxElements(elements)
              .build();
      decompressionLimits =
          decompressionLimits.toBuilder()
              .maxExpandedBytes(maxBytes)
              .maxCompressedBytes(maxBytes)
              .build();
      return this;
    }

    /** Replaces the XML limits wholesale (after {@link #maxBytes(long)}, it undoes it). */
    public Builder xmlLimits(XmlLimits xmlLimits) {
      this.xmlLimits = Objects.requireNonNull(xmlLimits, "xmlLimits");
      return this;
    }

    /** Replaces the decompression limits. */
    public Builder decompressionLimits(DecompressionLimits decompressionLimits) {
      this.decompressionLimits = Objects.requireNonNull(decompressionLimits, "decompressionLimits");
      return this;
    }

    /** Characters of one field, inclusive. */
    public Builder maxFieldLength(long maxFieldLength) {
      this.maxFieldLength = check("maxFieldLength", maxFieldLength);
      return this;
    }

    /** Characters one item retains over all its fields, inclusive. */
    public Builder maxItemLength(long maxItemLength) {
      this.maxItemLength = check("maxItemLength", maxItemLength);
      return this;
    }

    /** Categories of one item, inclusive. */
    public Builder maxCategories(long maxCategories) {
      this.maxCategories = check("maxCategories", maxCategories);
      return this;
    }

    /** Items in the feed, inclusive. */
    public Builder maxItems(long maxItems) {
      this.maxItems = check("maxItems", maxItems);
      return this;
    }

    /** What an over-long field, item or category list does. */
    public Builder fieldOverflow(FieldOverflow fieldOverflow) {
      this.fieldOverflow = Objects.requireNonNull(fieldOverflow, "fieldOverflow");
      return this;
    }

    /**
     * Accept HTML named character references used without a DTD; see {@link #lenientEntities()}.
     */
    public Builder lenientEntities(boolean lenientEntities) {
      this.lenientEntities = lenientEntities;
      return this;
    }

    /** Tolerate and report the faults real feeds carry; see {@link FeedLimits#tolerant()}. */
    public Builder tolerant(boolean tolerant) {
      this.tolerant = tolerant;
      return this;
    }

    /** The immutable limits. */
    public FeedLimits build() {
      return new FeedLimits(this);
    }
  }
}
