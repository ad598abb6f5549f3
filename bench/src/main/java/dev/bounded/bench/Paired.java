package dev.bounded.bench;

import dev.bounded.bench.contender.Contender;
import dev.bounded.bench.contender.Contenders;
import dev.bounded.bench.contender.Tally;
import dev.bounded.bench.input.Doc;
import dev.bounded.bench.memory.MemoryRunner;
import dev.bounded.bench.report.PairedResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The paired, interleaved measurement the throughput targets are judged on. For one document and
 * one (raw, bounded) pair, each of several fresh JVMs (fixed, pre-touched heap: {@link
 * #pairedJvmFlags}) warms both contenders up alternately, then runs pairs of rounds, raw then
 * bounded, then bounded then raw (ABBA, so neither side always runs right after a GC the other
 * provoked, or first after a pause), each round the same number of whole-document operations (sized
 * to take about {@link Settings#roundMillis} ms). Both contenders share one JVM, one JIT and one
 * heap, and adjacent rounds see the same machine load, so their ratio holds where one JMH fork per
 * contender moves it by 15-20% on a shared machine.
 *
 * <p>Each round is timed three ways: the JVM's CPU time ({@code
 * com.sun.management.OperatingSystemMXBean.getProcessCpuTime}: the benchmark thread plus the GC and
 * JIT threads, so the garbage a contender makes is charged to it, as in the JMH tables), the
 * benchmark thread's CPU time ({@code ThreadMXBean.getCurrentThreadCpuTime}, which leaves GC out)
 * and wall time. The process figure decides; the thread figure is printed beside it and named in
 * the verdict when it disagrees ({@link PairedResult#verdict}).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.bounded.bench.Paired [--full] [--jvms 3] [--pairs 8]
 *     rss-10m:bounded-push json-api:bounded-json-pull ...
 * </pre>
 */
public final class Paired {
  private Paired() {}

  /** A child's line for one round. */
  static final String ROUND = "ROUND";

  /**
   * How one target is measured.
   *
   * @param jvms fresh JVMs, one after the other
   * @param pairs measured pairs of rounds per JVM
   * @param warmupPairs warm-up pairs at least
   * @param maxWarmupPairs warm-up pairs at most, while the JIT still compiles
   * @param roundMillis the CPU time one round is sized to (at least one parse)
   */
  public record Settings(
      int jvms, int pairs, int warmupPairs, int maxWarmupPairs, long roundMillis) {
    /** The short run's settings for {@code d}: fewer, single-parse rounds on 100 MB. */
    public static Settings shortRun(Doc d) {
      return huge(d) ? new Settings(3, 4, 2, 8, 300) : new Settings(3, 8, 2, 8, 80);
    }

    /** {@code --full}: more JVMs, more and longer rounds, longer warm-up. */
    public static Settings full(Doc d) {
      return huge(d) ? new Settings(5, 8, 2, 6, 300) : new Settings(5, 16, 5, 20, 250);
    }

    /**
     * The settings for {@code bounded} on {@code d}: {@link #shortRun} or {@link #full}, except
     * against a baseline that builds a tree (Rome: about 11 s a parse of 100 MB, so a pair of
     * rounds takes about 23 s), where the short run has 3 pairs after 1-2 warm-up pairs (about 50 s
     * a JVM) and the full run 6 after 2-4.
     */
    public static Settings of(Doc d, Contender bounded, boolean full) {
      if (treeBaseline(bounded)) {
        return full ? new Settings(5, 6, 2, 4, 300) : new Settings(3, 3, 1, 2, 300);
      }
      return full ? full(d) : shortRun(d);
    }

    Settings withJvms(int n) {
      return new Settings(n, pairs, warmupPairs, maxWarmupPairs, roundMillis);
    }

    Settings withPairs(int n) {
      return new Settings(jvms, n, warmupPairs, maxWarmupPairs, roundMillis);
    }

    /** For the report. */
    public String describe() {
      return jvms
          + " JVMs x "
          + pairs
          + " pairs of rounds of ~"
          + roundMillis
          + " ms after "
          + warmupPairs
          + "-"
          + maxWarmupPairs
          + " warm-up pairs";
    }
  }

  static boolean huge(Doc d) {
    return d.id().endsWith("100m");
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--child")) {
      child(args);
      return;
    }
    boolean full = false;
    Integer jvms = null;
    Integer pairs = null;
    List<String> targets = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--full":
          full = true;
          break;
        case "--jvms":
          jvms = Integer.parseInt(args[++i]);
          break;
        case "--pairs":
          pairs = Integer.parseInt(args[++i]);
          break;
        default:
          targets.add(args[i]);
      }
    }
    for (String t : targets) {
      String[] dc = t.split(":", 2);
      Doc d = Doc.of(dc[0]);
      Contender c = Contenders.byId(dc[1]);
      Settings s = Settings.of(d, c, full);
      if (jvms != null) {
        s = s.withJvms(jvms);
      }
      if (pairs != null) {
        s = s.withPairs(pairs);
      }
      PairedResult r = run(d, c, s);
      System.out.println(summary(r));
    }
  }

  /** One line per JVM and one for the whole, for logs. */
  public static String summary(PairedResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            "paired %s %s vs %s: %s%n", r.doc(), r.contender(), r.baseline(), r.figure()));
    for (PairedResult.Jvm j : r.jvms()) {
      sb.append(
          String.format(
              "  JVM: median %.3f IQR %.3f-%.3f  thread %.3f wall %.3f  raw %.4g ops/CPU-s, bounded %.4g%n",
              j.median(),
              j.q1(),
              j.q3(),
              j.threadMedian(),
              j.wallMedian(),
              j.rawOpsPerCpuSecond(),
              j.boundedOpsPerCpuSecond()));
    }
    return sb.toString();
  }

  /** The JVM flags of the JMH forks for {@code d} (heap fixed and pre-touched). */
  static List<String> jvmFlags(Doc d) {
    // A pre-touched heap: otherwise the kernel's first-touch page faults, billed to the allocating
    // thread while G1 grows the young generation, land in the measured window of the contenders
    // that allocate moderately (seen as a +/-30% spread on 100 MB).
    return huge(d)
        ? List.of("-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch")
        : List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");
  }

  /**
   * The paired JVMs' flags: those of the JMH forks, except that on 100 MB the heap is 1 GiB (fixed,
   * pre-touched) rather than 4 GiB when both sides stream. The JMH forks' 4 GiB is for the tree
   * builders; the streaming pairs need the 100 MB document and a few MiB (the memory runner: 5
   * MiB), and pre-touching 4 GiB costs about 3 s of kernel time per JVM, 12 JVMs in the short run.
   * A pair whose baseline builds a tree (Rome: 768 MiB at the least for 100 MB) gets the JMH forks'
   * heap, so that the baseline is not slowed by a heap too small for it.
   */
  static List<String> pairedJvmFlags(Doc d, boolean treeBaseline) {
    return treeBaseline ? jvmFlags(d) : List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");
  }

  /** Whether {@code bounded}'s baseline builds a tree (Rome) rather than streaming. */
  static boolean treeBaseline(Contender bounded) {
    return !Contenders.byId(bounded.baseline()).streaming();
  }

  /** Runs {@code s.jvms()} child JVMs one after the other and collects their rounds. */
  public static PairedResult run(Doc d, Contender bounded, Settings s)
      throws IOException, InterruptedException {
    String raw = bounded.baseline();
    boolean treeBaseline = treeBaseline(bounded);
    // Rome reads 100 MB in about 11 s, so its pairs take minutes per JVM
    long childSeconds = treeBaseline ? 1800 : 180;
    List<PairedResult.Jvm> jvms = new ArrayList<>();
    int opsPerRound = 0;
    long bytes = -1;
    for (int j = 0; j < s.jvms(); j++) {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(pairedJvmFlags(d, treeBaseline));
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(Paired.class.getName());
      cmd.add("--child");
      cmd.add(d.id());
      cmd.add(raw);
      cmd.add(bounded.id());
      cmd.add(Integer.toString(s.pairs()));
      cmd.add(Integer.toString(s.warmupPairs()));
      cmd.add(Integer.toString(s.maxWarmupPairs()));
      cmd.add(Long.toString(s.roundMillis()));
      if (d.large()) {
        // generated once (2-3 s for 100 MB) and read back by each child: the same bytes
        cmd.add(MemoryRunner.input(d, MemoryRunner.defaultDir()).toString());
      }
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      Map<String, String> env = pb.environment();
      env.remove("JAVA_TOOL_OPTIONS");
      env.remove("_JAVA_OPTIONS");
      Process p = pb.start();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8); // a few dozen lines
      }
      if (!p.waitFor(childSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "paired child for " + d.id() + " " + raw + "/" + bounded.id() + " failed:\n" + out);
      }
      Child c = Child.parse(out, s.pairs());
      opsPerRound = Math.max(opsPerRound, c.ops);
      bytes = c.bytes;
      jvms.add(c.toJvm());
      System.out.printf(
          "  paired %-9s %-17s JVM %d: %d ops/round, median %.3f (%s)%n",
          d.id(), bounded.id(), j + 1, c.ops, jvms.get(jvms.size() - 1).median(), c.timeline);
    }
    return new PairedResult(d.id(), bounded.id(), raw, bytes, opsPerRound, jvms);
  }

  /** A child's rounds, read back from its output. */
  static final class Child {
    int ops;
    long bytes;

    /** When the child had its document, ended its warm-up (and after how many pairs) and ended. */
    String timeline = "";

    final long[][] raw = new long[3][]; // process, thread, wall
    final long[][] bounded = new long[3][];
    final long[] rawOps;
    final long[] boundedOps;

    Child(int pairs) {
      for (int k = 0; k < 3; k++) {
        raw[k] = new long[pairs];
        bounded[k] = new long[pairs];
      }
      rawOps = new long[pairs];
      boundedOps = new long[pairs];
    }

    /**
     * Parses lines {@code ROUND <pair> <raw|bounded> <ops> <processNs> <threadNs> <wallNs>} and
     * {@code BYTES n}.
     */
    static Child parse(String out, int pairs) {
      Child c = new Child(pairs);
      int seen = 0;
      for (String line : out.split("\n")) {
        String[] f = line.trim().split(" ");
        if (f[0].equals("BYTES")) {
          c.bytes = Long.parseLong(f[1]);
          c.timeline += "read at " + f[f.length - 2] + " ms";
        } else if (f[0].equals("WARMUP")) {
          c.timeline += ", " + f[1] + " warm-up pairs to " + f[f.length - 2] + " ms";
        } else if (f[0].equals("SINK")) {
          c.timeline += ", done at " + f[f.length - 2] + " ms";
        } else if (f[0].equals(ROUND)) {
          int i = Integer.parseInt(f[1]);
          long[][] side = f[2].equals("raw") ? c.raw : c.bounded;
          (f[2].equals("raw") ? c.rawOps : c.boundedOps)[i] = Long.parseLong(f[3]);
          c.ops = Integer.parseInt(f[3]);
          for (int k = 0; k < 3; k++) {
            side[k][i] = Long.parseLong(f[4 + k]);
          }
          seen++;
        }
      }
      if (seen != 2 * pairs) {
        throw new IllegalStateException(
            "expected " + 2 * pairs + " rounds, got " + seen + ":\n" + out);
      }
      return c;
    }

    PairedResult.Jvm toJvm() {
      return new PairedResult.Jvm(
          PairedResult.Stats.ratios(raw[0], bounded[0]),
          PairedResult.Stats.ratios(raw[1], bounded[1]),
          PairedResult.Stats.ratios(raw[2], bounded[2]),
          PairedResult.Stats.median(rates(rawOps, raw[0])),
          PairedResult.Stats.median(rates(boundedOps, bounded[0])),
          PairedResult.Stats.median(rates(rawOps, raw[2])),
          PairedResult.Stats.median(rates(boundedOps, bounded[2])));
    }

    static double[] rates(long[] ops, long[] nanos) {
      double[] r = new double[ops.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = ops[i] * 1e9 / nanos[i];
      }
      return r;
    }
  }

  // ---------------------------------------------------------------- the child JVM

  private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

  /** The child's clock for the whole JVM's CPU time. */
  private static final CpuClock CLOCK = new CpuClock();

  /** Keeps every parse's checksum alive. */
  static volatile long sink;

  /**
   * {@code --child doc raw bounded pairs warmupPairs maxWarmupPairs roundMillis [file]}: the
   * document from {@code file} if given. Warm-up runs at least {@code warmupPairs} pairs, then
   * stops after the first pair during which the JIT compiled nothing, or after {@code
   * maxWarmupPairs}.
   */
  static void child(String[] args) throws Exception {
    Doc d = Doc.of(args[1]);
    Contender raw = Contenders.byId(args[2]);
    Contender bounded = Contenders.byId(args[3]);
    int pairs = Integer.parseInt(args[4]);
    int warmupPairs = Integer.parseInt(args[5]);
    int maxWarmupPairs = Integer.parseInt(args[6]);
    long roundNanos = Long.parseLong(args[7]) * 1_000_000L;
    byte[] bytes = args.length > 8 ? Files.readAllBytes(Path.of(args[8])) : d.bytes();
    d.forget();
    System.out.println(
        "BYTES "
            + bytes.length
            + " uptime "
            + ManagementFactory.getRuntimeMXBean().getUptime()
            + " ms");
    // Warm-up: alternately, each for about one round's CPU time, at least warmupPairs pairs and
    // then until a pair passes without the JIT compiling anything (at most maxWarmupPairs); the
    // last pair sizes the rounds. The first pair is one parse each, whose counts must agree (Check
    // runs before every run; this guards a direct call, and costs nothing on 100 MB).
    long compiled = JIT.getTotalCompilationTime();
    Tally a = new Tally();
    Tally b = new Tally();
    long t0 = CpuClock.thread();
    raw.parse(new ByteArrayInputStream(bytes), a);
    long t1 = CpuClock.thread();
    bounded.parse(new ByteArrayInputStream(bytes), b);
    double rawNs = t1 - t0;
    double boundedNs = CpuClock.thread() - t1;
    if (!a.counts().equals(b.counts())) {
      throw new IllegalStateException(
          raw.id() + " saw " + a.counts() + " but " + bounded.id() + " saw " + b.counts());
    }
    int w = 1;
    while (true) {
      long now = JIT.getTotalCompilationTime();
      boolean quiet = now == compiled;
      compiled = now;
      if (w >= warmupPairs && (quiet || w >= maxWarmupPairs)) {
        break;
      }
      rawNs = warm(raw, bytes, roundNanos);
      boundedNs = warm(bounded, bytes, roundNanos);
      w++;
    }
    int ops = (int) Math.max(1, Math.round(roundNanos / ((rawNs + boundedNs) / 2)));
    long warmed = ManagementFactory.getRuntimeMXBean().getUptime();
    System.out.println("WARMUP " + w + " " + ops + " uptime " + warmed + " ms");
    for (int i = 0; i < pairs; i++) {
      if (i % 2 == 0) {
        round(i, "raw", raw, bytes, ops);
        round(i, "bounded", bounded, bytes, ops);
      } else {
        round(i, "bounded", bounded, bytes, ops);
        round(i, "raw", raw, bytes, ops);
      }
    }
    System.out.println(
        "SINK "
            + (sink & 1)
            + " precise "
            + CLOCK.precise()
            + " uptime "
            + ManagementFactory.getRuntimeMXBean().getUptime()
            + " ms");
  }

  /** Parses repeatedly for about {@code budgetNs} of thread CPU time; returns CPU ns per parse. */
  static double warm(Contender c, byte[] bytes, long budgetNs) throws Exception {
    long t0 = CpuClock.thread();
    long done = 0;
    int batch = 1;
    long spent;
    do {
      for (int i = 0; i < batch; i++) {
        once(c, bytes);
      }
      done += batch;
      batch = Math.min(batch * 2, 1024);
      spent = CpuClock.thread() - t0;
    } while (spent < budgetNs);
    return (double) spent / done;
  }

  static void round(int pair, String side, Contender c, byte[] bytes, int ops) throws Exception {
    long others0 = CLOCK.others();
    long thread0 = CpuClock.thread();
    long wall0 = System.nanoTime();
    for (int i = 0; i < ops; i++) {
      once(c, bytes);
    }
    long wall = System.nanoTime() - wall0;
    long thread = CpuClock.thread() - thread0;
    long others = CLOCK.others() - others0;
    long process = CLOCK.precise() ? thread + others : others;
    System.out.println(
        ROUND + " " + pair + " " + side + " " + ops + " " + process + " " + thread + " " + wall);
  }

  static void once(Contender c, byte[] bytes) throws Exception {
    Tally t = new Tally();
    c.parse(new ByteArrayInputStream(bytes), t);
    sink += t.checksum();
  }
}
