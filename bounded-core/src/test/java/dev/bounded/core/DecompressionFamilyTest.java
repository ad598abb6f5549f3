package dev.bounded.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bounded.testkit.CompressedInputs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * A generated family: random member counts, header flags and field sizes, stored, fixed-Huffman and
 * dynamic blocks (via {@link java.util.zip.Deflater} levels and sizes), flushes; then every
 * truncation and random corruptions. Every outcome is the right bytes or our typed exception.
 */
class DecompressionFamilyTest {
  private static final long SEED = Long.getLong("bounded.seed", System.nanoTime());

  private static byte[] data(Random r) {
    switch (r.nextInt(4)) {
      case 0:
        return new byte[0];
      case 1: // tiny: deflate picks fixed Huffman codes
        return ("<i>" + r.nextInt(1000) + "</i>").getBytes(StandardCharsets.UTF_8);
      case 2: // text: dynamic Huffman codes
        {
          StringBuilder sb = new StringBuilder();
          int n = r.nextInt(5_000);
          for (int i = 0; i < n; i++) {
            sb.append("<item><title>").append(r.nextInt(99)).append("</title></item>");
          }
          return sb.toString().getBytes(StandardCharsets.UTF_8);
        }
      default: // random bytes: stored blocks even at level 6
        {
          byte[] b = new byte[r.nextInt(40_000)];
          r.nextBytes(b);
          return b;
        }
    }
  }

  /** One stream: gzip of 1..6 members with random headers, or zlib; with the expected bytes. */
  private static byte[][] stream(Random r) {
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (r.nextInt(5) == 0) {
      byte[] d = data(r);
      expected.writeBytes(d);
      out.writeBytes(CompressedInputs.deflate(d, r.nextInt(10), false));
    } else {
      int members = 1 + r.nextInt(6);
      for (int m = 0; m < members; m++) {
        byte[] d = data(r);
        expected.writeBytes(d);
        out.writeBytes(
            CompressedInputs.member(
                d, r.nextInt(32), r.nextInt(300), r.nextInt(300), r.nextInt(300), r.nextInt(10)));
      }
    }
    return new byte[][] {out.toByteArray(), expected.toByteArray()};
  }

  private static byte[] read(byte[] in, boolean oneByteAtATime) throws IOException {
    try (InputStream s =
        Decompression.open(new ByteArrayInputStream(in), DecompressionLimits.defaults())) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (oneByteAtATime) {
        for (int b; (b = s.read()) >= 0; ) {
          out.write(b);
        }
      } else {
        s.transferTo(out);
      }
      return out.toByteArray();
    }
  }

  /** Right bytes, or our typed error at an offset inside the input; nothing else. */
  private static void rightBytesOrTyped(byte[] in, byte[] expected, String what) {
    try {
      byte[] got = read(in, false);
      assertArrayEquals(expected, got, what);
    } catch (BoundedParseException e) {
      assertTrue(
          e.byteOffset() >= 0 && e.byteOffset() <= in.length,
          what + ": offset " + e.byteOffset() + " of " + in.length + ": " + e.getMessage());
    } catch (IOException | RuntimeException | Error e) {
      fail(what + ": untyped " + e, e);
    }
  }

  @Test
  void randomStreamsExpandToTheirBytesInEveryReadMode() throws IOException {
    System.out.println("DecompressionFamilyTest seed " + SEED + " (-Dbounded.seed=" + SEED + ")");
    Random r = new Random(SEED);
    for (int i = 0; i < 200; i++) {
      byte[][] s = stream(r);
      String what = "seed " + SEED + " stream " + i;
      assertArrayEquals(s[1], read(s[0], false), what);
      if (s[1].length < 50_000) {
        assertArrayEquals(s[1], read(s[0], true), what);
      }
      if (s[0][0] == 0x1f) { // the JDK agrees on what the bytes are
        assertArrayEquals(
            s[1], new GZIPInputStream(new ByteArrayInputStream(s[0])).readAllBytes(), what);
      }
    }
  }

  @Test
  void everyTruncationIsTheRightBytesOrTyped() {
    Random r = new Random(SEED ^ 1);
    for (int i = 0; i < 20; i++) {
      byte[] a = ("member one " + r.nextInt()).getBytes(StandardCharsets.UTF_8);
      byte[] b = ("member two " + r.nextInt()).getBytes(StandardCharsets.UTF_8);
      byte[] m1 = CompressedInputs.member(a, r.nextInt(32), 3, 4, 5, r.nextInt(10));
      byte[] m2 = CompressedInputs.member(b, r.nextInt(32), 3, 4, 5, r.nextInt(10));
      byte[] gz = CompressedInputs.concat(m1, m2);
      for (int cut = 0; cut < gz.length; cut++) {
        byte[] prefix = Arrays.copyOf(gz, cut);
        String what = "seed " + SEED + " stream " + i + " cut at " + cut;
        if (cut == m1.length) { // a whole first member is a whole gzip file
          rightBytesOrTyped(prefix, a, what);
          continue;
        }
        try {
          read(prefix, false);
          if (cut >= 2) {
            fail(what + ": a truncated stream read to its end");
          }
        } catch (MalformedDocumentException e) {
          assertTrue(e.byteOffset() >= 0 && e.byteOffset() <= cut, what + ": " + e.getMessage());
          assertTrue(e.problem().startsWith("Corrupt or truncated compressed input: "), what);
        } catch (IOException | RuntimeException | Error e) {
          fail(what + ": untyped " + e, e);
        }
      }
      byte[] zlib = CompressedInputs.deflate(a, r.nextInt(10), false);
      for (int cut = 2; cut < zlib.length; cut++) {
        byte[] prefix = Arrays.copyOf(zlib, cut);
        String what = "seed " + SEED + " zlib " + i + " cut at " + cut;
        try {
          read(prefix, false);
          fail(what + ": a truncated stream read to its end");
        } catch (MalformedDocumentException e) {
          assertTrue(e.byteOffset() >= 0 && e.byteOffset() <= cut, what + ": " + e.getMessage());
        } catch (IOException | RuntimeException | Error e) {
          fail(what + ": untyped " + e, e);
        }
      }
    }
  }

  @Test
  void randomCorruptionsAreTheRightBytesOrTyped() {
    Random r = new Random(SEED ^ 2);
    int typed = 0;
    for (int i = 0; i < 300; i++) {
      byte[][] s = stream(r);
      byte[] bad = s[0].clone();
      int flips = 1 + r.nextInt(4);
      for (int f = 0; f < flips; f++) {
        // past the two sniffed bytes, which would otherwise turn it into plain input
        bad[2 + r.nextInt(bad.length - 2)] ^= (byte) (1 + r.nextInt(255));
      }
      String what = "seed " + SEED + " corruption " + i;
      try {
        assertArrayEquals(s[1], read(bad, false), what);
      } catch (BoundedParseException e) {
        typed++;
        assertTrue(e.byteOffset() >= -1 && e.byteOffset() <= bad.length, what);
      } catch (IOException | RuntimeException | Error e) {
        fail(what + ": untyped " + e, e);
      }
    }
    assertTrue(typed > 150, "most corruptions are caught: " + typed);
  }

  @Test
  void theSniffedInputIsUnchangedWhenNotCompressed() throws IOException {
    // what is neither gzip nor zlib passes through, whatever its first bytes
    Random r = new Random(SEED ^ 3);
    for (int i = 0; i < 200; i++) {
      byte[] b = new byte[r.nextInt(4)];
      r.nextBytes(b);
      if (b.length >= 2
          && ((b[0] == 0x1f && b[1] == (byte) 0x8b)
              || ((b[0] & 0x0f) == 8
                  && ((b[0] & 0xff) >> 4) <= 7
                  && (((b[0] & 0xff) << 8) | (b[1] & 0xff)) % 31 == 0))) {
        continue;
      }
      assertEquals(b.length, read(b, false).length);
    }
  }
}
