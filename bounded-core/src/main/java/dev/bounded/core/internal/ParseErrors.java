package dev.bounded.core.internal;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ParseLocation;
import java.util.Objects;

/**
 * What the parsers need to build and move {@link BoundedParseException}s and that is not API: the
 * capped, escaped excerpt of untrusted input that goes into a message, and the copy of an error at
 * a better-known location.
 */
public final class ParseErrors {
  /** Set once, by {@code BoundedParseException}'s class initializer (which runs before any use). */
  private static volatile Relocator relocator;

  private ParseErrors() {}

  /** Copies an error to a new location, keeping its type; implemented inside {@code core}. */
  @FunctionalInterface
  public interface Relocator {
    /** The same error at {@code where}, of the same type, with {@code e} as its cause. */
    BoundedParseException relocate(BoundedParseException e, ParseLocation where);
  }

  /**
   * Installs the relocator; called once by {@code dev.bounded.core}.
   *
   * @throws IllegalStateException on a second call
   */
  public static synchronized void install(Relocator r) {
    if (relocator != null) {
      throw new IllegalStateException("installed already");
    }
    relocator = Objects.requireNonNull(r, "r");
  }

  /**
   * The same error at a better-known location: a copy of the same type (for {@code core}'s own
   * types; a caller's own subclass comes back as a plain {@link BoundedParseException}) whose cause
   * is {@code e}. Used by adapters that learn the line and column after the error was raised deeper
   * down.
   */
  @SuppressWarnings("unchecked")
  public static <E extends BoundedParseException> E relocate(E e, ParseLocation where) {
    // e exists, so BoundedParseException is initialized and the relocator is installed.
    return (E) relocator.relocate(e, where);
  }

  /**
   * An excerpt of untrusted input fit for a message: at most {@code max} characters, with control
   * and non-ASCII characters (and the backslash) escaped as {@code \\uXXXX}, and {@code "..."}
   * after a cut; {@code "null"} for null.
   */
  public static String excerpt(CharSequence s, int max) {
    if (s == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(Math.min(s.length(), max) + 8);
    int n = Math.min(s.length(), max);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '\\') {
        sb.append(c);
      } else {
        sb.append(String.format("\\u%04x", (int) c));
      }
    }
    if (s.length() > max) {
      sb.append("...");
    }
    return sb.toString();
  }
}
