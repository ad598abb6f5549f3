package dev.bounded.core;

/**
 * Ceilings for decompressing gzip or deflate input, so a compression bomb fails early and clearly.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * InputStream in = Decompression.open(raw, DecompressionLimits.of(256L << 20, 200));
 * }</pre>
 */
public final class DecompressionLimits {
  /** Default {@link #maxExpandedBytes()}: 64 MiB, the default XML and JSON byte limit. */
  public static final long DEFAULT_MAX_EXPANDED_BYTES = 64L << 20;

  /**
   * Default {@link #maxExpansionRatio()}: 100. Text feeds and JSON compress 5x to 20x; a ratio over
   * 100 is the signature of a bomb (a gzip of zeros compresses about 1000x).
   */
  public static final long DEFAULT_MAX_EXPANSION_RATIO = 100;

  /**
   * Expanded bytes below which the ratio is not checked: 1 MiB. The first blocks of a stream can
   * expand far more than the average, so checking the ratio earlier would refuse honest input.
   */
  public static final long RATIO_GRACE_BYTES = 1L << 20;

  /** Spells "no limit". */
  public static final long UNLIMITED = Long.MAX_VALUE;

  private static final DecompressionLimits DEFAULTS =
      new DecompressionLimits(DEFAULT_MAX_EXPANDED_BYTES, DEFAULT_MAX_EXPANSION_RATIO);

  private final long maxExpandedBytes;
  private final long maxExpansionRatio;

  private DecompressionLimits(long maxExpandedBytes, long maxExpansionRatio) {
    this.maxExpandedBytes = maxExpandedBytes;
    this.maxExpansionRatio = maxExpansionRatio;
  }

  /** 64 MiB expanded at most, at most 100 expanded bytes per compressed byte. */
  public static DecompressionLimits defaults() {
    return DEFAULTS;
  }

  /**
   * @param maxExpandedBytes inclusive maximum of decompressed bytes, exact; or {@link #UNLIMITED}
   * @param maxExpansionRatio inclusive maximum of decompressed per compressed bytes, checked after
   *     every read once {@link #RATIO_GRACE_BYTES} are expanded; or {@link #UNLIMITED}
   */
  public static DecompressionLimits of(long maxExpandedBytes, long maxExpansionRatio) {
    if (maxExpandedBytes < 0) {
      throw new IllegalArgumentException("maxExpandedBytes < 0: " + maxExpandedBytes);
    }
    if (maxExpansionRatio < 1) {
      throw new IllegalArgumentException("maxExpansionRatio < 1: " + maxExpansionRatio);
    }
    return new DecompressionLimits(maxExpandedBytes, maxExpansionRatio);
  }

  /** Inclusive maximum of decompressed bytes. */
  public long maxExpandedBytes() {
    return maxExpandedBytes;
  }

  /** Inclusive maximum of decompressed bytes per compressed byte. */
  public long maxExpansionRatio() {
    return maxExpansionRatio;
  }

  @Override
  public String toString() {
    return "DecompressionLimits{maxExpandedBytes="
        + maxExpandedBytes
        + ", maxExpansionRatio="
        + maxExpansionRatio
        + '}';
  }
}
