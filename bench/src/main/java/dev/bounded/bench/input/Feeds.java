package dev.bounded.bench.input;

import java.util.SplittableRandom;

/**
 * RSS 2.0 and Atom feeds shaped like real ones: namespaced extensions, escaped HTML, attributes.
 */
public final class Feeds {
  private Feeds() {}

  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

  /** An RSS 2.0 channel of items. */
  public static final Generator RSS =
      new Generator() {
        @Override
        public String header() {
          return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              + "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
              + " xmlns:atom=\"http://www.w3.org/2005/Atom\">\n"
              + "<channel>\n"
              + "  <title>Bounded benchmark feed</title>\n"
              + "  <link>https://example.com/</link>\n"
              + "  <description>A generated feed for throughput and memory benchmarks</description>\n"
              + "  <language>en-us</language>\n"
              + "  <atom:link href=\"https://example.com/feed.xml\" rel=\"self\""
              + " type=\"application/rss+xml\"/>\n";
        }

        @Override
        public String item(long i) {
          SplittableRandom r = random(i);
          return "  <item>\n"
              + "    <title>Item "
              + i
              + ": "
              + words(r, 4 + r.nextInt(6))
              + "</title>\n"
              + "    <link>https://example.com/items/"
              + i
              + "</link>\n"
              + "    <description>&lt;p&gt;"
              + words(r, 20 + r.nextInt(40))
              + " &amp; "
              + words(r, 5)
              + "&lt;/p&gt;</description>\n"
              + "    <pubDate>"
              + DAYS[(int) (i % 7)]
              + ", "
              + (1 + i % 28)
              + " Sep 2025 "
              + two(i % 24)
              + ":"
              + two(i % 60)
              + ":00 +0000</pubDate>\n"
              + "    <guid isPermaLink=\"false\">urn:bounded:item:"
              + i
              + "</guid>\n"
              + "    <category domain=\"https://example.com/tags\">"
              + words(r, 1)
              + "</category>\n"
              + "    <dc:creator>"
              + words(r, 2)
              + "</dc:creator>\n"
              + "  </item>\n";
        }

        @Override
        public String footer() {
          return "</channel>\n</rss>\n";
        }
      };

  /** An Atom 1.0 feed of entries. */
  public static final Generator ATOM =
      new Generator() {
        @Override
        public String header() {
          return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              + "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
              + "  <title>Bounded benchmark feed</title>\n"
              + "  <id>urn:bounded:feed</id>\n"
              + "  <updated>2025-09-01T00:00:00Z</updated>\n"
              + "  <link href=\"https://example.com/\"/>\n"
              + "  <author><name>Bounded</name></author>\n";
        }

        @Override
        public String item(long i) {
          SplittableRandom r = random(i);
          return "  <entry>\n"
              + "    <title type=\"text\">Entry "
              + i
              + ": "
              + words(r, 4 + r.nextInt(6))
              + "</title>\n"
              + "    <link rel=\"alternate\" type=\"text/html\" href=\"https://example.com/entries/"
              + i
              + "\"/>\n"
              + "    <id>urn:bounded:entry:"
              + i
              + "</id>\n"
              + "    <updated>2025-09-"
              + two(1 + i % 28)
              + "T"
              + two(i % 24)
              + ":"
              + two(i % 60)
              + ":00Z</updated>\n"
              + "    <author><name>"
              + words(r, 2)
              + "</name></author>\n"
              + "    <category term=\""
              + words(r, 1)
              + "\"/>\n"
              + "    <summary type=\"html\">&lt;p&gt;"
              + words(r, 20 + r.nextInt(40))
              + " &amp; "
              + words(r, 5)
              + "&lt;/p&gt;</summary>\n"
              + "  </entry>\n";
        }

        @Override
        public String footer() {
          return "</feed>\n";
        }
      };

  static String two(long v) {
    return v < 10 ? "0" + v : Long.toString(v);
  }
}
