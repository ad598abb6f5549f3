package dev.bounded.rss.internal;

import java.util.Locale;

/**
 * Sizes as the command line and the demos take them: {@code 64m}, {@code 2g}, {@code unlimited}.
 */
public final class Sizes {
  private Sizes() {}

  /**
   * Parses a size: digits with an optional binary suffix k, m, g or t (any case, an optional b), or
   * {@code unlimited}, which gives {@link Long#MAX_VALUE}.
   *
   * @throws IllegalArgumentException if {@code s} is not a size
   */
  public static long parse(String s) {
    String t = s.strip().toLowerCase(Locale.ROOT);
    if (t.equals("unlimited")) {
      return Long.MAX_VALUE;
    }
    if (t.endsWith("b") && t.length() > 1 && !Character.isDigit(t.charAt(t.length() - 2))) {
      t = t.substring(0, t.length() - 1);
    }
    int shift = 0;
    if (!t.isEmpty()) {
      switch (t.charAt(t.length() - 1)) {
        case 'k':
          shift = 10;
          break;
        case 'm':
          shift = 20;
          break;
        case 'g':
          shift = 30;
          break;
        case 't':
          shift = 40;
          break;
        default:
          break;
      }
    }
    String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
    if (digits.isEmpty() || digits.length() > 15 || !digits.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(
          "not a size: " + SafeText.terminal(s) + " (try 64m, 2g or unlimited)");
    }
    return Long.parseLong(digits) << shift;
  }
}
