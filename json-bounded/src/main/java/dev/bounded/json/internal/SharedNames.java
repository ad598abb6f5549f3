package dev.bounded.json.internal;

import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;

/**
 * The byte name table a bounded factory shares between its parses, capped by count and by
 * characters. Jackson's factory keeps one root {@link ByteQuadsCanonicalizer} for its whole life:
 * each parser works on a child of it and, when it closes, merges every name it added back into the
 * root, which Jackson only empties past 6,000 names, whatever their length. Documents of a hundred
 * new 50,000-character names each then left about twice their size on the heap for good (issue 14,
 * finding 1). Here the root is replaced by an empty one as soon as, after a parse, it holds more
 * than {@link #MAX_NAMES} names or the names longer than {@link #LONG_NAME} characters merged into
 * it since it was made add up to more than {@link #MAX_LONG_NAME_CHARS} characters. Names of
 * ordinary documents stay shared (no decoding, no {@code String} per name), which is what keeps
 * small documents fast; a parse in flight keeps the root it started from until it ends.
 *
 * <p>The parser counts the characters: every name longer than {@link #LONG_NAME} passes its slow
 * length check, which adds the name's length if the parser's own table grew since the last such
 * name (so a new long name is always counted; a known one only when a short new name came before
 * it, which overcounts, never under). Thread-safe.
 */
final class SharedNames {
  /** Names longer than this many characters are counted by characters: 32. */
  static final int LONG_NAME = 32;

  /**
   * The most names the shared root may keep after a parse: 4,096 (Jackson alone keeps up to 6,000).
   * At most {@link #LONG_NAME} characters each unless counted by characters: with its hash area,
   * about 1 MB.
   */
  static final int MAX_NAMES = 4096;

  /**
   * The most characters of long names merged into the shared root since it was made: 65,536 (about
   * 330 KB with their UTF-8 quads).
   */
  static final long MAX_LONG_NAME_CHARS = 1L << 16;

  private volatile ByteQuadsCanonicalizer root = ByteQuadsCanonicalizer.createRoot();

  /** Characters of long names merged into {@link #root} since it was made; guarded by this. */
  private long longNameChars;

  /** The root a new parser's table is a child of. */
  ByteQuadsCanonicalizer root() {
    return root;
  }

  /**
   * A parser whose table was a child of {@code from} has released it (merged its names into {@code
   * from}), having counted {@code chars} characters of long names.
   */
  void released(ByteQuadsCanonicalizer from, long chars) {
    if (from != root) {
      return; // replaced meanwhile: what it merged into is garbage once its parses end
    }
    if (chars == 0 && from.size() <= MAX_NAMES) {
      return; // the usual case: no lock
    }
    synchronized (this) {
      if (root == from) {
        longNameChars += chars;
        if (longNameChars > MAX_LONG_NAME_CHARS || from.size() > MAX_NAMES) {
          root = ByteQuadsCanonicalizer.createRoot();
          longNameChars = 0;
        }
      }
    }
  }
}
