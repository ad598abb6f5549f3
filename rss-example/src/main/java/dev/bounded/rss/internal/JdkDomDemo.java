package dev.bounded.rss.internal;

import java.io.InputStream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/**
 * The contrast for the demo: the JDK's {@link DocumentBuilder} loading a generated feed of the
 * given size ({@code java -Xmx32m -cp rss-example.jar dev.bounded.rss.internal.JdkDomDemo 64m}). In
 * a small heap it fails with {@link OutOfMemoryError}; this prints that and exits with status 3 (0
 * if it fits).
 */
public final class JdkDomDemo {
  private JdkDomDemo() {}

  /**
   * Runs the demo.
   *
   * @param args one size, such as {@code 64m}
   */
  public static void main(String[] args) throws Exception {
    long size = args.length == 1 ? Sizes.parse(args[0]) : -1;
    if (size < 0 || size == Long.MAX_VALUE) {
      System.err.println("usage: JdkDomDemo SIZE (such as 64m)");
      System.exit(1);
    }
    long maxHeap = Runtime.getRuntime().maxMemory() >> 20;
    long start = System.nanoTime();
    FeedGenerator feed = new FeedGenerator(size);
    try (InputStream in = feed) {
      DocumentBuilder dom = DocumentBuilderFactory.newInstance().newDocumentBuilder();
      Document doc = dom.parse(in);
      int items = doc.getElementsByTagName("item").getLength();
      System.out.printf(
          "JDK DocumentBuilder: parsed %s (%d items) in a %d MB heap%n", args[0], items, maxHeap);
      System.exit(0);
    } catch (OutOfMemoryError e) {
      feed = null; // let go of what we can before printing
      double secs = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "JDK DocumentBuilder: java.lang.OutOfMemoryError (%s) loading a %s feed in a %d MB heap"
              + " after %.1f s%n",
          e.getMessage(), args[0], maxHeap, secs);
      System.exit(3);
    }
  }
}
