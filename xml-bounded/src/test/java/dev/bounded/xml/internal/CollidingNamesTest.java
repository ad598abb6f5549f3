package dev.bounded.xml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Names built to share one hash (hash flooding). Woodstox hashes a name as a polynomial in 31 of
 * its characters, its seed mixed into the first only, so the two-character blocks {@code "Aa"} and
 * {@code "BB"} (equal under that polynomial) make 2^k names of one hash under every seed. In
 * Woodstox's own table they form one chain that every look-up walks; ours probes at most {@link
 * WoodstoxSymbolTable#MAX_PROBES} slots and keeps no more of them than that.
 */
public class CollidingNamesTest {
  /**
   * Name {@code i} of {@code 2^k} names that share one hash: "n" and k blocks of Aa or BB (the fuzz
   * module's {@code XmlSymbolTableProperties} builds its families with it too).
   */
  public static String colliding(int i, int k) {
    StringBuilder sb = new StringBuilder("n");
    for (int b = 0; b < k; b++) {
      sb.append(((i >> b) & 1) == 0 ? "Aa" : "BB");
    }
    return sb.toString();
  }

  /** The same shape, blocks that do not collide. */
  static String ordinary(int i, int k) {
    StringBuilder sb = new StringBuilder("n");
    for (int b = 0; b < k; b++) {
      sb.append(((i >> b) & 1) == 0 ? "Ab" : "Bc");
    }
    return sb.toString();
  }

  @Test
  void namesOfOneHashAreAllFoundButAtMostMaxProbesOfThemKept() {
    WoodstoxSymbolTable t = new WoodstoxSymbolTable(ThreadLocalRandom.current().nextInt());
    int n = 1 << 10;
    char[] first = colliding(0, 10).toCharArray();
    int hash = t.hash(first, 0, first.length);
    for (int i = 0; i < n; i++) {
      char[] c = colliding(i, 10).toCharArray();
      assertEquals(hash, t.hash(c, 0, c.length), "the premise: one hash under this seed");
      assertSame(colliding(i, 10).intern(), t.findSymbol(c, 0, c.length, hash));
    }
    assertEquals(WoodstoxSymbolTable.MAX_PROBES, t.size());
    for (int i = 0; i < n; i++) {
      char[] c = colliding(i, 10).toCharArray();
      // found again, the same instance, whether kept or not
      assertSame(colliding(i, 10).intern(), t.findSymbol(c, 0, c.length, hash));
      String kept = t.findSymbolIfExists(c, 0, c.length, hash);
      if (i < WoodstoxSymbolTable.MAX_PROBES) {
        assertNotNull(kept, "kept: the first MAX_PROBES names");
      } else {
        assertNull(kept, "not kept: " + i);
      }
    }
    assertEquals(WoodstoxSymbolTable.MAX_PROBES, t.size());
  }
}
