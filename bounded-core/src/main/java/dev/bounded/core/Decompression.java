package dev.bounded.core;

import dev.bounded.core.internal.InflatingInputStream;
import dev.bounded.core.internal.ParseGuard;
import java.io.IOException;
import java.io.InputStream;

/**
 * Opens possibly compressed input under {@link DecompressionLimits}, bounded on both sides: what
 * comes out ({@link Limit#MAX_EXPANDED_BYTES}, {@link Limit#MAX_EXPANSION_RATIO}) and what goes in
 * ({@link Limit#MAX_COMPRESSED_BYTES}, {@link Limit#MAX_MEMBERS}); a breach is a {@link
 * LimitExceededException}. A corrupt or truncated stream, a bad checksum, an over-long header field
 * or data after the end of the stream is a {@link MalformedDocumentException} at the compressed
 * byte offset where it was found; no {@code ZipException} or {@code EOFException} escapes.
 *
 * <p>Gzip members are read one after another in constant stack, and every header field is bounded
 * ({@link DecompressionLimits#MAX_HEADER_FIELD_BYTES}). The streams returned are not thread-safe;
 * closing one closes {@code in}.
 */
public final class Decompression {
  private Decompression() {}

  /**
   * Detects gzip (magic {@code 1f 8b}) or zlib-wrapped deflate (a valid two-byte zlib header) at
   * the start of {@code in} and decompresses it under {@code limits}; any other input is returned
   * as it is, with no limit applied here. The two bytes looked at are handed on again ahead of the
   * rest.
   */
  public static InputStream open(InputStream in, DecompressionLimits limits) throws IOException {
    return InflatingInputStream.open(in, limits, ParseGuard.NONE);
  }

  /**
   * Decompresses gzip input (every member of a multi-member file) under {@code limits}. The first
   * header is read by the first read, which reports a stream that is not gzip.
   */
  public static InputStream gunzip(InputStream in, DecompressionLimits limits) throws IOException {
    return InflatingInputStream.gzip(in, limits, ParseGuard.NONE);
  }

  /** Decompresses zlib-wrapped deflate input under {@code limits}. */
  public static InputStream inflate(InputStream in, DecompressionLimits limits) {
    return InflatingInputStream.zlib(in, limits, ParseGuard.NONE);
  }
}
