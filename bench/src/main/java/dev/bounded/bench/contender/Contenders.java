package dev.bounded.bench.contender;

import dev.bounded.bench.input.Doc;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contender registry: the one place a new parser is added to every benchmark. To add one,
 * implement {@link Contender} (see {@link XmlContenders} and {@link JsonContenders} for the shape)
 * and list it in {@link #ALL}; then the throughput runner, the memory runner, the consistency check
 * and the targets in {@code BENCHMARKS.md} include it by its id.
 */
public final class Contenders {
  private Contenders() {}

  private static final Map<String, Contender> ALL = new LinkedHashMap<>();

  static {
    XmlContenders.all().forEach(Contenders::register);
    JsonContenders.all().forEach(Contenders::register);
    Diagnostics.all().forEach(Contenders::register);
  }

  private static void register(Contender c) {
    if (ALL.putIfAbsent(c.id(), c) != null) {
      throw new IllegalStateException("duplicate contender id: " + c.id());
    }
  }

  /** Every registered contender, in registration order. */
  public static List<Contender> all() {
    return Collections.unmodifiableList(new ArrayList<>(ALL.values()));
  }

  /** The contender with this id. */
  public static Contender byId(String id) {
    Contender c = ALL.get(id);
    if (c == null) {
      throw new IllegalArgumentException("unknown contender: " + id + "; known: " + ALL.keySet());
    }
    return c;
  }

  /** Whether a contender with this id is registered (later modules add theirs). */
  public static boolean has(String id) {
    return ALL.containsKey(id);
  }

  /** The contenders that read {@code doc}. */
  public static List<Contender> reading(Doc doc) {
    List<Contender> out = new ArrayList<>();
    for (Contender c : ALL.values()) {
      if (c.reads(doc)) {
        out.add(c);
      }
    }
    return out;
  }
}
