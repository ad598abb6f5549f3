package dev.bounded.rss.internal;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Makes untrusted feed text safe to print to a terminal or to open as a spreadsheet.
 *
 * <ul>
 *   <li>Tab, CR, LF, form feed, vertical tab, NEL (U+0085) and the Unicode line and paragraph
 *       separators become one space each, so a field can never break a TSV line or column.
 *   <li>Every other C0 control (U+0000-U+001F: ESC, so ANSI escape sequences are defused), DEL,
 *       every C1 control (U+0080-U+009F: the 8-bit CSI included), the bidirectional overrides and
 *       isolates (U+202A-U+202E, U+2066-U+2069: "Trojan Source" reordering) and lone surrogates are
 *       removed.
 *   <li>For TSV, a field starting with {@code = + - @} is prefixed with an apostrophe, as OWASP
 *       advises against CSV/formula injection, so a spreadsheet shows it as text.
 * </ul>
 */
public final class SafeText {
  private SafeText() {}

  /** {@code s} with the rules above, without the formula guard; "" for null. */
  public static String terminal(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = null;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      int kind = kind(s, i, c);
      if (kind == 0) {
        if (sb != null) {
          sb.append(c);
        }
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(n).append(s, 0, i);
      }
      if (kind == 1) {
        sb.append(' ');
      } else if (kind == 3) {
        sb.append(c).append(s.charAt(++i)); // a valid surrogate pair
      }
    }
    return sb == null ? s : sb.toString();
  }

  /** A TSV field: {@link #terminal(String)} plus the formula-injection guard. */
  public static String tsv(String s) {
    String t = terminal(s);
    if (!t.isEmpty()) {
      char c = t.charAt(0);
      if (c == '=' || c == '+' || c == '-' || c == '@') {
        return "'" + t;
      }
    }
    return t;
  }

  /** 0 keep, 1 to space, 2 remove, 3 keep a surrogate pair. */
  private static int kind(String s, int i, char c) {
    if (c >= 0x20 && c < 0x7f) {
      return 0;
    }
    if (c == '\t'
        || c == '\n'
        || c == '\r'
        || c == 0x0b
        || c == 0x0c
        || c == 0x85
        || c == 0x2028
        || c == 0x2029) {
      return 1;
    }
    if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
      return 2;
    }
    if (c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069) {
      return 2;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)) ? 3 : 2;
    }
    if (Character.isLowSurrogate(c)) {
      return 2;
    }
    return 0;
  }

  /**
   * Jackson escapes for JSON output: the standard ones plus DEL, C1 controls, the line separators
   * and the bidirectional controls as {@code \}{@code uXXXX}, so raw JSON lines are terminal-safe.
   */
  public static final class JsonEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii;

    /** The escapes described above. */
    public JsonEscapes() {
      ascii = standardAsciiEscapesForJSON();
      ascii[0x7f] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (ch >= 0x80 && ch <= 0x9f
          || ch == 0x2028
          || ch == 0x2029
          || ch >= 0x202a && ch <= 0x202e
          || ch >= 0x2066 && ch <= 0x2069) {
        return new SerializedString(String.format("\\u%04x", ch));
      }
      return null;
    }
  }
}
