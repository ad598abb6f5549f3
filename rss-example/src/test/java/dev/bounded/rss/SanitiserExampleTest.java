package dev.bounded.rss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Sanitising is not the reader's job: it gives HTML as the feed wrote it, typed, and a maintained
 * sanitiser makes it safe to render. This is the documented way, with OWASP's java-html-sanitizer
 * (a test dependency only; the library depends on no sanitiser).
 */
class SanitiserExampleTest {
  /** The policy an application would choose: here, formatting, links and images. */
  static final PolicyFactory POLICY =
      Sanitizers.FORMATTING.and(Sanitizers.LINKS).and(Sanitizers.BLOCKS).and(Sanitizers.IMAGES);

  /** What to render for a text field: HTML and XHTML sanitised, plain text escaped. */
  static String renderable(FeedText t) throws IOException {
    if (t == null) {
      return "";
    }
    if (t.type() == FeedText.Type.TEXT) {
      StringBuilder escaped = new StringBuilder();
      org.owasp.html.Encoding.encodeRcdataOnto(t.value(), escaped); // text is never markup
      return escaped.toString();
    }
    return POLICY.sanitize(t.value());
  }

  @Test
  void htmlContentGoesThroughASanitiserBeforeItIsRendered() throws IOException {
    FeedItem it =
        Feeds.items(
                Feeds.rss(
                    "<item><title>1 &lt; 2 &amp; &lt;b&gt;</title><description>&lt;p onclick=\"steal()\"&gt;Hi"
                        + " &lt;a href=\"javascript:alert(1)\"&gt;x&lt;/a&gt; &lt;a href=\"https://e.org/\"&gt;y&lt;/a&gt;"
                        + "&lt;script&gt;alert(2)&lt;/script&gt;&lt;/p&gt;</description></item>"))
            .get(0);
    assertEquals(FeedText.Type.HTML, it.summaryDetail().type());
    assertEquals(
        "<p>Hi x <a href=\"https://e.org/\" rel=\"nofollow\">y</a></p>",
        renderable(it.summaryDetail()));
    assertEquals("1 &lt; 2 &amp; &lt;b&gt;", renderable(it.titleDetail()));
  }
}
