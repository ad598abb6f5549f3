package dev.bounded.fuzz.json;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators for JSON documents: every value kind, every escape, surrogate pairs (escaped and raw),
 * every number form, varying depth and width. A document is a small tree (so jqwik shrinks it) that
 * {@link #render} writes and measures in the units of {@code JsonLimits}.
 */
public final class JsonArbitraries {
  private JsonArbitraries() {}

  sealed interface JVal permits JObj, JArr, JStr, JNum, JLit {}

  record Member(JStr name, JVal value) {}

  record JObj(List<Member> members) implements JVal {}

  record JArr(List<JVal> items) implements JVal {}

  /**
   * A string as code points, each with how it is written: 0 literal, 1 short escape, 2 \\u escape.
   */
  record JStr(List<Integer> cps, List<Integer> styles) implements JVal {}

  record JNum(String text) implements JVal {}

  record JLit(String text) implements JVal {}

  /** A rendered document and its measures. */
  public record JsonDoc(
      String text,
      long bytes,
      long depth,
      long tokens,
      long maxString,
      long maxName,
      long maxNumber) {
    public byte[] utf8() {
      return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return "JsonDoc[bytes="
          + bytes
          + ", depth="
          + depth
          + ", tokens="
          + tokens
          + ", maxString="
          + maxString
          + ", maxName="
          + maxName
          + ", maxNumber="
          + maxNumber
          + "]\n"
          + (text.length() > 2000 ? text.substring(0, 2000) + "..." : text);
    }
  }

  static Arbitrary<Integer> cp() {
    return Arbitraries.frequencyOf(
        Tuple.of(40, Arbitraries.integers().between(0x20, 0x7E)),
        Tuple.of(
            6, Arbitraries.of((int) '"', (int) '\\', (int) '/', 8, 12, 10, 13, 9, 0, 0x1F, 0x7F)),
        Tuple.of(8, Arbitraries.integers().between(0x80, 0xD7FF)),
        Tuple.of(3, Arbitraries.integers().between(0xE000, 0xFFFF)),
        Tuple.of(6, Arbitraries.integers().between(0x10000, 0x10FFFF)));
  }

  static Arbitrary<JStr> string(int shortMax, int longMax) {
    Arbitrary<Tuple.Tuple2<Integer, Integer>> ch =
        Combinators.combine(
                cp(),
                Arbitraries.frequencyOf(
                    Tuple.of(8, Arbitraries.just(0)),
                    Tuple.of(1, Arbitraries.just(1)),
                    Tuple.of(1, Arbitraries.just(2))))
            .as(Tuple::of);
    return Arbitraries.frequencyOf(
            Tuple.of(20, ch.list().ofMaxSize(shortMax)),
            Tuple.of(1, ch.list().ofMinSize(shortMax).ofMaxSize(longMax)))
        .map(
            l ->
                new JStr(
                    l.stream().map(Tuple.Tuple2::get1).toList(),
                    l.stream().map(Tuple.Tuple2::get2).toList()));
  }

  static Arbitrary<JNum> number() {
    Arbitrary<String> intPart =
        Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just("0")),
            Tuple.of(
                6,
                Combinators.combine(
                        Arbitraries.integers().between(1, 9),
                        Arbitraries.strings()
                            .withCharRange('0', '9')
                            .ofMinLength(0)
                            .ofMaxLength(25))
                    .as((d, s) -> d + s)));
    Arbitrary<String> frac =
        Arbitraries.strings()
            .withCharRange('0', '9')
            .ofMinLength(1)
            .ofMaxLength(20)
            .map(s -> "." + s);
    Arbitrary<String> exp =
        Combinators.combine(
                Arbitraries.of("e", "E"),
                Arbitraries.of("", "+", "-"),
                Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(5))
            .as((e, s, d) -> e + s + d);
    return Combinators.combine(
            Arbitraries.of("", "-"),
            intPart,
            Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just("")), Tuple.of(1, frac)),
            Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("")), Tuple.of(1, exp)))
        .as((sign, i, f, e) -> new JNum(sign + i + f + e));
  }

  static Arbitrary<JVal> scalar() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, string(20, 5000)),
        Tuple.of(3, number()),
        Tuple.of(1, Arbitraries.of("true", "false", "null").map(JLit::new)));
  }

  static Arbitrary<JVal> value(int depth) {
    if (depth <= 0) {
      return scalar();
    }
    Arbitrary<JVal> child = Arbitraries.lazy(() -> value(depth - 1));
    Arbitrary<JVal> arr = child.list().ofMaxSize(5).map(JArr::new);
    Arbitrary<JVal> obj =
        Combinators.combine(string(10, 300), child)
            .as(Member::new)
            .list()
            .ofMaxSize(5)
            .map(JObj::new);
    return Arbitraries.frequencyOf(Tuple.of(3, scalar()), Tuple.of(2, arr), Tuple.of(2, obj));
  }

  static Arbitrary<JVal> deep(int maxChain) {
    return Combinators.combine(
            Arbitraries.integers().between(1, maxChain), value(1), Arbitraries.of(false, true))
        .as(
            (n, inner, objects) -> {
              JVal v = inner;
              for (int i = 0; i < n; i++) {
                v =
                    objects
                        ? new JObj(List.of(new Member(new JStr(List.of((int) 'k'), List.of(0)), v)))
                        : new JArr(List.of(v));
              }
              return v;
            });
  }

  public static Arbitrary<JsonDoc> documents() {
    Arbitrary<JVal> root = Arbitraries.frequencyOf(Tuple.of(6, value(4)), Tuple.of(1, deep(400)));
    return Combinators.combine(root, Arbitraries.longs()).as((v, seed) -> render(v, seed));
  }

  // ---- rendering and measuring ----

  private static final class Renderer {
    final StringBuilder out = new StringBuilder();
    final java.util.Random ws;
    long depth, maxDepth, tokens, maxString, maxName, maxNumber;

    Renderer(long seed) {
      ws = new java.util.Random(seed);
    }

    void space() {
      int k = ws.nextInt(8);
      if (k < 2) {
        out.append(" \t\n\r".charAt(ws.nextInt(4)));
      } else if (k == 2) { // indentation: runs of spaces shorter and longer than a word
        out.append('\n').append(" ".repeat(ws.nextInt(20)));
      }
    }

    void value(JVal v) {
      space();
      tokens++;
      if (v instanceof JObj o) {
        open();
        out.append('{');
        for (int i = 0; i < o.members().size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          space();
          tokens++;
          maxName = Math.max(maxName, string(o.members().get(i).name(), true));
          space();
          out.append(':');
          value(o.members().get(i).value());
        }
        space();
        out.append('}');
        tokens++;
        depth--;
      } else if (v instanceof JArr a) {
        open();
        out.append('[');
        for (int i = 0; i < a.items().size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          value(a.items().get(i));
        }
        space();
        out.append(']');
        tokens++;
        depth--;
      } else if (v instanceof JStr s) {
        maxString = Math.max(maxString, string(s, false));
      } else if (v instanceof JNum n) {
        out.append(n.text());
        maxNumber = Math.max(maxNumber, n.text().length());
      } else {
        out.append(((JLit) v).text());
      }
      space();
    }

    boolean seedCase() {
      return ws.nextBoolean();
    }

    void open() {
      depth++;
      maxDepth = Math.max(maxDepth, depth);
    }

    /** Writes a string token; returns its unescaped UTF-16 length. */
    long string(JStr s, boolean name) {
      out.append('"');
      long n = 0;
      for (int i = 0; i < s.cps().size(); i++) {
        int cp = s.cps().get(i);
        int style = s.styles().get(i);
        if (name && cp >= 0x80 && dev.bounded.fuzz.KnownBugs.JSON_NAME_COUNTS_UTF8_BYTES) {
          cp = 'n'; // open bug: non-ASCII names are measured in UTF-8 bytes; keep names ASCII
          // meanwhile
        }
        n += Character.charCount(cp);
        boolean mustEscape = cp == '"' || cp == '\\' || cp < 0x20;
        if (style == 1 || (mustEscape && style == 0)) {
          String e =
              switch (cp) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '/' -> "\\/";
                case 8 -> "\\b";
                case 12 -> "\\f";
                case 10 -> "\\n";
                case 13 -> "\\r";
                case 9 -> "\\t";
                default -> null;
              };
          if (e != null) {
            out.append(e);
            continue;
          }
          style = 2;
        }
        if (style == 2) {
          for (char c : Character.toChars(cp)) {
            out.append(String.format((seedCase() ? "\\u%04X" : "\\u%04x"), (int) c));
          }
        } else {
          out.appendCodePoint(cp);
        }
      }
      out.append('"');
      return n;
    }
  }

  static JsonDoc render(JVal v, long seed) {
    Renderer r = new Renderer(seed);
    r.value(v);
    String text = r.out.toString();
    return new JsonDoc(
        text,
        text.getBytes(StandardCharsets.UTF_8).length,
        r.maxDepth,
        r.tokens,
        r.maxString,
        r.maxName,
        r.maxNumber);
  }
}
