package dev.bounded.rss;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * The hostile compressed inputs of issue 14 for this module's tests, endless ones generated on the
 * fly. (bounded-core's tests hold the full generator with every header flag; its test jar reaches
 * this module only after {@code package}, so the few shapes needed here are built again.)
 */
final class CompressedInputs {
  private static final byte[] EMPTY_STORED_BLOCK = {0, 0, 0, (byte) 0xff, (byte) 0xff};

  private CompressedInputs() {}

  private static byte[] header(int flags) {
    return new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 0, 0, 0, 0, 0, (byte) 0xff};
  }

  /** {@code prefix}, then {@code pattern} repeated for ever. */
  static InputStream endless(byte[] prefix, byte[] pattern) {
    return new InputStream() {
      private long at;

      @Override
      public int read() {
        byte[] one = new byte[1];
        read(one, 0, 1);
        return one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        for (int i = 0; i < len; i++, at++) {
          b[off + i] =
              at < prefix.length
                  ? prefix[(int) at]
                  : pattern[(int) ((at - prefix.length) % pattern.length)];
        }
        return len;
      }
    };
  }

  static InputStream endlessEmptyBlocksGzip() {
    return endless(header(0), EMPTY_STORED_BLOCK);
  }

  static InputStream endlessEmptyBlocksZlib() {
    return endless(new byte[] {0x78, (byte) 0x9c}, EMPTY_STORED_BLOCK);
  }

  static InputStream endlessComment() {
    return endless(header(16), "all work and no play ".getBytes(StandardCharsets.UTF_8));
  }

  /** Empty members for ever, each with a full 65,535-byte FEXTRA field. */
  static InputStream endlessExtraFieldMembers() {
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    m.writeBytes(header(4));
    m.write(0xff);
    m.write(0xff);
    m.writeBytes(new byte[65_535]);
    m.writeBytes(new byte[] {3, 0, 0, 0, 0, 0, 0, 0, 0, 0}); // empty final fixed block, trailer
    return endless(new byte[0], m.toByteArray());
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** {@code n} empty gzip members (20 bytes each), then {@code tail}. */
  static byte[] emptyMembers(int n, byte[] tail) {
    byte[] one = gzip(new byte[0]);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < n; i++) {
      out.writeBytes(one);
    }
    out.writeBytes(tail);
    return out.toByteArray();
  }
}
