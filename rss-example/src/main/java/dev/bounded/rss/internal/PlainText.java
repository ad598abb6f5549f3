package dev.bounded.rss.internal;

import java.util.Locale;

/**
 * The readable text of HTML or XHTML markup: tags, comments, scripts and styles removed, character
 * references decoded, whitespace runs made one space. Linear in the input, no regular expressions,
 * never fails; not a sanitiser and not a renderer.
 */
public final class PlainText {
  private PlainText() {}

  /** The readable text of {@code html}. */
  public static String of(String html) {
    StringBuilder out = new StringBuilder(html.length());
    int n = html.length();
    int i = 0;
    boolean space = false;
    while (i < n) {
      char c = html.charAt(i);
      if (c == '<') {
        int end = tagEnd(html, i);
        String name = tagName(html, i + 1, end);
        if (html.startsWith("<!--", i)) {
          int close = html.indexOf("-->", i + 4);
          i = close < 0 ? n : close + 3;
        } else if (name.equals("script") || name.equals("style")) {
          int close = html.toLowerCase(Locale.ROOT).indexOf("</" + name, end);
          i = close < 0 ? n : tagEnd(html, close);
        } else {
          i = end;
        }
        if (isBlock(name)) {
          space = true;
        }
        continue;
      }
      int cp;
      if (c == '&') {
        int semi = html.indexOf(';', i + 1);
        int[] decoded =
            semi > i + 1 && semi - i <= 34 ? reference(html.substring(i + 1, semi)) : null;
        if (decoded != null) {
          for (int d : decoded) {
            space = emit(out, d, space);
          }
          i = semi + 1;
          continue;
        }
        cp = c;
      } else {
        cp = html.codePointAt(i);
      }
      space = emit(out, cp, space);
      i += Character.charCount(cp);
    }
    return out.toString().strip();
  }

  private static boolean emit(StringBuilder out, int cp, boolean space) {
    if (Character.isWhitespace(cp) || cp == 0xA0) {
      return true;
    }
    if (space && out.length() > 0) {
      out.append(' ');
    }
    out.appendCodePoint(cp);
    return false;
  }

  private static int tagEnd(String s, int from) {
    char quote = 0;
    for (int i = from + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        return i + 1;
      }
    }
    return s.length();
  }

  private static String tagName(String s, int from, int end) {
    int i = from;
    if (i < end && s.charAt(i) == '/') {
      i++;
    }
    int start = i;
    while (i < end && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == ':')) {
      i++;
    }
    String name = s.substring(start, i).toLowerCase(Locale.ROOT);
    int colon = name.indexOf(':');
    return colon >= 0 ? name.substring(colon + 1) : name;
  }

  private static boolean isBlock(String name) {
    switch (name) {
      case "p":
      case "br":
      case "div":
      case "li":
      case "tr":
      case "td":
      case "th":
      case "h1":
      case "h2":
      case "h3":
      case "h4":
      case "h5":
      case "h6":
      case "blockquote":
      case "pre":
        return true;
      default:
        return false;
    }
  }

  /** The code points of a character reference's body ("amp", "#38", "#x26"), or null. */
  static int[] reference(String body) {
    if (body.startsWith("#")) {
      try {
        int cp =
            body.length() > 1 && (body.charAt(1) == 'x' || body.charAt(1) == 'X')
                ? Integer.parseInt(body.substring(2), 16)
                : Integer.parseInt(body.substring(1));
        return Character.isValidCodePoint(cp) && cp != 0 ? new int[] {cp} : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    switch (body) {
      case "amp":
        return new int[] {'&'};
      case "lt":
        return new int[] {'<'};
      case "gt":
        return new int[] {'>'};
      case "quot":
        return new int[] {'"'};
      case "apos":
        return new int[] {'\''};
      default:
        return HtmlEntities.codePoints(body);
    }
  }
}
