package dev.bounded.json;

import static dev.bounded.json.FeederEquivalence.assertSame;
import static dev.bounded.json.FeederEquivalence.blocking;
import static dev.bounded.json.FeederEquivalence.fed;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.json.FeederEquivalence.Outcome;
import dev.bounded.testkit.RequiresCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Property over nst/JSONTestSuite: every file fed to a {@link JsonFeeder} in random chunk sizes (1
 * byte to 64 KB; the seed is printed) gives the events of the blocking API and its outcome: the
 * same limit error (Limit, maximum) and a typed error for malformed input. Each file runs under the
 * defaults and under tight limits (so that limits fire mid-document), with and without a handler
 * that skips and stops.
 */
@RequiresCorpus("JSONTestSuite")
class FeederJsonTestSuiteTest {
  private static final long SEED = Long.getLong("bounded.feeder.seed", System.nanoTime());
  private static final AtomicInteger SAME = new AtomicInteger();
  private static final AtomicInteger MALFORMED = new AtomicInteger();

  /**
   * Tight limits, one group at a time (a token that breaks two limits at once, such as a long
   * number running past {@code maxBytes}, is reported by the limit each parser meets first).
   */
  private static final JsonLimits[] LIMITS = {
    JsonLimits.defaults(),
    JsonLimits.builder().maxDepth(4).maxStringLength(5).maxNameLength(3).maxNumberLength(4).build(),
    JsonLimits.builder().maxTokens(12).build(),
    JsonLimits.builder().maxBytes(40).build(),
  };

  @TestFactory
  Stream<DynamicTest> everyFileFedInRandomChunksGivesTheBlockingOutcome() throws Exception {
    System.out.println("FeederJsonTestSuiteTest seed: -Dbounded.feeder.seed=" + SEED);
    List<Path> files;
    try (Stream<Path> s = Files.list(JsonTestSuiteTest.suite())) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
    }
    assertTrue(files.size() > 300, "JSONTestSuite not found");
    SplittableRandom seeds = new SplittableRandom(SEED);
    return files.stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), check(f, seeds.nextLong())));
  }

  private static org.junit.jupiter.api.function.Executable check(Path file, long seed) {
    return () -> {
      byte[] doc = Files.readAllBytes(file);
      SplittableRandom r = new SplittableRandom(seed);
      for (JsonLimits limits : LIMITS) {
        for (int stopAt : new int[] {0, 3}) {
          Outcome b = blocking(doc, limits, stopAt);
          for (int max : new int[] {1, 1 + r.nextInt(16), 1 + r.nextInt(65536)}) {
            long s = r.nextLong() | 1;
            String what =
                file.getFileName() + " stopAt " + stopAt + " chunks<=" + max + " seed " + s;
            if (assertSame(b, fed(doc, limits, stopAt, max, s), what)) {
              MALFORMED.incrementAndGet();
            } else {
              SAME.incrementAndGet();
            }
          }
        }
      }
    };
  }

  @AfterAll
  static void summary() {
    System.out.println(
        "Feeder vs blocking on JSONTestSuite: identical="
            + SAME.get()
            + " malformed-both(events a prefix)="
            + MALFORMED.get());
  }
}
