package dev.bounded.xml.internal;

import com.ctc.wstx.util.SymbolTable;

/**
 * The symbol table every Bounded reader uses: our own open-addressing table (Woodstox's arrays and
 * chains are not used), which
 *
 * <ul>
 *   <li>stops growing at {@link #MAX_SYMBOLS} names (Woodstox's own table has no cap);
 *   <li>probes at most {@link #MAX_PROBES} slots per look-up (Woodstox's chains grow without bound,
 *       so a document of names with one hash made every look-up walk them all: a 4.6 MB document of
 *       4,096 such names parsed 12 times slower than one of ordinary names);
 *   <li>is a copy-on-write child of its factory's shared table: it reads the shared arrays until it
 *       adds a name, and copies them first. Parent and children share the factory's hash seed
 *       ({@link #getHashSeed()}, with which Woodstox hashes the names it looks up), which Woodstox
 *       7.2's own tables draw afresh for every table they construct.
 * </ul>
 *
 * Woodstox calls {@link #findSymbol(char[], int, int, int)} with the hash it computed, {@link
 * #getHashSeed()} and {@link #isDirty()}; the factory ({@link Woodstox.BoundedInputFactory}) does
 * the rest.
 */
final class WoodstoxSymbolTable extends SymbolTable {
  /**
   * Most distinct names (element, attribute, prefix, entity, PI target) one parse keeps in its
   * symbol table. Woodstox's per-parse table has no cap: about 400,000 distinct element names (a 4
   * MB document) exhaust a 32 MB heap. Past the cap, names are still interned (Woodstox compares
   * names by identity) but not kept, so the JVM can collect them. Real documents use well under
   * 1,000 names; at the cap the table holds at most 4,096 names of {@code maxNameLength}
   * characters.
   */
  static final int MAX_SYMBOLS = 4096;

  /**
   * Most names a factory's shared table keeps between parses: a parse whose table stays within this
   * and {@link #MAX_SHARED_SYMBOL_CHARS} hands its names on to the next parse (the next parse then
   * finds them instead of copying and interning each again, most of the set-up cost of a small
   * document). A larger table is not kept and the shared one is emptied, so one document of odd
   * names neither stays in memory nor keeps the next parses slow.
   */
  static final int MAX_SHARED_SYMBOLS = 512;

  /** Most characters, all names together, a factory's shared table keeps between parses. */
  static final int MAX_SHARED_SYMBOL_CHARS = 16 * 1024;

  /**
   * Most slots a look-up probes before it gives up on keeping a name: a name whose hash lands in a
   * run of this many taken slots is interned but not kept. Names built to share one hash (Woodstox
   * hashes names with a polynomial, and its seed does not change which names collide: {@code "Aa"}
   * and {@code "BB"} collide under every seed) then cost at most this many comparisons each, not a
   * walk of every name before them.
   */
  static final int MAX_PROBES = 32;

  /** The shared table this one started from; null for a shared table itself. */
  final WoodstoxSymbolTable parent;

  /** The factory's seed, for Woodstox's hashes of names. */
  private final int seed;

  /** The names, by slot (a power-of-two length, at most half full); null for an empty slot. */
  private String[] names;

  /** Each slot's name's hash, to grow without hashing again. */
  private int[] hashes;

  private int count;

  /** True once this table added a name: Woodstox hands it to the factory when the parse ends. */
  private boolean added;

  /** Whether the arrays are this table's own (false while they are its parent's or shared). */
  private boolean owned;

  /** Characters of all the names held. */
  int chars;

  /** An empty shared table for a factory whose names are hashed with {@code seed}. */
  WoodstoxSymbolTable(int seed) {
    super(true, 1);
    this.parent = null;
    this.seed = seed;
    this.names = new String[64];
    this.hashes = new int[64];
    this.owned = true;
  }

  /**
   * A table reading {@code from}'s arrays until it adds a name ({@code from} is never changed by
   * it): a parse's child of the shared table ({@code child}), or a frozen shared copy.
   */
  WoodstoxSymbolTable(WoodstoxSymbolTable from, boolean child) {
    super(true, 1);
    this.parent = child ? from : null;
    this.seed = from.seed;
    this.names = from.names;
    this.hashes = from.hashes;
    this.count = from.count;
    this.chars = from.chars;
    this.owned = false;
  }

  /** A frozen copy of this table's current names, to share; this table copies before changing. */
  WoodstoxSymbolTable freeze() {
    WoodstoxSymbolTable frozen = new WoodstoxSymbolTable(this, false);
    owned = false;
    return frozen;
  }

  @Override
  public int getHashSeed() {
    return seed;
  }

  @Override
  public int size() {
    return count;
  }

  @Override
  public boolean isDirty() {
    return added;
  }

  @Override
  public String findSymbol(char[] buffer, int start, int len, int hash) {
    if (len < 1) {
      return "";
    }
    int at = probe(buffer, start, len, hash);
    if (at >= 0) {
      return names[at];
    }
    return at != FULL && count < MAX_SYMBOLS
        ? add(buffer, start, len, hash)
        : new String(buffer, start, len).intern(); // not kept: see MAX_SYMBOLS, MAX_PROBES
  }

  @Override
  public String findSymbolIfExists(char[] buffer, int start, int len, int hash) {
    int at = probe(buffer, start, len, hash);
    return at >= 0 ? names[at] : null;
  }

  /** {@link #probe}'s answer when {@link #MAX_PROBES} slots were taken by other names. */
  private static final int FULL = Integer.MIN_VALUE;

  /**
   * The slot holding the name, or {@code ~slot} of the empty slot that ends its probe (it is not
   * held), or {@link #FULL}.
   */
  private int probe(char[] buffer, int start, int len, int hash) {
    String[] t = names;
    int mask = t.length - 1;
    int i = hash & mask;
    for (int probe = 0; probe < MAX_PROBES; probe++) {
      String s = t[i];
      if (s == null) {
        return ~i;
      }
      if (s.length() == len && same(s, buffer, start, len)) {
        return i;
      }
      i = (i + 1) & mask;
    }
    return FULL;
  }

  @Override
  public String findSymbol(String s) {
    char[] c = s.toCharArray();
    return c.length == 0 ? "" : findSymbol(c, 0, c.length, hash(c, 0, c.length));
  }

  /** The hash Woodstox computes for {@code buffer[start, start + len)} under this table's seed. */
  int hash(char[] buffer, int start, int len) {
    return calcHash(buffer, start, len, seed);
  }

  @Override
  public SymbolTable makeChild() {
    return new WoodstoxSymbolTable(this, true);
  }

  @Override
  public void mergeChild(SymbolTable child) {
    // Bounded factories hand names on in BoundedInputFactory.updateSymbolTable, never here.
  }

  private static boolean same(String s, char[] buffer, int start, int len) {
    for (int k = 0; k < len; k++) {
      if (s.charAt(k) != buffer[start + k]) {
        return false;
      }
    }
    return true;
  }

  /** Adds a name known to be absent, whose probe ended at an empty slot. */
  private String add(char[] buffer, int start, int len, int hash) {
    if (!owned || (count + 1) * 2 > names.length) {
      // copy before the first change, growing as needed to stay at most half full
      int size = names.length;
      while ((count + 1) * 2 > size) {
        size <<= 1;
      }
      rehash(size);
    }
    String s = new String(buffer, start, len).intern();
    int mask = names.length - 1;
    int i = hash & mask;
    for (int probe = 0; probe < MAX_PROBES; probe++, i = (i + 1) & mask) {
      if (names[i] == null) {
        names[i] = s;
        hashes[i] = hash;
        count++;
        chars += len;
        added = true;
        return s;
      }
    }
    return s; // past MAX_PROBES in the grown table too: interned, not kept
  }

  private void rehash(int size) {
    String[] n = new String[size];
    int[] h = new int[size];
    int mask = size - 1;
    for (int j = 0; j < names.length; j++) {
      String s = names[j];
      if (s != null) {
        int i = hashes[j] & mask;
        while (n[i] != null) {
          i = (i + 1) & mask;
        }
        n[i] = s;
        h[i] = hashes[j];
      }
    }
    names = n;
    hashes = h;
    owned = true;
  }
}
