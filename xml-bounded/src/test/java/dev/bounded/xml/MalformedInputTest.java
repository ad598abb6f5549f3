package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.MalformedDocumentException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Input that is not well-formed fails with a MalformedDocumentException, in every input mode. */
@ParameterizedClass(name = "{0}")
@EnumSource(XmlEngine.class)
class MalformedInputTest extends EngineParameterized {
  static final String SMALL =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- c -->\n<r xmlns='u' a=\"1 &amp; 2\">"
          + "t\u00e9xt &#x1F600;<![CDATA[<cd>]]><?pi data?><e b='\u20ac'/>\r\n</r>\n";

  static Stream<Arguments> truncations() {
    byte[] doc = SMALL.getBytes(StandardCharsets.UTF_8);
    return IntStream.range(0, doc.length).mapToObj(n -> Arguments.of(n, Arrays.copyOf(doc, n)));
  }

  /**
   * Cut after every byte: malformed (never another exception), push and pull; only a cut after the
   * root's end tag (before the trailing newline) parses.
   */
  @ParameterizedTest(name = "truncated to {0} bytes")
  @MethodSource("truncations")
  void aTruncatedDocumentIsMalformed(int length, byte[] doc) throws IOException {
    boolean complete = new String(doc, StandardCharsets.UTF_8).endsWith("</r>");
    for (boolean pull : new boolean[] {false, true}) {
      Recorder rec = new Recorder();
      try {
        AttackCorpusTest.parse(doc, limits(), pull, rec);
        assertTrue(complete, () -> "a truncated document parsed: " + rec.events);
      } catch (BoundedParseException e) {
        assertInstanceOf(MalformedDocumentException.class, e, e::toString);
        assertTrue(!complete, e::toString);
      }
    }
  }

  @Test
  void theUntruncatedDocumentParses() throws IOException {
    for (InputMode m : InputMode.values()) {
      Recorder rec = new Recorder();
      m.parse(SMALL, limits(), rec);
      assertEquals(
          java.util.List.of(
              "C: c ",
              "S:r a=1 & 2",
              "T:t\u00e9xt \ud83d\ude00<cd>",
              "P:pi data",
              "S:e b=\u20ac",
              "E:e",
              "T:\n",
              "E:r",
              "END"),
          rec.events,
          m.name());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<a></b>",
        "<a><b></a></b>",
        "<a>",
        "</a>",
        "<a/><b/>",
        "text",
        "",
        "<a x='1' x='2'/>",
        "<a x=1/>",
        "<a>&undeclared;</a>",
        "<a>&#0;</a>",
        "<a>&#xD800;</a>",
        "<a>&#x110000;</a>",
        "<a><!-- a -- b --></a>",
        "<a><![CDATA[x]></a>",
        "<a b='<'/>",
        "<1a/>",
        "<a:b:c/>",
        "<p:a/>",
        "<a>\u0001</a>",
        "<?xml version='1.0'?><?xml version='1.0'?><a/>",
        "<a/><?xml version='1.0'?>",
        "<a><?xml version='1.0'?></a>",
        "<!DOCTYPE"
      })
  void notWellFormedDocumentsAreMalformedInEveryMode(String doc) throws IOException {
    for (InputMode m : InputMode.values()) {
      BoundedParseException e =
          assertThrows(
              BoundedParseException.class, () -> m.parse(doc, limits(), new Recorder()), m::name);
      if (!doc.startsWith("<!DOCTYPE")) {
        assertInstanceOf(MalformedDocumentException.class, e, () -> m + ": " + e);
      }
      assertTrue(e.getMessage().length() < 600, e::getMessage);
    }
  }

  /**
   * Woodstox reports the end of input inside the XML declaration with a bare message suffix (" in
   * xml declaration"): the message must say what happened.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "<?xml version=\"1.0' ?><r/>",
        "<?xml version=\"1.0\" standalone=\"yes' ?><r/>",
      })
  void anUnclosedQuoteInTheXmlDeclarationSaysTheInputEndedThere(String doc) {
    for (InputMode m : InputMode.values()) {
      BoundedParseException e =
          assertThrows(
              BoundedParseException.class, () -> m.parse(doc, limits(), new Recorder()), m::name);
      assertInstanceOf(MalformedDocumentException.class, e, () -> m + ": " + e);
      assertTrue(
          e.problem().startsWith("Unexpected end of input in xml declaration"),
          () -> m + ": " + e.problem());
    }
  }

  static Stream<Arguments> badBytes() {
    return Stream.of(
        Arguments.of("lone continuation byte", bytes("<a>", 0x80, "</a>")),
        Arguments.of("truncated two-byte sequence", bytes("<a>", 0xc3, "</a>")),
        Arguments.of("overlong encoding of '<'", bytes("<a>", 0xc0, 0xbc, "</a>")),
        Arguments.of("encoded surrogate", bytes("<a>", 0xed, 0xa0, 0x80, "</a>")),
        Arguments.of("beyond U+10FFFF", bytes("<a>", 0xf4, 0x90, 0x80, 0x80, "</a>")),
        Arguments.of("0xFF", bytes("<a>", 0xff, "</a>")),
        Arguments.of("invalid byte in a name", bytes("<a", 0xff, "/>")),
        Arguments.of("invalid byte in an attribute", bytes("<a b='", 0xc3, "'/>")),
        Arguments.of("invalid byte in a comment", bytes("<a><!--", 0x80, "--></a>")),
        Arguments.of(
            "UTF-16BE lone high surrogate",
            concat(utf16be("<a>"), new byte[] {(byte) 0xd8, 0x00}, utf16be("</a>"))),
        Arguments.of(
            "UTF-16BE lone low surrogate",
            concat(utf16be("<a>"), new byte[] {(byte) 0xdc, 0x00}, utf16be("</a>"))),
        Arguments.of(
            "UTF-16BE reversed pair",
            concat(
                utf16be("<a>"),
                new byte[] {(byte) 0xdc, 0x00, (byte) 0xd8, 0x00},
                utf16be("</a>"))),
        Arguments.of("UTF-16BE odd length", concat(utf16be("<a></a>"), new byte[] {0x00})),
        Arguments.of(
            "UTF-16 high surrogate at the end",
            concat(utf16be("<a></a>"), new byte[] {(byte) 0xd8, 0x00})));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBytes")
  void invalidlyEncodedInputIsMalformed(String name, byte[] doc) throws IOException {
    for (boolean pull : new boolean[] {false, true}) {
      BoundedParseException e =
          assertThrows(
              BoundedParseException.class,
              () -> AttackCorpusTest.parse(doc, limits(), pull, new Recorder()));
      assertInstanceOf(MalformedDocumentException.class, e, e::toString);
    }
    // one byte at a time, too
    BoundedParseException e =
        assertThrows(
            BoundedParseException.class,
            () -> BoundedXml.parse(InputMode.trickle(doc), limits(), new Recorder()));
    assertInstanceOf(MalformedDocumentException.class, e, e::toString);
  }

  @Test
  void anUnpairedSurrogateFromAReaderIsMalformed() {
    BoundedParseException e =
        assertThrows(
            BoundedParseException.class,
            () ->
                BoundedXml.parse(
                    new java.io.StringReader("<a>\ud800</a>"), limits(), new Recorder()));
    assertInstanceOf(MalformedDocumentException.class, e, e::toString);
  }

  @Test
  void ebcdicIsRefusedClearly() {
    byte[] doc =
        "<?xml version=\"1.0\" encoding=\"IBM037\"?><a/>".getBytes(Charset.forName("IBM037"));
    MalformedDocumentException e =
        assertThrows(
            MalformedDocumentException.class,
            () -> BoundedXml.parse(doc, limits(), new Recorder()));
    assertEquals(
        "Unsupported encoding EBCDIC: Bounded reads UTF-8, UTF-16, UTF-32 and ASCII-compatible single-byte charsets at byte 0",
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Shift_JIS", "EUC-JP", "GB18030", "Big5", "ISO-2022-JP", "x-no-such-charset"})
  void multiByteDeclaredEncodingsAreRefusedClearly(String encoding) {
    byte[] doc =
        ("<?xml version=\"1.0\" encoding=\"" + encoding + "\"?><a/>")
            .getBytes(StandardCharsets.US_ASCII);
    MalformedDocumentException e =
        assertThrows(
            MalformedDocumentException.class,
            () -> BoundedXml.parse(doc, limits(), new Recorder()));
    assertEquals(
        "Unsupported encoding \""
            + encoding
            + "\": Bounded reads UTF-8, UTF-16, UTF-32 and ASCII-compatible"
            + " single-byte charsets at line 1, column 1, byte 0",
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ISO-8859-1", "windows-1252", "US-ASCII", "ISO-8859-15"})
  void singleByteEncodingsParse(String encoding) throws IOException {
    byte[] doc =
        ("<?xml version=\"1.0\" encoding=\"" + encoding + "\"?><a b='\u00e9'>caf\u00e9</a>")
            .getBytes(Charset.forName(encoding));
    Recorder rec = new Recorder();
    BoundedXml.parse(doc, limits(), rec);
    String e = encoding.equals("US-ASCII") ? "?" : "\u00e9";
    assertEquals(java.util.List.of("S:a b=" + e, "T:caf" + e, "E:a", "END"), rec.events);
  }

  @Test
  void inSingleByteEncodingsNonAsciiBytesCountOneCharacterEach() throws IOException {
    byte[] doc =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a b='\u00e9\u00e9\u00e9'/>"
            .getBytes(StandardCharsets.ISO_8859_1);
    BoundedXml.parse(doc, builder().maxAttributeLength(3).build(), new Recorder());
    assertThrows(
        dev.bounded.core.LimitExceededException.class,
        () -> BoundedXml.parse(doc, builder().maxAttributeLength(2).build(), new Recorder()));
  }

  static byte[] utf16be(String s) {
    return s.getBytes(StandardCharsets.UTF_16BE);
  }

  static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] bytes(Object... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (Object p : parts) {
      if (p instanceof String) {
        out.writeBytes(((String) p).getBytes(StandardCharsets.UTF_8));
      } else {
        out.write((Integer) p);
      }
    }
    return out.toByteArray();
  }

  @SuppressWarnings("unused")
  private static ByteArrayInputStream in(byte[] b) {
    return new ByteArrayInputStream(b);
  }
}
