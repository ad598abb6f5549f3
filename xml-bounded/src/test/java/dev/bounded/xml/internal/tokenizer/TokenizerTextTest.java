package dev.bounded.xml.internal.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.xml.XmlLimits;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
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

  /**
   * The text fast path takes two-byte sequences and line feeds too: a breach of maxTextLength still
   * names the character that first goes over, whole or fed a byte at a time, in text and CDATA.
   */
  @Test
  void textLimitBreachNamesTheCharacterOverTheLimitOnTheFastPath() {
    XmlLimits four = Drive.LIMITS.toBuilder().maxTextLength(4).build();
    String[][] cases = {
      // document, the breach's location: the fifth character
      {"<a>\u00e9\u00e9\n\u00e9\u00e9</a>", "line 2, column 2, byte 10"},
      {"<a>\u00e9x\u00e9\u00e9\u00e9</a>", "line 1, column 8, byte 10"},
      {"<a>xyz\n\n</a>", "line 3, column 1, byte 7"},
      {"<a><![CDATA[\u00e9\u00e9\n\u00e9\u00e9]]></a>", "line 2, column 2, byte 19"},
    };
    for (String[] c : cases) {
      byte[] doc = c[0].getBytes(StandardCharsets.UTF_8);
      String expected =
          "!Text length (5 characters) exceeds the maximum allowed (4 characters, from"
              + " XmlLimits.maxTextLength) at "
              + c[1];
      List<String> whole = Drive.events(doc, four);
      assertEquals(expected, whole.get(whole.size() - 1), c[0]);
      List<String> fed = Drive.events(doc, four, new Random(1), 1);
      assertEquals(expected, fed.get(fed.size() - 1), c[0]);
      XmlLimits five = four.toBuilder().maxTextLength(5).build();
      List<String> at = Drive.events(doc, five);
      assertEquals("ED", at.get(at.size() - 1), c[0]);
    }
  }
}
