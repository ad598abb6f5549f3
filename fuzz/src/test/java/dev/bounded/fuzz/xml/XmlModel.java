package dev.bounded.fuzz.xml;

import java.util.List;

/**
 * A well-formed XML document as a tree of small immutable records, so jqwik shrinks the tree (drop
 * a child, shorten a text, drop an attribute) rather than a string. {@link XmlRenderer} turns it
 * into text and measures it.
 */
final class XmlModel {
  private XmlModel() {}

  /** One piece of character data or of an attribute value, and how it is written. */
  enum PieceKind {
    /** The code point written as itself. */
    LITERAL,
    /** {@code &#NNN;} */
    DEC_REF,
    /** {@code &#xHHH;} */
    HEX_REF,
    /** One of the five predefined entities; {@code codePoint} is the character it stands for. */
    ENTITY,
    /** A literal CR LF, normalised to one LF (to one space in attribute values). */
    CRLF,
    /** A CDATA section holding {@code cdata} (text only). */
    CDATA
  }

  record Piece(PieceKind kind, int codePoint, String cdata) {
    @Override
    public String toString() {
      return kind == PieceKind.CDATA
          ? "CDATA(" + cdata + ")"
          : kind + "(U+" + Integer.toHexString(codePoint) + ")";
    }
  }

  /** A qualified name: {@code prefix} indexes the document's prefix table, -1 for none. */
  record Name(int prefix, String local) {}

  record Attr(Name name, List<Piece> value) {}

  /** A namespace declaration; {@code prefix} -1 declares the default namespace. */
  record NsDecl(int prefix, List<Piece> uri) {}

  sealed interface Content permits Elem, Text, Comment, Pi {}

  record Elem(
      Name name, List<NsDecl> decls, List<Attr> attrs, List<Content> children, boolean selfClose)
      implements Content {}

  record Text(List<Piece> pieces) implements Content {}

  /** Comment data as code points; the renderer keeps it legal (no "--", no trailing '-'). */
  record Comment(List<Integer> data) implements Content {}

  /** A processing instruction; the renderer keeps its data legal (no "?>"). */
  record Pi(String target, List<Integer> data) implements Content {}

  /**
   * @param prefixes the prefix table (NCNames not starting with "xml")
   * @param uris one namespace URI per prefix, used when a prefix is declared on demand
   * @param prolog comments and PIs before the root; {@code epilog} after it
   */
  record Doc(
      boolean xmlDecl,
      List<String> prefixes,
      List<List<Piece>> uris,
      List<Content> prolog,
      Elem root,
      List<Content> epilog) {}
}
