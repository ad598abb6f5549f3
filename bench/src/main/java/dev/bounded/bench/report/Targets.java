package dev.bounded.bench.report;

import dev.bounded.bench.contender.Contender;
import dev.bounded.bench.contender.Contender.Role;
import dev.bounded.bench.contender.Contenders;
import dev.bounded.bench.contender.JsonContenders;
import dev.bounded.bench.contender.XmlContenders;
import dev.bounded.bench.input.Doc;
import dev.bounded.bench.memory.MemoryResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The targets of issues 6 and 15, checked against one run. Rows come from the registry's roles, so
 * a newly registered bounded contender gets its rows without changes here: a {@link Role#BOUNDED}
 * streaming contender whose baseline is the format's raw parser is held to the throughput targets
 * (judged on the paired runner's measurement, {@link PairedResult}); one whose baseline is {@code
 * rome} to the feed target (judged on the paired runner too); a streaming one of XML to the memory
 * target.
 */
public final class Targets {
  private Targets() {}

  /** Bounded streaming over raw on the 10 MB and 100 MB inputs. */
  public static final double LARGE_RATIO = 0.95;

  /** Bounded over raw on the 1 KB inputs. */
  public static final double SMALL_RATIO = 0.90;

  /**
   * Bounded XML, on our own tokenizer (the default engine), over raw Woodstox on the 10 MB and 100
   * MB inputs (issue 15; it replaced issue 6's {@link #LARGE_RATIO} for XML).
   */
  public static final double ENGINE_LARGE_RATIO = 1.25;

  /** Bounded XML over raw Woodstox on the 1 KB input (issue 15). */
  public static final double ENGINE_SMALL_RATIO = 1.0;

  /** The streaming reader's smallest heap for the 100 MB RSS, MiB. */
  public static final long STREAMING_HEAP_MB = 16;

  /** How many times smaller than the JDK DOM's that heap must be. */
  public static final double HEAP_FACTOR = 30;

  /**
   * How many times Rome's throughput our feed reader must reach on the 100 MB feed (issue 15; issue
   * 6 asked 20).
   */
  public static final double FEED_FACTOR = 25;

  /** One checked row. */
  public record Row(String target, String subject, String figure, String verdict) {}

  /**
   * Half-range of a contender's iterations, relative to their median, above which a row is flagged.
   */
  static final double NOISY = 0.05;

  /** The raw parser of format {@code f}. */
  public static String raw(Doc.Format f) {
    return f == Doc.Format.XML ? XmlContenders.RAW : JsonContenders.RAW;
  }

  static List<Contender> boundedStreaming(Doc.Format f, String baseline) {
    List<Contender> out = new ArrayList<>();
    for (Contender c : Contenders.all()) {
      if (c.role() == Role.BOUNDED
          && c.format() == f
          && c.streaming()
          && c.baseline().equals(baseline)) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * One throughput target the paired runner measures: a bounded streaming contender on one
   * document.
   */
  public record PairTarget(String target, Doc doc, Contender contender, double min) {
    /** The key of its {@link PairedResult} in the map {@link #check} reads. */
    public String key() {
      return Targets.key(doc.id(), contender.id());
    }

    /** The feed target (reported after the memory target), not a raw-parser ratio. */
    public boolean feed() {
      return target.equals(FEED_TARGET);
    }
  }

  /** The key of a paired result: {@code doc/contender}. */
  public static String key(String doc, String contender) {
    return doc + "/" + contender;
  }

  /**
   * Every throughput target, in report order: per format, each bounded streaming contender whose
   * baseline is the raw parser on the 10 MB and 100 MB documents (JSON >= {@link #LARGE_RATIO}, XML
   * >= {@link #ENGINE_LARGE_RATIO}), then on the 1 KB ones (JSON >= {@link #SMALL_RATIO}, also on
   * {@code json-api}; XML >= {@link #ENGINE_SMALL_RATIO}); last, each feed reader (baseline {@code
   * rome}) on the 100 MB feed (>= {@link #FEED_FACTOR}).
   */
  public static List<PairTarget> throughputTargets() {
    List<PairTarget> out = new ArrayList<>();
    for (Doc.Format f : Doc.Format.values()) {
      List<Contender> ours = boundedStreaming(f, raw(f));
      List<Doc> larges =
          f == Doc.Format.XML
              ? List.of(Doc.RSS_10M, Doc.RSS_100M)
              : List.of(Doc.JSON_10M, Doc.JSON_100M);
      List<Doc> smalls =
          f == Doc.Format.XML ? List.of(Doc.RSS_1K) : List.of(Doc.JSON_1K, Doc.JSON_API);
      for (Contender c : ours) {
        for (Doc d : larges) {
          out.add(
              f == Doc.Format.XML
                  ? new PairTarget(
                      engineTarget(ENGINE_LARGE_RATIO, "10 MB and 100 MB"),
                      d,
                      c,
                      ENGINE_LARGE_RATIO)
                  : new PairTarget(largeTarget(f), d, c, LARGE_RATIO));
        }
      }
      for (Contender c : ours) {
        for (Doc d : smalls) {
          out.add(
              f == Doc.Format.XML
                  ? new PairTarget(
                      engineTarget(ENGINE_SMALL_RATIO, "1 KB"), d, c, ENGINE_SMALL_RATIO)
                  : new PairTarget(smallTarget(f), d, c, SMALL_RATIO));
        }
      }
    }
    for (Contender c : feedReaders()) {
      out.add(new PairTarget(FEED_TARGET, Doc.RSS_100M, c, FEED_FACTOR));
    }
    return out;
  }

  static final String FEED_TARGET =
      "feed reader >= " + (int) FEED_FACTOR + " x Rome's throughput, 100 MB feed";

  /** The bounded contenders whose baseline is Rome. */
  static List<Contender> feedReaders() {
    List<Contender> out = new ArrayList<>();
    for (Contender c : Contenders.all()) {
      if (c.role() == Role.BOUNDED && c.baseline().equals("rome")) {
        out.add(c);
      }
    }
    return out;
  }

  static String engineTarget(double min, String sizes) {
    return "XML bounded (our own engine) >= "
        + min
        + " x raw ("
        + XmlContenders.RAW
        + "), "
        + sizes;
  }

  static String largeTarget(Doc.Format f) {
    return f + " bounded streaming >= " + LARGE_RATIO + " x raw (" + raw(f) + "), 10 MB and 100 MB";
  }

  static String smallTarget(Doc.Format f) {
    return f + " bounded >= " + SMALL_RATIO + " x raw ops/s, 1 KB";
  }

  /**
   * Every row, from the paired measurements (by {@link #key}; the throughput targets' verdicts),
   * the JMH throughput measurements (by doc then contender; the feed target, and the JMH ratio
   * shown when a throughput target had no paired run) and the memory results.
   */
  public static List<Row> check(
      Map<String, Map<String, Measurement>> throughput,
      Map<String, PairedResult> paired,
      Map<String, MemoryResult> memory) {
    List<Row> rows = new ArrayList<>();
    for (Doc.Format f : Doc.Format.values()) {
      if (boundedStreaming(f, raw(f)).isEmpty()) {
        rows.add(
            new Row(
                largeTarget(f),
                "-",
                "-",
                "pending: no bounded " + f + " contender registered yet"));
        rows.add(
            new Row(
                smallTarget(f),
                "-",
                "-",
                "pending: no bounded " + f + " contender registered yet"));
      }
    }
    for (PairTarget t : throughputTargets()) {
      if (!t.feed()) {
        rows.add(pairedRow(t, paired.get(t.key()), throughput));
      }
    }
    String heap =
        "smallest heap for the 100 MB RSS <= "
            + STREAMING_HEAP_MB
            + " MiB and >= "
            + (int) HEAP_FACTOR
            + " x below the JDK DOM";
    MemoryResult dom = memory.get("jdk-dom");
    for (Contender c : boundedStreaming(Doc.Format.XML, XmlContenders.RAW)) {
      MemoryResult m = memory.get(c.id());
      if (m == null || m.minHeapMb() < 0) {
        rows.add(new Row(heap, c.id(), "-", "not measured in this run"));
        continue;
      }
      String figure = m.minHeapMb() + " MiB";
      boolean met = m.minHeapMb() <= STREAMING_HEAP_MB;
      if (dom != null && dom.minHeapMb() > 0) {
        double factor = (double) dom.minHeapMb() / m.minHeapMb();
        figure += String.format(" (JDK DOM %d MiB: %.0f x)", dom.minHeapMb(), factor);
        met &= factor >= HEAP_FACTOR;
      } else if (dom != null) {
        figure += " (JDK DOM failed up to " + dom.failedHeapMb() + " MiB)";
      } else {
        figure += " (JDK DOM not measured)";
        met = false;
      }
      rows.add(new Row(heap, c.id(), figure, met ? "met" : "NOT met"));
    }
    for (PairTarget t : throughputTargets()) {
      if (t.feed()) {
        rows.add(pairedRow(t, paired.get(t.key()), throughput));
      }
    }
    if (feedReaders().isEmpty()) {
      rows.add(new Row(FEED_TARGET, "-", "-", "pending: no feed reader registered yet"));
    }
    return rows;
  }

  /**
   * A throughput target's row: the paired figure and verdict ({@link PairedResult#figure()}, {@link
   * PairedResult#verdict(double)}); without a paired run, the JMH ratio for information and no
   * verdict.
   */
  static Row pairedRow(PairTarget t, PairedResult p, Map<String, Map<String, Measurement>> jmh) {
    String subject = t.contender().id() + " on " + t.doc().id();
    if (p != null && !p.jvms().isEmpty()) {
      return new Row(t.target(), subject, p.figure(), p.verdict(t.min()));
    }
    Row r = ratioRow(t.target(), t.contender(), t.doc(), jmh, t.min());
    if (r.figure().equals("-")) {
      return r;
    }
    return new Row(t.target(), subject, "JMH only: " + r.figure(), "not judged: no paired run");
  }

  private static Row ratioRow(
      String target, Contender c, Doc d, Map<String, Map<String, Measurement>> t, double min) {
    Map<String, Measurement> byContender = t.get(d.id());
    Measurement m = byContender == null ? null : byContender.get(c.id());
    Measurement base = byContender == null ? null : byContender.get(c.baseline());
    if (m == null || base == null) {
      return new Row(target, c.id() + " on " + d.id(), "-", "not measured in this run");
    }
    double cpu = m.opsPerCpuSecond() / base.opsPerCpuSecond();
    double wall = m.opsPerSecond() / base.opsPerSecond();
    return new Row(
        target,
        c.id() + " on " + d.id(),
        String.format("%.2f (wall clock %.2f)", cpu, wall),
        (cpu >= min ? "met" : "NOT met") + noise(m, base));
  }

  /**
   * A warning when either side's iterations spread by more than {@link #NOISY} of its median (half
   * the range): on a shared or virtualised machine a single fork can then move a ratio by as much,
   * and the verdict is one reading, not a settled result.
   */
  static String noise(Measurement m, Measurement base) {
    double spread =
        Math.max(
            m.opsPerCpuSecondError() / m.opsPerCpuSecond(),
            base.opsPerCpuSecondError() / base.opsPerCpuSecond());
    return spread > NOISY ? String.format(" (noisy: iterations spread ±%.0f%%)", spread * 100) : "";
  }
}
