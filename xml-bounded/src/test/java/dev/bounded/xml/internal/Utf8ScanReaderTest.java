package dev.bounded.xml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.XmlAttributes;
import dev.bounded.xml.XmlHandler;
import dev.bounded.xml.XmlLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * UTF-8 decoded on the byte path ({@link Utf8ScanReader}): exact characters whatever the read sizes,
 * strict refusal of invalid sequences at their first byte, deferred like a breach.
 */
class Utf8ScanReaderTest {
  private static final String MIXED =
      "<r a='\u00e9\u20ac\ud83d\ude00'>a\u00e9\u20ac\ud83d\ude00b<!--\u00e9\u20ac\ud83d\ude00-->"
          + "<?pi \u00e9\u20ac\ud83d\ude00?><n\u00e9\u00fc b\u00e9='\u20ac'/>\n\u00e9\ud83d\ude00\u20ac"
          + "<![CDATA[\u20ac\ud83d\ude00]]>&amp;\u00e9</r>";

  @Test
  void multiByteCharactersSplitAcrossReadsOfEverySizeGiveTheSameEvents() throws Exception {
    byte[] doc = MIXED.getBytes(StandardCharsets.UTF_8);
    // The Reader path decodes with the JDK's decoder, independently of the byte path.
    List<String> expected = push(BoundedXml::parse, new StringReader(MIXED), XmlLimits.defaults());
    for (int size = 1; size <= 8; size++) {
      assertEquals(expected, push(chunks(doc, size), XmlLimits.defaults()), "reads of " + size);
      assertEquals(expected, pull(chunks(doc, size), XmlLimits.defaults()), "pull, reads of " + size);
    }
  }

  @Test
  void theReaderHandsOnExactlyTheDecodedCharactersForEveryReadSize() throws IOException {
    String text = "x\u00e9\u20ac\ud83d\ude00".repeat(300) + "\n\u00e9";
    byte[] bytes = ("\ufeff" + text).getBytes(StandardCharsets.UTF_8);
    for (int size = 1; size <= 8; size++) {
      for (int len : new int[] {1, 2, 3, 4, 5, 8, 4000}) {
        XmlScanner scanner = new XmlScanner(chunks(bytes, size), XmlLimits.defaults(), true);
        Utf8ScanReader r = new Utf8ScanReader(scanner, true);
        assertEquals(text, drain(r, len, new StringBuilder()), "reads of " + size + ", len " + len);
      }
    }
  }

  static Stream<Arguments> invalidSequences() {
    return Stream.of(
        Arguments.of("lone continuation byte", new int[] {0x80}, "a continuation byte without a lead byte"),
        Arguments.of("last continuation byte", new int[] {0xbf}, "a continuation byte without a lead byte"),
        Arguments.of("overlong NUL", new int[] {0xc0, 0x80}, "an overlong form"),
        Arguments.of("overlong '<'", new int[] {0xc0, 0xbc}, "an overlong form"),
        Arguments.of("overlong two bytes, largest", new int[] {0xc1, 0xbf}, "an overlong form"),
        Arguments.of("overlong three bytes", new int[] {0xe0, 0x80, 0xbc}, "an overlong form"),
        Arguments.of("overlong three bytes, largest", new int[] {0xe0, 0x9f, 0xbf}, "an overlong form"),
        Arguments.of("overlong four bytes", new int[] {0xf0, 0x80, 0x80, 0xbc}, "an overlong form"),
        Arguments.of("overlong four bytes, largest", new int[] {0xf0, 0x8f, 0xbf, 0xbf}, "an overlong form"),
        Arguments.of("high surrogate", new int[] {0xed, 0xa0, 0x80}, "an encoded surrogate"),
        Arguments.of("low surrogate", new int[] {0xed, 0xbf, 0xbf}, "an encoded surrogate"),
        Arguments.of("U+FFFE", new int[] {0xef, 0xbf, 0xbe}, "U+FFFE, not a character"),
        Arguments.of("U+FFFF", new int[] {0xef, 0xbf, 0xbf}, "U+FFFF, not a character"),
        Arguments.of("above U+10FFFF", new int[] {0xf4, 0x90, 0x80, 0x80}, "a value above U+10FFFF"),
        Arguments.of("0xF5", new int[] {0xf5, 0x80, 0x80, 0x80}, "a byte that is never UTF-8"),
        Arguments.of("0xFE", new int[] {0xfe}, "a byte that is never UTF-8"),
        Arguments.of("0xFF", new int[] {0xff}, "a byte that is never UTF-8"),
        Arguments.of("two-byte lead, ASCII after", new int[] {0xc3, 'z'}, "a lead byte without its continuation bytes"),
        Arguments.of("three-byte lead, ASCII third", new int[] {0xe2, 0x82, 'z'}, "a lead byte without its continuation bytes"),
        Arguments.of("four-byte lead, ASCII fourth", new int[] {0xf0, 0x9f, 0x98, 'z'}, "a lead byte without its continuation bytes"),
        Arguments.of("four-byte lead, lead after", new int[] {0xf0, 0x9f, 0xc3, 0xa9}, "a lead byte without its continuation bytes"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSequences")
  void anInvalidSequenceFailsAtItsFirstByteWhateverTheReadSize(String name, int[] bad, String why)
      throws IOException {
    byte[] doc = bytes("<r>\n  <t>a\u00e9", bad, "z</t></r>");
    int at = "<r>\n  <t>a\u00e9".getBytes(StandardCharsets.UTF_8).length;
    for (int s = 1; s <= 8; s++) {
      int size = s;
      List<String> events = new ArrayList<>();
      BoundedParseException e =
          assertThrows(BoundedParseException.class, () -> push(chunks(doc, size), XmlLimits.defaults(), events));
      MalformedDocumentException m = assertInstanceOf(MalformedDocumentException.class, e, e::toString);
      assertTrue(
          m.problem().startsWith("Invalid byte sequence for the document's encoding: " + why + " (0x"),
          m::problem);
      assertEquals(2, m.line(), m::getMessage);
      assertEquals(8, m.column(), m::getMessage); // "  <t>a\u00e9" is 7 characters
      assertEquals(at, m.byteOffset(), m::getMessage);
      assertEquals(List.of("S:r", "T:\n  ", "S:t"), events.subList(0, 3), "reads of " + size);

      XMLStreamException x =
          assertThrows(XMLStreamException.class, () -> pull(chunks(doc, size), XmlLimits.defaults()));
      assertEquals(m.getMessage(), assertInstanceOf(MalformedDocumentException.class, x.getCause()).getMessage());
    }
  }

  @Test
  void theEndOfTheInputInsideASequenceIsMalformed() {
    for (int[] cut : new int[][] {{0xc3}, {0xe2}, {0xe2, 0x82}, {0xf0}, {0xf0, 0x9f}, {0xf0, 0x9f, 0x98}}) {
      byte[] doc = bytes("<r>\u00e9", cut);
      for (int s = 1; s <= 8; s++) {
        int size = s;
        BoundedParseException e =
            assertThrows(BoundedParseException.class, () -> push(chunks(doc, size), XmlLimits.defaults()));
        MalformedDocumentException m = assertInstanceOf(MalformedDocumentException.class, e, e::toString);
        assertTrue(m.problem().startsWith("Invalid byte sequence for the document's encoding: the input ends"
            + " inside a UTF-8 sequence (0x"), m::problem);
        assertEquals(5, m.byteOffset(), m::getMessage);
        assertEquals(5, m.column(), m::getMessage);
      }
    }
  }

  @Test
  void fourByteCharactersAreSurrogatePairsCountedAsTwoUnits() throws IOException {
    String doc = "<r a='\ud83d\ude00'>\ud83d\ude00</r>";
    for (int s = 1; s <= 8; s++) {
      int size = s;
      XmlLimits atLimit = XmlLimits.builder().maxAttributeLength(2).maxTextLength(2).build();
      assertEquals(
          List.of("S:r a=\ud83d\ude00", "T:\ud83d\ude00", "E:r"),
          push(chunks(doc.getBytes(StandardCharsets.UTF_8), size), atLimit));
      LimitExceededException a =
          assertThrows(
              LimitExceededException.class,
              () -> push(chunks(doc.getBytes(StandardCharsets.UTF_8), size), atLimit.toBuilder().maxAttributeLength(1).build()));
      assertEquals(Limit.MAX_ATTRIBUTE_LENGTH, a.limit());
      assertEquals(2, a.actual());
      LimitExceededException t =
          assertThrows(
              LimitExceededException.class,
              () -> push(chunks(doc.getBytes(StandardCharsets.UTF_8), size), atLimit.toBuilder().maxTextLength(1).build()));
      assertEquals(Limit.MAX_TEXT_LENGTH, t.limit());
      assertEquals(2, t.actual());
    }
  }

  @Test
  void aBreachRightAfterAMultiByteCharacterHandsOnEverythingBeforeIt() {
    byte[] doc = "<r>\u00e9<a/>\u20ac<b/></r>".getBytes(StandardCharsets.UTF_8);
    XmlLimits two = XmlLimits.builder().maxElements(2).build();
    for (int s = 1; s <= 8; s++) {
      int size = s;
      List<String> events = new ArrayList<>();
      LimitExceededException e =
          assertThrows(LimitExceededException.class, () -> push(chunks(doc, size), two, events));
      assertEquals(Limit.MAX_ELEMENTS, e.limit());
      assertEquals(1, e.line());
      assertEquals(10, e.column()); // "<r>\u00e9<a/>\u20ac" is 9 characters
      assertEquals(12, e.byteOffset());
      // The text just before the breach is delivered when Woodstox ends its segment before the
      // read that fails (it depends on the read sizes), as on the byte path.
      List<String> before = List.of("S:r", "T:\u00e9", "S:a", "E:a");
      assertTrue(
          events.equals(before) || events.equals(List.of("S:r", "T:\u00e9", "S:a", "E:a", "T:\u20ac")),
          "reads of " + size + ": " + events);
    }
  }

  /**
   * Random byte strings (no markup) through the reader against the JDK's strict decoder: the same
   * characters, or a failure at the same byte after the same characters. U+FFFE and U+FFFF are not
   * XML characters, so the reader refuses them where the JDK's decoder would not.
   */
  @Test
  void randomBytesDecodeLikeAStrictDecoder() throws IOException {
    long seed = new Random().nextLong();
    System.out.println("Utf8ScanReaderTest.randomBytesDecodeLikeAStrictDecoder seed " + seed);
    Random rnd = new Random(seed);
    for (int round = 0; round < 3000; round++) {
      byte[] b = randomBytes(rnd);
      int size = 1 + rnd.nextInt(9);
      int len = rnd.nextBoolean() ? 4000 : 1 + rnd.nextInt(8);
      StringBuilder got = new StringBuilder();
      long failedAt = -1;
      try {
        drain(new Utf8ScanReader(new XmlScanner(chunks(b, size), XmlLimits.builder().unlimited().build(), true), false), len, got);
      } catch (MalformedDocumentException e) {
        failedAt = e.byteOffset();
      }
      String context = "seed " + seed + " round " + round + " bytes " + hex(b) + " reads " + size + " len " + len;
      Reference ref = strict(b);
      assertEquals(ref.failedAt, failedAt, context);
      assertEquals(ref.chars, got.toString(), context);
    }
  }

  private record Reference(String chars, long failedAt) {}

  /** The JDK's strict decoding, stopped at U+FFFE or U+FFFF too. */
  private static Reference strict(byte[] b) throws CharacterCodingException {
    CharsetDecoder d =
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(b);
    CharBuffer out = CharBuffer.allocate(b.length + 1);
    CoderResult r = d.decode(in, out, true);
    long failedAt = -1;
    if (r.isError()) {
      failedAt = in.position();
    } else if (!d.flush(out).isUnderflow()) {
      fail("flush");
    }
    String s = out.flip().toString();
    for (int k = 0; k < s.length(); k++) {
      if (s.charAt(k) == '\ufffe' || s.charAt(k) == '\uffff') {
        return new Reference(s.substring(0, k), s.substring(0, k).getBytes(StandardCharsets.UTF_8).length);
      }
    }
    return new Reference(s, failedAt);
  }

  private static byte[] randomBytes(Random rnd) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int n = rnd.nextInt(24);
    for (int i = 0; i < n; i++) {
      int kind = rnd.nextInt(10);
      if (kind < 3) {
        out.write('a' + rnd.nextInt(26));
      } else if (kind < 7) {
        // a valid character of 2, 3 or 4 bytes, or an encoded surrogate, U+FFFE or U+FFFF
        int[] starts = {0x80, 0x800, 0xd800, 0xe000, 0xfffe, 0x10000, 0x10fff0};
        int cp = starts[rnd.nextInt(starts.length)] + rnd.nextInt(16);
        out.writeBytes(encode(cp));
      } else if (kind < 9) {
        int c = 0x80 + rnd.nextInt(0x80);
        out.write(c);
      } else {
        out.write(rnd.nextBoolean() ? '\n' : ' ');
      }
    }
    byte[] b = out.toByteArray();
    if (b.length > 0 && rnd.nextInt(4) == 0) {
      b = java.util.Arrays.copyOf(b, b.length - 1 - rnd.nextInt(Math.min(3, b.length))); // cut short
    }
    return b;
  }

  /** UTF-8 of any value up to U+10FFFF, surrogates included (as a lax encoder would write them). */
  private static byte[] encode(int cp) {
    if (cp < 0x800) {
      return new byte[] {(byte) (0xc0 | cp >> 6), (byte) (0x80 | cp & 0x3f)};
    }
    if (cp < 0x10000) {
      return new byte[] {(byte) (0xe0 | cp >> 12), (byte) (0x80 | cp >> 6 & 0x3f), (byte) (0x80 | cp & 0x3f)};
    }
    return new byte[] {
      (byte) (0xf0 | cp >> 18), (byte) (0x80 | cp >> 12 & 0x3f), (byte) (0x80 | cp >> 6 & 0x3f), (byte) (0x80 | cp & 0x3f)
    };
  }

  // ---- helpers ----

  /**
   * Reads to the end. A deferred failure among the first seven characters is preceded by one -1
   * (for Woodstox's bootstrapper, see {@link Utf8ScanReader}), so the end is the second -1 there.
   */
  private static String drain(Utf8ScanReader r, int len, StringBuilder sb) throws IOException {
    char[] buf = new char[len];
    int n;
    int ends = sb.length() + 1 < 7 ? 2 : 1;
    while (true) {
      n = r.read(buf, 0, len);
      if (n < 0) {
        if (sb.length() >= 7 || --ends == 0) {
          break;
        }
        continue;
      }
      sb.append(buf, 0, n);
    }
    assertEquals(-1, r.read(buf, 0, len));
    return sb.toString();
  }

  /** A stream that hands on at most {@code size} bytes per read. */
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

  static byte[] bytes(String before, int[] middle) {
    return bytes(before, middle, "");
  }

  private static String hex(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      s.append(String.format("%02x", x & 0xff));
    }
    return s.toString();
  }

  private interface Parse<T> {
    void parse(T in, XmlLimits limits, XmlHandler h) throws IOException;
  }

  private static <T> List<String> push(Parse<T> parse, T in, XmlLimits limits) throws IOException {
    List<String> events = new ArrayList<>();
    parse.parse(in, limits, handler(events));
    return events;
  }

  private static List<String> push(InputStream in, XmlLimits limits) throws IOException {
    return push(BoundedXml::parse, in, limits);
  }

  private static void push(InputStream in, XmlLimits limits, List<String> events) throws IOException {
    BoundedXml.parse(in, limits, handler(events));
  }

  private static List<String> pull(InputStream in, XmlLimits limits) throws XMLStreamException {
    List<String> events = new ArrayList<>();
    XMLStreamReader r = BoundedXml.newReader(in, limits);
    while (r.hasNext()) {
      switch (r.next()) {
        case XMLStreamConstants.START_ELEMENT:
          StringBuilder sb = new StringBuilder("S:").append(r.getLocalName());
          for (int i = 0; i < r.getAttributeCount(); i++) {
            sb.append(' ').append(r.getAttributeLocalName(i)).append('=').append(r.getAttributeValue(i));
          }
          events.add(sb.toString());
          break;
        case XMLStreamConstants.END_ELEMENT:
          events.add("E:" + r.getLocalName());
          break;
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.CDATA:
        case XMLStreamConstants.SPACE:
          text(events, r.getText());
          break;
        case XMLStreamConstants.COMMENT:
          events.add("C:" + r.getText());
          break;
        case XMLStreamConstants.PROCESSING_INSTRUCTION:
          events.add("P:" + r.getPITarget() + " " + r.getPIData());
          break;
        default:
          break;
      }
    }
    return events;
  }

  private static void text(List<String> events, String s) {
    int last = events.size() - 1;
    if (last >= 0 && events.get(last).startsWith("T:")) {
      events.set(last, events.get(last) + s);
    } else {
      events.add("T:" + s);
    }
  }

  private static XmlHandler handler(List<String> events) {
    return new XmlHandler() {
      @Override
      public void startElement(String ns, String local, String prefix, XmlAttributes attrs) {
        StringBuilder sb = new StringBuilder("S:").append(local);
        for (int i = 0; i < attrs.count(); i++) {
          sb.append(' ').append(attrs.localName(i)).append('=').append(attrs.value(i));
        }
        events.add(sb.toString());
      }

      @Override
      public void endElement(String ns, String local, String prefix) {
        events.add("E:" + local);
      }

      @Override
      public void characters(char[] text, int start, int length) {
        text(events, new String(text, start, length));
      }

      @Override
      public void comment(char[] text, int start, int length) {
        events.add("C:" + new String(text, start, length));
      }

      @Override
      public void processingInstruction(String target, String data) {
        events.add("P:" + target + " " + data);
      }
    };
  }
}
