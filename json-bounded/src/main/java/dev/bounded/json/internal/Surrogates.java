package dev.bounded.json.internal;

/** Finds a UTF-16 surrogate without its partner in decoded text. */
final class Surrogates {
  private Surrogates() {}

  /**
   * True if {@code text[offset, offset + len)} holds a high surrogate not followed by a low one, or
   * a low surrogate not preceded by a high one. A branch-free OR over the chars first: text whose
   * every char is below U+D800 (all ASCII, Latin, most scripts) needs no closer look.
   */
  static boolean hasLone(char[] text, int offset, int len) {
    int end = offset + len;
    int any = 0;
    for (int i = offset; i < end; i++) {
      any |= text[i];
    }
    if (any < 0xD800) {
      return false;
    }
    for (int i = offset; i < end; i++) {
      char c = text[i];
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text[i + 1])) {
          i++;
        } else {
          return true;
        }
      }
    }
    return false;
  }

  /** As {@link #hasLone(char[], int, int)}, for a name. */
  static boolean hasLone(String s) {
    int n = s.length();
    int any = 0;
    for (int i = 0; i < n; i++) {
      any |= s.charAt(i);
    }
    if (any < 0xD800) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return true;
        }
      }
    }
    return false;
  }
}
