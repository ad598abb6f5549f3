package dev.bounded.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bounded.bench.contender.Contenders;
import dev.bounded.bench.input.Doc;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text of a throughput target's row in BENCHMARKS.md. */
class TargetRowTest {

  static final Targets.PairTarget PUSH_10M =
      new Targets.PairTarget(
          Targets.largeTarget(Doc.Format.XML), Doc.RSS_10M, Contenders.byId("bounded-push"), 0.95);

  static PairedResult paired(double... medians) {
    return PairedVerdictTest.result(medians);
  }

  @Test
  void aTargetRowTakesFigureAndVerdictFromThePairedRun() {
    Targets.Row r = Targets.pairedRow(PUSH_10M, paired(0.94, 0.96, 0.97), Map.of());
    assertEquals(
        "XML bounded streaming >= 0.95 x raw (woodstox-raw), 10 MB and 100 MB", r.target());
    assertEquals("bounded-push on rss-10m", r.subject());
    assertEquals("0.960 (3 JVMs 0.940-0.970; thread CPU 0.960, wall 0.960)", r.figure());
    assertEquals("met (median); 1 of 3 JVMs below", r.verdict());
  }

  @Test
  void withoutAPairedRunTheJmhRatioIsShownButNotJudged() {
    Map<String, Map<String, Measurement>> jmh =
        Map.of(
            "rss-10m",
            Map.of(
                "woodstox-raw",
                    new Measurement("rss-10m", "woodstox-raw", 10_000_000, 25, 1, 24, 1, 1),
                "bounded-push",
                    new Measurement("rss-10m", "bounded-push", 10_000_000, 24, 1, 23.04, 1, 1)));
    Targets.Row r = Targets.pairedRow(PUSH_10M, null, jmh);
    assertEquals("JMH only: 0.96 (wall clock 0.96)", r.figure());
    assertEquals("not judged: no paired run", r.verdict());
  }

  @Test
  void neitherRunMeansNotMeasured() {
    Targets.Row r = Targets.pairedRow(PUSH_10M, null, Map.of());
    assertEquals("-", r.figure());
    assertEquals("not measured in this run", r.verdict());
  }

  @Test
  void xmlIsHeldToIssue15sTargetsAndJsonToIssue6s() {
    for (Targets.PairTarget t : Targets.throughputTargets()) {
      boolean small = t.doc().id().endsWith("1k") || t.doc().id().equals("json-api");
      if (t.doc().format == Doc.Format.XML && !t.feed()) {
        assertEquals(small ? 1.0 : 1.25, t.min(), t.key());
      } else if (!t.feed()) {
        assertEquals(small ? 0.90 : 0.95, t.min(), t.key());
      }
    }
  }

  @Test
  void everyStreamingPairIsATargetOnEverySizeTheIssueNames() {
    List<String> keys = Targets.throughputTargets().stream().map(Targets.PairTarget::key).toList();
    assertEquals(
        List.of(
            "rss-10m/bounded-push",
            "rss-100m/bounded-push",
            "rss-10m/bounded-pull",
            "rss-100m/bounded-pull",
            "rss-1k/bounded-push",
            "rss-1k/bounded-pull",
            "json-10m/bounded-json-push",
            "json-100m/bounded-json-push",
            "json-10m/bounded-json-pull",
            "json-100m/bounded-json-pull",
            "json-1k/bounded-json-push",
            "json-api/bounded-json-push",
            "json-1k/bounded-json-pull",
            "json-api/bounded-json-pull",
            "rss-100m/feed-reader"),
        keys);
  }

  @Test
  void checkJudgesTheThroughputRowsFromThePairedMap() {
    Map<String, PairedResult> paired =
        Map.of(Targets.key("rss-1k", "bounded-pull"), paired(0.95, 0.96, 1.01));
    Targets.Row row =
        Targets.check(Map.of(), paired, Map.of()).stream()
            .filter(r -> r.subject().equals("bounded-pull on rss-1k"))
            .findFirst()
            .orElseThrow();
    assertEquals("XML bounded (our own engine) >= 1.0 x raw (woodstox-raw), 1 KB", row.target());
    assertEquals("NOT met (median); 1 of 3 JVMs at or above", row.verdict());
  }

  @Test
  void theFeedRowIsJudgedFromThePairedMapAfterTheMemoryRows() {
    Map<String, PairedResult> paired =
        Map.of(Targets.key("rss-100m", "feed-reader"), paired(23.2, 24.7, 26.5));
    List<Targets.Row> rows = Targets.check(Map.of(), paired, Map.of());
    Targets.Row last = rows.get(rows.size() - 1);
    assertEquals("feed reader >= 25 x Rome's throughput, 100 MB feed", last.target());
    assertEquals("feed-reader on rss-100m", last.subject());
    assertEquals("NOT met (median); 1 of 3 JVMs at or above", last.verdict());
    assertEquals(
        "smallest heap for the 100 MB RSS <= 16 MiB and >= 30 x below the JDK DOM",
        rows.get(rows.size() - 2).target());
  }
}
