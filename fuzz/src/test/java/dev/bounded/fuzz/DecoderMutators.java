package dev.bounded.fuzz;

import dev.bounded.fuzz.ByteMutators.Mutation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Byte mutations aimed at the boundary between the byte-level pre-scanner ({@code XmlScanner},
 * which reads markup as ASCII bytes) and Woodstox's decoder (which reads characters): overlong
 * UTF-8 forms of markup characters, invalid lead and continuation bytes, truncated sequences,
 * UTF-8-encoded surrogates, bytes of F5 and above, byte-order marks in odd places, CR/LF/NEL
 * variants, a lead byte put before a markup byte, an XML declaration whose encoding disagrees with
 * the bytes, and the whole document re-encoded as UTF-16/32. Wherever the two readers could
 * disagree about where markup is, a limit could miss what Woodstox delivers (the overlong {@code
 * '<'} bypass, {@code C0 BC}). Positions are fractions (of the input, or of its markup bytes), so a
 * mutation shrinks independently of its input, as in {@link ByteMutators}.
 */
public final class DecoderMutators {
  private DecoderMutators() {}

  /** The ASCII characters that are markup somewhere, whitespace and a few name characters. */
  static final String MARKUP = "<>/&\"'=?![]-;#: \t\n\rax";

  /** The bytes {@link ReplaceMarkup} and {@link LeadBefore} pick among in the input. */
  static final String TARGETS = "<>/&\"'=?![]-;";

  /**
   * Markup {@link AfterTag} inserts with its {@code '<'} written overlong: each one exceeds some
   * limit a small document sets exactly (one more element, nesting, attributes, a long name, value,
   * comment or PI), so a scanner that took it for text would let Woodstox deliver it unmeasured.
   */
  static final List<String> FRAGMENTS =
      List.of(
          "<x/>",
          "<x><y/></x>",
          "<x><x><x><x/></x></x></x>",
          "<x a='1' b='2' c='3' d='4' e='5'/>",
          "<x a='" + "v".repeat(70) + "'/>",
          "<" + "n".repeat(70) + "/>",
          "<!--" + "c".repeat(70) + "-->",
          "<?pi " + "d".repeat(70) + "?>",
          "<p:x xmlns:p='" + "u".repeat(70) + "'/>");

  /** Overlong UTF-8 form of ASCII {@code c} in {@code length} (2, 3 or 4) bytes. */
  static byte[] overlong(int c, int length) {
    switch (length) {
      case 2:
        return new byte[] {(byte) (0xc0 | c >> 6), (byte) (0x80 | (c & 0x3f))};
      case 3:
        return new byte[] {(byte) 0xe0, (byte) (0x80 | c >> 6), (byte) (0x80 | (c & 0x3f))};
      case 4:
        return new byte[] {
          (byte) 0xf0, (byte) 0x80, (byte) (0x80 | c >> 6), (byte) (0x80 | (c & 0x3f))
        };
      default:
        throw new IllegalArgumentException("length " + length);
    }
  }

  private static String hex(byte[] b) {
    return HexFormat.ofDelimiter(" ").formatHex(b).toUpperCase();
  }

  private static int at(double where, int length) {
    return (int) Math.min(length, Math.max(0, Math.floor(where * (length + 1))));
  }

  /** Index of the {@code which}-th (as a fraction) byte of {@code in} among {@code set}, or -1. */
  static int nth(byte[] in, double which, String set) {
    int count = 0;
    for (byte b : in) {
      if (b >= 0 && set.indexOf(b) >= 0) {
        count++;
      }
    }
    if (count == 0) {
      return -1;
    }
    int k = (int) Math.min(count - 1, Math.floor(which * count));
    for (int i = 0; i < in.length; i++) {
      if (in[i] >= 0 && set.indexOf(in[i]) >= 0 && k-- == 0) {
        return i;
      }
    }
    throw new AssertionError();
  }

  static byte[] replace(byte[] in, int pos, int length, byte[] with) {
    byte[] out = new byte[in.length - length + with.length];
    System.arraycopy(in, 0, out, 0, pos);
    System.arraycopy(with, 0, out, pos, with.length);
    System.arraycopy(in, pos + length, out, pos + with.length, in.length - pos - length);
    return out;
  }

  /** Inserts {@code bytes} at a fraction of the input. */
  record Insert(double where, byte[] bytes) implements Mutation {
    public byte[] apply(byte[] in) {
      return ByteMutators.insert(in, at(where, in.length), bytes);
    }

    @Override
    public String toString() {
      return "Insert[" + where + ", " + hex(bytes) + "]";
    }
  }

  /** Replaces the byte at a fraction of the input with {@code bytes}. */
  record ReplaceByte(double where, byte[] bytes) implements Mutation {
    public byte[] apply(byte[] in) {
      if (in.length == 0) {
        return in;
      }
      return replace(in, Math.min(in.length - 1, at(where, in.length)), 1, bytes);
    }

    @Override
    public String toString() {
      return "ReplaceByte[" + where + ", " + hex(bytes) + "]";
    }
  }

  /**
   * Replaces the {@code which}-th markup byte of the input ({@link #TARGETS}) with its overlong
   * form, or with {@code bytes} if given: the document Woodstox decodes is unchanged, the bytes the
   * scanner reads are not.
   */
  record ReplaceMarkup(double which, int length, byte[] bytes) implements Mutation {
    public byte[] apply(byte[] in) {
      int i = nth(in, which, TARGETS);
      if (i < 0) {
        return in;
      }
      return replace(in, i, 1, bytes != null ? bytes : overlong(in[i], length));
    }

    @Override
    public String toString() {
      return "ReplaceMarkup["
          + which
          + ", "
          + (bytes != null ? hex(bytes) : "overlong in " + length + " bytes")
          + "]";
    }
  }

  /**
   * Puts {@code lead} (a lead byte, or a lead and some continuation bytes) just before the {@code
   * which}-th markup byte, so a decoder that took the markup byte for a continuation would swallow
   * it.
   */
  record LeadBefore(double which, byte[] lead) implements Mutation {
    public byte[] apply(byte[] in) {
      int i = nth(in, which, TARGETS);
      return i < 0 ? in : ByteMutators.insert(in, i, lead);
    }

    @Override
    public String toString() {
      return "LeadBefore[" + which + ", " + hex(lead) + "]";
    }
  }

  /**
   * Inserts {@code fragment} just after the {@code which}-th {@code '>'} of the input (most often
   * the end of a tag, so in element content), its first {@code '<'} or all of them written as
   * overlong forms in {@code length} bytes.
   */
  record AfterTag(double which, String fragment, int length, boolean all) implements Mutation {
    public byte[] apply(byte[] in) {
      int i = nth(in, which, ">");
      byte[] lt = overlong('<', length);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      boolean first = true;
      for (byte c : fragment.getBytes(StandardCharsets.US_ASCII)) {
        if (c == '<' && (first || all)) {
          out.write(lt, 0, lt.length);
          first = false;
        } else {
          out.write(c);
        }
      }
      return ByteMutators.insert(in, i < 0 ? in.length : i + 1, out.toByteArray());
    }

    @Override
    public String toString() {
      return "AfterTag["
          + which
          + ", "
          + fragment
          + ", "
          + (all ? "every" : "first")
          + " '<' overlong in "
          + length
          + " bytes]";
    }
  }

  /** Inserts {@code bytes} just after the {@code which}-th {@code '>'} (most often in content). */
  record AfterGt(double which, byte[] bytes) implements Mutation {
    public byte[] apply(byte[] in) {
      int i = nth(in, which, ">");
      return ByteMutators.insert(in, i < 0 ? in.length : i + 1, bytes);
    }

    @Override
    public String toString() {
      return "AfterGt[" + which + ", " + hex(bytes) + "]";
    }
  }

  /** Replaces the {@code which}-th line end or space with another line-end form. */
  record LineEnd(double which, String end) implements Mutation {
    public byte[] apply(byte[] in) {
      int i = nth(in, which, "\n\r ");
      if (i < 0) {
        return in;
      }
      int len = in[i] == '\r' && i + 1 < in.length && in[i + 1] == '\n' ? 2 : 1;
      return replace(in, i, len, end.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return "LineEnd[" + which + ", " + hex(end.getBytes(StandardCharsets.UTF_8)) + "]";
    }
  }

  /**
   * Drops a leading XML declaration (and UTF-8 byte-order mark) and puts {@code prefix} (a
   * byte-order mark or nothing) and a declaration of {@code encoding} in front, whatever the bytes
   * are.
   */
  record Declare(String prefix, String encoding, char quote) implements Mutation {
    public byte[] apply(byte[] in) {
      int start = 0;
      if (in.length >= 3 && (in[0] & 0xff) == 0xef && (in[1] & 0xff) == 0xbb) {
        start = 3;
      }
      if (startsWith(in, start, "<?xml")) {
        for (int i = start + 5; i + 1 < in.length; i++) {
          if (in[i] == '?' && in[i + 1] == '>') {
            start = i + 2;
            break;
          }
        }
      }
      byte[] head =
          (prefix
                  + "<?xml version="
                  + quote
                  + "1.0"
                  + quote
                  + " encoding="
                  + quote
                  + encoding
                  + quote
                  + "?>")
              .getBytes(StandardCharsets.ISO_8859_1);
      return replace(in, 0, start, head);
    }

    @Override
    public String toString() {
      return "Declare["
          + hex(prefix.getBytes(StandardCharsets.ISO_8859_1))
          + " encoding="
          + quote
          + encoding
          + quote
          + "]";
    }
  }

  static boolean startsWith(byte[] in, int at, String s) {
    if (in.length - at < s.length()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (in[at + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Re-encodes the input (read as UTF-8, malformed bytes replaced) in {@code charset}, with a
   * byte-order mark or not.
   */
  record Transcode(String charset, boolean bom) implements Mutation {
    public byte[] apply(byte[] in) {
      String s = new String(in, StandardCharsets.UTF_8);
      if (bom && !s.startsWith("\uFEFF")) {
        s = "\uFEFF" + s;
      }
      return s.getBytes(Charset.forName(charset));
    }
  }

  private static byte[] b(int... v) {
    byte[] out = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (byte) v[i];
    }
    return out;
  }

  /** Bytes Woodstox must refuse or that decode to characters near the markup. */
  static final List<byte[]> ODD_BYTES =
      List.of(
          b(0x80), // lone continuation bytes
          b(0xbf),
          b(0xc2), // a lead byte with no continuation
          b(0xdf),
          b(0xe1),
          b(0xef),
          b(0xf1),
          b(0xf4),
          b(0xe2, 0x82), // truncated sequences
          b(0xf0, 0x9f),
          b(0xf0, 0x9f, 0x98),
          b(0xed, 0xa0, 0x80), // surrogates encoded in UTF-8
          b(0xed, 0xaf, 0xbf),
          b(0xed, 0xb0, 0x80),
          b(0xed, 0xbf, 0xbf),
          b(0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80), // CESU-8 pair
          b(0xf4, 0x90, 0x80, 0x80), // above U+10FFFF
          b(0xf5, 0x80, 0x80, 0x80), // F5 and above: never UTF-8
          b(0xf7, 0xbf, 0xbf, 0xbf),
          b(0xf8, 0x88, 0x80, 0x80, 0x80),
          b(0xfc, 0x84, 0x80, 0x80, 0x80, 0x80),
          b(0xfe),
          b(0xff),
          b(0xc0, 0x80), // overlong NUL
          b(0xe0, 0x80, 0x80),
          b(0xc1, 0xbf), // overlong DEL
          b(0xe0, 0x9f, 0xbf), // overlong U+07FF
          b(0xf0, 0x8f, 0xbf, 0xbf), // overlong U+FFFF
          b(0xef, 0xbf, 0xbe), // noncharacters U+FFFE, U+FFFF
          b(0xef, 0xbf, 0xbf),
          b(0xc2, 0x80), // C1 controls, NEL
          b(0xc2, 0x85),
          b(0xc2, 0x9f),
          b(0x7f),
          b(0x00),
          b(0x01),
          b(0x0b),
          b(0x0c),
          b(0xef, 0xbb, 0xbf), // byte-order marks
          b(0xfe, 0xff),
          b(0xff, 0xfe),
          b(0xef, 0xbb),
          b(0xe2, 0x80, 0xa8)); // U+2028

  /**
   * Characters that are well-formed where text may stand, yet unusual for a byte scanner: the
   * shortest forms just above the overlong ones, NEL and U+2028 (line ends in XML 1.1, not in 1.0),
   * a byte-order mark mid-document (U+FEFF), U+FFFD, the last code point, CR forms.
   */
  static final List<byte[]> VALID_ODD =
      List.of(
          b(0xc2, 0x80),
          b(0xe0, 0xa0, 0x80),
          b(0xf0, 0x90, 0x80, 0x80),
          b(0xdf, 0xbf),
          b(0xef, 0xbf, 0xbd),
          b(0xf4, 0x8f, 0xbf, 0xbf),
          b(0xed, 0x9f, 0xbf), // U+D7FF, just below the surrogates
          b(0xee, 0x80, 0x80), // U+E000, just above
          b(0xc2, 0x85),
          b(0xe2, 0x80, 0xa8),
          b(0xef, 0xbb, 0xbf),
          b(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf),
          b('\r'),
          b('\r', '\n'),
          b('\r', '\r'),
          b('\r', 0xc2, 0x85));

  /** Lead bytes (with part of a sequence) to put before a markup byte. */
  static final List<byte[]> LEADS =
      List.of(
          b(0xc2),
          b(0xc3),
          b(0xdf),
          b(0xe0),
          b(0xe2),
          b(0xe2, 0x82),
          b(0xed),
          b(0xef),
          b(0xf0),
          b(0xf0, 0x90),
          b(0xf0, 0x9f, 0x98),
          b(0xf4),
          b(0xf5),
          b(0xf8),
          b(0xfc),
          b(0xff),
          b(0xc0),
          b(0xc1));

  /** Encodings declared over the (UTF-8) bytes. */
  static final List<String> ENCODINGS =
      List.of(
          "ISO-8859-1",
          "iso-8859-1",
          "latin1",
          "windows-1252",
          "cp1252",
          "US-ASCII",
          "ASCII",
          "ISO-8859-15",
          "KOI8-R",
          "IBM437",
          "UTF-16",
          "UTF-16LE",
          "UTF-16BE",
          "UTF-32",
          "ISO-10646-UCS-2",
          "UTF8",
          "utf-8",
          "Shift_JIS",
          "GB18030",
          "EUC-JP",
          "x-no-such-charset");

  static final List<String> PREFIXES =
      List.of("", "", "", "\u00ef\u00bb\u00bf", "\u00fe\u00ff", "\u00ff\u00fe", "\n", " ");

  static final List<String> LINE_ENDS =
      List.of("\r", "\r\n", "\n\r", "\r\r\n", "\u0085", "\r\u0085", "\u2028", "\n\n");

  static Arbitrary<Double> where() {
    return Arbitraries.doubles().between(0, 1);
  }

  /** One mutation at the decoder boundary, the overlong markup forms weighted up. */
  public static Arbitrary<Mutation> mutation() {
    List<Integer> markup = new ArrayList<>();
    MARKUP.chars().forEach(markup::add);
    // Woodstox decodes the two- and three-byte overlong forms to the ASCII character; the four-byte
    // form (F0 80 ..) comes out as a broken surrogate pair, text either way.
    Arbitrary<Integer> length =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.just(2)),
            Tuple.of(3, Arbitraries.just(3)),
            Tuple.of(1, Arbitraries.just(4)));
    Arbitrary<Mutation> replaceMarkup =
        Combinators.combine(where(), length).as((w, n) -> new ReplaceMarkup(w, n, null));
    Arbitrary<Mutation> replaceMarkupOdd =
        Combinators.combine(where(), Arbitraries.of(ODD_BYTES))
            .as((w, bytes) -> new ReplaceMarkup(w, 2, bytes));
    Arbitrary<Mutation> insertOverlong =
        Combinators.combine(where(), Arbitraries.of(markup), length)
            .as((w, c, n) -> new Insert(w, overlong(c, n)));
    Arbitrary<Mutation> insertOverlongFragment =
        Combinators.combine(where(), Arbitraries.of(FRAGMENTS), length, Arbitraries.of(false, true))
            .as((w, f, n, all) -> new AfterTag(w, f, n, all));
    Arbitrary<Mutation> validOdd =
        Combinators.combine(where(), Arbitraries.of(VALID_ODD)).as(AfterGt::new);
    Arbitrary<Mutation> singleByteDeclared =
        Combinators.combine(
                Arbitraries.just(""),
                Arbitraries.of("ISO-8859-1", "latin1", "windows-1252", "ISO-8859-15", "KOI8-R"),
                Arbitraries.of('"', '\''))
            .as(Declare::new);
    Arbitrary<Mutation> insertOdd =
        Combinators.combine(where(), Arbitraries.of(ODD_BYTES)).as(Insert::new);
    Arbitrary<Mutation> replaceOdd =
        Combinators.combine(where(), Arbitraries.of(ODD_BYTES)).as(ReplaceByte::new);
    Arbitrary<Mutation> leadBefore =
        Combinators.combine(where(), Arbitraries.of(LEADS)).as(LeadBefore::new);
    Arbitrary<Mutation> lineEnd =
        Combinators.combine(where(), Arbitraries.of(LINE_ENDS)).as(LineEnd::new);
    Arbitrary<Mutation> insertLineEnd =
        Combinators.combine(where(), Arbitraries.of(LINE_ENDS))
            .as((w, e) -> new Insert(w, e.getBytes(StandardCharsets.UTF_8)));
    Arbitrary<Mutation> declare =
        Combinators.combine(
                Arbitraries.of(PREFIXES), Arbitraries.of(ENCODINGS), Arbitraries.of('"', '\''))
            .as(Declare::new);
    return Arbitraries.frequencyOf(
        Tuple.of(5, replaceMarkup),
        Tuple.of(2, replaceMarkupOdd),
        Tuple.of(2, insertOverlong),
        Tuple.of(6, insertOverlongFragment),
        Tuple.of(3, insertOdd),
        Tuple.of(2, replaceOdd),
        Tuple.of(3, leadBefore),
        Tuple.of(2, lineEnd),
        Tuple.of(1, insertLineEnd),
        Tuple.of(3, declare),
        Tuple.of(6, validOdd),
        Tuple.of(4, singleByteDeclared),
        Tuple.of(1, ByteMutators.mutation()));
  }

  /** Whole-document re-encodings, applied before the byte mutations. */
  static Arbitrary<Mutation> transcode() {
    return Combinators.combine(
            Arbitraries.of("UTF-16LE", "UTF-16BE", "UTF-32BE", "UTF-32LE"),
            Arbitraries.of(true, false))
        .as(Transcode::new);
  }

  /** One to four boundary mutations, now and then after a re-encoding as UTF-16/32. */
  public static Arbitrary<List<Mutation>> mutations() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, mutation().list().ofSize(1)),
        Tuple.of(3, mutation().list().ofSize(2)),
        Tuple.of(2, mutation().list().ofMinSize(3).ofMaxSize(4)),
        Tuple.of(
            1,
            Combinators.combine(transcode(), mutation().list().ofMaxSize(2))
                .as(
                    (t, rest) -> {
                      List<Mutation> all = new ArrayList<>();
                      all.add(t);
                      all.addAll(rest);
                      return all;
                    })));
  }

  /** {@code in} with {@code mutations} applied in turn. */
  public static byte[] apply(byte[] in, List<Mutation> mutations) {
    byte[] out = in;
    for (Mutation m : mutations) {
      out = m.apply(out);
    }
    return out;
  }

  /** Bytes as text, every non-ASCII or control byte as {@code \xNN}; long inputs cut. */
  public static String show(byte[] b) {
    StringBuilder sb = new StringBuilder();
    int n = Math.min(b.length, 2000);
    for (int i = 0; i < n; i++) {
      int c = b[i] & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '\\') {
        sb.append((char) c);
      } else {
        sb.append(String.format("\\x%02X", c));
      }
    }
    if (n < b.length) {
      sb.append("...(").append(b.length).append(" bytes)");
    }
    return sb.toString();
  }
}
