package dev.bounded.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.io.IOUtils;
import org.junit.jupiter.api.Test;

class DecompressionTest {

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  private static byte[] deflate(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream d = new DeflaterOutputStream(out)) {
      d.write(data);
    }
    return out.toByteArray();
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(42).nextBytes(b);
    return b;
  }

  @Test
  void gzipIsDetectedAndExpanded() throws IOException {
    byte[] data = random(100_000);
    InputStream in =
        Decompression.open(new ByteArrayInputStream(gzip(data)), DecompressionLimits.defaults());
    assertArrayEquals(data, IOUtils.toByteArray(in));
  }

  @Test
  void zlibDeflateIsDetectedAndExpanded() throws IOException {
    byte[] data = random(10_000);
    InputStream in =
        Decompression.open(new ByteArrayInputStream(deflate(data)), DecompressionLimits.defaults());
    assertArrayEquals(data, IOUtils.toByteArray(in));
  }

  @Test
  void plainInputPassesThroughUnchanged() throws IOException {
    byte[] data = "<rss/>".getBytes();
    InputStream in =
        Decompression.open(new ByteArrayInputStream(data), DecompressionLimits.defaults());
    assertArrayEquals(data, IOUtils.toByteArray(in));
    assertArrayEquals(
        new byte[0],
        IOUtils.toByteArray(
            Decompression.open(
                new ByteArrayInputStream(new byte[0]), DecompressionLimits.defaults())));
    // one byte, and a gzip magic's first byte without its second: the sniffed bytes come back
    for (byte[] short_ : new byte[][] {{'x'}, {0x1f}, {0x1f, 0x00, 'y'}, {0x78, 'z'}}) {
      assertArrayEquals(
          short_,
          IOUtils.toByteArray(
              Decompression.open(
                  new ByteArrayInputStream(short_), DecompressionLimits.defaults())));
    }
  }

  @Test
  void expandedBytesAreExactAtTheLimit() throws IOException {
    byte[] data = random(50_000);
    DecompressionLimits atLimit = DecompressionLimits.of(50_000, DecompressionLimits.UNLIMITED);
    assertEquals(
        50_000,
        IOUtils.toByteArray(Decompression.gunzip(new ByteArrayInputStream(gzip(data)), atLimit))
            .length);

    DecompressionLimits oneLess = DecompressionLimits.of(49_999, DecompressionLimits.UNLIMITED);
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () ->
                IOUtils.toByteArray(
                    Decompression.gunzip(new ByteArrayInputStream(gzip(data)), oneLess)));
    assertEquals(Limit.MAX_EXPANDED_BYTES, e.limit());
    assertEquals(49_999, e.maximum());
    assertEquals("DecompressionLimits.maxExpandedBytes", e.setting());
  }

  @Test
  void gzipBombFailsOnTheRatioLongBeforeExpandingWhole() throws IOException {
    byte[] zeros = new byte[64 << 20];
    byte[] bomb = gzip(zeros);
    InputStream in =
        Decompression.open(
            new ByteArrayInputStream(bomb),
            DecompressionLimits.of(DecompressionLimits.UNLIMITED, 100));
    byte[] buf = new byte[8192];
    long total = 0;
    LimitExceededException e = null;
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        total += n;
      }
    } catch (LimitExceededException x) {
      e = x;
    }
    assertEquals(Limit.MAX_EXPANSION_RATIO, e.limit());
    // Fails just past the grace threshold, never near the 64 MiB.
    assertEquals(true, total < 2 * DecompressionLimits.RATIO_GRACE_BYTES, "expanded " + total);
  }

  @Test
  void corruptAndTruncatedStreamsAreMalformed() throws IOException {
    byte[] gz = gzip(random(10_000));
    byte[] truncated = Arrays.copyOf(gz, gz.length / 2);
    assertThrows(
        MalformedDocumentException.class,
        () ->
            IOUtils.toByteArray(
                Decompression.open(
                    new ByteArrayInputStream(truncated), DecompressionLimits.defaults())));
    byte[] corrupt = gz.clone();
    for (int i = 20; i < 60; i++) {
      corrupt[i] ^= 0x5a;
    }
    assertThrows(
        MalformedDocumentException.class,
        () ->
            IOUtils.toByteArray(
                Decompression.open(
                    new ByteArrayInputStream(corrupt), DecompressionLimits.defaults())));
  }

  @Test
  void builderStyleArgumentErrorsNameTheValue() {
    assertEquals(
        "maxExpandedBytes < 0: -5",
        assertThrows(IllegalArgumentException.class, () -> DecompressionLimits.of(-5, 10))
            .getMessage());
    assertEquals(
        "maxExpansionRatio < 1: 0",
        assertThrows(IllegalArgumentException.class, () -> DecompressionLimits.of(5, 0))
            .getMessage());
  }
}
