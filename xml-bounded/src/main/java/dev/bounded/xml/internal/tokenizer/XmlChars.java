package dev.bounded.xml.internal.tokenizer;

/** Character classes of XML 1.0 fifth edition (productions 2, 4 and 4a). */
final class XmlChars {
  private XmlChars() {}

  /** Production 2, Char: the characters a document may contain. */
  static boolean isChar(int c) {
    return c >= 0x20 && c <= 0xd7ff
        || c == 0x9
        || c == 0xa
        || c == 0xd
        || c >= 0xe000 && c <= 0xfffd
        || c >= 0x10000 && c <= 0x10ffff;
  }

  /** Production 4, NameStartChar, fifth edition. */
  static boolean isNameStart(int c) {
    if (c < 0x80) {
      return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':';
    }
    return c >= 0xc0 && c <= 0xd6
        || c >= 0xd8 && c <= 0xf6
        || c >= 0xf8 && c <= 0x2ff
        || c >= 0x370 && c <= 0x37d
        || c >= 0x37f && c <= 0x1fff
        || c >= 0x200c && c <= 0x200d
        || c >= 0x2070 && c <= 0x218f
        || c >= 0x2c00 && c <= 0x2fef
        || c >= 0x3001 && c <= 0xd7ff
        || c >= 0xf900 && c <= 0xfdcf
        || c >= 0xfdf0 && c <= 0xfffd
        || c >= 0x10000 && c <= 0xeffff;
  }

  /** Production 4a, NameChar, fifth edition. */
  static boolean isName(int c) {
    if (c < 0x80) {
      return c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '_'
          || c == ':'
          || c == '-'
          || c == '.';
    }
    return isNameStart(c) || c == 0xb7 || c >= 0x300 && c <= 0x36f || c >= 0x203f && c <= 0x2040;
  }

  /** Production 3, S. */
  static boolean isSpace(int c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
  }
}
