package dev.bounded.bench;

import dev.bounded.bench.contender.Contender;
import dev.bounded.bench.contender.Contenders;
import dev.bounded.bench.contender.Tally;
import dev.bounded.bench.input.Doc;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole-document parses per second of one contender on one document, read from memory through an
 * {@link ByteArrayInputStream} (the same for every contender). MB/s is ops/s times the document's
 * size. Each (doc, contender) pair runs in its own fork, so no contender's code pollutes another's
 * profile. Any registered contender and any {@link Doc} can be named with {@code -p}:
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar Throughput -p doc=rss-10m -p contender=woodstox-raw,bounded-push
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class Throughput {
  /** The document, by {@link Doc#id()}. */
  @Param({"rss-1k", "rss-10m"})
  public String doc;

  /** The contender, by {@link Contender#id()}. */
  @Param({"woodstox-raw", "bounded-push", "bounded-pull"})
  public String contender;

  private Contender parser;
  private byte[] bytes;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Doc d = Doc.of(doc);
    parser = Contenders.byId(contender);
    if (!parser.reads(d)) {
      throw new IllegalArgumentException(contender + " does not read " + doc);
    }
    bytes = d.bytes();
    d.forget();
    Tally t = new Tally();
    parser.parse(new ByteArrayInputStream(bytes), t); // fail fast on a broken contender
  }

  @Benchmark
  public long parse() throws Exception {
    Tally t = new Tally();
    parser.parse(new ByteArrayInputStream(bytes), t);
    return t.checksum();
  }
}
