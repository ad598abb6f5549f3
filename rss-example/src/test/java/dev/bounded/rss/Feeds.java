package dev.bounded.rss;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: read a whole feed. */
final class Feeds {
  private Feeds() {}

  static List<FeedItem> items(String xml) throws IOException {
    return items(xml.getBytes(StandardCharsets.UTF_8), FeedLimits.defaults());
  }

  static List<FeedItem> items(String xml, FeedLimits limits) throws IOException {
    return items(xml.getBytes(StandardCharsets.UTF_8), limits);
  }

  static List<FeedItem> items(byte[] bytes, FeedLimits limits) throws IOException {
    List<FeedItem> out = new ArrayList<>();
    try (FeedReader r = FeedReader.open(new ByteArrayInputStream(bytes), limits)) {
      for (FeedItem it; (it = r.next()) != null; ) {
        out.add(it);
      }
    }
    return out;
  }

  static String rss(String items) {
    return "<rss version=\"2.0\"><channel><title>T</title>" + items + "</channel></rss>";
  }
}
