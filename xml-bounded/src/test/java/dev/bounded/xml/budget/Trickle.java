package dev.bounded.xml.budget;

import java.io.InputStream;

/** An adversarial source: hands out {@code doc} a few bytes per read, sleeping before each read. */
final class Trickle extends InputStream {
  private final byte[] doc;
  private final int bytesPerRead;
  private final long sleepMillis;
  private int pos;
  int reads;

  Trickle(byte[] doc, int bytesPerRead, long sleepMillis) {
    this.doc = doc;
    this.bytesPerRead = bytesPerRead;
    this.sleepMillis = sleepMillis;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (pos >= doc.length) {
      return -1;
    }
    reads++;
    try {
      Thread.sleep(sleepMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int n = Math.min(Math.min(len, bytesPerRead), doc.length - pos);
    System.arraycopy(doc, pos, b, off, n);
    pos += n;
    return n;
  }
}
