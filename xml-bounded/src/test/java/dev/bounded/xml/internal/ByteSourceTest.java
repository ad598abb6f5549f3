package dev.bounded.xml.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.internal.ParseGuard;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The one source layer: the byte limit exactly as LimitedInputStream holds it, the sniff, the
 * shield.
 */
class ByteSourceTest {
  private static final byte[] DOC = "<a>0123456789</a>".getBytes(); // 17 bytes

  /** Counts what is read from it and whether it was closed. */
  static final class Counting extends ByteArrayInputStream {
    long read;
    boolean closed;

    Counting(byte[] b) {
      super(b);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      int n = super.read(b, off, len);
      read += Math.max(0, n);
      return n;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static ByteSource source(InputStream in, long max) {
    return new ByteSource(in, max, "XmlLimits.maxBytes", ParseGuard.NONE);
  }

  private static byte[] drain(ByteSource s, int chunk) throws IOException {
    byte[] all = new byte[0];
    byte[] buf = new byte[chunk];
    for (int n; (n = s.read(buf, 0, buf.length)) >= 0; ) {
      all = Arrays.copyOf(all, all.length + n);
      System.arraycopy(buf, 0, all, all.length - n, n);
    }
    return all;
  }

  @Test
  void aDocumentOfExactlyMaxBytesIsHandedOnWholeAfterTheSniffedBytes() throws IOException {
    ByteSource s = source(new ByteArrayInputStream(DOC), DOC.length);
    assertArrayEquals(Arrays.copyOf(DOC, 4), s.sniff(4));
    assertArrayEquals(DOC, drain(s, 4000));
    assertEquals(DOC.length, s.count());
  }

  @Test
  void oneByteOverMaxBytesHandsOnTheBytesUpToTheLimitThenThrows() throws IOException {
    long max = DOC.length - 1;
    Counting in = new Counting(DOC);
    ByteSource s = source(in, max);
    s.sniff(4);
    byte[] buf = new byte[4000];
    assertEquals(max, s.read(buf, 0, buf.length)); // the head and the rest up to the limit
    LimitExceededException e = assertThrows(LimitExceededException.class, () -> s.read(buf, 0, 1));
    assertEquals(Limit.MAX_BYTES, e.limit());
    assertEquals(max, e.maximum());
    assertEquals(max + 1, e.actual());
    assertEquals("XmlLimits.maxBytes", e.setting());
    assertEquals(max, e.location().byteOffset());
    assertSame(e, assertThrows(LimitExceededException.class, () -> s.read(buf, 0, 1)));
    assertEquals(max + 1, in.read); // never more than maxBytes + 1 from the source
    assertEquals(max, s.count());
  }

  @Test
  void aLimitBelowTheSniffFailsTheSniff() throws IOException {
    ByteSource exact = source(new ByteArrayInputStream(DOC), 4);
    assertArrayEquals(Arrays.copyOf(DOC, 4), exact.sniff(4));
    ByteSource s = source(new ByteArrayInputStream(DOC), 3);
    LimitExceededException e = assertThrows(LimitExceededException.class, () -> s.sniff(4));
    assertEquals(3, e.maximum());
  }

  @Test
  void aShortDocumentIsSniffedWhole() throws IOException {
    ByteSource s = source(new ByteArrayInputStream(new byte[] {'<', 'a'}), 100);
    assertArrayEquals(new byte[] {'<', 'a'}, s.sniff(4));
    assertArrayEquals(new byte[] {'<', 'a'}, drain(s, 1));
    ByteSource empty = source(new ByteArrayInputStream(new byte[0]), 100);
    assertEquals(0, empty.sniff(4).length);
    assertEquals(-1, empty.read(new byte[8], 0, 8));
  }

  @Test
  void closingEndsTheViewButNotTheCallersStream() throws IOException {
    Counting in = new Counting(DOC);
    ByteSource s = source(in, 100);
    s.sniff(4);
    s.close();
    assertFalse(in.closed);
    assertEquals(-1, s.read(new byte[8], 0, 8));
  }

  @Test
  void oneByteReadsGiveTheSameBytes() throws IOException {
    ByteSource s = source(new ByteArrayInputStream(DOC), DOC.length);
    s.sniff(4);
    byte[] got = new byte[DOC.length];
    for (int i = 0; i < got.length; i++) {
      got[i] = (byte) s.read();
    }
    assertEquals(-1, s.read());
    assertArrayEquals(DOC, got);
  }
}
