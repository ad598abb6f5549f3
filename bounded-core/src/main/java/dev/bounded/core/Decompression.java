package dev.bounded.core;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * Opens possibly compressed input under {@link DecompressionLimits}. Decompression errors (a
 * corrupt or truncated stream) become {@link MalformedDocumentException}s; a breach of either limit
 * is a {@link LimitExceededException} ({@link Limit#MAX_EXPANDED_BYTES} or {@link
 * Limit#MAX_EXPANSION_RATIO}).
 */
public final class Decompression {
  private Decompression() {}

  /**
   * Detects gzip (magic {@code 1f 8b}) or zlib-wrapped deflate (a valid two-byte zlib header) at
   * the start of {@code in} and decompresses it under {@code limits}; any other input is returned
   * as it is, with no limit applied here. The two bytes looked at are handed on again ahead of the
   * rest, which is read straight from {@code in} (not copied through a buffer).
   */
  public static InputStream open(InputStream in, DecompressionLimits limits) throws IOException {
    PushbackInputStream head = new PushbackInputStream(Objects.requireNonNull(in, "in"), 2);
    int b0 = head.read();
    int b1 = b0 < 0 ? -1 : head.read();
    if (b1 >= 0) {
      head.unread(b1);
    }
    if (b0 >= 0) {
      head.unread(b0);
    }
    if (b0 == 0x1f && b1 == 0x8b) {
      return gunzip(head, limits);
    }
    if (b0 >= 0 && b1 >= 0 && (b0 & 0x0f) == 8 && (b0 >> 4) <= 7 && ((b0 << 8) | b1) % 31 == 0) {
      return inflate(head, limits);
    }
    return head;
  }

  /** Decompresses gzip input (every member of a multi-member file) under {@code limits}. */
  public static InputStream gunzip(InputStream in, DecompressionLimits limits) throws IOException {
    BoundedInputStream compressed = counting(in);
    GZIPInputStream gz;
    try {
      gz = new GZIPInputStream(compressed, 8192);
    } catch (ZipException | EOFException e) {
      throw malformed(e, compressed.getCount());
    }
    return new Expanding(gz, compressed, limits);
  }

  /** Decompresses zlib-wrapped deflate input under {@code limits}. */
  public static InputStream inflate(InputStream in, DecompressionLimits limits) {
    BoundedInputStream compressed = counting(in);
    return new Expanding(new InflaterInputStream(compressed), compressed, limits);
  }

  private static BoundedInputStream counting(InputStream in) {
    try {
      return BoundedInputStream.builder().setInputStream(in).setPropagateClose(true).get();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MalformedDocumentException malformed(IOException e, long at) {
    return new MalformedDocumentException(
        "Corrupt or truncated compressed input: " + e.getMessage(), ParseLocation.atByte(at), e);
  }

  /** Counts expanded bytes exactly and checks the ratio after every read. */
  private static final class Expanding extends InputStream {
    private final InputStream inflated;
    private final LimitedInputStream limited;
    private final BoundedInputStream compressed;
    private final long maxRatio;

    Expanding(InputStream inflated, BoundedInputStream compressed, DecompressionLimits limits) {
      this.inflated = inflated;
      this.compressed = compressed;
      this.maxRatio = limits.maxExpansionRatio();
      this.limited =
          LimitedInputStream.of(
              new Guarded(inflated, compressed),
              limits.maxExpandedBytes(),
              Limit.MAX_EXPANDED_BYTES,
              "DecompressionLimits.maxExpandedBytes");
    }

    @Override
    public int read() throws IOException {
      int b = limited.read();
      checkRatio();
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = limited.read(b, off, len);
      checkRatio();
      return n;
    }

    private void checkRatio() throws LimitExceededException {
      long expanded = limited.count();
      if (maxRatio != DecompressionLimits.UNLIMITED
          && expanded > DecompressionLimits.RATIO_GRACE_BYTES) {
        long in = Math.max(1, compressed.getCount());
        if (expanded / in > maxRatio || (expanded / in == maxRatio && expanded % in != 0)) {
          throw new LimitExceededException(
              Limit.MAX_EXPANSION_RATIO,
              maxRatio,
              expanded / in,
              "DecompressionLimits.maxExpansionRatio",
              ParseLocation.atByte(in));
        }
      }
    }

    @Override
    public void close() throws IOException {
      inflated.close();
    }
  }

  /** Turns zlib's exceptions into ours. */
  private static final class Guarded extends InputStream {
    private final InputStream in;
    private final BoundedInputStream compressed;

    Guarded(InputStream in, BoundedInputStream compressed) {
      this.in = in;
      this.compressed = compressed;
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (ZipException | EOFException e) {
        throw malformed(e, compressed.getCount());
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (ZipException | EOFException e) {
        throw malformed(e, compressed.getCount());
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
