package dev.bounded.rss;

import dev.bounded.rss.internal.FeedGenerator;
import dev.bounded.rss.internal.Sizes;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The child JVM of {@link FlatMemoryIT}: streams a generated feed of {@code args[0]} bytes into the
 * reader, in-process, and prints {@code items=N bytes=B peakHeapMB=P}.
 */
public final class GeneratedFeedChild {
  private GeneratedFeedChild() {}

  public static void main(String[] args) throws Exception {
    long size = Sizes.parse(args[0]);
    FeedGenerator gen = new FeedGenerator(size);
    FeedLimits limits =
        FeedLimits.builder().maxBytes(FeedLimits.UNLIMITED).maxItems(FeedLimits.UNLIMITED).build();
    long items = 0;
    long chars = 0;
    try (FeedReader feed = FeedReader.open(gen, limits)) {
      for (FeedItem it; (it = feed.next()) != null; ) {
        items++;
        chars += it.title().length() + it.link().length();
      }
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      System.out.println(
          "items="
              + items
              + " generated="
              + gen.items()
              + " bytes="
              + feed.bytesRead()
              + " chars="
              + chars
              + " peakHeapMB="
              + (peak >> 20));
    }
  }
}
