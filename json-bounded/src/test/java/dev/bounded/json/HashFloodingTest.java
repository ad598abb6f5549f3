package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ForbiddenConstructException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Property names built to share a hash in Jackson's name tables. Jackson refuses them with its own
 * guard ({@code FAIL_ON_SYMBOL_HASH_OVERFLOW}, a {@code StreamConstraintsException}); through our
 * parsers that refusal is ours like every other input failure: a {@link
 * ForbiddenConstructException}, in the cause chain of the pull API's Jackson exception.
 *
 * <p>Byte input: the byte table's hash of a four-byte name is a bijection of the name XOR a seed
 * the table draws when its factory is made, so the test reads the seed (reflection, test only) and
 * picks 2,000 names that share the hash's low 12 bits. Char input ({@code Reader}): that table
 * hashes names as a polynomial in 33 from its seed, so {@code "Ab"} and {@code "BA"} blocks collide
 * under every seed.
 */
class HashFloodingTest {
  private static final JsonLimits LIMITS = JsonLimits.defaults();

  @Test
  void pullFromBytesAndStreamsFailsWithOurException() throws Exception {
    JsonFactory f = BoundedJson.newFactory(LIMITS);
    byte[] doc = object(byteCollisions(seed(f), 2_000));
    assertOurs(() -> drain(f.createParser(doc)));
    JsonFactory g = BoundedJson.newFactory(LIMITS);
    byte[] doc2 = object(byteCollisions(seed(g), 2_000));
    assertOurs(() -> drain(g.createParser(new ByteArrayInputStream(doc2))));
  }

  @Test
  void databindOnABoundedFactoryFailsWithOurException() throws Exception {
    JsonFactory f = BoundedJson.newFactory(LIMITS);
    byte[] doc = object(byteCollisions(seed(f), 2_000));
    ObjectMapper mapper = new ObjectMapper(f);
    assertOurs(() -> mapper.readTree(doc));
  }

  /**
   * The push parse of bytes runs on our own tokenizer, whose name cache is a fixed number of slots
   * (a collision replaces a slot): the names built to collide in Jackson's table are just names
   * there, delivered every one in linear time.
   */
  @Test
  void pushFromBytesDeliversNamesThatCollideInJacksonsTable() throws Exception {
    Method factory = BoundedJson.class.getDeclaredMethod("factory", JsonLimits.class);
    factory.setAccessible(true);
    JsonFactory f = (JsonFactory) factory.invoke(null, LIMITS); // the one BoundedJson.parse uses
    byte[] doc = object(byteCollisions(seed(f), 2_000));
    int[] names = {0};
    JsonStats stats =
        BoundedJson.parse(
            new ByteArrayInputStream(doc),
            LIMITS,
            new JsonHandler() {
              @Override
              public Control fieldName(String name) {
                names[0]++;
                return Control.CONTINUE;
              }
            });
    assertEquals(2_000, names[0]);
    assertEquals(doc.length, stats.bytes());
  }

  @Test
  void pullFromCharsFailsWithOurException() throws Exception {
    String doc = new String(object(charCollisions(9)), StandardCharsets.UTF_8);
    assertOurs(() -> drain(BoundedJson.newParser(new StringReader(doc), LIMITS)));
  }

  @Test
  void aCollidingDocumentDoesNotBreakLaterParsesOfTheSameFactory() throws Exception {
    // Jackson 2.23 on its own: after its char name table refused colliding names once, the
    // factory's shared table is left inconsistent and later documents of a few hundred names fail
    // with "Internal error on SymbolTable.rehash()". BoundedJson.newParser(Reader) uses one cached
    // factory per limits, so that would break char input for every later caller.
    JsonLimits limits = LIMITS.toBuilder().maxDepth(LIMITS.maxDepth() - 1).build(); // a fresh one
    String colliding = new String(object(charCollisions(9)), StandardCharsets.UTF_8);
    assertOurs(() -> drain(BoundedJson.newParser(new StringReader(colliding), limits)));
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      names.add(String.format("n%04d", i));
    }
    String ordinary = new String(object(names), StandardCharsets.UTF_8);
    for (int i = 0; i < 3; i++) {
      assertEquals(2 + 2 * 2_000, drain(BoundedJson.newParser(new StringReader(ordinary), limits)));
      assertEquals(2 + 2 * 2_000, drain(BoundedJson.newFactory(limits).createParser(ordinary)));
    }
  }

  @Test
  void asManyOrdinaryNamesParse() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      names.add(String.format("n%04d", i));
    }
    byte[] doc = object(names);
    assertEquals(2 + 2 * 2_000, drain(BoundedJson.newFactory(LIMITS).createParser(doc)));
    assertEquals(
        2 + 2 * 2_000,
        drain(
            BoundedJson.newParser(
                new StringReader(new String(doc, StandardCharsets.UTF_8)), LIMITS)));
  }

  interface Parse {
    void run() throws IOException;
  }

  private static void assertOurs(Parse parse) {
    JsonProcessingException e = assertThrows(JsonProcessingException.class, parse::run);
    BoundedParseException ours =
        BoundedParseException.find(e)
            .orElseThrow(() -> new AssertionError("no BoundedParseException in " + e, e));
    assertTrue(ours instanceof ForbiddenConstructException, () -> "ours: " + ours);
    assertEquals("names sharing one hash", ((ForbiddenConstructException) ours).construct());
    assertTrue(ours.line() >= 1, () -> "located: " + ours);
  }

  private static int drain(JsonParser p) throws IOException {
    try (p) {
      int n = 0;
      while (p.nextToken() != null) {
        n++;
      }
      return n;
    }
  }

  private static byte[] object(List<String> names) {
    StringBuilder sb = new StringBuilder("{");
    for (String n : names) {
      sb.append('"').append(n).append("\":1,");
    }
    sb.setLength(sb.length() - 1);
    return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** 2^k names of one hash in the char name table: "n" and k blocks of Ab or BA. */
  private static List<String> charCollisions(int k) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 1 << k; i++) {
      StringBuilder sb = new StringBuilder("n");
      for (int b = 0; b < k; b++) {
        sb.append(((i >> b) & 1) == 0 ? "Ab" : "BA");
      }
      names.add(sb.toString());
    }
    return names;
  }

  /** The seed of {@code f}'s byte name table (and of every parser's child of it). */
  /** The seed of the bounded factory's shared byte name table (its SharedNames root). */
  private static int seed(JsonFactory f) throws ReflectiveOperationException {
    Field names = f.getClass().getDeclaredField("names");
    names.setAccessible(true);
    Object shared = names.get(f);
    Method root = shared.getClass().getDeclaredMethod("root");
    root.setAccessible(true);
    return ((ByteQuadsCanonicalizer) root.invoke(shared)).hashSeed();
  }

  /** {@code n} four-letter names whose hashes under {@code seed} share their low 12 bits. */
  private static List<String> byteCollisions(int seed, int n) {
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    List<String> out = new ArrayList<>();
    int target = -1;
    for (char a : alphabet.toCharArray()) {
      for (char b : alphabet.toCharArray()) {
        for (char c : alphabet.toCharArray()) {
          for (char d : alphabet.toCharArray()) {
            int h = hash((a << 24) | (b << 16) | (c << 8) | d, seed) & 0xfff;
            if (target < 0) {
              target = h;
            }
            if (h == target) {
              out.add("" + a + b + c + d);
              if (out.size() == n) {
                return out;
              }
            }
          }
        }
      }
    }
    return out;
  }

  /** {@code ByteQuadsCanonicalizer.calcHash(int)} of jackson-core 2.23. */
  private static int hash(int q, int seed) {
    int h = q ^ seed;
    h += h >>> 16;
    h ^= h << 3;
    h += h >>> 12;
    return h;
  }
}
