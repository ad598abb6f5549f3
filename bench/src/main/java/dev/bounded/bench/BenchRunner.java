package dev.bounded.bench;

import dev.bounded.bench.contender.Contender;
import dev.bounded.bench.contender.Contender.Role;
import dev.bounded.bench.contender.Contenders;
import dev.bounded.bench.contender.Diagnostics;
import dev.bounded.bench.input.Doc;
import dev.bounded.bench.memory.MemoryResult;
import dev.bounded.bench.memory.MemoryRunner;
import dev.bounded.bench.report.Machine;
import dev.bounded.bench.report.Measurement;
import dev.bounded.bench.report.PairedResult;
import dev.bounded.bench.report.Report;
import dev.bounded.bench.report.Targets;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs everything (consistency check, throughput, memory) and writes {@code BENCHMARKS.md}.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.bounded.bench.BenchRunner [--full] [--formats xml,json]
 *     [--docs rss-1k,...] [--contenders a,b] [--no-memory] [--no-paired] [--out BENCHMARKS.md]
 * </pre>
 *
 * <p>The short run (the default) takes under 10 minutes on 2 cores: one fork per (document,
 * contender), short iterations, reference parsers only on the headline documents, the throughput
 * targets from the paired runner ({@link Paired}: 3 JVMs per target; those contenders get no JMH
 * fork of their own), a coarse heap bisection. {@code --full} forks twice with longer iterations,
 * runs every contender on every document it reads under JMH as well, gives the paired runner 5 JVMs
 * and more rounds, and bisects the heap to 3%. {@code --no-paired} skips the paired runner (the
 * target rows then show the JMH ratio, unjudged).
 */
public final class BenchRunner {
  private BenchRunner() {}

  /**
   * Documents the short run reads: the sizes the targets name (1 KB, 10 MB, 100 MB) and the small
   * API payload. The 100 KB, Atom and depth-200 documents run in {@code --full}, which keeps the
   * short run under 10 minutes on 2 cores with every contender registered.
   */
  static final Set<Doc> SHORT_RUN =
      Set.of(
          Doc.RSS_1K,
          Doc.RSS_10M,
          Doc.RSS_100M,
          Doc.JSON_1K,
          Doc.JSON_10M,
          Doc.JSON_100M,
          Doc.JSON_API);

  /** Documents where the short run also measures the reference parsers. */
  static final Set<Doc> HEADLINE = Set.of(Doc.RSS_10M, Doc.JSON_1K, Doc.JSON_10M);

  public static void main(String[] args) throws Exception {
    boolean full = false;
    boolean memory = true;
    boolean pairedRuns = true;
    Set<Doc.Format> formats = new TreeSet<>(Arrays.asList(Doc.Format.values()));
    List<String> onlyDocs = null;
    List<String> onlyContenders = null;
    Path out = Path.of("BENCHMARKS.md");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--full":
          full = true;
          break;
        case "--no-memory":
          memory = false;
          break;
        case "--no-paired":
          pairedRuns = false;
          break;
        case "--formats":
          formats.clear();
          for (String f : args[++i].split(",")) {
            formats.add(Doc.Format.valueOf(f.trim().toUpperCase()));
          }
          break;
        case "--docs":
          onlyDocs = List.of(args[++i].split(","));
          break;
        case "--contenders":
          onlyContenders = List.of(args[++i].split(","));
          break;
        case "--out":
          out = Path.of(args[++i]);
          break;
        default:
          throw new IllegalArgumentException("unknown option: " + args[i]);
      }
    }
    long start = System.nanoTime();
    String started =
        ZonedDateTime.now(ZoneOffset.UTC)
            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    double loadBefore = Machine.load();

    // 1. Every contender reads the small documents and agrees on what it saw.
    List<Doc> small = new ArrayList<>();
    for (Doc d : Doc.values()) {
      if (formats.contains(d.format) && !d.large()) {
        small.add(d);
      }
    }
    List<String> problems = Check.run(small);
    if (!problems.isEmpty()) {
      problems.forEach(System.err::println);
      throw new IllegalStateException("contenders disagree; fix before benchmarking");
    }

    phase("check", start);
    // 2. Throughput, one JMH run per document.
    Map<String, Map<String, Measurement>> throughput = new LinkedHashMap<>();
    for (Doc d : Doc.values()) {
      if (!formats.contains(d.format) || onlyDocs != null && !onlyDocs.contains(d.id())) {
        continue;
      }
      if (!full && onlyDocs == null && !SHORT_RUN.contains(d)) {
        continue; // the short run keeps to the sizes the targets name; --full reads every document
      }
      List<String> ids = plan(d, full, onlyContenders, pairedRuns);
      if (ids.isEmpty()) {
        continue;
      }
      long bytes = size(d);
      System.out.println("== " + d.id() + " (" + bytes + " bytes): " + ids);
      for (RunResult r : new Runner(options(d, ids, full).build()).run()) {
        String id = r.getParams().getParam("contender");
        double[] wall = iterations(r, null);
        double[] cpu = iterations(r, CpuTimeProfiler.OPS_PER_CPU_SECOND);
        double[] load = iterations(r, "cpu.load");
        throughput
            .computeIfAbsent(d.id(), k -> new LinkedHashMap<>())
            .put(
                id,
                new Measurement(
                    d.id(),
                    id,
                    bytes,
                    median(wall),
                    halfRange(wall),
                    median(cpu),
                    halfRange(cpu),
                    median(load)));
      }
    }

    phase("JMH", start);
    // 3. The throughput targets' verdicts: raw and bounded interleaved in the same JVMs (Paired).
    Map<String, PairedResult> paired = new LinkedHashMap<>();
    if (pairedRuns) {
      for (Targets.PairTarget t : Targets.throughputTargets()) {
        if (!formats.contains(t.doc().format)
            || onlyDocs != null && !onlyDocs.contains(t.doc().id())
            || onlyContenders != null && !onlyContenders.contains(t.contender().id())) {
          continue;
        }
        Paired.Settings ps = Paired.Settings.of(t.doc(), t.contender(), full);
        PairedResult r = Paired.run(t.doc(), t.contender(), ps);
        System.out.print(Paired.summary(r));
        paired.put(t.key(), r);
      }
    }

    phase("paired", start);
    // 4. Memory: smallest heap for the 100 MB RSS.
    Map<String, MemoryResult> mem = new LinkedHashMap<>();
    double tolerance = full ? 0.03 : 0.15;
    long timeout = full ? 600 : 120;
    if (memory && formats.contains(Doc.Format.XML)) {
      MemoryRunner runner =
          new MemoryRunner(Doc.RSS_100M, tolerance, timeout, MemoryRunner.defaultDir());
      for (String id : MemoryRunner.defaultContenders(Doc.RSS_100M)) {
        if (onlyContenders != null && !onlyContenders.contains(id)) {
          continue;
        }
        Contender c = Contenders.byId(id);
        // The short run bisects the slow tree builders coarsely: a Rome probe takes ~40 s.
        MemoryResult r = runner.measure(c, full || c.streaming() ? tolerance : 0.35);
        System.out.println(r);
        mem.put(id, r);
      }
    }

    phase("memory", start);
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    String command = full ? "bench/run.sh --full" : "bench/run.sh";
    String md =
        Report.markdown(
            command
                + (args.length > 0 && !(args.length == 1 && full)
                    ? "  (args: " + String.join(" ", args) + ")"
                    : ""),
            settings(full),
            started,
            loadBefore,
            Machine.load(),
            seconds,
            throughput,
            paired,
            pairedSettings(full),
            mem,
            String.format(
                "each probe a fresh JVM with -Xmx<N>m -XX:+ExitOnOutOfMemoryError and the default GC,"
                    + " parsing a file generated once in bench/target/bench-inputs; bisection stops"
                    + " within %.0f%% (or 1 MiB)%s; a probe over %d s counts as a failure",
                tolerance * 100, full ? "" : ", 35% for the non-streaming contenders", timeout));
    Files.writeString(out, md, StandardCharsets.UTF_8);
    System.out.println("wrote " + out.toAbsolutePath() + " in " + seconds + " s");
  }

  /**
   * The contenders to run on {@code d} under JMH. In the short run with the paired runner on, the
   * contenders of the throughput targets run only there (their table rows come from it), and the
   * raw parser only where another contender's ratio needs it.
   */
  static List<String> plan(Doc d, boolean full, List<String> only, boolean paired) {
    List<String> ids = plan(d, full, only);
    if (full || only != null || !paired) {
      return ids;
    }
    Set<String> baselines = new HashSet<>();
    for (Targets.PairTarget t : Targets.throughputTargets()) {
      if (t.doc() == d) {
        ids.remove(t.contender().id());
        baselines.add(t.contender().baseline());
      }
    }
    // A baseline (the raw parser, Rome) stays only where another contender's ratio needs it.
    for (String base : baselines) {
      boolean needed = false;
      for (String id : ids) {
        needed |= !id.equals(base) && Contenders.byId(id).baseline().equals(base);
      }
      if (!needed) {
        ids.remove(base);
      }
    }
    return ids;
  }

  private static long lastPhase;

  /** Logs how long a phase of the run took (the run's time budget is 10 minutes). */
  static void phase(String done, long start) {
    long now = System.nanoTime();
    long from = lastPhase == 0 ? start : lastPhase;
    long cpu = childCpuSeconds();
    System.out.printf(
        "-- %s done in %d s (%d s into the run); child JVMs' CPU %d s, load %.1f%n",
        done,
        (now - from) / 1_000_000_000L,
        (now - start) / 1_000_000_000L,
        cpu - lastChildCpu,
        Machine.load());
    lastPhase = now;
    lastChildCpu = cpu;
  }

  private static long lastChildCpu;

  /**
   * CPU seconds of the child JVMs (JMH forks, paired and memory probes) that have ended, from
   * {@code /proc/self/stat} (cutime + cstime): a phase's cost on an idle machine, where its wall
   * time on a shared one is inflated. 0 off Linux.
   */
  static long childCpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after the name: state(0) ppid ... utime(11) stime(12) cutime(13) cstime(14), in clock ticks
      return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100;
    } catch (Exception e) {
      return 0;
    }
  }

  /** The contenders to run on {@code d}. */
  static List<String> plan(Doc d, boolean full, List<String> only) {
    boolean feedTarget = false;
    for (Contender c : Contenders.all()) {
      feedTarget |= c.role() == Role.BOUNDED && c.baseline().equals("rome");
    }
    List<String> ids = new ArrayList<>();
    for (Contender c : Contenders.reading(d)) {
      String id = c.id();
      if (id.startsWith(Diagnostics.PREFIX)) {
        continue;
      }
      if (only != null) {
        if (only.contains(id)) {
          ids.add(id);
        }
        continue;
      }
      boolean rome = id.equals("rome") || c.baseline().equals("rome");
      if (d.id().endsWith("100m")) {
        // 100 MB: ours and the raw parser; Rome and feed readers when there is a feed target to
        // check; the full run adds every streaming parser (Aalto, the faster reference, is in the
        // short run's rss-10m table).
        boolean core = c.role() != Role.REFERENCE;
        if (!rome && (core || full && c.streaming()) || rome && feedTarget) {
          ids.add(id);
        }
        continue;
      }
      if (full || c.role() != Role.REFERENCE || HEADLINE.contains(d) || rome && d == Doc.RSS_10M) {
        ids.add(id);
      }
    }
    if (only == null) {
      // A ratio needs its baseline in the same run: the full run adds a missing baseline, the short
      // run drops the contender (on 100 MB, the DOM drop-in and the per-element API, whose JDK
      // baselines build whole trees, run only in the full run).
      for (int i = 0; i < ids.size(); i++) {
        Contender c = Contenders.byId(ids.get(i));
        if (c.role() == Role.BOUNDED && !ids.contains(c.baseline())) {
          if (full) {
            ids.add(c.baseline());
          } else {
            ids.remove(i--);
          }
        }
      }
    }
    return ids;
  }

  static ChainedOptionsBuilder options(Doc d, List<String> ids, boolean full) {
    boolean huge = d.id().endsWith("100m");
    ChainedOptionsBuilder o =
        new OptionsBuilder()
            .include(Throughput.class.getName() + ".parse")
            .param("doc", d.id())
            .param("contender", ids.toArray(new String[0]))
            .addProfiler(CpuTimeProfiler.class)
            // The same flags as the paired runner's JVMs (see Paired.jvmFlags).
            .jvmArgsAppend(Paired.jvmFlags(d).toArray(new String[0]))
            .shouldFailOnError(true);
    if (full) {
      o.forks(2)
          .warmupIterations(3)
          .warmupTime(TimeValue.seconds(huge ? 4 : 2))
          .measurementIterations(5)
          .measurementTime(TimeValue.seconds(huge ? 4 : 2));
    } else {
      // The throughput targets' verdicts come from the paired runner; these figures are the
      // reference parsers' and the drop-ins', so the short run keeps them brief off 100 MB.
      o.forks(1)
          .warmupIterations(huge ? 1 : 2)
          .warmupTime(TimeValue.seconds(huge ? 3 : 1))
          .measurementIterations(huge ? 3 : 2)
          .measurementTime(TimeValue.seconds(huge ? 2 : 1));
    }
    return o;
  }

  static String pairedSettings(boolean full) {
    return (full ? Paired.Settings.full(Doc.RSS_10M) : Paired.Settings.shortRun(Doc.RSS_10M))
            .describe()
        + " (100 MB: "
        + (full ? Paired.Settings.full(Doc.RSS_100M) : Paired.Settings.shortRun(Doc.RSS_100M))
            .describe()
        + ", one parse per round), each JVM with -Xms1g -Xmx1g -XX:+AlwaysPreTouch; the feed reader"
        + " against Rome on 100 MB: "
        + Paired.Settings.of(Doc.RSS_100M, Contenders.byId("feed-reader"), full).describe()
        + ", one parse per round, -Xms4g -Xmx4g (Rome needs 768 MiB at the least); warm-up goes on"
        + " past its minimum until a pair of rounds passes without JIT compilation";
  }

  static String settings(boolean full) {
    return full
        ? "2 forks per (document, contender), 3 x 2 s warm-up and 5 x 2 s measurement (4 s for 100 MB),"
            + " -Xms1g -Xmx1g (4g for 100 MB) -XX:+AlwaysPreTouch"
        : "1 fork per (document, contender), 2 x 1 s warm-up and 2 x 1 s measurement (1 x 3 s and"
            + " 3 x 2 s for 100 MB), -Xms1g -Xmx1g (4g for 100 MB) -XX:+AlwaysPreTouch; reference"
            + " parsers only on the"
            + " headline documents";
  }

  /** Every measured iteration's score (all forks), primary or the named secondary. */
  static double[] iterations(RunResult r, String secondary) {
    List<Double> out = new ArrayList<>();
    for (BenchmarkResult b : r.getBenchmarkResults()) {
      for (IterationResult i : b.getIterationResults()) {
        Result<?> x =
            secondary == null ? i.getPrimaryResult() : i.getSecondaryResults().get(secondary);
        if (x != null) {
          out.add(x.getScore());
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The median: robust to the odd iteration another process slowed down. */
  static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** Half the spread between the slowest and the fastest iteration. */
  static double halfRange(double[] v) {
    if (v.length < 2) {
      return Double.NaN;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    return (s[s.length - 1] - s[0]) / 2;
  }

  static long size(Doc d) throws Exception {
    long n = 0;
    byte[] buf = new byte[1 << 16];
    try (InputStream in = d.stream()) {
      for (int k; (k = in.read(buf)) >= 0; ) {
        n += k;
      }
    }
    return n;
  }
}
