package dev.bounded.rss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.rss.internal.HtmlEntities;
import dev.bounded.rss.internal.HtmlEntityFilter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HTML named entities without a DTD: strict rejects, lenient rewrites them, streaming. */
class HtmlEntitiesTest {
  static final FeedLimits LENIENT = FeedLimits.builder().lenientEntities(true).build();

  static String filter(String s, Charset cs) throws IOException {
    try (InputStream in = new HtmlEntityFilter(new ByteArrayInputStream(s.getBytes(cs)))) {
      return new String(in.readAllBytes(), cs);
    }
  }

  @Test
  void strictModeNamesTheEntityAndTheWayOut() {
    MalformedDocumentException e =
        assertThrows(
            MalformedDocumentException.class,
            () -> Feeds.items(Feeds.rss("<item><title>a&nbsp;b</title></item>")));
    assertTrue(
        e.problem()
            .startsWith(
                "HTML entity &nbsp; is not defined in XML (no DTD declares it); FeedLimits.lenientEntities(true)"),
        e.problem());
    assertEquals(1, e.line(), e.getMessage());
  }

  @Test
  void lenientModeMapsHtmlEntitiesInTextAndAttributes() throws IOException {
    FeedItem it =
        Feeds.items(
                Feeds.rss(
                    "<item><title>a&nbsp;b&hellip; &mdash;&rsquo;&eacute;&NotEqualTilde;</title>"
                        + "<enclosure url=\"https://x/?a=1&amp;b=&copy;\" type=\"t\"/></item>"),
                LENIENT)
            .get(0);
    assertEquals("a\u00a0b\u2026 \u2014\u2019\u00e9\u2242\u0338", it.title());
    assertEquals("https://x/?a=1&b=\u00a9", it.enclosure().url());
  }

  @Test
  void theFilterLeavesCdataCommentsPisAndTheDoctypeAlone() throws IOException {
    String in =
        "<!DOCTYPE rss [<!ENTITY x \"&nbsp;\">]><!-- &nbsp; --><?pi &nbsp;?>"
            + "<a b='&nbsp;>' c=\"&quot;&nbsp;\">&nbsp;<![CDATA[&nbsp;]]>&amp;&#160;&#xa0;&unknown;&nbsp</a>";
    String expected =
        "<!DOCTYPE rss [<!ENTITY x \"&nbsp;\">]><!-- &nbsp; --><?pi &nbsp;?>"
            + "<a b='&#160;>' c=\"&quot;&#160;\">&#160;<![CDATA[&nbsp;]]>&amp;&#160;&#xa0;&unknown;&nbsp</a>";
    assertEquals(expected, filter(in, StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE"})
  void theFilterWorksInWideEncodings(String charset) throws IOException {
    Charset cs = Charset.forName(charset);
    String doc = "\uFEFF<a>x&hellip;y<![CDATA[&hellip;]]></a>";
    try (InputStream in = new HtmlEntityFilter(new ByteArrayInputStream(doc.getBytes(cs)))) {
      // compare bytes: some decoders drop a leading byte-order mark
      assertArrayEquals(
          "\uFEFF<a>x&#8230;y<![CDATA[&hellip;]]></a>".getBytes(cs), in.readAllBytes());
    }
  }

  @Test
  void lenientModeReadsUtf16() throws IOException {
    byte[] b =
        ("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
                + Feeds.rss("<item><title>&hellip;</title></item>"))
            .getBytes(StandardCharsets.UTF_16BE);
    assertEquals("\u2026", Feeds.items(b, LENIENT).get(0).title());
  }

  @Test
  void anUnknownNameStillFailsInLenientMode() {
    BoundedParseException e =
        assertThrows(
            BoundedParseException.class,
            () -> Feeds.items(Feeds.rss("<item><title>&bogus;</title></item>"), LENIENT));
    assertTrue(e.getMessage().contains("bogus"), e.getMessage());
  }

  @Test
  void oneByteAtATimeGivesTheSameBytes() throws IOException {
    String doc = "<a t='&copy;'>&hellip;&amp;<![CDATA[&x;]]></a>";
    InputStream trickle =
        new java.io.FilterInputStream(
            new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8))) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(1, len));
          }
        };
    try (InputStream f = new HtmlEntityFilter(trickle)) {
      assertEquals(
          filter(doc, StandardCharsets.UTF_8),
          new String(f.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void theByteLimitCountsTheBytesBeforeTheRewrite() throws IOException {
    byte[] b =
        Feeds.rss("<item><title>&Mu;&Mu;&Mu;</title></item>").getBytes(StandardCharsets.UTF_8);
    FeedLimits exact =
        LENIENT.toBuilder()
            .xmlLimits(LENIENT.xmlLimits().toBuilder().maxBytes(b.length).build())
            .build();
    assertEquals("\u039c\u039c\u039c", Feeds.items(b, exact).get(0).title());
    FeedLimits under =
        LENIENT.toBuilder()
            .xmlLimits(LENIENT.xmlLimits().toBuilder().maxBytes(b.length - 1).build())
            .build();
    assertThrows(LimitExceededException.class, () -> Feeds.items(b, under));
  }

  @Test
  void theTableHoldsAllHtml5NamesWithASemicolon() {
    assertEquals(2120, HtmlEntities.size()); // 2,125 WHATWG names with ';' minus the 5 XML ones
    assertEquals(0xa0, HtmlEntities.codePoints("nbsp")[0]);
    assertEquals(null, HtmlEntities.codePoints("amp"));
  }
}
