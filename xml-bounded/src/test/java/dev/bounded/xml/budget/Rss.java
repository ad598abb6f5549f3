package dev.bounded.xml.budget;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A generated RSS 2.0 document of {@code items} items (about 340 bytes and 15 nodes each), produced
 * on the fly; {@code variant} makes documents of the same size differ.
 */
final class Rss extends InputStream {
  private static final byte[] HEAD =
      ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              + "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n"
              + "<title>Generated</title><link>http://example.com/</link>"
              + "<description>A generated feed</description>\n")
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] TAIL = "</channel>\n</rss>\n".getBytes(StandardCharsets.UTF_8);

  private final long items;
  private final int variant;
  private long next;
  private byte[] buf = HEAD;
  private int pos;
  private boolean tailDone;

  Rss(long items, int variant) {
    this.items = items;
    this.variant = variant;
  }

  /** The size in bytes of a document of {@code items} items. */
  static long size(long items, int variant) {
    long n = HEAD.length + TAIL.length;
    for (long i = 0; i < items; i++) {
      n += item(i, variant).length;
    }
    return n;
  }

  private static byte[] item(long i, int variant) {
    return ("<item><title>Item "
            + variant
            + "-"
            + i
            + "</title><link>http://example.com/"
            + variant
            + "/items/"
            + i
            + "</link><description>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do"
            + " eiusmod tempor incididunt ut labore &amp; dolore magna aliqua.</description>"
            + "<pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate><guid isPermaLink=\"false\">id-"
            + variant
            + "-"
            + i
            + "</guid><dc:creator>Author "
            + (i % 100)
            + "</dc:creator></item>\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private boolean fill() {
    if (pos < buf.length) {
      return true;
    }
    if (next < items) {
      buf = item(next++, variant);
    } else if (!tailDone) {
      buf = TAIL;
      tailDone = true;
    } else {
      return false;
    }
    pos = 0;
    return true;
  }

  @Override
  public int read() {
    return fill() ? buf[pos++] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    int n = 0;
    while (n < len && fill()) {
      int k = Math.min(len - n, buf.length - pos);
      System.arraycopy(buf, pos, b, off + n, k);
      pos += k;
      n += k;
    }
    return n == 0 ? -1 : n;
  }
}
