package dev.bounded.xml.internal.tokenizer;

/**
 * One parse's names, keyed on their bytes: open addressing, at most {@link #MAX_NAMES} names, at
 * most {@link #MAX_PROBES} slots probed per look-up (names built to share a hash then cost a
 * bounded number of comparisons each, and are decoded again instead of being kept). Not shared
 * between parses, so nothing needs a cap on total size beyond the count.
 */
final class NameTable {
  /** Most names kept; past it, names are decoded every time they occur. */
  static final int MAX_NAMES = 4096;

  /** Most slots one look-up or insertion probes. */
  static final int MAX_PROBES = 32;

  private Name[] slots = new Name[64];
  private int count;
  private int chars;

  /** The odd multiplier names are hashed with (random per table, against hash flooding). */
  final int multiplier = java.util.concurrent.ThreadLocalRandom.current().nextInt() | 1;

  int count() {
    return count;
  }

  /** Characters of all the names kept. */
  int chars() {
    return chars;
  }

  /** The name with these bytes and this (unmixed) hash, or null. */
  Name find(byte[] b, int off, int len, int hash) {
    Name[] s = slots;
    int mask = s.length - 1;
    int i = mix(hash) & mask;
    for (int p = 0; p < MAX_PROBES; p++) {
      Name n = s[i];
      if (n == null) {
        return null;
      }
      if (n.hash == hash && n.matches(b, off, len)) {
        return n;
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  /** Keeps {@code n} if there is room and a free slot within the probe cap. */
  void add(Name n) {
    if (count >= MAX_NAMES) {
      return;
    }
    if (count * 2 >= slots.length) {
      grow();
    }
    if (put(slots, n)) {
      count++;
      chars += n.units;
    }
  }

  private static boolean put(Name[] s, Name n) {
    int mask = s.length - 1;
    int i = mix(n.hash) & mask;
    for (int p = 0; p < MAX_PROBES; p++) {
      if (s[i] == null) {
        s[i] = n;
        return true;
      }
      i = (i + 1) & mask;
    }
    return false;
  }

  private void grow() {
    Name[] old = slots;
    Name[] s = new Name[old.length * 2];
    int kept = 0;
    for (Name n : old) {
      if (n != null && put(s, n)) {
        kept++;
      }
    }
    slots = s;
    count = kept;
    // chars may now count a name that was dropped: an over-estimate, which is safe

  }

  private static int mix(int h) {
    return h ^ (h >>> 15) ^ (h >>> 7);
  }
}
