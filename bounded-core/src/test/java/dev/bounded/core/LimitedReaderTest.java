package dev.bounded.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import org.apache.commons.io.IOUtils;
import org.junit.jupiter.api.Test;

class LimitedReaderTest {

  @Test
  void sourceOfExactlyMaxCharsReadsToTheEnd() throws IOException {
    LimitedReader r = LimitedReader.of(new StringReader("x".repeat(100)), 100, "T.maxBytes");
    assertEquals(100, IOUtils.toString(r).length());
    assertEquals(100, r.count());
  }

  @Test
  void oneCharOverFailsAfterHandingOutTheCharsBeforeIt() throws IOException {
    LimitedReader r = LimitedReader.of(new StringReader("x".repeat(150)), 100, "T.maxBytes");
    char[] buf = new char[4096];
    assertEquals(100, r.read(buf, 0, buf.length));
    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> r.read(buf, 0, buf.length));
    assertEquals(Limit.MAX_BYTES, e.limit());
    assertEquals(100, e.maximum());
  }

  @Test
  void neverAsksTheSourceForMoreThanOneCharPastTheLimit() throws IOException {
    long[] asked = {0};
    Reader endless =
        new Reader() {
          @Override
          public int read(char[] b, int off, int len) {
            asked[0] += len;
            java.util.Arrays.fill(b, off, off + len, 'a');
            return len;
          }

          @Override
          public void close() {}
        };
    LimitedReader r = LimitedReader.of(endless, 10_000, "T.maxBytes");
    assertThrows(LimitExceededException.class, () -> IOUtils.toString(r));
    assertEquals(10_001, asked[0]);
  }
}
