package dev.bounded.core;

import static dev.bounded.testkit.CompressedInputs.FCOMMENT;
import static dev.bounded.testkit.CompressedInputs.FEXTRA;
import static dev.bounded.testkit.CompressedInputs.FHCRC;
import static dev.bounded.testkit.CompressedInputs.FNAME;
import static dev.bounded.testkit.CompressedInputs.concat;
import static dev.bounded.testkit.CompressedInputs.emptyMembers;
import static dev.bounded.testkit.CompressedInputs.gzip;
import static dev.bounded.testkit.CompressedInputs.member;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.internal.InflatingInputStream;
import dev.bounded.core.internal.ParseGuard;
import dev.bounded.testkit.CompressedInputs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.commons.io.IOUtils;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, findings 4 and 5: compressed input bounded on the compressed side too (bytes read, gzip
 * members, header fields), members read without recursion, the deadline checked inside the
 * inflation loop.
 */
class CompressedSideTest {
  private static final byte[] DATA =
      "<rss><channel><title>t</title></channel></rss>\n"
          .repeat(50)
          .getBytes(StandardCharsets.UTF_8);

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return IOUtils.toByteArray(in);
    }
  }

  private static byte[] gunzip(byte[] gz, DecompressionLimits limits) throws IOException {
    return readAll(Decompression.open(new ByteArrayInputStream(gz), limits));
  }

  private static DecompressionLimits.Builder limits() {
    return DecompressionLimits.builder();
  }

  // --- finding 4: input that never produces output ---

  @Test
  void endlessEmptyStoredBlocksFailOnTheCompressedSizeUnderDefaults() {
    for (InputStream endless :
        new InputStream[] {
          CompressedInputs.endlessEmptyBlocksGzip(), CompressedInputs.endlessEmptyBlocksZlib()
        }) {
      LimitExceededException e =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30),
              () ->
                  assertThrows(
                      LimitExceededException.class,
                      () -> readAll(Decompression.open(endless, DecompressionLimits.defaults()))));
      assertEquals(Limit.MAX_COMPRESSED_BYTES, e.limit());
      assertEquals(DecompressionLimits.DEFAULT_MAX_COMPRESSED_BYTES, e.maximum());
      assertEquals("DecompressionLimits.maxCompressedBytes", e.setting());
      assertEquals(DecompressionLimits.DEFAULT_MAX_COMPRESSED_BYTES, e.byteOffset());
    }
  }

  @Test
  void anEndlessHeaderCommentIsMalformedAtItsBound() {
    MalformedDocumentException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () ->
                assertThrows(
                    MalformedDocumentException.class,
                    () ->
                        readAll(
                            Decompression.open(
                                CompressedInputs.endlessComment(),
                                DecompressionLimits.defaults()))));
    assertEquals(
        "Corrupt or truncated compressed input: gzip header comment (FCOMMENT) is longer than"
            + " 65535 bytes",
        e.problem());
    assertEquals(10, e.byteOffset()); // where the comment starts
  }

  @Test
  void theDeadlineIsCheckedInsideTheInflationLoop() throws IOException {
    // No compressed-side cap: only the deadline can stop input that never produces output, both
    // in deflate data and in member headers.
    DecompressionLimits noCap = limits().unlimited().build();
    for (InputStream endless :
        new InputStream[] {
          CompressedInputs.endlessEmptyBlocksGzip(),
          CompressedInputs.endlessEmptyBlocksZlib(),
          CompressedInputs.endlessExtraFieldMembers()
        }) {
      long start = System.nanoTime();
      LimitExceededException e =
          assertTimeoutPreemptively(
              Duration.ofSeconds(20),
              () ->
                  assertThrows(
                      LimitExceededException.class,
                      () ->
                          readAll(
                              InflatingInputStream.open(
                                  endless,
                                  noCap,
                                  ParseGuard.start(2000, Long.MAX_VALUE, "XmlLimits")))));
      double secs = (System.nanoTime() - start) / 1e9;
      assertEquals(Limit.MAX_PARSE_MILLIS, e.limit());
      assertEquals("XmlLimits.maxParseMillis", e.setting());
      assertTrue(secs >= 2 && secs < 5, "failed after " + secs + " s");
    }
  }

  @Test
  void theAllocationCapIsCheckedInsideTheInflationLoopToo() {
    if (!ParseGuard.allocationCounterAvailable()) {
      return;
    }
    // Each refill allocates nothing of ours, so allocate beside it: a source that allocates 1 MiB
    // per read stands for whatever the thread does; the guard sees it at the next refill.
    InputStream hungry =
        new java.io.FilterInputStream(CompressedInputs.endlessEmptyBlocksGzip()) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            byte[] waste = new byte[1 << 20];
            b[off] = waste[len % waste.length];
            return super.read(b, off, len);
          }
        };
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () ->
                readAll(
                    InflatingInputStream.open(
                        hungry,
                        limits().unlimited().build(),
                        ParseGuard.start(Long.MAX_VALUE, 64L << 20, "XmlLimits"))));
    assertEquals(Limit.MAX_ALLOCATED_BYTES, e.limit());
  }

  // --- finding 5: many members ---

  @Test
  void tenThousandEmptyMembersReadWithoutRecursion() throws IOException {
    byte[] many = emptyMembers(10_000, gzip(DATA)); // 200 KB; the JDK overflows its stack here
    assertEquals(200_000 + gzip(DATA).length, many.length);
    assertArrayEquals(DATA, gunzip(many, DecompressionLimits.defaults()));
    assertArrayEquals(new byte[0], gunzip(emptyMembers(10_000, new byte[0]), limits().build()));
  }

  @Test
  void halfAMillionEmptyMembersNeedNoMoreStackThanOne() throws IOException {
    // 10 MB of framing and nothing else, with the member cap lifted: constant stack, no recursion
    byte[] flood = emptyMembers(500_000, gzip(DATA));
    long start = System.nanoTime();
    assertArrayEquals(
        DATA, gunzip(flood, limits().maxMembers(DecompressionLimits.UNLIMITED).build()));
    System.out.printf("500,000 empty members in %.0f ms%n", (System.nanoTime() - start) / 1e6);
  }

  // --- exact boundaries of the two new limits ---

  @Test
  void compressedBytesAreExactAtTheLimit() throws IOException {
    byte[] gz = concat(gzip(DATA), gzip(DATA));
    byte[] zlib = CompressedInputs.deflate(DATA, 6, false);
    for (byte[] in : new byte[][] {gz, zlib}) {
      byte[] expected = in == gz ? concat(DATA, DATA) : DATA;
      assertArrayEquals(expected, gunzip(in, limits().maxCompressedBytes(in.length).build()));
      LimitExceededException e =
          assertThrows(
              LimitExceededException.class,
              () -> gunzip(in, limits().maxCompressedBytes(in.length - 1).build()));
      assertEquals(Limit.MAX_COMPRESSED_BYTES, e.limit());
      assertEquals(in.length - 1, e.maximum());
      assertEquals(in.length, e.actual());
      assertEquals(
          "Compressed size ("
              + in.length
              + " bytes) exceeds the maximum allowed ("
              + (in.length - 1)
              + " bytes, from DecompressionLimits.maxCompressedBytes) at byte "
              + (in.length - 1),
          e.getMessage());
    }
    // The source is never read more than one byte past the limit.
    CountingSource endless = new CountingSource(CompressedInputs.endlessEmptyBlocksGzip());
    assertThrows(
        LimitExceededException.class,
        () -> readAll(Decompression.gunzip(endless, limits().maxCompressedBytes(100_000).build())));
    assertEquals(100_001, endless.count);
  }

  @Test
  void membersAreExactAtTheLimit() throws IOException {
    for (int n : new int[] {1, 2, 7, 1000}) {
      byte[] in = emptyMembers(n - 1, gzip(DATA));
      assertArrayEquals(DATA, gunzip(in, limits().maxMembers(n).build()));
      LimitExceededException e =
          assertThrows(
              LimitExceededException.class, () -> gunzip(in, limits().maxMembers(n - 1).build()));
      assertEquals(Limit.MAX_MEMBERS, e.limit());
      assertEquals(n - 1, e.maximum());
      assertEquals(n, e.actual());
      assertEquals(20L * (n - 1), e.byteOffset()); // the start of the member one too many
      assertEquals("DecompressionLimits.maxMembers", e.setting());
    }
    // the default admits the 10,000 of finding 5 and refuses one past 65,536
    byte[] flood = emptyMembers((int) DecompressionLimits.DEFAULT_MAX_MEMBERS + 1, new byte[0]);
    assertEquals(
        Limit.MAX_MEMBERS,
        assertThrows(
                LimitExceededException.class, () -> gunzip(flood, DecompressionLimits.defaults()))
            .limit());
  }

  // --- every header field bounded and checked ---

  @Test
  void headerNameAndCommentAreBoundedAtExactly65535Bytes() throws IOException {
    int max = DecompressionLimits.MAX_HEADER_FIELD_BYTES;
    for (int flag : new int[] {FNAME, FCOMMENT}) {
      byte[] at = member(DATA, flag | FEXTRA, max, max, max, 6);
      assertArrayEquals(DATA, gunzip(at, DecompressionLimits.defaults()));
      byte[] over = member(DATA, flag, 0, max + 1, max + 1, 6);
      MalformedDocumentException e =
          assertThrows(
              MalformedDocumentException.class, () -> gunzip(over, DecompressionLimits.defaults()));
      assertTrue(e.problem().contains("is longer than 65535 bytes"), e.problem());
      assertEquals(10, e.byteOffset());
    }
  }

  @Test
  void headerCrcIsChecked() throws IOException {
    byte[] ok = member(DATA, FHCRC | FNAME | FCOMMENT | FEXTRA, 9, 5, 7, 6);
    assertArrayEquals(DATA, gunzip(ok, DecompressionLimits.defaults()));
    int crcAt = 10 + 2 + 9 + 6 + 8;
    byte[] bad = ok.clone();
    bad[crcAt] ^= 1;
    MalformedDocumentException e =
        assertThrows(
            MalformedDocumentException.class, () -> gunzip(bad, DecompressionLimits.defaults()));
    assertEquals(
        "Corrupt or truncated compressed input: gzip header fails its CRC-16 check (FHCRC)",
        e.problem());
    assertEquals(crcAt, e.byteOffset());
  }

  @Test
  void trailerCrcAndSizeAreChecked() {
    byte[] gz = gzip(DATA);
    byte[] badCrc = gz.clone();
    badCrc[gz.length - 8] ^= 1;
    MalformedDocumentException c =
        assertThrows(
            MalformedDocumentException.class, () -> gunzip(badCrc, DecompressionLimits.defaults()));
    assertEquals(
        "Corrupt or truncated compressed input: gzip member 1 fails its CRC-32 check", c.problem());
    assertEquals(gz.length - 8, c.byteOffset());
    byte[] badSize = gz.clone();
    badSize[gz.length - 1] ^= 1;
    MalformedDocumentException s =
        assertThrows(
            MalformedDocumentException.class,
            () -> gunzip(badSize, DecompressionLimits.defaults()));
    assertEquals(gz.length - 4, s.byteOffset());
  }

  @Test
  void reservedFlagsOtherMethodsAndTrailingDataAreMalformed() {
    byte[] gz = gzip(DATA);
    byte[] reserved = gz.clone();
    reserved[3] = (byte) 0x20;
    byte[] method = gz.clone();
    method[2] = 7;
    byte[] trailing = concat(gz, new byte[] {0});
    byte[] zlibTrailing = concat(CompressedInputs.deflate(DATA, 6, false), new byte[] {'x'});
    byte[] empty = new byte[0];
    String[] problems = {
      "gzip header sets reserved flag bits",
      "gzip member uses a compression method other than deflate",
      "data after the last gzip member",
      "data after the end of the zlib stream",
      "empty gzip input"
    };
    long[] offsets = {3, 2, gz.length, zlibTrailing.length - 1, 0};
    byte[][] inputs = {reserved, method, trailing, zlibTrailing, empty};
    for (int i = 0; i < inputs.length; i++) {
      byte[] in = inputs[i];
      MalformedDocumentException e =
          assertThrows(
              MalformedDocumentException.class,
              () ->
                  readAll(
                      in.length == 0
                          ? Decompression.gunzip(
                              new ByteArrayInputStream(in), DecompressionLimits.defaults())
                          : Decompression.open(
                              new ByteArrayInputStream(in), DecompressionLimits.defaults())));
      assertEquals("Corrupt or truncated compressed input: " + problems[i], e.problem());
      assertEquals(offsets[i], e.byteOffset(), problems[i]);
    }
  }

  /** Counts the bytes read from it. */
  static final class CountingSource extends java.io.FilterInputStream {
    long count;

    CountingSource(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      count += Math.max(n, 0);
      return n;
    }
  }
}
