package dev.bounded.bench;

import dev.bounded.bench.contender.Contender;
import dev.bounded.bench.contender.Contenders;
import dev.bounded.bench.contender.Diagnostics;
import dev.bounded.bench.contender.Tally;
import dev.bounded.bench.input.Doc;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fairness check, run before every benchmark run: every contender parses every document it reads,
 * and contenders of the same {@link Contender#view() view} must report the same counts (they
 * touched the same data): the whole-document ones, the per-item ones, the feed readers. Exits
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
      // per view: the first comparable contender's counts and id
      Map<String, String[]> reference = new HashMap<>();
      for (Contender c : Contenders.reading(d)) {
        Tally t = new Tally();
        try {
          c.parse(new ByteArrayInputStream(bytes), t);
        } catch (Exception e) {
          problems.add(d.id() + " " + c.id() + ": " + e);
          continue;
        }
        System.out.printf(
            "%-10s %9d B  %-17s %-9s %s%n", d.id(), bytes.length, c.id(), c.view(), t.counts());
        if (c.id().startsWith(Diagnostics.PREFIX)) {
          continue; // the diagnostics parse partly
        }
        String counts = t.counts();
        String[] ref = reference.putIfAbsent(c.view(), new String[] {counts, c.id()});
        if (ref != null && !ref[0].equals(counts)) {
          problems.add(
              d.id() + " (" + c.view() + "): " + c.id() + " saw " + counts + " but " + ref[1]
                  + " saw " + ref[0]);
        }
      }
      d.forget();
    }
    return problems;
  }
}
