package dev.bounded.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.commons.io.IOUtils;
import org.apache.commons.io.input.BoundedInputStream;
import org.junit.jupiter.api.Test;

class LimitedInputStreamTest {

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) ('a' + i % 26);
    }
    return b;
  }

  @Test
  void sourceOfExactlyMaxBytesReadsToTheEnd() throws IOException {
    byte[] data = bytes(100);
    LimitedInputStream in =
        LimitedInputStream.of(new ByteArrayInputStream(data), 100, "T.maxBytes");
    assertArrayEquals(data, IOUtils.toByteArray(in));
    assertEquals(100, in.count());
  }

  @Test
  void oneByteOverMaxBytesFailsWithMaxBytes() {
    LimitedInputStream in =
        LimitedInputStream.of(new ByteArrayInputStream(bytes(101)), 100, "T.maxBytes");
    LimitExceededException e = assertThrows(LimitExceededException.class, () -> drain(in));
    assertEquals(Limit.MAX_BYTES, e.limit());
    assertEquals(100, e.maximum());
    assertEquals(101, e.actual());
    assertEquals(100, e.byteOffset());
    assertEquals(
        "Document size (101 bytes) exceeds the maximum allowed (100 bytes, from T.maxBytes) at byte 100",
        e.getMessage());
  }

  @Test
  void bytesBeforeTheBreachAreAllHandedOutFirst() throws IOException {
    LimitedInputStream in =
        LimitedInputStream.of(new ByteArrayInputStream(bytes(150)), 100, "T.maxBytes");
    byte[] buf = new byte[4096];
    assertEquals(100, in.read(buf, 0, buf.length));
    assertThrows(LimitExceededException.class, () -> in.read(buf, 0, buf.length));
    assertThrows(LimitExceededException.class, in::read);
  }

  @Test
  void singleByteReadsObeyTheSameBoundary() throws IOException {
    LimitedInputStream atLimit =
        LimitedInputStream.of(new ByteArrayInputStream(bytes(10)), 10, "T.maxBytes");
    for (int i = 0; i < 10; i++) {
      assertEquals('a' + i, atLimit.read());
    }
    assertEquals(-1, atLimit.read());

    LimitedInputStream over =
        LimitedInputStream.of(new ByteArrayInputStream(bytes(11)), 10, "T.maxBytes");
    for (int i = 0; i < 10; i++) {
      over.read();
    }
    assertThrows(LimitExceededException.class, over::read);
  }

  @Test
  void neverPullsMoreThanOneBytePastTheLimitFromAnEndlessSource() throws IOException {
    BoundedInputStream endless =
        BoundedInputStream.builder().setInputStream(new EndlessStream()).get();
    LimitedInputStream in = LimitedInputStream.of(endless, 1_000_000, "T.maxBytes");
    assertThrows(LimitExceededException.class, () -> drain(in));
    assertEquals(1_000_001, endless.getCount());
  }

  @Test
  void zeroMeansNothingMayBeRead() throws IOException {
    assertEquals(
        -1, LimitedInputStream.of(new ByteArrayInputStream(new byte[0]), 0, "T.maxBytes").read());
    assertThrows(
        LimitExceededException.class,
        () -> LimitedInputStream.of(new ByteArrayInputStream(bytes(1)), 0, "T.maxBytes").read());
  }

  @Test
  void unlimitedReadsEverything() throws IOException {
    LimitedInputStream in =
        LimitedInputStream.of(
            new ByteArrayInputStream(bytes(5000)), LimitedInputStream.UNLIMITED, "T.maxBytes");
    assertEquals(5000, IOUtils.toByteArray(in).length);
  }

  @Test
  void negativeMaximumIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LimitedInputStream.of(new ByteArrayInputStream(bytes(1)), -1, "T.maxBytes"));
    assertEquals("max < 0: -1", e.getMessage());
  }

  static void drain(InputStream in) throws IOException {
    IOUtils.copy(in, OutputStream.nullOutputStream());
  }

  /** Zeros forever. */
  static final class EndlessStream extends InputStream {
    @Override
    public int read() {
      return 0;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      java.util.Arrays.fill(b, off, off + len, (byte) 0);
      return len;
    }
  }
}
