package dev.bounded.core;

import java.util.Objects;

/**
 * Ceilings for decompressing gzip or zlib input, on both sides: what comes out ({@link
 * #maxExpandedBytes()}, {@link #maxExpansionRatio()}), so a compression bomb fails early, and what
 * goes in ({@link #maxCompressedBytes()}, {@link #maxMembers()}), so a stream that never produces
 * output (endless empty deflate blocks, an endless header comment, a flood of empty gzip members)
 * fails too. Immutable and thread-safe; build once and share.
 *
 * <pre>{@code
 * DecompressionLimits limits = DecompressionLimits.builder()
 *     .maxExpandedBytes(256L << 20)
 *     .maxCompressedBytes(256L << 20)
 *     .build();
 * InputStream in = Decompression.open(raw, limits);
 * }</pre>
 *
 * <p>Every limit is an inclusive maximum checked exactly (the ratio once {@link #RATIO_GRACE_BYTES}
 * are expanded): a stream whose measure equals the maximum passes, one more fails with a {@link
 * LimitExceededException} naming the {@link Limit} and the builder method. {@link #UNLIMITED} lifts
 * a limit; every default is finite.
 */
public final class DecompressionLimits {
  /** Spells "no limit" for any setting. */
  public static final long UNLIMITED = Long.MAX_VALUE;

  /** Default {@link #maxExpandedBytes()}: 64 MiB, the default XML and JSON byte limit. */
  public static final long DEFAULT_MAX_EXPANDED_BYTES = 64L << 20;

  /**
   * Default {@link #maxExpansionRatio()}: 100. Text feeds and JSON compress 5x to 20x; a ratio over
   * 100 is the signature of a bomb (a gzip of zeros compresses about 1000x).
   */
  public static final long DEFAULT_MAX_EXPANSION_RATIO = 100;

  /**
   * Default {@link #maxCompressedBytes()}: 64 MiB, the same as {@link #DEFAULT_MAX_EXPANDED_BYTES}.
   * Real gzip or zlib text is 5x to 20x smaller than its expansion, so honest input reaches this
   * only when it would reach the expanded limit anyway; what reads this far is input that produces
   * nothing (empty deflate blocks, padding members, an endless header field). Incompressible data
   * kept in deflate's stored blocks is 0.008% larger than its expansion, so such a stream within 5
   * KiB of the expanded limit fails here first. 64 MiB of the cheapest such input takes well under
   * a second to refuse.
   */
  public static final long DEFAULT_MAX_COMPRESSED_BYTES = 64L << 20;

  /**
   * Default {@link #maxMembers()}: 65,536 gzip members. Ordinary files have one; concatenated logs
   * a few; BGZF (blocked gzip, one member per 64 KiB of data) about 1,030 for the default 64 MiB,
   * so this admits BGZF files up to 4 GiB. Members are read one after another in constant stack and
   * memory, so the cap only bounds per-member work (a header and an inflater reset: 500,000 empty
   * members read in about 0.1 s).
   */
  public static final long DEFAULT_MAX_MEMBERS = 65_536;

  /**
   * Expanded bytes below which the ratio is not checked: 1 MiB. The first blocks of a stream can
   * expand far more than the average, so checking the ratio earlier would refuse honest input.
   */
  public static final long RATIO_GRACE_BYTES = 1L << 20;

  /**
   * Bytes of one gzip header's file name or comment (RFC 1952 {@code FNAME}, {@code FCOMMENT}) at
   * most, before its terminating zero: 65,535, the most the format allows {@code FEXTRA}, so every
   * optional header field has the same bound. Real names are file names and comments are rare;
   * longer ones are refused as malformed. The fields are skipped, never held, so they cost no
   * memory either way.
   */
  public static final int MAX_HEADER_FIELD_BYTES = 65_535;

  private static final DecompressionLimits DEFAULTS = new Builder().build();

  private final long maxExpandedBytes;
  private final long maxExpansionRatio;
  private final long maxCompressedBytes;
  private final long maxMembers;

  private DecompressionLimits(Builder b) {
    this.maxExpandedBytes = b.maxExpandedBytes;
    this.maxExpansionRatio = b.maxExpansionRatio;
    this.maxCompressedBytes = b.maxCompressedBytes;
    this.maxMembers = b.maxMembers;
  }

  /** The defaults: every {@code DEFAULT_*} constant of this class. */
  public static DecompressionLimits defaults() {
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
   * The defaults with the two expansion limits replaced; shorthand for {@code
   * builder().maxExpandedBytes(a).maxExpansionRatio(b).build()}.
   *
   * @param maxExpandedBytes inclusive maximum of decompressed bytes, exact; or {@link #UNLIMITED}
   * @param maxExpansionRatio inclusive maximum of decompressed per compressed bytes, checked after
   *     every read once {@link #RATIO_GRACE_BYTES} are expanded; or {@link #UNLIMITED}
   * @throws IllegalArgumentException if {@code maxExpandedBytes < 0} or {@code maxExpansionRatio <
   *     1}
   */
  public static DecompressionLimits of(long maxExpandedBytes, long maxExpansionRatio) {
    return builder()
        .maxExpandedBytes(maxExpandedBytes)
        .maxExpansionRatio(maxExpansionRatio)
        .build();
  }

  /** Inclusive maximum of decompressed bytes. */
  public long maxExpandedBytes() {
    return maxExpandedBytes;
  }

  /** Inclusive maximum of decompressed bytes per compressed byte. */
  public long maxExpansionRatio() {
    return maxExpansionRatio;
  }

  /**
   * Inclusive maximum of compressed bytes read from the source, headers, trailers and every member
   * included, exact: the source is never read more than one byte past it.
   */
  public long maxCompressedBytes() {
    return maxCompressedBytes;
  }

  /** Inclusive maximum of gzip members (concatenated gzip files), empty ones included. */
  public long maxMembers() {
    return maxMembers;
  }

  /** The maximum configured for {@code limit}, or -1 if these limits do not configure it. */
  public long maximum(Limit limit) {
    switch (limit) {
      case MAX_EXPANDED_BYTES:
        return maxExpandedBytes;
      case MAX_EXPANSION_RATIO:
        return maxExpansionRatio;
      case MAX_COMPRESSED_BYTES:
        return maxCompressedBytes;
      case MAX_MEMBERS:
        return maxMembers;
      default:
        return -1;
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DecompressionLimits)) {
      return false;
    }
    DecompressionLimits x = (DecompressionLimits) o;
    return maxExpandedBytes == x.maxExpandedBytes
        && maxExpansionRatio == x.maxExpansionRatio
        && maxCompressedBytes == x.maxCompressedBytes
        && maxMembers == x.maxMembers;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxExpandedBytes, maxExpansionRatio, maxCompressedBytes, maxMembers);
  }

  @Override
  public String toString() {
    return "DecompressionLimits{maxExpandedBytes="
        + maxExpandedBytes
        + ", maxExpansionRatio="
        + maxExpansionRatio
        + ", maxCompressedBytes="
        + maxCompressedBytes
        + ", maxMembers="
        + maxMembers
        + '}';
  }

  /** Builds {@link DecompressionLimits}; starts from the defaults. Not thread-safe. */
  public static final class Builder {
    private long maxExpandedBytes = DEFAULT_MAX_EXPANDED_BYTES;
    private long maxExpansionRatio = DEFAULT_MAX_EXPANSION_RATIO;
    private long maxCompressedBytes = DEFAULT_MAX_COMPRESSED_BYTES;
    private long maxMembers = DEFAULT_MAX_MEMBERS;

    private Builder() {}

    private Builder(DecompressionLimits l) {
      maxExpandedBytes = l.maxExpandedBytes;
      maxExpansionRatio = l.maxExpansionRatio;
      maxCompressedBytes = l.maxCompressedBytes;
      maxMembers = l.maxMembers;
    }

    private static long check(String name, long value, long min) {
      if (value < min) {
        throw new IllegalArgumentException(name + " < " + min + ": " + value);
      }
      return value;
    }

    /** Decompressed bytes, inclusive, exact; {@link #UNLIMITED} lifts it. */
    public Builder maxExpandedBytes(long maxExpandedBytes) {
      this.maxExpandedBytes = check("maxExpandedBytes", maxExpandedBytes, 0);
      return this;
    }

    /**
     * Decompressed bytes per compressed byte, inclusive, at least 1, checked after every read once
     * {@link #RATIO_GRACE_BYTES} are expanded; {@link #UNLIMITED} lifts it.
     */
    public Builder maxExpansionRatio(long maxExpansionRatio) {
      this.maxExpansionRatio = check("maxExpansionRatio", maxExpansionRatio, 1);
      return this;
    }

    /** Compressed bytes read from the source, inclusive, exact; {@link #UNLIMITED} lifts it. */
    public Builder maxCompressedBytes(long maxCompressedBytes) {
      this.maxCompressedBytes = check("maxCompressedBytes", maxCompressedBytes, 0);
      return this;
    }

    /** Gzip members, inclusive, empty ones included; {@link #UNLIMITED} lifts it. */
    public Builder maxMembers(long maxMembers) {
      this.maxMembers = check("maxMembers", maxMembers, 0);
      return this;
    }

    /** Every limit set to {@link #UNLIMITED}. */
    public Builder unlimited() {
      maxExpandedBytes = maxExpansionRatio = maxCompressedBytes = maxMembers = UNLIMITED;
      return this;
    }

    /** The immutable limits. */
    public DecompressionLimits build() {
      return new DecompressionLimits(this);
    }
  }
}
