package dev.bounded.rss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.DecompressionLimits;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Byte-order marks, declared encodings, gzip, gzip bombs and the Netscape DOCTYPE. */
class InputFormatsTest {
  static final String TITLE = "Café – “quoted” €";

  static byte[] feed(String encoding, Charset cs, boolean bom) throws IOException {
    String xml =
        "<?xml version=\"1.0\" encoding=\""
            + encoding
            + "\"?>"
            + Feeds.rss("<item><title>" + TITLE + "</title></item>");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (bom) {
      out.write("\uFEFF".getBytes(cs));
    }
    out.write(xml.getBytes(cs));
    return out.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTF-8", "UTF-16BE", "UTF-16LE", "windows-1252"})
  void readsDeclaredEncodingsWithAndWithoutBom(String encoding) throws IOException {
    Charset cs = Charset.forName(encoding);
    for (boolean bom : new boolean[] {false, true}) {
      if (bom && encoding.startsWith("windows")) {
        continue;
      }
      if (!bom && encoding.startsWith("UTF-16")) {
        continue; // UTF-16 needs its BOM unless the declaration names the byte order
      }
      String declared = encoding.startsWith("UTF-16") ? "UTF-16" : encoding;
      assertEquals(
          TITLE,
          Feeds.items(feed(declared, cs, bom), FeedLimits.defaults()).get(0).title(),
          encoding + " bom=" + bom);
    }
  }

  @Test
  void readsIso88591() throws IOException {
    byte[] b = feed("ISO-8859-1", StandardCharsets.ISO_8859_1, false);
    String latin =
        new String("Café".getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
    assertTrue(Feeds.items(b, FeedLimits.defaults()).get(0).title().startsWith(latin));
  }

  static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(b);
    }
    return out.toByteArray();
  }

  @Test
  void readsGzipDetectedByMagicBytes() throws IOException {
    byte[] plain = feed("UTF-8", StandardCharsets.UTF_8, false);
    assertEquals(TITLE, Feeds.items(gzip(plain), FeedLimits.defaults()).get(0).title());
  }

  @Test
  void aGzipBombFailsOnTheExpansionRatio() throws IOException {
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bomb)) {
      gz.write("<rss><channel><item><description>".getBytes(StandardCharsets.US_ASCII));
      byte[] spaces = new byte[1 << 20];
      java.util.Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 50; i++) {
        gz.write(spaces);
      }
    }
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () -> Feeds.items(bomb.toByteArray(), FeedLimits.defaults()));
    assertEquals(Limit.MAX_EXPANSION_RATIO, e.limit());
    assertEquals("DecompressionLimits.maxExpansionRatio", e.setting());
  }

  @Test
  void gzipExpandedBytesAreCappedToo() throws IOException {
    byte[] plain = feed("UTF-8", StandardCharsets.UTF_8, false);
    FeedLimits exact =
        FeedLimits.builder()
            .decompressionLimits(DecompressionLimits.of(plain.length, 1000))
            .build();
    assertEquals(1, Feeds.items(gzip(plain), exact).size());
    FeedLimits under =
        FeedLimits.builder()
            .decompressionLimits(DecompressionLimits.of(plain.length - 1, 1000))
            .build();
    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> Feeds.items(gzip(plain), under));
    assertEquals(Limit.MAX_EXPANDED_BYTES, e.limit());
  }

  @Test
  void corruptGzipIsMalformed() throws IOException {
    byte[] gz = gzip(feed("UTF-8", StandardCharsets.UTF_8, false));
    byte[] cut = java.util.Arrays.copyOf(gz, gz.length / 2);
    assertThrows(MalformedDocumentException.class, () -> Feeds.items(cut, FeedLimits.defaults()));
  }

  @Test
  void theNetscapeDoctypeIsIgnoredAndNeverFetched() throws IOException {
    String xml =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\"\n"
            + " \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n"
            + "<rss version=\"0.91\"><channel><item><title>t</title></item></channel></rss>";
    assertEquals("t", Feeds.items(xml).get(0).title());
  }

  @Test
  void theByteLimitHoldsExactly() throws IOException {
    byte[] b = feed("UTF-8", StandardCharsets.UTF_8, false);
    assertEquals(1, Feeds.items(b, FeedLimits.builder().maxBytes(b.length).build()).size());
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () -> Feeds.items(b, FeedLimits.builder().maxBytes(b.length - 1).build()));
    assertEquals(Limit.MAX_BYTES, e.limit());
    assertEquals("XmlLimits.maxBytes", e.setting());
  }
}
