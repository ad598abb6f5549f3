package dev.bounded.flink;

import dev.bounded.rss.internal.FeedGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * A directory of generated feeds: {@code normal} ordinary ones (RSS 2.0 from rss-example's
 * generator, 1 to 8 KB, every 100th gzip-compressed under a {@code .xml.gz} name), one big one of
 * {@code bigBytes} bytes, and hostile ones, each breaking one limit (or well-formedness) after a
 * known number of items. Generated on the fly, never committed.
 */
final class FeedCorpus {
  /** File name to the items it delivers (the items before the break, for a hostile one). */
  final Map<String, Long> items = new TreeMap<>();

  /** Hostile file name to the kind of its one error record. */
  final Map<String, String> errors = new TreeMap<>();

  final Path dir;

  private FeedCorpus(Path dir) {
    this.dir = dir;
  }

  long totalItems() {
    return items.values().stream().mapToLong(Long::longValue).sum();
  }

  static FeedCorpus generate(Path dir, int normal, long bigBytes) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(dir);
    FeedCorpus c = new FeedCorpus(dir);
    for (int i = 0; i < normal; i++) {
      long size = 1024 + (i * 7919L) % (7 * 1024);
      boolean gz = i % 100 == 42;
      String name = String.format("feed-%05d.xml%s", i, gz ? ".gz" : "");
      c.items.put(name, c.generated(name, size, gz));
    }
    if (bigBytes > 0) {
      c.items.put("big.xml", c.generated("big.xml", bigBytes, false));
    }
    StringBuilder deep = new StringBuilder(items(2));
    deep.append("<x>".repeat(300)).append("</x>".repeat(300)).append(FOOTER);
    c.hostile("deep.xml", deep.toString(), 2, "MAX_DEPTH");
    c.hostile(
        "long-field.xml",
        items(3) + "<item><description>" + "a".repeat(1_100_000) + "</description></item>" + FOOTER,
        3,
        "MAX_TEXT_LENGTH");
    c.hostile("broken.xml", items(5) + "<item><title>x</titl></item>" + FOOTER, 5, "MALFORMED");
    StringBuilder attrs = new StringBuilder(items(1)).append("<item");
    for (int a = 0; a < 150; a++) {
      attrs.append(" a").append(a).append("=\"v\"");
    }
    c.hostile("attributes.xml", attrs.append("/>").append(FOOTER).toString(), 1, "MAX_ATTRIBUTES");
    c.hostile("not-a-feed.xml", "<html><body><p>hello</p></body></html>", 0, "MALFORMED");
    // A gzip bomb: 64 MB of spaces in 64 KB. Bounded's decompression stops it on the ratio;
    // Flink's (by the .gz name) would hand a long, harmless feed to the reader.
    try (OutputStream out =
        new GZIPOutputStream(Files.newOutputStream(dir.resolve("bomb.xml.gz")))) {
      out.write((HEADER).getBytes(StandardCharsets.UTF_8));
      byte[] spaces = new byte[1 << 20];
      Arrays.fill(spaces, (byte) ' ');
      for (int m = 0; m < 64; m++) {
        out.write(spaces);
      }
      out.write((item(1) + FOOTER).getBytes(StandardCharsets.UTF_8));
    }
    c.items.put("bomb.xml.gz", 0L);
    c.errors.put("bomb.xml.gz", "MAX_EXPANSION_RATIO");
    return c;
  }

  private long generated(String name, long size, boolean gz) throws IOException {
    FeedGenerator g = new FeedGenerator(size);
    // the generator hands out an item per read: buffer, or a 1 GB feed is 1.7 million writes
    OutputStream file = new BufferedOutputStream(Files.newOutputStream(dir.resolve(name)), 1 << 20);
    try (OutputStream out = gz ? new GZIPOutputStream(file) : file) {
      g.transferTo(out);
    }
    return g.items();
  }

  private void hostile(String name, String content, long before, String kind) throws IOException {
    Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    items.put(name, before);
    errors.put(name, kind);
  }

  static final String HEADER =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>t</title>\n";
  static final String FOOTER = "</channel></rss>\n";

  static String item(int i) {
    return "<item><title>item " + i + "</title><guid>id-" + i + "</guid></item>\n";
  }

  static String items(int n) {
    StringBuilder b = new StringBuilder(HEADER);
    for (int i = 1; i <= n; i++) {
      b.append(item(i));
    }
    return b.toString();
  }
}
