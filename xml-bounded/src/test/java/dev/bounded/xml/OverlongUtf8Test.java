package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.MalformedDocumentException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Overlong UTF-8 forms are refused on the byte path. Woodstox's own UTF-8 reader decodes them (an
 * overlong {@code '<'}, {@code C0 BC}, is read as markup), while the scanner takes every byte above
 * 0x7F for text: markup smuggled that way escaped every limit the scanner holds.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(XmlEngine.class)
class OverlongUtf8Test extends EngineParameterized {
  @Test
  void anOverlongLessThanCannotSmuggleElementsPastMaxElements() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("<r>".getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < 5; i++) {
      out.write(0xc0);
      out.write(0xbc);
      out.writeBytes("x/>".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("</r>".getBytes(StandardCharsets.US_ASCII));
    byte[] doc = out.toByteArray();
    XmlLimits two = builder().maxElements(2).build();
    for (int size = 1; size <= 8; size++) {
      MalformedDocumentException e = malformed(doc, size, two);
      assertEquals(
          "Invalid byte sequence for the document's encoding: an overlong UTF-8 form (0xc0) at"
              + " line 1, column 4, byte 3",
          e.getMessage());
    }
  }

  static Stream<Arguments> overlongForms() {
    return Stream.of(
        Arguments.of("C0 80 (NUL)", new int[] {0xc0, 0x80}),
        Arguments.of("C0 BC ('<')", new int[] {0xc0, 0xbc}),
        Arguments.of("C1 BF (DEL)", new int[] {0xc1, 0xbf}),
        Arguments.of("E0 80 BC ('<')", new int[] {0xe0, 0x80, 0xbc}),
        Arguments.of("E0 9F BF (U+07FF)", new int[] {0xe0, 0x9f, 0xbf}),
        Arguments.of("F0 80 80 BC ('<')", new int[] {0xf0, 0x80, 0x80, 0xbc}),
        Arguments.of("F0 8F BF BF (U+FFFF)", new int[] {0xf0, 0x8f, 0xbf, 0xbf}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlongForms")
  void anOverlongFormIsMalformedAtItsFirstByteInEveryConstruct(String name, int[] form) {
    // Each context: the bytes before the form (on line 2 after "\n  ") and after it.
    String[][] contexts = {
      {"<r>\n  t\u00e9", "</r>"},
      {"<r>\n  <e a='\u00e9", "'/></r>"},
      {"<r>\n  <!--\u00e9", "--></r>"},
      {"<r>\n  <![CDATA[\u00e9", "]]></r>"},
      {"<r>\n  <?pi \u00e9", "?></r>"},
    };
    for (String[] c : contexts) {
      byte[] doc = bytes(c[0], form, c[1]);
      int at = c[0].getBytes(StandardCharsets.UTF_8).length;
      long column = c[0].length() - "<r>\n".length() + 1;
      for (int size = 1; size <= 8; size++) {
        MalformedDocumentException e = malformed(doc, size, limits());
        assertEquals(2, e.line(), e::getMessage);
        assertEquals(column, e.column(), e::getMessage);
        assertEquals(at, e.byteOffset(), e::getMessage);
      }
      XMLStreamException x =
          assertThrows(
              XMLStreamException.class,
              () -> drain(BoundedXml.newReader(new ByteArrayInputStream(doc), limits())));
      assertEquals(
          at, assertInstanceOf(MalformedDocumentException.class, x.getCause()).byteOffset());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlongForms")
  void anOverlongFormIsFoundAtEveryOffsetOfALongBufferOfAsciiAndOtherText(String name, int[] form) {
    // Whole-buffer reads, so the filter's word and block paths both see the form, at every offset
    // within a block, behind ASCII text and behind text with bytes above 0x7F.
    for (String filler : new String[] {"x", "\u00e9"}) {
      for (int pad = 0; pad < 80; pad++) {
        String before = "<r>" + filler.repeat(pad);
        byte[] doc = bytes(before, form, "y".repeat(100) + "</r>");
        int at = before.getBytes(StandardCharsets.UTF_8).length;
        MalformedDocumentException e = malformed(doc, Integer.MAX_VALUE, limits());
        assertEquals(1, e.line(), e::getMessage);
        assertEquals(before.length() + 1, e.column(), e::getMessage);
        assertEquals(at, e.byteOffset(), e::getMessage);
      }
    }
  }

  @Test
  void theShortestFormsJustAboveTheOverlongOnesAreCharacters() throws IOException {
    int[][] forms = {{0xc2, 0x80}, {0xe0, 0xa0, 0x80}, {0xf0, 0x90, 0x80, 0x80}, {0xdf, 0xbf}};
    String[] chars = {"\u0080", "\u0800", "\ud800\udc00", "\u07ff"};
    for (int i = 0; i < forms.length; i++) {
      byte[] doc =
          bytes(
              "<r a='",
              forms[i],
              "'>"
                  + "x".repeat(i)
                  + new String(bytes("", forms[i], ""), StandardCharsets.UTF_8)
                  + "</r>");
      for (int size = 1; size <= 8; size++) {
        Recorder r = new Recorder();
        BoundedXml.parse(chunks(doc, size), limits(), r);
        assertEquals(
            List.of("S:r a=" + chars[i], "T:" + "x".repeat(i) + chars[i], "E:r", "END"), r.events);
      }
    }
  }

  @Test
  void singleByteCharsetsKeepTheirBytesAboveC0() throws IOException {
    for (String cs : new String[] {"ISO-8859-1", "windows-1252"}) {
      String text = "\u00c0\u00c1\u00e0\u20ac\u00f0\u00e9"; // C0 C1 E0 80 F0 E9 in windows-1252
      byte[] doc =
          ("<?xml version=\"1.0\" encoding=\""
                  + cs
                  + "\"?><r>"
                  + text.replace("\u20ac", cs.equals("ISO-8859-1") ? "\u0080" : "\u20ac")
                  + "</r>")
              .getBytes(Charset.forName(cs));
      for (int size = 1; size <= 8; size++) {
        Recorder r = new Recorder();
        BoundedXml.parse(chunks(doc, size), limits(), r);
        assertEquals(
            "T:" + text.replace("\u20ac", cs.equals("ISO-8859-1") ? "\u0080" : "\u20ac"),
            r.events.get(1),
            cs + ", reads of " + size);
      }
    }
  }

  private static MalformedDocumentException malformed(byte[] doc, int size, XmlLimits limits) {
    BoundedParseException e =
        assertThrows(
            BoundedParseException.class,
            () -> BoundedXml.parse(chunks(doc, size), limits, new Recorder()));
    return assertInstanceOf(
        MalformedDocumentException.class, e, () -> "reads of " + size + ": " + e);
  }

  private static void drain(XMLStreamReader r) throws XMLStreamException {
    while (r.hasNext()) {
      r.next();
    }
  }

  static InputStream chunks(byte[] b, int size) {
    return new ByteArrayInputStream(b) {
      @Override
      public synchronized int read(byte[] buf, int off, int len) {
        return super.read(buf, off, Math.min(len, size));
      }
    };
  }

  static byte[] bytes(String before, int[] middle, String after) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
    for (int c : middle) {
      out.write(c);
    }
    out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
