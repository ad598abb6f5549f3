package dev.bounded.json.internal;

import com.fasterxml.jackson.core.JsonParser;
import java.util.EnumSet;
import java.util.Set;

/** The Jackson features a bounded parser refuses, because they change how text is tokenized. */
final class Features {
  /** Comments and unquoted or single-quoted names and strings: the scanner would lose its place. */
  static final Set<JsonParser.Feature> REFUSED =
      EnumSet.of(
          JsonParser.Feature.ALLOW_COMMENTS,
          JsonParser.Feature.ALLOW_YAML_COMMENTS,
          JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES,
          JsonParser.Feature.ALLOW_SINGLE_QUOTES);

  /** The refused features' bits, so that the per-parser check is one AND (no set iteration). */
  private static final int REFUSED_MASK = mask();

  private Features() {}

  private static int mask() {
    int m = 0;
    for (JsonParser.Feature f : REFUSED) {
      m |= f.getMask();
    }
    return m;
  }

  static boolean isRefused(JsonParser.Feature f) {
    return REFUSED.contains(f);
  }

  static UnsupportedOperationException refused(JsonParser.Feature f) {
    return new UnsupportedOperationException(
        "JsonParser.Feature."
            + f.name()
            + " changes how JSON text is tokenized, so the limits could not be enforced while"
            + " streaming; a bounded parser refuses it");
  }

  /** Throws if {@code values} enables, under {@code mask}, a refused feature. */
  static void checkMask(int values, int mask) {
    if ((mask & values & REFUSED_MASK) == 0) {
      return;
    }
    for (JsonParser.Feature f : REFUSED) {
      if ((mask & values & f.getMask()) != 0) {
        throw refused(f);
      }
    }
  }
}
