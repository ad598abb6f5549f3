package dev.bounded.flink;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.Accumulator;

/** A Flink accumulator: records per file, merged over all subtasks at the end of the job. */
final class CountsByFile implements Accumulator<String, HashMap<String, Long>> {
  private static final long serialVersionUID = 1L;
  private HashMap<String, Long> counts = new HashMap<>();

  @Override
  public void add(String file) {
    counts.merge(file, 1L, Long::sum);
  }

  @Override
  public HashMap<String, Long> getLocalValue() {
    return counts;
  }

  @Override
  public void resetLocal() {
    counts = new HashMap<>();
  }

  @Override
  public void merge(Accumulator<String, HashMap<String, Long>> other) {
    for (Map.Entry<String, Long> e : other.getLocalValue().entrySet()) {
      counts.merge(e.getKey(), e.getValue(), Long::sum);
    }
  }

  @Override
  public CountsByFile clone() {
    CountsByFile c = new CountsByFile();
    c.counts = new HashMap<>(counts);
    return c;
  }
}
