package dev.bounded.bench.input;

import java.io.IOException;
import java.io.InputStream;

/**
 * Streams a {@link Generator}'s document of about {@code targetBytes}: the header, as many whole
 * items as fit (at least one), the footer. Memory stays at one item whatever the size.
 */
public final class GeneratingInputStream extends InputStream {
  private final Generator generator;
  private final long target;
  private final byte[] footer;
  private long emitted;
  private long nextItem;
  private byte[] chunk;
  private int pos;
  private boolean done;

  public GeneratingInputStream(Generator generator, long targetBytes) {
    this.generator = generator;
    this.target = targetBytes;
    this.footer = Generator.utf8(generator.footer());
    this.chunk = Generator.utf8(generator.header());
  }

  private boolean refill() {
    if (done) {
      return false;
    }
    byte[] item = Generator.utf8(generator.item(nextItem));
    if (nextItem > 0 && emitted + item.length + footer.length > target) {
      chunk = footer;
      done = true;
    } else {
      chunk = item;
      nextItem++;
    }
    pos = 0;
    return true;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    int n = 0;
    while (n < len) {
      if (pos == chunk.length && !refill()) {
        break;
      }
      int k = Math.min(len - n, chunk.length - pos);
      System.arraycopy(chunk, pos, b, off + n, k);
      pos += k;
      n += k;
      emitted += k;
    }
    return n == 0 ? -1 : n;
  }
}
