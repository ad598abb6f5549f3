package dev.bounded.json;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.LimitExceededException;
import java.io.InputStream;

/**
 * Runs one attack in a small-heap JVM (see AttackTest) and prints one line: {@code OK <n>} if it
 * passed, {@code LIMIT <Limit> <message>} and {@code ACTUAL <n>} for a limit breach, {@code BOUNDED
 * <type>} for any other typed rejection. Any other throwable (OutOfMemoryError included) ends the
 * JVM with a failure.
 */
public final class AttackMain {
  private AttackMain() {}

  public static void main(String[] args) throws Exception {
    // "feed-<attack>": the same attack fed to a JsonFeeder in random chunks of 1 byte to 64 KB
    boolean feed = args[0].startsWith("feed-");
    String attack = feed ? args[0].substring("feed-".length()) : args[0];
    JsonLimits limits = JsonLimits.defaults();
    InputStream in;
    boolean read = true;
    long gb = 1L << 30;
    switch (attack) {
      case "deep-arrays":
        in = new Generated("", "[", 1_000_000, "");
        break;
      case "huge-string-read":
        in = new Generated("[\"", "x", gb, "\"]");
        limits = limits.toBuilder().maxBytes(JsonLimits.UNLIMITED).build();
        break;
      case "huge-string-skipped":
        in = new Generated("[\"", "x", gb, "\"]");
        limits = limits.toBuilder().maxBytes(JsonLimits.UNLIMITED).build();
        read = false;
        break;
      case "huge-number":
        in = new Generated("[", "7", 100_000_000, "]");
        limits = limits.toBuilder().maxBytes(JsonLimits.UNLIMITED).build();
        break;
      case "endless-array":
        in = Generated.endless("[", "1,");
        limits = limits.toBuilder().maxBytes(JsonLimits.UNLIMITED).build();
        break;
      case "gigabyte-of-objects":
        in = new Generated("[", "{\"id\":12345,\"name\":\"abc\",\"ok\":true},", gb, "{}]");
        limits =
            limits.toBuilder()
                .maxBytes(JsonLimits.UNLIMITED)
                .maxTokens(JsonLimits.UNLIMITED)
                .build();
        break;
      default:
        throw new IllegalArgumentException(attack);
    }
    long[] count = new long[1];
    boolean readText = read;
    JsonHandler h =
        new JsonHandler() {
          @Override
          public Control string(CharSequence value) {
            if (readText) {
              count[0] += value.length();
            }
            return Control.CONTINUE;
          }

          @Override
          public Control endObject() {
            count[0]++;
            return Control.CONTINUE;
          }
        };
    try {
      if (feed) {
        feedInChunks(in, BoundedJson.newFeeder(limits, h));
      } else {
        BoundedJson.parse(in, limits, h);
      }
      System.out.println("OK " + count[0]);
    } catch (LimitExceededException e) {
      System.out.println("LIMIT " + e.limit() + " " + e.getMessage());
      System.out.println("ACTUAL " + e.actual());
    } catch (BoundedParseException e) {
      System.out.println("BOUNDED " + e.getClass().getSimpleName() + " " + e.getMessage());
    }
  }

  /** Reads {@code in} in chunks of random sizes (seed printed) into one reused buffer. */
  private static void feedInChunks(InputStream in, JsonFeeder feeder) throws java.io.IOException {
    long seed = Long.getLong("bounded.feeder.seed", System.nanoTime());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> System.out.println("feed seed: -Dbounded.feeder.seed=" + seed)));
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    byte[] buf = new byte[65536];
    int n;
    while ((n = in.read(buf, 0, 1 + r.nextInt(buf.length))) > 0) {
      if (!feeder.feed(buf, 0, n)) {
        break;
      }
    }
    feeder.endOfInput();
  }
}
