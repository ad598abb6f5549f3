package dev.bounded.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.LimitedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** The one guarded source: exact byte limit, guard at every read, count, hold, close shield. */
class GuardedInputStreamTest {
  private static InputStream bytes(int n) {
    return new ByteArrayInputStream(new byte[n]);
  }

  private static long drain(InputStream in, int chunk) throws IOException {
    byte[] b = new byte[chunk];
    long total = 0;
    for (int n; (n = chunk == 1 ? oneByte(in, b) : in.read(b, 0, chunk)) >= 0; ) {
      total += n;
    }
    return total;
  }

  private static int oneByte(InputStream in, byte[] b) throws IOException {
    int c = in.read();
    return c < 0 ? -1 : 1;
  }

  @Test
  void exactlyMaxBytesReadsToTheEndAndOneMoreFailsAfterHandingOnTheMax() throws IOException {
    for (int chunk : new int[] {1, 7, 8192}) {
      GuardedInputStream ok = GuardedInputStream.of(bytes(100), 100, "XmlLimits.maxBytes", null);
      assertEquals(100, drain(ok, chunk));
      assertEquals(100, ok.count());

      GuardedInputStream over = GuardedInputStream.of(bytes(101), 100, "XmlLimits.maxBytes", null);
      byte[] b = new byte[chunk];
      long got = 0;
      LimitExceededException e = null;
      try {
        for (int n; (n = chunk == 1 ? oneByte(over, b) : over.read(b, 0, chunk)) >= 0; ) {
          got += n;
        }
      } catch (LimitExceededException x) {
        e = x;
      }
      assertEquals(100, got, "chunk " + chunk);
      assertEquals(Limit.MAX_BYTES, e.limit());
      assertEquals(100, e.maximum());
      assertEquals(101, e.actual());
      assertEquals("XmlLimits.maxBytes", e.setting());
      assertEquals(100, e.byteOffset());
    }
  }

  @Test
  void theGuardIsCheckedBeforeEveryReadFromTheSource() throws Exception {
    ParseGuard g = ParseGuard.start(20, Long.MAX_VALUE, "JsonLimits");
    GuardedInputStream in =
        GuardedInputStream.of(bytes(10), LimitedInputStream.UNLIMITED, "JsonLimits.maxBytes", g);
    assertEquals(0, in.read());
    Thread.sleep(40);
    LimitExceededException e = assertThrows(LimitExceededException.class, in::read);
    assertEquals(Limit.MAX_PARSE_MILLIS, e.limit());
  }

  @Test
  void aHeldBreachReadsAsTheEndUntilReleased() throws IOException {
    GuardedInputStream in = GuardedInputStream.of(bytes(5), 3, "JsonLimits.maxBytes", null);
    in.hold(true);
    byte[] b = new byte[8];
    assertEquals(3, in.read(b, 0, 8));
    assertEquals(-1, in.read(b, 0, 8));
    in.hold(false);
    assertEquals(
        Limit.MAX_BYTES,
        assertThrows(LimitExceededException.class, () -> in.read(b, 0, 8)).limit());
  }

  @Test
  void aHoldDoesNotHideTheDeadline() throws Exception {
    ParseGuard g = ParseGuard.start(1, Long.MAX_VALUE, "JsonLimits");
    GuardedInputStream in = GuardedInputStream.of(bytes(5), 3, "JsonLimits.maxBytes", g);
    in.hold(true);
    Thread.sleep(10);
    assertEquals(
        Limit.MAX_PARSE_MILLIS, assertThrows(LimitExceededException.class, in::read).limit());
  }

  @Test
  void countingOnlyCountsAndUnclosedKeepsTheSourceOpen() throws IOException {
    boolean[] closed = new boolean[1];
    InputStream source =
        new ByteArrayInputStream(new byte[] {1, 2, 3}) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };
    GuardedInputStream counted = GuardedInputStream.counting(GuardedInputStream.unclosed(source));
    assertArrayEquals(new byte[] {1, 2, 3}, counted.readAllBytes());
    assertEquals(3, counted.count());
    counted.close();
    assertFalse(closed[0]);
    GuardedInputStream.counting(source).close();
    assertTrue(closed[0]);
  }

  @Test
  void theGuardedReaderChecksBeforeEveryRead() throws Exception {
    Reader plain = new StringReader("abc");
    assertEquals(plain, GuardedReader.of(plain, ParseGuard.NONE));
    ParseGuard g = ParseGuard.start(20, Long.MAX_VALUE, "XmlLimits");
    Reader r = GuardedReader.of(new StringReader("abc"), g);
    assertEquals('a', r.read());
    Thread.sleep(40);
    assertEquals(
        Limit.MAX_PARSE_MILLIS, assertThrows(LimitExceededException.class, r::read).limit());
  }
}
