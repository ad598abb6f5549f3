package dev.bounded.testkit;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Hostile and honest compressed inputs, built by hand so every header flag and block type can be
 * chosen; endless ones are generated on the fly, never stored. Shared with rss-example's tests
 * through the test jar.
 */
public final class CompressedInputs {
  /** gzip header flags (RFC 1952). */
  public static final int FTEXT = 1;

  public static final int FHCRC = 2;
  public static final int FEXTRA = 4;
  public static final int FNAME = 8;
  public static final int FCOMMENT = 16;

  /** One empty, non-final stored deflate block, byte-aligned: BFINAL 0, BTYPE 00, LEN 0, NLEN. */
  public static final byte[] EMPTY_STORED_BLOCK = {0, 0, 0, (byte) 0xff, (byte) 0xff};

  private CompressedInputs() {}

  /** A minimal gzip header without optional fields. */
  public static byte[] plainHeader(int flags) {
    return new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 0, 0, 0, 0, 0, (byte) 0xff};
  }

  /** {@code prefix}, then {@code pattern} repeated for ever. Never ends, never buffers. */
  public static InputStream endless(byte[] prefix, byte[] pattern) {
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

  /** A gzip header, then empty stored blocks for ever: never any output. */
  public static InputStream endlessEmptyBlocksGzip() {
    return endless(plainHeader(0), EMPTY_STORED_BLOCK);
  }

  /** A zlib header, then empty stored blocks for ever. */
  public static InputStream endlessEmptyBlocksZlib() {
    return endless(new byte[] {0x78, (byte) 0x9c}, EMPTY_STORED_BLOCK);
  }

  /** A gzip header announcing a comment, then comment bytes for ever. */
  public static InputStream endlessComment() {
    return endless(plainHeader(FCOMMENT), "all work and no play ".getBytes(StandardCharsets.UTF_8));
  }

  /** Empty gzip members for ever, each with a full 65,535-byte FEXTRA field. */
  public static InputStream endlessExtraFieldMembers() {
    return endless(new byte[0], member(new byte[0], FEXTRA, 65_535, 0, 0, 6));
  }

  /** {@code n} empty gzip members (20 bytes each), then {@code tail}. */
  public static byte[] emptyMembers(int n, byte[] tail) {
    byte[] one = member(new byte[0], 0, 0, 0, 0, 6);
    byte[] out = Arrays.copyOf(new byte[0], n * one.length + tail.length);
    for (int i = 0; i < n; i++) {
      System.arraycopy(one, 0, out, i * one.length, one.length);
    }
    System.arraycopy(tail, 0, out, n * one.length, tail.length);
    return out;
  }

  /** One default gzip member of {@code data}. */
  public static byte[] gzip(byte[] data) {
    return member(data, 0, 0, 0, 0, 6);
  }

  /**
   * One gzip member of {@code data}.
   *
   * @param flags FTEXT, FHCRC, FEXTRA, FNAME, FCOMMENT in any combination
   * @param extra bytes of the FEXTRA field, if flagged
   * @param name bytes of the FNAME field (no zero), if flagged
   * @param comment bytes of the FCOMMENT field, if flagged
   * @param level deflate level: 0 gives stored blocks, small inputs fixed Huffman, others dynamic
   */
  public static byte[] member(byte[] data, int flags, int extra, int name, int comment, int level) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(plainHeader(flags));
    if ((flags & FEXTRA) != 0) {
      out.write(extra & 0xff);
      out.write(extra >>> 8);
      out.writeBytes(filled(extra, 'e'));
    }
    if ((flags & FNAME) != 0) {
      out.writeBytes(filled(name, 'n'));
      out.write(0);
    }
    if ((flags & FCOMMENT) != 0) {
      out.writeBytes(filled(comment, 'c'));
      out.write(0);
    }
    if ((flags & FHCRC) != 0) {
      CRC32 h = new CRC32();
      h.update(out.toByteArray());
      out.write((int) h.getValue() & 0xff);
      out.write((int) (h.getValue() >>> 8) & 0xff);
    }
    out.writeBytes(deflate(data, level, true));
    CRC32 c = new CRC32();
    c.update(data);
    le32(out, c.getValue());
    le32(out, data.length);
    return out.toByteArray();
  }

  /** Raw deflate ({@code nowrap}) or zlib-wrapped deflate of {@code data}. */
  public static byte[] deflate(byte[] data, int level, boolean nowrap) {
    Deflater d = new Deflater(level, nowrap);
    try {
      d.setInput(data);
      d.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      while (!d.finished()) {
        out.write(buf, 0, d.deflate(buf));
      }
      return out.toByteArray();
    } finally {
      d.end();
    }
  }

  /** Concatenation. */
  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] filled(int n, char c) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) c);
    return b;
  }

  private static void le32(ByteArrayOutputStream out, long v) {
    for (int i = 0; i < 4; i++) {
      out.write((int) (v >>> (8 * i)) & 0xff);
    }
  }
}
