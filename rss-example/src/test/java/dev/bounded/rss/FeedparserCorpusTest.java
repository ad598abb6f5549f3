package dev.bounded.rss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bounded.core.BoundedParseException;
import dev.bounded.testkit.RequiresCorpus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * feedparser's test sample as a measured conformance run: each file's leading {@code Expect:}
 * comment (a Python expression over feedparser's result) is split into its clauses, each clause
 * evaluated against our result mapped onto feedparser's keys ({@link Expectations}), and the pass
 * count printed per kind of expectation and overall. A clause naming a key we have no field for is
 * "not mappable" and not counted. The sample holds none of feedparser's sanitising tests.
 *
 * <p>Besides the score, every file must read without an untyped exception in both modes, and
 * tolerant mode must read every file feedparser recovers entries from.
 */
@RequiresCorpus("feeds")
class FeedparserCorpusTest {
  static final String FOLDER = "kurtmckee-feedparser";

  /** Passed clauses over mappable clauses, at least. */
  static final double TARGET = 0.90;

  private static final Pattern EXPECT = Pattern.compile("Expect:\\s*(.*)");
  private static final Pattern HEADER =
      Pattern.compile("Header:\\s*Content-type:\\s*(.*)", Pattern.CASE_INSENSITIVE);

  static Stream<Path> files() throws IOException {
    return Corpora.files(FOLDER).stream();
  }

  /** The leading comment in the file's own encoding: the first decoding that shows "Expect:". */
  static String comment(byte[] bytes) {
    for (String cs :
        new String[] {"UTF-8", "UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE", "ISO-8859-1"}) {
      String s = new String(bytes, 0, Math.min(bytes.length, 4096), Charset.forName(cs));
      if (s.contains("Expect:")) {
        return s;
      }
    }
    throw new AssertionError("no Expect: comment");
  }

  static String group(Pattern p, String s) {
    Matcher m = p.matcher(s);
    return m.find() ? m.group(1).strip() : null;
  }

  /** kind -> {passed, mappable}. */
  static final Map<String, int[]> KINDS = new ConcurrentHashMap<>();

  static final AtomicInteger UNMAPPABLE = new AtomicInteger();
  static final List<String> FAILED = java.util.Collections.synchronizedList(new ArrayList<>());

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void meetsTheExpectComment(Path file) throws Exception {
    String name = Corpora.name(file, FOLDER);
    byte[] bytes = Files.readAllBytes(file);
    String comment = comment(bytes);
    String expect = group(EXPECT, comment);
    String header = group(HEADER, comment);
    if (header != null && header.endsWith("-->")) {
      header = header.substring(0, header.length() - 3).strip();
    }
    Read strict = read(bytes, false, header);
    Read tolerant = read(bytes, true, header);
    Read used = strict.failure == null ? strict : tolerant;
    boolean bozo = strict.failure != null || !tolerant.warnings.isEmpty();
    Expectations.Result result =
        new Expectations.Result(bozo, used.format, used.feed, used.entries);
    for (String clause : Expectations.clauses(expect)) {
      String kind = Expectations.kind(clause);
      boolean pass;
      try {
        pass = Expectations.eval(clause, result);
      } catch (Expectations.Unmappable e) {
        UNMAPPABLE.incrementAndGet();
        continue;
      }
      int[] c = KINDS.computeIfAbsent(kind, k -> new int[2]);
      synchronized (c) {
        c[1]++;
        if (pass) {
          c[0]++;
        }
      }
      if (!pass) {
        FAILED.add(
            name + ": " + clause + "   [" + (used.failure != null ? used.failure : "read") + "]");
      }
    }
    // feedparser read entries from it: tolerant mode must too, without an exception.
    if (!expect.startsWith("bozo") && tolerant.failure != null) {
      fail(name + ": tolerant mode failed: " + tolerant.failure);
    }
  }

  /** One read's outcome: typed failure or result; any other exception fails the test. */
  static final class Read {
    String failure;
    FeedFormat format;
    Expectations.Dict feed = Expectations.feed(FeedInfo.builder(FeedFormat.RSS_2_0).build());
    List<Expectations.Dict> entries = new ArrayList<>();
    List<String> warnings = List.of();
  }

  static Read read(byte[] bytes, boolean tolerant, String contentType) throws IOException {
    Read r = new Read();
    FeedLimits limits = FeedLimits.builder().tolerant(tolerant).build();
    try (FeedReader reader =
        FeedReader.open(new ByteArrayInputStream(bytes), limits, null, contentType)) {
      r.format = reader.format();
      for (FeedItem it; (it = reader.next()) != null; ) {
        r.entries.add(Expectations.entry(it));
      }
      r.feed = Expectations.feed(reader.info());
      r.warnings = reader.info().warnings();
    } catch (BoundedParseException e) {
      r.failure = e.getMessage();
    }
    return r;
  }

  @AfterAll
  static void report() {
    int passed = 0;
    int total = 0;
    Map<String, int[]> byGroup = new TreeMap<>();
    for (Map.Entry<String, int[]> e : new TreeMap<>(KINDS).entrySet()) {
      String[] parts = e.getKey().split("\\.");
      String g = parts.length > 1 ? parts[0] + "." + parts[1] : parts[0];
      int[] c = byGroup.computeIfAbsent(g, k -> new int[2]);
      c[0] += e.getValue()[0];
      c[1] += e.getValue()[1];
      passed += e.getValue()[0];
      total += e.getValue()[1];
    }
    StringBuilder out = new StringBuilder("feedparser conformance (clauses of Expect:, by kind)\n");
    byGroup.forEach(
        (k, c) ->
            out.append(
                String.format("  %-28s %4d / %4d  %5.1f%%%n", k, c[0], c[1], 100.0 * c[0] / c[1])));
    out.append(
        String.format(
            "  %-28s %4d / %4d  %5.1f%%   (%d clauses not mappable, not counted)%n",
            "overall", passed, total, 100.0 * passed / total, UNMAPPABLE.get()));
    synchronized (FAILED) {
      FAILED.stream().sorted().forEach(f -> out.append("  FAIL ").append(f).append('\n'));
    }
    System.out.print(out);
    assertTrue(total > 250, "the sample was really read: " + total);
    assertTrue(
        passed >= TARGET * total,
        String.format(
            "%d of %d mappable expectations pass, under %.0f%%", passed, total, TARGET * 100));
    assertEquals(total, passed + FAILED.size());
  }
}
