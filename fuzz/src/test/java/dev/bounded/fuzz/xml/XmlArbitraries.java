package dev.bounded.fuzz.xml;

import com.ctc.wstx.util.XmlChars;
import dev.bounded.fuzz.xml.XmlModel.Attr;
import dev.bounded.fuzz.xml.XmlModel.Comment;
import dev.bounded.fuzz.xml.XmlModel.Content;
import dev.bounded.fuzz.xml.XmlModel.Doc;
import dev.bounded.fuzz.xml.XmlModel.Elem;
import dev.bounded.fuzz.xml.XmlModel.Name;
import dev.bounded.fuzz.xml.XmlModel.NsDecl;
import dev.bounded.fuzz.xml.XmlModel.Pi;
import dev.bounded.fuzz.xml.XmlModel.Piece;
import dev.bounded.fuzz.xml.XmlModel.PieceKind;
import dev.bounded.fuzz.xml.XmlModel.Text;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators for well-formed XML documents ({@link XmlDoc}: text plus measured facts).
 *
 * <p>Names draw on the whole XML 1.0 fifth-edition NameStartChar/NameChar ranges, supplementary
 * planes included. {@link NameChars#WOODSTOX} keeps only the names Woodstox accepts: Woodstox
 * checks BMP name characters against the fourth-edition tables (see NOTES.md), so the properties
 * that need a document to parse use that subset, and the differential property uses the full
 * ranges.
 */
public final class XmlArbitraries {
  private XmlArbitraries() {}

  /** Which name characters to draw. */
  public enum NameChars {
    /** XML 1.0 fifth edition, productions [4] and [4a], minus ':' (namespaces). */
    FIFTH_EDITION,
    /** The fifth-edition ranges restricted to what Woodstox accepts as XML 1.0 names. */
    WOODSTOX,
    /**
     * What the JDK's parser (Xerces) accepts: the {@link #WOODSTOX} subset without supplementary
     * characters (Xerces applies the fourth-edition tables, which have none; it stops a name at
     * one), for the DOM differential against the JDK.
     */
    JDK
  }

  // XML 1.0 5th edition NameStartChar ranges, ':' excluded.
  private static final int[][] NAME_START = {
    {'A', 'Z'},
    {'_', '_'},
    {'a', 'z'},
    {0xC0, 0xD6},
    {0xD8, 0xF6},
    {0xF8, 0x2FF},
    {0x370, 0x37D},
    {0x37F, 0x1FFF},
    {0x200C, 0x200D},
    {0x2070, 0x218F},
    {0x2C00, 0x2FEF},
    {0x3001, 0xD7FF},
    {0xF900, 0xFDCF},
    {0xFDF0, 0xFFFD},
    {0x10000, 0xEFFFF}
  };
  // NameChar additions.
  private static final int[][] NAME_EXTRA = {
    {'-', '-'}, {'.', '.'}, {'0', '9'}, {0xB7, 0xB7}, {0x300, 0x36F}, {0x203F, 0x2040}
  };

  static boolean accepted(int cp, boolean start, NameChars mode) {
    if (mode == NameChars.FIFTH_EDITION) {
      return true;
    }
    if (cp >= 0x10000) {
      return mode == NameChars.WOODSTOX;
    }
    return start ? XmlChars.is10NameStartChar((char) cp) : XmlChars.is10NameChar((char) cp);
  }

  private static Arbitrary<Integer> fromRanges(int[][] ranges) {
    List<Tuple.Tuple2<Integer, Arbitrary<Integer>>> choices = new java.util.ArrayList<>();
    for (int[] r : ranges) {
      // ASCII ranges dominate, as in real names; every other range is still drawn.
      int weight = r[1] < 0x80 ? 12 : 1;
      choices.add(Tuple.of(weight, Arbitraries.integers().between(r[0], r[1])));
    }
    return Arbitraries.frequencyOf(choices);
  }

  static Arbitrary<Integer> nameStartChar(NameChars mode) {
    return fromRanges(NAME_START).filter(cp -> accepted(cp, true, mode));
  }

  static Arbitrary<Integer> nameChar(NameChars mode) {
    return Arbitraries.frequencyOf(
            Tuple.of(4, fromRanges(NAME_START)), Tuple.of(1, fromRanges(NAME_EXTRA)))
        .filter(cp -> accepted(cp, false, mode));
  }

  /** An NCName not starting with "xml" (any case): usable as prefix, local name or PI target. */
  static Arbitrary<String> ncName(NameChars mode) {
    Arbitrary<Integer> longish =
        Arbitraries.frequencyOf(
            Tuple.of(10, Arbitraries.integers().between(0, 6)),
            Tuple.of(1, Arbitraries.integers().between(7, 60)));
    return Combinators.combine(nameStartChar(mode), nameChar(mode).list().ofMaxSize(60), longish)
        .as(
            (s, rest, n) -> {
              StringBuilder sb = new StringBuilder().appendCodePoint(s);
              for (int i = 0; i < Math.min(n, rest.size()); i++) {
                sb.appendCodePoint(rest.get(i));
              }
              return sb.toString();
            })
        .filter(n -> !n.regionMatches(true, 0, "xml", 0, 3));
  }

  /** Any XML 1.0 Char except CR, weighted towards the interesting classes. */
  static Arbitrary<Integer> xmlChar() {
    return Arbitraries.frequencyOf(
        Tuple.of(40, Arbitraries.integers().between(0x20, 0x7E)),
        Tuple.of(5, Arbitraries.of((int) '\t', (int) '\n', (int) ' ')),
        Tuple.of(
            6,
            Arbitraries.of(
                (int) '<',
                (int) '&',
                (int) '>',
                (int) '"',
                (int) '\'',
                (int) ']',
                (int) '-',
                (int) '?')),
        Tuple.of(8, Arbitraries.integers().between(0xA0, 0xD7FF)),
        Tuple.of(3, Arbitraries.integers().between(0xE000, 0xFFFD)),
        Tuple.of(3, Arbitraries.of(0x85, 0x2028, 0xD7FF, 0xE000, 0xFFFD, 0xFEFF, 0x7F, 0x80, 0x9F)),
        Tuple.of(8, Arbitraries.integers().between(0x10000, 0x10FFFF)));
  }

  /** A character for a reference: any Char, CR included. */
  static Arbitrary<Integer> refChar() {
    return Arbitraries.frequencyOf(
        Tuple.of(12, xmlChar()), Tuple.of(1, Arbitraries.just((int) '\r')));
  }

  static Arbitrary<Piece> piece(boolean attribute) {
    Arbitrary<Piece> literal = xmlChar().map(cp -> new Piece(PieceKind.LITERAL, cp, null));
    Arbitrary<Piece> dec = refChar().map(cp -> new Piece(PieceKind.DEC_REF, cp, null));
    Arbitrary<Piece> hex = refChar().map(cp -> new Piece(PieceKind.HEX_REF, cp, null));
    Arbitrary<Piece> entity =
        Arbitraries.of((int) '<', (int) '>', (int) '&', (int) '\'', (int) '"')
            .map(cp -> new Piece(PieceKind.ENTITY, cp, null));
    Arbitrary<Piece> crlf = Arbitraries.just(new Piece(PieceKind.CRLF, '\n', null));
    if (attribute) {
      return Arbitraries.frequencyOf(
          Tuple.of(60, literal),
          Tuple.of(4, dec),
          Tuple.of(4, hex),
          Tuple.of(4, entity),
          Tuple.of(2, crlf));
    }
    Arbitrary<Piece> cdata =
        Arbitraries.frequencyOf(Tuple.of(15, xmlChar()), Tuple.of(1, Arbitraries.just((int) '\r')))
            .list()
            .ofMaxSize(40)
            .map(cps -> new Piece(PieceKind.CDATA, 0, codePoints(cps)));
    return Arbitraries.frequencyOf(
        Tuple.of(60, literal),
        Tuple.of(4, dec),
        Tuple.of(4, hex),
        Tuple.of(4, entity),
        Tuple.of(2, crlf),
        Tuple.of(4, cdata));
  }

  static String codePoints(List<Integer> cps) {
    StringBuilder sb = new StringBuilder();
    cps.forEach(sb::appendCodePoint);
    return sb.toString();
  }

  /** Mostly short, sometimes long enough to cross parser buffer boundaries (4,000 chars). */
  static Arbitrary<List<Piece>> pieces(boolean attribute, int shortMax, int longMax) {
    Arbitrary<Piece> p = piece(attribute);
    return Arbitraries.frequencyOf(
        Tuple.of(20, p.list().ofMaxSize(shortMax)),
        Tuple.of(1, p.list().ofMinSize(shortMax).ofMaxSize(longMax)));
  }

  static Arbitrary<Name> name(NameChars mode) {
    return Combinators.combine(
            Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(-1)),
                Tuple.of(1, Arbitraries.integers().between(0, 2))),
            ncName(mode))
        .as(Name::new);
  }

  static Arbitrary<Content> text() {
    return pieces(false, 20, 6000).map(Text::new);
  }

  static Arbitrary<Content> comment() {
    return Arbitraries.frequencyOf(
            Tuple.of(15, xmlChar()), Tuple.of(1, Arbitraries.just((int) '\r')))
        .list()
        .ofMaxSize(50)
        .map(Comment::new);
  }

  static Arbitrary<Content> pi(NameChars mode) {
    return Combinators.combine(
            ncName(mode),
            Arbitraries.frequencyOf(
                    Tuple.of(15, xmlChar()), Tuple.of(1, Arbitraries.just((int) '\r')))
                .list()
                .ofMaxSize(50))
        .as(Pi::new);
  }

  static Arbitrary<Elem> element(NameChars mode, int depth) {
    Arbitrary<List<Content>> children;
    if (depth <= 0) {
      children =
          Arbitraries.frequencyOf(
                  Tuple.of(6, text()), Tuple.of(1, comment()), Tuple.of(1, pi(mode)))
              .list()
              .ofMaxSize(3);
    } else {
      Arbitrary<Content> child =
          Arbitraries.frequencyOf(
              Tuple.of(4, Arbitraries.lazy(() -> element(mode, depth - 1))),
              Tuple.of(4, text()),
              Tuple.of(1, comment()),
              Tuple.of(1, pi(mode)));
      children = child.list().ofMaxSize(4);
    }
    Arbitrary<NsDecl> decl =
        Combinators.combine(Arbitraries.integers().between(-1, 2), pieces(true, 12, 200))
            .as(NsDecl::new);
    Arbitrary<Attr> attr = Combinators.combine(name(mode), pieces(true, 12, 3000)).as(Attr::new);
    Arbitrary<List<Attr>> attrs =
        Arbitraries.frequencyOf(
            Tuple.of(10, attr.list().ofMaxSize(4)),
            Tuple.of(1, attr.list().ofMinSize(4).ofMaxSize(40)));
    return Combinators.combine(
            name(mode),
            Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(List.<NsDecl>of())),
                Tuple.of(1, decl.list().ofMaxSize(3))),
            attrs,
            children,
            Arbitraries.of(false, true))
        .as(Elem::new);
  }

  /** A small tree wrapped in a chain of up to {@code maxChain} single-child elements. */
  static Arbitrary<Elem> deep(NameChars mode, int maxChain) {
    return Combinators.combine(
            Arbitraries.integers().between(1, maxChain), element(mode, 1), ncName(mode))
        .as(
            (n, inner, local) -> {
              Elem e = inner;
              for (int i = 0; i < n; i++) {
                e = new Elem(new Name(-1, local), List.of(), List.of(), List.of(e), false);
              }
              return e;
            });
  }

  static Arbitrary<Doc> docs(NameChars mode) {
    Arbitrary<Content> misc = Arbitraries.oneOf(comment(), pi(mode));
    Arbitrary<List<Piece>> uri = pieces(true, 12, 100).filter(p -> !p.isEmpty());
    Arbitrary<Elem> root =
        Arbitraries.frequencyOf(
            Tuple.of(6, element(mode, 3)),
            Tuple.of(1, element(mode, 5)),
            Tuple.of(1, deep(mode, 300)));
    return Combinators.combine(
            Arbitraries.of(false, true),
            ncName(mode).list().ofSize(3).uniqueElements(),
            uri.list().ofSize(3),
            misc.list().ofMaxSize(2),
            root,
            misc.list().ofMaxSize(2))
        .as(Doc::new);
  }

  /** Well-formed documents whose names Woodstox accepts: every one must parse. */
  public static Arbitrary<XmlDoc> documents() {
    return documents(NameChars.WOODSTOX);
  }

  public static Arbitrary<XmlDoc> documents(NameChars mode) {
    return docs(mode).map(XmlRenderer::render);
  }
}
