package dev.bounded.xml.internal.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import org.junit.jupiter.api.Test;

/** Line ends, attribute-value normalisation, references and text chunks. */
class TokenizerTextTest {
  @Test
  void lineEndsBecomeLineFeedsInTextCdataCommentsAndPis() {
    assertEquals(
        List.of(
            "SD:null|null|-1", "S:a", "T:1\n2\n3\n\n4\n5\n", "C:\nc\n", "P:p|d\ne\n", "E:a", "ED"),
        Drive.events("<a>1\r\n2\r3\n\r\n4<![CDATA[\r5\r\n]]><!--\r\nc\r--><?p d\r\ne\r\n?></a>"));
  }

  @Test
  void attributeValuesAreNormalisedButReferencedWhitespaceIsKept() {
    assertEquals(
        List.of("SD:null|null|-1", "S:a b=x  y z \n\t&<", "E:a", "ED"),
        Drive.events("<a b='x\t\ny\r\nz\r&#10;&#9;&amp;&lt;'/>"));
  }

  @Test
  void textComesInChunksOfAtMost4000Characters() {
    String body = "x\u00e9\ud83d\ude00&amp;".repeat(5000);
    byte[] doc = ("<a>" + body + "</a>").getBytes(StandardCharsets.UTF_8);
    Tokenizer t = new Tokenizer(Drive.LIMITS, true, null);
    t.feed(doc, 0, doc.length);
    t.endOfInput();
    StringBuilder text = new StringBuilder();
    int chunks = 0;
    try {
      for (int e = t.next(); e != XMLStreamConstants.END_DOCUMENT; e = t.next()) {
        if (e == XMLStreamConstants.CHARACTERS) {
          assertTrue(t.tlen <= Tokenizer.TEXT_CHUNK + 1, "chunk of " + t.tlen);
          text.append(t.tbuf, 0, t.tlen);
          chunks++;
        }
      }
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    String decoded = body.replace("&amp;", "&");
    assertEquals(decoded, text.toString());
    assertTrue(chunks >= decoded.length() / (Tokenizer.TEXT_CHUNK + 1), "chunks " + chunks);
  }

  @Test
  void locationsCountUtf16UnitsAfterAByteOrderMark() {
    List<String> e = Drive.events("\uFEFF<a>\n\u00e9\ud83d\ude00\u0001</a>");
    assertEquals(
        "!Character U+0001 is not an XML character at line 2, column 4, byte 13",
        e.get(e.size() - 1));
  }
}
