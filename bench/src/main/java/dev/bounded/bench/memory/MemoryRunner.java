package dev.bounded.bench.memory;

import dev.bounded.bench.contender.Contender;
import dev.bounded.bench.contender.Contenders;
import dev.bounded.bench.input.Doc;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Finds, by bisection over {@code -Xmx}, the smallest heap in which each contender parses a large
 * document, starting every probe in a JVM of its own ({@link MemoryChild}). The document is
 * generated once into a file beside the benchmark jar (never committed) so the probe allocates
 * nothing to produce it.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.bounded.bench.memory.MemoryRunner \
 *     [--doc rss-100m] [--tolerance 0.05] [contender...]
 * </pre>
 */
public final class MemoryRunner {
  /** The smallest heap ever tried, MiB. */
  public static final long FLOOR_MB = 2;

  /** The largest heap ever tried, MiB: past it a contender is reported as needing more. */
  public static final long CAP_MB = 8192;

  private final Doc doc;
  private final double tolerance;
  private final long probeTimeoutSeconds;
  private final Path dir;

  /**
   * @param doc the document to parse (generated into {@code dir})
   * @param tolerance bisection stops when the bracket is within this fraction of the upper end
   * @param probeTimeoutSeconds a probe running longer than this counts as a failure (GC thrash)
   * @param dir where the generated input file lives
   */
  public MemoryRunner(Doc doc, double tolerance, long probeTimeoutSeconds, Path dir) {
    this.doc = doc;
    this.tolerance = tolerance;
    this.probeTimeoutSeconds = probeTimeoutSeconds;
    this.dir = dir;
  }

  public static void main(String[] args) throws Exception {
    Doc doc = Doc.RSS_100M;
    double tolerance = 0.05;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--doc":
          doc = Doc.of(args[++i]);
          break;
        case "--tolerance":
          tolerance = Double.parseDouble(args[++i]);
          break;
        default:
          ids.add(args[i]);
      }
    }
    if (ids.isEmpty()) {
      ids = defaultContenders(doc);
    }
    MemoryRunner runner = new MemoryRunner(doc, tolerance, 300, defaultDir());
    for (String id : ids) {
      MemoryResult r = runner.measure(Contenders.byId(id));
      System.out.println(r);
    }
  }

  /**
   * The contenders the memory table shows for {@code doc}: every one but the references, plus the
   * JDK DOM and Rome.
   */
  public static List<String> defaultContenders(Doc doc) {
    List<String> ids = new ArrayList<>();
    for (Contender c : Contenders.reading(doc)) {
      if (c.role() != Contender.Role.REFERENCE
          || c.id().equals("jdk-dom")
          || c.id().equals("rome")
          || c.id().equals("jackson-tree")) {
        ids.add(c.id());
      }
    }
    return ids;
  }

  /** bench/target/bench-inputs, beside the jar this class was loaded from (else ./target). */
  public static Path defaultDir() {
    try {
      Path jar =
          Path.of(MemoryRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path base = Files.isDirectory(jar) ? jar.getParent() : jar.getParent();
      return base.resolve("bench-inputs");
    } catch (Exception e) {
      return Path.of("target", "bench-inputs");
    }
  }

  /** The input file, generated on first use. */
  public Path input() throws IOException {
    return input(doc, dir);
  }

  /**
   * {@code doc} as a file in {@code dir} ({@code <id>.xml} or {@code .json}), generated on first
   * use.
   */
  public static Path input(Doc doc, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(doc.id() + (doc.format == Doc.Format.XML ? ".xml" : ".json"));
    if (!Files.exists(file)) {
      Path tmp = Files.createTempFile(dir, doc.id(), ".tmp");
      try (InputStream in = doc.stream();
          OutputStream out = Files.newOutputStream(tmp)) {
        in.transferTo(out);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    return file;
  }

  /** Bisects the smallest heap for {@code c} to this runner's tolerance. */
  public MemoryResult measure(Contender c) throws IOException, InterruptedException {
    return measure(c, tolerance);
  }

  /** Bisects the smallest heap for {@code c} until the bracket is within {@code tolerance}. */
  public MemoryResult measure(Contender c, double tolerance)
      throws IOException, InterruptedException {
    Path file = input();
    long size = Files.size(file);
    List<String> notes = new ArrayList<>();
    int probes = 0;
    long lo = 0; // largest failing heap
    long hi = -1; // smallest passing heap
    Probe best = null;
    Probe fastest = null;
    long guess = c.streaming() ? 16 : 1024;
    // Bracket: halve down from a pass, or double up from a failure.
    Probe p = probe(c, file, guess, notes);
    probes++;
    if (p.ok) {
      hi = guess;
      best = p;
      fastest = p;
      for (long h = guess / 2; h >= FLOOR_MB; h /= 2) {
        Probe q = probe(c, file, h, notes);
        probes++;
        if (!q.ok) {
          lo = h;
          break;
        }
        hi = h;
        best = q;
      }
    } else {
      lo = guess;
      for (long h = guess * 2; h <= CAP_MB; h *= 2) {
        Probe q = probe(c, file, h, notes);
        probes++;
        if (q.ok) {
          hi = h;
          best = q;
          fastest = q;
          break;
        }
        lo = h;
      }
      if (hi < 0) {
        notes.add("failed at every heap up to " + CAP_MB + " MiB");
        return new MemoryResult(
            c.id(), -1, lo, -1, -1, size, -1, -1, probes, String.join("; ", notes));
      }
    }
    while (hi - lo > Math.max(1, (long) (hi * tolerance))) {
      long mid = (lo + hi) / 2;
      Probe q = probe(c, file, mid, notes);
      probes++;
      if (q.ok) {
        hi = mid;
        best = q;
      } else {
        lo = mid;
      }
    }
    if (lo == 0 && hi == FLOOR_MB) {
      notes.add("passed at the floor of " + FLOOR_MB + " MiB");
    }
    return new MemoryResult(
        c.id(),
        hi,
        lo,
        best.hwmKb,
        best.allocated,
        size,
        best.elapsedNanos,
        fastest.elapsedNanos,
        probes,
        String.join("; ", notes));
  }

  private static final class Probe {
    boolean ok;
    long elapsedNanos;
    long allocated;
    long hwmKb;
  }

  private Probe probe(Contender c, Path file, long heapMb, List<String> notes)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "-Xmx" + heapMb + "m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                MemoryChild.class.getName(),
                c.id(),
                file.toString())
            .redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.remove("JAVA_TOOL_OPTIONS");
    env.remove("_JAVA_OPTIONS");
    Process proc = pb.start();
    byte[] out;
    boolean finished;
    try (InputStream in = proc.getInputStream()) {
      // Output is a few lines; read it after the wait on a separate thread-free path.
      finished = proc.waitFor(probeTimeoutSeconds, TimeUnit.SECONDS);
      if (!finished) {
        proc.destroyForcibly();
        proc.waitFor();
      }
      out = in.readAllBytes();
    }
    Probe p = new Probe();
    String text = new String(out, StandardCharsets.UTF_8);
    if (finished && proc.exitValue() == MemoryChild.THRASH) {
      notes.add("GC thrash at " + heapMb + " MiB counted as a failure");
    }
    if (!finished) {
      notes.add(
          "timed out after "
              + probeTimeoutSeconds
              + " s at "
              + heapMb
              + " MiB (counted as a failure)");
    } else if (proc.exitValue() == 0) {
      for (String line : text.split("\n")) {
        if (line.startsWith(MemoryChild.RESULT)) {
          p.ok = true;
          for (String kv : line.split(" ")) {
            String[] parts = kv.split("=", 2);
            if (parts.length == 2) {
              switch (parts[0]) {
                case "elapsedNanos":
                  p.elapsedNanos = Long.parseLong(parts[1]);
                  break;
                case "allocated":
                  p.allocated = Long.parseLong(parts[1]);
                  break;
                case "hwmKb":
                  p.hwmKb = Long.parseLong(parts[1]);
                  break;
                default:
                  break;
              }
            }
          }
        }
      }
    }
    System.out.printf(
        "  memory %-14s -Xmx%-6s %s%n",
        c.id(),
        heapMb + "m",
        p.ok
            ? String.format("ok   %6.1f s  peak RSS %d MiB", p.elapsedNanos / 1e9, p.hwmKb / 1024)
            : !finished
                ? "fail (timeout)"
                : proc.exitValue() == MemoryChild.THRASH
                    ? "fail (GC thrash: over 90% of 10 s in GC)"
                    : proc.exitValue() == 3
                        ? "fail (OutOfMemoryError)"
                        : "fail (exit " + proc.exitValue() + ")");
    return p;
  }
}
