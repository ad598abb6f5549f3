package dev.bounded.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.testkit.Forked;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proof on Flink's MiniCluster, each job in its own JVM with a 256 MB heap: a directory
 * of thousands of ordinary feeds, a 1 GB one and a few hostile ones is read to the end by {@link
 * FeedFileFormat}; every item arrives (counted per file, exactly), each hostile file yields exactly
 * one error record naming its limit and the items before it, and no task restarts. The same job on
 * the JDK's DOM parser restarts until Flink gives up, or its JVM dies of OutOfMemoryError.
 *
 * <p>Sizes: {@code -Dbounded.flink.feeds=N} ordinary feeds (2,000) and {@code
 * -Dbounded.flink.bigFeedBytes=B} for the big one (1 GiB).
 */
class FeedJobIT {
  /** The child JVM: a 256 MB heap, and Flink's own logging at WARN. */
  private static final List<String> JVM = List.of("-Xmx256m", "-Dlog4j2.level=WARN");

  static final int FEEDS = Integer.getInteger("bounded.flink.feeds", 2000);
  static final long BIG = Long.getLong("bounded.flink.bigFeedBytes", 1L << 30);

  static FeedCorpus corpus;

  @BeforeAll
  static void generate() throws Exception {
    long t0 = System.nanoTime();
    corpus = FeedCorpus.generate(Path.of("target", "flink-it", "feeds"), FEEDS, BIG);
    System.out.printf(
        "[FeedJobIT] generated %d feeds (%d items, one of %d bytes) in %d ms%n",
        corpus.items.size(), corpus.totalItems(), BIG, (System.nanoTime() - t0) / 1_000_000);
  }

  @AfterAll
  static void removeTheBigFeed() throws Exception {
    Files.deleteIfExists(corpus.dir.resolve("big.xml")); // 1 GB of a shared disk
  }

  @Test
  void theBoundedJobReadsEveryItemAndTurnsEachHostileFileIntoOneErrorRecord() throws Exception {
    Path out = Path.of("target", "flink-it", "bounded.txt");
    Forked.Result f =
        Forked.start(JVM, 600, FeedJobMain.class, "bounded", corpus.dir.toString(), out.toString());
    assertEquals(0, f.exitCode(), f.output());
    Result r = Result.read(out);
    System.out.printf(
        "[FeedJobIT] bounded, -Xmx256m: %s, %d restarts, %d items, %d error records, job %d ms,"
            + " JVM %d ms%n",
        r.status, r.restarts, r.totalItems(), r.errors.size(), r.millis, f.millis());
    assertEquals("FINISHED", r.status, r.failures.toString());
    assertEquals(0, r.restarts, "no task restarted: " + r.failures);
    Map<String, Long> expected = new TreeMap<>(corpus.items);
    expected.values().removeIf(n -> n == 0);
    assertEquals(expected, r.items, "every item of every file, exactly once");
    Map<String, String> kinds = new TreeMap<>();
    for (String[] e : r.errors) {
      assertEquals(null, kinds.put(e[2], e[0]), "one error record per file: " + e[2]);
      assertEquals(
          (long) corpus.items.get(e[2]),
          Long.parseLong(e[1]),
          "the error record counts the items kept before the break: " + String.join(" ", e));
      if (!e[0].equals(ParseError.MALFORMED)) {
        assertTrue(e[3].contains("exceeds the maximum allowed"), e[3]);
      }
    }
    assertEquals(corpus.errors, kinds, "each hostile file, and only those, names its limit");
  }

  @Test
  void theSameJobOnThePlainDomParserRestartsOrDies() throws Exception {
    Path out = Path.of("target", "flink-it", "dom.txt");
    Files.deleteIfExists(out);
    Forked.Result f =
        Forked.start(JVM, 600, FeedJobMain.class, "dom", corpus.dir.toString(), out.toString());
    if (f.exitCode() != 0) {
      System.out.printf(
          "[FeedJobIT] plain DOM, -Xmx256m: the JVM died (exit code %d) after %d ms%n",
          f.exitCode(), f.millis());
      assertTrue(f.output().contains("OutOfMemoryError"), f.output());
      return;
    }
    Result r = Result.read(out);
    System.out.printf(
        "[FeedJobIT] plain DOM, -Xmx256m: %s, a task ran %d more times, in %d ms: %s%n",
        r.status,
        r.restarts,
        r.millis,
        r.failures.isEmpty() ? "" : r.failures.get(r.failures.size() - 1));
    assertEquals("FAILED", r.status);
    // Each subtask's pipeline is its own failover region, so the strategy's 3 restarts may be
    // spread
    // over them: some task ran again, and the job failed when the strategy gave up.
    assertTrue(r.restarts >= 1, "a task was restarted: " + r.failures);
    assertTrue(r.failures.toString().contains("Recovery is suppressed"), r.failures.toString());
  }

  /** The child's result file. */
  static final class Result {
    String status;
    int restarts;
    long millis;
    final Map<String, Long> items = new TreeMap<>();
    final List<String[]> errors = new ArrayList<>();
    final List<String[]> xmlErrors = new ArrayList<>();
    final List<String> failures = new ArrayList<>();

    static Result read(Path file) throws Exception {
      Result r = new Result();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] f = line.split("\t", 2);
        switch (f[0]) {
          case "status":
            r.status = f[1];
            break;
          case "restarts":
            r.restarts = Integer.parseInt(f[1]);
            break;
          case "millis":
            r.millis = Long.parseLong(f[1]);
            break;
          case "items":
            String[] i = f[1].split("\t");
            r.items.put(i[0], Long.parseLong(i[1]));
            break;
          case "error":
            r.errors.add(f[1].split("\t", 4));
            break;
          case "xmlerror":
            r.xmlErrors.add(f[1].split("\t", 4));
            break;
          default:
            r.failures.add(f[1]);
        }
      }
      return r;
    }

    long totalItems() {
      return items.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
