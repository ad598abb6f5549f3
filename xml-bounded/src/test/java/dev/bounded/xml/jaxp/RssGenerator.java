package dev.bounded.xml.jaxp;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A generated RSS 2.0 document of {@code items} items (about 330 bytes each), produced on the fly.
 */
final class RssGenerator extends InputStream {
  private static final byte[] HEAD =
      ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              + "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n"
              + "<title>Generated</title><link>http://example.com/</link>"
              + "<description>A generated feed</description>\n")
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] TAIL = "</channel>\n</rss>\n".getBytes(StandardCharsets.UTF_8);

  private final long items;
  private long next;
  private byte[] buf = HEAD;
  private int pos;
  private boolean tailDone;
  private long produced;

  RssGenerator(long items) {
    this.items = items;
  }

  static String item(long i) {
    return "<item><title>Item "
        + i
        + "</title><link>http://example.com/items/"
        + i
        + "</link><description>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod"
        + " tempor incididunt ut labore &amp; dolore magna aliqua.</description>"
        + "<pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate><guid isPermaLink=\"false\">id-"
        + i
        + "</guid><dc:creator>Author "
        + (i % 100)
        + "</dc:creator></item>\n";
  }

  /** Bytes handed out so far. */
  long produced() {
    return produced;
  }

  private boolean fill() {
    if (pos < buf.length) {
      return true;
    }
    if (next < items) {
      buf = item(next++).getBytes(StandardCharsets.UTF_8);
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
    if (!fill()) {
      return -1;
    }
    produced++;
    return buf[pos++] & 0xff;
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
    produced += n;
    return n == 0 ? -1 : n;
  }
}
