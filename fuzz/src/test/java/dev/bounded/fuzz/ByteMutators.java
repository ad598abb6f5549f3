package dev.bounded.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Mutations of a byte array: truncation, byte flips, insertion of deep nesting, repetition of a
 * fragment, invalid UTF-8, and stray markup (DOCTYPE, entity references, CDATA ends...). Positions
 * are fractions of the input length, so a mutation shrinks independently of its input.
 */
public final class ByteMutators {
  private ByteMutators() {}

  /** One mutation, applicable to any input. */
  public interface Mutation {
    byte[] apply(byte[] in);
  }

  private static int at(double where, int length) {
    return (int) Math.min(length, Math.max(0, Math.floor(where * (length + 1))));
  }

  static byte[] insert(byte[] in, int pos, byte[] what) {
    byte[] out = new byte[in.length + what.length];
    System.arraycopy(in, 0, out, 0, pos);
    System.arraycopy(what, 0, out, pos, what.length);
    System.arraycopy(in, pos, out, pos + what.length, in.length - pos);
    return out;
  }

  record Truncate(double where) implements Mutation {
    public byte[] apply(byte[] in) {
      return Arrays.copyOf(in, at(where, in.length));
    }
  }

  record Flip(double where, int xor) implements Mutation {
    public byte[] apply(byte[] in) {
      if (in.length == 0) {
        return in;
      }
      byte[] out = in.clone();
      int i = Math.min(in.length - 1, at(where, in.length));
      out[i] ^= (byte) xor;
      return out;
    }
  }

  record Insert(double where, String name, byte[] bytes) implements Mutation {
    public byte[] apply(byte[] in) {
      return insert(in, at(where, in.length), bytes);
    }

    @Override
    public String toString() {
      return "Insert[" + where + ", " + name + "]";
    }
  }

  /**
   * No mutation makes a document larger than this: four chained repetitions of a 64 KiB corpus file
   * (up to 2000 times each) ran the test JVM out of heap in the first long campaign. Bigger inputs
   * belong to the endless-stream resource properties, not to totality.
   */
  static final int MAX_MUTATED_BYTES = 4 << 20;

  record Repeat(double from, double to, int times) implements Mutation {
    public byte[] apply(byte[] in) {
      int a = at(Math.min(from, to), in.length);
      int b = at(Math.max(from, to), in.length);
      int n =
          b == a
              ? 0
              : (int) Math.min(times, Math.max(0L, (long) MAX_MUTATED_BYTES - in.length) / (b - a));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(in, 0, b);
      for (int i = 0; i < n; i++) {
        out.write(in, a, b - a);
      }
      out.write(in, b, in.length - b);
      return out.toByteArray();
    }
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Fragments that break a document in interesting ways. */
  static final List<String> STRAY =
      List.of(
          "<!DOCTYPE r [<!ENTITY e 'x'>]>",
          "<!DOCTYPE r SYSTEM \"http://127.0.0.1:1/x.dtd\">",
          "<!DOCTYPE r [<!ENTITY % p SYSTEM 'file:///etc/passwd'> %p;]>",
          "<!DOCTYPE",
          "<!ENTITY e 'x'>",
          "&e;",
          "&amp",
          "&#0;",
          "&#x110000;",
          "&#xD800;",
          "&#99999999999999999999;",
          "&lt;",
          "]]>",
          "<![CDATA[",
          "<!--",
          "-->",
          "<?xml version='1.0'?>",
          "<?xml version='1.1' encoding='UTF-16'?>",
          "<?xml version='1.0' encoding='EBCDIC-XY'?>",
          "<?pi ",
          "?>",
          "</a>",
          "<a>",
          "<a b='1' b='2'>",
          "<p:a>",
          "xmlns:p=''",
          " xmlns='http://www.w3.org/2000/xmlns/'",
          "<xi:include xmlns:xi='http://www.w3.org/2001/XInclude' href='file:///etc/passwd'/>",
          "'",
          "\"",
          "<",
          ">",
          "&",
          "\r",
          "\u0000",
          "\uFEFF");

  /** Byte sequences that are not UTF-8. */
  static final List<byte[]> INVALID_UTF8 =
      List.of(
          new byte[] {(byte) 0xC0, (byte) 0x80}, // overlong NUL
          new byte[] {(byte) 0xFF},
          new byte[] {(byte) 0xFE, (byte) 0xFF},
          new byte[] {(byte) 0x80}, // lone continuation
          new byte[] {(byte) 0xE2, (byte) 0x82}, // truncated
          new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // surrogate
          new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // > U+10FFFF
          new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
          new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBE}, // U+FFFE, UTF-8 but not a Char
          new byte[] {0x00, 0x3C, 0x00}); // a UTF-16 fragment

  static Arbitrary<Double> where() {
    return Arbitraries.doubles().between(0, 1);
  }

  static Arbitrary<Mutation> mutation() {
    Arbitrary<Mutation> truncate = where().map(Truncate::new);
    Arbitrary<Mutation> flip =
        Combinators.combine(where(), Arbitraries.integers().between(1, 255)).as(Flip::new);
    Arbitrary<Mutation> deep =
        Combinators.combine(
                where(),
                Arbitraries.integers().between(1, 3000),
                Arbitraries.of("<a>", "<a:b>", "<a x='1'>", "<!--x--><a>"),
                Arbitraries.of(false, true))
            .as(
                (w, n, open, close) -> {
                  String s = open.repeat(n) + (close ? "</a>".repeat(n) : "");
                  return new Insert(w, open + "x" + n + (close ? "+close" : ""), ascii(s));
                });
    Arbitrary<Mutation> repeat =
        Combinators.combine(where(), where(), Arbitraries.integers().between(1, 2000))
            .as(Repeat::new);
    Arbitrary<Mutation> utf8 =
        Combinators.combine(where(), Arbitraries.of(INVALID_UTF8))
            .as((w, b) -> new Insert(w, "bytes" + Arrays.toString(b), b));
    Arbitrary<Mutation> stray =
        Combinators.combine(where(), Arbitraries.of(STRAY))
            .as((w, s) -> new Insert(w, s, ascii(s)));
    return Arbitraries.frequencyOf(
        Tuple.of(2, truncate),
        Tuple.of(4, flip),
        Tuple.of(1, deep),
        Tuple.of(1, repeat),
        Tuple.of(2, utf8),
        Tuple.of(3, stray));
  }

  /** {@code base} with one to four mutations applied in turn. */
  public static Arbitrary<byte[]> mutated(Arbitrary<byte[]> base) {
    return Combinators.combine(base, mutation().list().ofMinSize(1).ofMaxSize(4))
        .as(
            (b, ms) -> {
              byte[] out = b;
              for (Mutation m : ms) {
                out = m.apply(out);
              }
              return out;
            });
  }
}
