package dev.bounded.bench;

import dev.bounded.bench.contender.Contender;
import dev.bounded.bench.contender.Contenders;
import dev.bounded.bench.contender.Diagnostics;
import dev.bounded.bench.contender.Tally;
import dev.bounded.bench.input.Doc;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Fairness check, run before every benchmark run: every contender parses every document it reads,
 * and contenders of the same kind must report the same counts (they touched the same data). Exits
 * non-zero on a failure or mismatch. {@code java -cp bench/target/benchmarks.jar
 * dev.bounded.bench.Check [doc...]}
 */
public final class Check {
  private Check() {}

  public static void main(String[] args) throws Exception {
    List<Doc> docs = new ArrayList<>();
    for (String a : args) {
      docs.add(Doc.of(a));
    }
    if (docs.isEmpty()) {
      for (Doc d : Doc.values()) {
        if (!d.id().endsWith("100m")) {
          docs.add(d);
        }
      }
    }
    List<String> problems = run(docs);
    problems.forEach(System.err::println);
    System.exit(problems.isEmpty() ? 0 : 1);
  }

  /** Checks {@code docs}; returns the problems found. */
  public static List<String> run(List<Doc> docs) {
    List<String> problems = new ArrayList<>();
    for (Doc d : docs) {
      byte[] bytes = d.bytes();
      String reference = null;
      String referenceId = null;
      for (Contender c : Contenders.reading(d)) {
        Tally t = new Tally();
        try {
          c.parse(new ByteArrayInputStream(bytes), t);
        } catch (Exception e) {
          problems.add(d.id() + " " + c.id() + ": " + e);
          continue;
        }
        System.out.printf("%-10s %9d B  %-14s %s%n", d.id(), bytes.length, c.id(), t.counts());
        if (!comparable(c)) {
          continue;
        }
        String counts = t.counts();
        if (reference == null) {
          reference = counts;
          referenceId = c.id();
        } else if (!reference.equals(counts)) {
          problems.add(
              d.id() + ": " + c.id() + " saw " + counts + " but " + referenceId + " saw " + reference);
        }
      }
      d.forget();
    }
    return problems;
  }

  /**
   * Feed readers (Rome, and any contender measured against it) see entries, not the XML; the
   * diagnostics parse partly.
   */
  private static boolean comparable(Contender c) {
    return !"rome".equals(c.id())
        && !"rome".equals(c.baseline())
        && !c.id().startsWith(Diagnostics.PREFIX);
  }
}
