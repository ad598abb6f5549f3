package dev.bounded.xml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.xml.BoundedDocumentBuilderFactory;
import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.XmlAttributes;
import dev.bounded.xml.XmlEngine;
import dev.bounded.xml.XmlHandler;
import dev.bounded.xml.XmlLimits;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/**
 * Every encoding the scanner accepts really parses: each name (and alias) of every JDK charset that
 * is ASCII-compatible and single-byte, spelled as XML's EncName production allows. Woodstox
 * mis-maps some of them ({@code cp1250} to "IBM1250", then "Unsupported encoding"), so those are
 * read through the JDK's strict decoder.
 */
class DeclaredEncodingTest {
  /** XML 1.0 [81] EncName. */
  static final Pattern ENC_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._\\-]*");

  /** Every (charset, name) pair: the family and each alias it answers to. */
  static Stream<String[]> names() {
    List<String[]> out = new ArrayList<>();
    for (Charset cs : Charset.availableCharsets().values()) {
      List<String> names = new ArrayList<>(cs.aliases());
      names.add(0, cs.name());
      for (String n : names) {
        if (ENC_NAME.matcher(n).matches() && XmlScanner.isAsciiCompatibleSingleByte(n)) {
          out.add(new String[] {cs.name(), n});
        }
      }
    }
    return out.stream();
  }

  /** Every character above U+007F the charset has, but '<' and '&'. */
  static String highCharacters(Charset cs) {
    CharsetDecoder d =
        cs.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    StringBuilder sb = new StringBuilder();
    for (int b = 0x80; b < 0x100; b++) {
      try {
        String c = d.decode(ByteBuffer.wrap(new byte[] {(byte) b})).toString();
        if (c.codePointAt(0) > 0x7f && !Character.isISOControl(c.codePointAt(0))) {
          sb.append(c);
        }
      } catch (CharacterCodingException e) {
        // not a character of this charset
      }
    }
    return sb.toString();
  }

  @ParameterizedTest(name = "{0} as \"{1}\"")
  @MethodSource("names")
  void everyAcceptedSingleByteEncodingParsesThroughPushAndDom(String charset, String name)
      throws Exception {
    Charset cs = Charset.forName(charset);
    String text = highCharacters(cs);
    byte[] doc =
        ("<?xml version=\"1.0\" encoding=\"" + name + "\"?>\n<r a='" + text + "'>" + text + "</r>")
            .getBytes(cs);
    StringBuilder got = new StringBuilder();
    String[] attr = new String[1];
    BoundedXml.parse(
        doc,
        XmlLimits.defaults(),
        new XmlHandler() {
          @Override
          public void startElement(String ns, String local, String prefix, XmlAttributes a) {
            attr[0] = a.value("", "a");
          }

          @Override
          public void characters(char[] t, int start, int length) {
            got.append(t, start, length);
          }
        });
    assertEquals(text, got.toString());
    assertEquals(text, attr[0]);
    Document d =
        BoundedDocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(doc));
    assertEquals(text, d.getDocumentElement().getTextContent());
  }

  /** The names the issue found refused ("Unsupported encoding: IBM1250"). */
  @Test
  void theWindowsCodePagesAndCsIsoLatin2Parse() throws Exception {
    List<String> names =
        List.of(
            "cp1250",
            "cp1251",
            "cp1253",
            "cp1254",
            "cp1255",
            "cp1256",
            "cp1257",
            "cp1258",
            "csISOLatin2");
    for (String n : names) {
      assertTrue(names().anyMatch(p -> p[1].equals(n)), n);
      everyAcceptedSingleByteEncodingParsesThroughPushAndDom(Charset.forName(n).name(), n);
    }
  }

  /**
   * A limit's location in a document decoded from a declared single-byte charset. The WOODSTOX
   * engine's scanner reads the raw bytes (Woodstox the decoding), so its byte offset is exact; the
   * BOUNDED engine (the default since decision 018) transcodes what follows the declaration to
   * UTF-8 and reports no byte offset there (-1, as for every re-encoded input, decision 009), with
   * the same line and column. Both engines are named here: this test asserted the WOODSTOX engine's
   * offset on the default until the default became BOUNDED.
   */
  @Test
  void aBreachInADecodedDocumentIsLocatedOnTheRawBytes() {
    String head = "<?xml version='1.0' encoding='cp1250'?>\n<r a='";
    byte[] doc = (head + "\u0161\u0161\u0161'/>").getBytes(Charset.forName("cp1250"));
    for (XmlEngine engine : XmlEngine.values()) {
      dev.bounded.core.LimitExceededException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              dev.bounded.core.LimitExceededException.class,
              () ->
                  BoundedXml.parse(
                      doc,
                      XmlLimits.builder().maxAttributeLength(2).engine(engine).build(),
                      new XmlHandler() {}));
      assertEquals(
          engine == XmlEngine.WOODSTOX ? head.length() + 2 : -1,
          e.location().byteOffset(),
          engine + ": " + e.getMessage());
      assertEquals(2, e.line(), engine.name());
      assertEquals(9, e.column(), engine.name());
    }
  }
}
