package dev.bounded.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bounded.core.BoundedParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Runs hostile documents one after another in a small-heap JVM (see RetentionTest) and prints what
 * stays on the heap: {@code BASE <bytes>} after a warm-up, {@code AFTER <bytes>} after the last
 * document (both after full collections), and {@code DONE <n>}. Every document goes through every
 * API: push ({@code BoundedJson.parse}), pull ({@code newParser}, bytes and a stream), char input
 * ({@code Reader}), an {@code ObjectMapper} on a bounded factory ({@code readTree}), a factory with
 * {@code CANONICALIZE_FIELD_NAMES} off, and a non-blocking parser. A failure of a parse must be
 * ours; anything else (OutOfMemoryError included) ends the JVM with a failure.
 *
 * <p>Arguments: {@code names <documents> <namesPerDocument> <nameLength>} for documents of new long
 * names (issue 14, finding 1); {@code random <documents> <seed>} for a random mix of hostile
 * shapes.
 */
public final class RetentionMain {
  private RetentionMain() {}

  static final JsonLimits LIMITS = JsonLimits.defaults();
  static final JsonFactory FACTORY = BoundedJson.newFactory(LIMITS);
  static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  @SuppressWarnings("deprecation") // the non-canonicalizing path, on purpose
  static final JsonFactory NO_CANONICAL =
      BoundedJson.newFactory(LIMITS).disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES);

  /** One object of {@code n} distinct names of {@code len} characters, unique to {@code doc}. */
  static byte[] longNames(long doc, int n, int len) {
    StringBuilder sb = new StringBuilder(n * (len + 8) + 2);
    sb.append('{');
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(',');
      }
      int start = sb.length();
      sb.append('"').append(doc).append('_').append(i).append('_');
      while (sb.length() - start - 1 < len) {
        sb.append((char) ('a' + (sb.length() * 7 + i) % 26));
      }
      sb.append("\":").append(i);
    }
    return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The same text in string values (an array): the plain document of the same size. */
  static byte[] longValues(long doc, int n, int len) {
    String s = new String(longNames(doc, n, len), StandardCharsets.UTF_8);
    return ('[' + s.substring(1, s.length() - 1).replaceAll("\":\\d+", "\"") + ']')
        .getBytes(StandardCharsets.UTF_8);
  }

  static long used() {
    Runtime r = Runtime.getRuntime();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      best = Math.min(best, r.totalMemory() - r.freeMemory());
    }
    return best;
  }

  /** The document through every API; returns how many parses failed (with ours). */
  static int everyApi(byte[] doc) throws IOException {
    int failed = 0;
    for (int api = 0; api < 7; api++) {
      try {
        switch (api) {
          case 0:
            BoundedJson.parse(doc, LIMITS, new JsonHandler() {});
            break;
          case 1:
            drain(BoundedJson.newParser(doc, LIMITS));
            break;
          case 2:
            drain(BoundedJson.newParser(new ByteArrayInputStream(doc), LIMITS));
            break;
          case 3:
            Reader r = new InputStreamReader(new ByteArrayInputStream(doc), StandardCharsets.UTF_8);
            drain(BoundedJson.newParser(r, LIMITS));
            break;
          case 4:
            MAPPER.readTree(doc);
            break;
          case 5:
            drain(NO_CANONICAL.createParser(doc));
            break;
          default:
            nonBlocking(doc);
            break;
        }
      } catch (BoundedParseException e) {
        failed++;
      } catch (IOException e) {
        if (!BoundedParseException.find(e).isPresent()) {
          throw e;
        }
        failed++;
      }
    }
    return failed;
  }

  /** Feeds the document to a non-blocking parser in 64 KB chunks, pulling every token. */
  static void nonBlocking(byte[] doc) throws IOException {
    try (JsonParser p = FACTORY.createNonBlockingByteArrayParser()) {
      com.fasterxml.jackson.core.async.ByteArrayFeeder f =
          (com.fasterxml.jackson.core.async.ByteArrayFeeder) p.getNonBlockingInputFeeder();
      int off = 0;
      while (true) {
        com.fasterxml.jackson.core.JsonToken t = p.nextToken();
        if (t == com.fasterxml.jackson.core.JsonToken.NOT_AVAILABLE) {
          if (off >= doc.length) {
            f.endOfInput();
          } else {
            int n = Math.min(1 << 16, doc.length - off);
            f.feedInput(doc, off, off + n);
            off += n;
          }
        } else if (t == null) {
          return;
        }
      }
    }
  }

  static void drain(JsonParser p) throws IOException {
    try (p) {
      while (p.nextToken() != null) {
        if (p.currentToken().isScalarValue()) {
          p.getText();
        }
      }
    }
  }

  /** A random hostile document: long or many unique names, long strings, numbers, collisions. */
  static byte[] randomHostile(Random rnd, long doc) {
    switch (rnd.nextInt(5)) {
      case 0:
        return longNames(doc, 1 + rnd.nextInt(200), 100 + rnd.nextInt(50_000));
      case 1:
        return longNames(doc, 1 + rnd.nextInt(20_000), 1 + rnd.nextInt(40));
      case 2:
        {
          StringBuilder sb = new StringBuilder("[");
          int n = rnd.nextInt(2_000);
          for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? "," : "").append("1e").append(rnd.nextInt(2_000_000));
          }
          return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
        }
      case 3:
        {
          // Over the name limit, so every API fails part way.
          return longNames(doc, 2, 50_001 + rnd.nextInt(100));
        }
      default:
        {
          StringBuilder sb = new StringBuilder("{");
          int n = 1 + rnd.nextInt(50);
          for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? "," : "")
                .append("\"k")
                .append(doc)
                .append('_')
                .append(i)
                .append("\":\"");
            int len = rnd.nextInt(100_000);
            for (int j = 0; j < len; j++) {
              sb.append((char) ('a' + j % 26));
            }
            sb.append('"');
          }
          return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
        }
    }
  }

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int docs = Integer.parseInt(args[1]);
    everyApi("{\"warm\":[1,2.5,\"x\",true,null,{}]}".getBytes(StandardCharsets.UTF_8));
    everyApi(longNames(-1, 10, 100));
    long base = used();
    System.out.println("BASE " + base);
    int failed = 0;
    if (mode.equals("names")) {
      int n = Integer.parseInt(args[2]);
      int len = Integer.parseInt(args[3]);
      for (int d = 0; d < docs; d++) {
        failed += everyApi(longNames(d, n, len));
      }
    } else {
      long seed = Long.parseLong(args[2]);
      Random rnd = new Random(seed);
      for (int d = 0; d < docs; d++) {
        failed += everyApi(randomHostile(rnd, d));
      }
    }
    long after = used();
    System.out.println("AFTER " + after);
    System.out.println("FAILED " + failed);
    System.out.println("DONE " + docs);
  }
}
