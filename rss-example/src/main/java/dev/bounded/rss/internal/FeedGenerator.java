package dev.bounded.rss.internal;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A synthetic RSS 2.0 feed of about {@code size} bytes, generated on the fly in constant memory and
 * deterministic (the same size gives the same bytes). Items vary: dates in several RFC 822 forms
 * and zones, links, permalink and opaque guids, one to three categories, descriptions with entity
 * and character references, CDATA sections, non-ASCII text, and some {@code content:encoded} and
 * enclosures. The result is at least the header and footer long and exceeds {@code size} by less
 * than one item.
 */
public final class FeedGenerator extends InputStream {
  private static final String[] WORDS = {
    "streaming",
    "parser",
    "bounded",
    "memory",
    "feed",
    "release",
    "notes",
    "security",
    "update",
    "café",
    "naïve",
    "über",
    "résumé",
    "Zürich",
    "東京",
    "data",
    "limits",
    "heap",
    "gigabyte",
    "reader",
    "Atom",
    "RSS",
    "items",
    "channel",
    "entity",
    "quick",
    "brown",
    "fox",
    "jumps",
    "lazy"
  };
  private static final String[] ZONES = {"GMT", "+0000", "-0500", "EST", "PDT", "+0200", "UT", "Z"};
  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };
  private static final String[] CATEGORIES = {
    "java", "xml", "security", "performance", "news", "releases", "tips & tricks", "a<b"
  };

  private static final byte[] HEADER =
      ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              + "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""
              + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n"
              + "<title>Bounded synthetic feed</title>\n"
              + "<link>https://example.org/</link>\n"
              + "<description>A generated feed for demos &amp; tests</description>\n"
              + "<language>en-us</language>\n"
              + "<lastBuildDate>Mon, 06 Jan 2025 10:00:00 GMT</lastBuildDate>\n")
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] FOOTER = "</channel>\n</rss>\n".getBytes(StandardCharsets.UTF_8);

  private final long size;
  private long produced;
  private long item;
  private long seed = 0x9E3779B97F4A7C15L;
  private byte[] chunk = HEADER;
  private int pos;
  private boolean footerDone;
  private final StringBuilder sb = new StringBuilder(2048);

  /** A feed of about {@code size} bytes. */
  public FeedGenerator(long size) {
    if (size < 0) {
      throw new IllegalArgumentException("size < 0: " + size);
    }
    this.size = size;
  }

  /** Items generated so far. */
  public long items() {
    return item;
  }

  @Override
  public int read() {
    if (pos >= chunk.length && !next()) {
      return -1;
    }
    return chunk[pos++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    if (pos >= chunk.length && !next()) {
      return -1;
    }
    int n = Math.min(len, chunk.length - pos);
    System.arraycopy(chunk, pos, b, off, n);
    pos += n;
    return n;
  }

  private boolean next() {
    produced += chunk.length;
    pos = 0;
    if (produced + FOOTER.length < size) {
      chunk = item();
      return true;
    }
    if (!footerDone) {
      footerDone = true;
      chunk = FOOTER;
      return true;
    }
    chunk = new byte[0];
    return false;
  }

  private int rnd(int bound) {
    seed ^= seed << 13;
    seed ^= seed >>> 7;
    seed ^= seed << 17;
    return (int) ((seed >>> 33) % bound);
  }

  private String word() {
    return WORDS[rnd(WORDS.length)];
  }

  private byte[] item() {
    long n = ++item;
    StringBuilder s = sb;
    s.setLength(0);
    s.append("<item>\n<title>Item ").append(n).append(": ").append(word()).append(' ');
    s.append(word())
        .append(n % 7 == 0 ? " &amp; friends" : "")
        .append(n % 11 == 0 ? " &#8212; more" : "");
    s.append("</title>\n<link>https://example.org/posts/")
        .append(n)
        .append("?ref=feed&amp;v=")
        .append(n % 3);
    s.append("</link>\n");
    if (n % 4 == 0) {
      s.append("<guid isPermaLink=\"false\">urn:uuid:")
          .append(Long.toHexString(seed))
          .append('-')
          .append(n);
      s.append("</guid>\n");
    } else {
      s.append("<guid>https://example.org/posts/").append(n).append("</guid>\n");
    }
    long day = n / 97; // about a hundred items a day, from 2020-01-01 (a Wednesday)
    java.time.LocalDate d = java.time.LocalDate.of(2020, 1, 1).plusDays(day % 3000);
    int h = (int) (n % 24);
    int m = (int) (n * 7 % 60);
    String zone = ZONES[(int) (n % ZONES.length)];
    if (n % 10 == 3) {
      s.append("<dc:date>")
          .append(d)
          .append('T')
          .append(two(h))
          .append(':')
          .append(two(m))
          .append(":00Z</dc:date>\n");
    } else {
      s.append("<pubDate>");
      if (n % 5 != 1) {
        s.append(DAYS[d.getDayOfWeek().getValue() - 1]).append(", ");
      }
      s.append(n % 2 == 0 ? two(d.getDayOfMonth()) : Integer.toString(d.getDayOfMonth()))
          .append(' ');
      String month = MONTHS[d.getMonthValue() - 1];
      s.append(n % 13 == 0 ? month.toLowerCase(java.util.Locale.ROOT) : month)
          .append(' ')
          .append(d.getYear())
          .append(' ');
      s.append(two(h)).append(':').append(two(m));
      if (n % 6 != 0) {
        s.append(':').append(two((int) (n % 60)));
      }
      s.append(' ').append(zone).append("</pubDate>\n");
    }
    int cats = 1 + rnd(3);
    for (int i = 0; i < cats; i++) {
      String c = CATEGORIES[rnd(CATEGORIES.length)];
      s.append("<category>")
          .append(c.replace("&", "&amp;").replace("<", "&lt;"))
          .append("</category>\n");
    }
    s.append("<dc:creator>author")
        .append(n % 50)
        .append("@example.org (Author ")
        .append(n % 50)
        .append(")</dc:creator>\n");
    if (n % 3 == 0) {
      s.append("<description><![CDATA[<p>Item ").append(n).append(" is about <b>").append(word());
      s.append("</b> & ").append(word()).append(" — see <a href=\"https://example.org/").append(n);
      s.append("\">more</a>.</p>]]></description>\n");
    } else {
      s.append("<description>&lt;p&gt;Words: ");
      int words = 8 + rnd(40);
      for (int i = 0; i < words; i++) {
        s.append(word()).append(i % 9 == 8 ? ". " : " ");
      }
      s.append("&#169; 2025 &quot;Example&quot; &amp; co.&lt;/p&gt;</description>\n");
    }
    if (n % 8 == 0) {
      s.append("<content:encoded><![CDATA[<div><h1>").append(word()).append("</h1><p>");
      for (int i = 0; i < 30; i++) {
        s.append(word()).append(' ');
      }
      s.append("</p></div>]]></content:encoded>\n");
    }
    if (n % 25 == 0) {
      s.append("<enclosure url=\"https://example.org/audio/").append(n).append(".mp3\" length=\"");
      s.append(1000 + n).append("\" type=\"audio/mpeg\"/>\n");
    }
    s.append("</item>\n");
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String two(int v) {
    return v < 10 ? "0" + v : Integer.toString(v);
  }
}
