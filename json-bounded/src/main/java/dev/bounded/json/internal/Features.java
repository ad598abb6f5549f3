package dev.bounded.json.internal;

import com.fasterxml.jackson.core.JsonParser;
import java.util.EnumSet;
import java.util.Set;

/**
 * The Jackson features a bounded parser refuses, because they change how text is tokenized: the
 * factory's parsers (Jackson's) refuse those under which the scanner would lose its place; our
 * tokenizer's pull parser ({@link TokenizerParser}) reads RFC 8259 only and refuses every feature
 * that loosens the grammar.
 */
final class Features {
  /** Comments and unquoted or single-quoted names and strings: the scanner would lose its place. */
  static final Set<JsonParser.Feature> REFUSED =
      EnumSet.of(
          JsonParser.Feature.ALLOW_COMMENTS,
          JsonParser.Feature.ALLOW_YAML_COMMENTS,
          JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES,
          JsonParser.Feature.ALLOW_SINGLE_QUOTES);

  /** The factory parsers' refusals. */
  static final Features FACTORY =
      new Features(
          REFUSED,
          "so the limits could not be enforced while streaming; a bounded parser refuses it");

  /** {@code BoundedJson.newParser}'s refusals: every feature that loosens RFC 8259. */
  static final Features TOKENIZER =
      new Features(
          tokenizerRefused(),
          "BoundedJson.newParser reads"
              + " RFC 8259 JSON and refuses it (a parser from BoundedJson.newFactory honours it)");

  private final Set<JsonParser.Feature> refused;

  /** The refused features' bits, so that the per-parser check is one AND (no set iteration). */
  private final int mask;

  private final String why;

  private Features(Set<JsonParser.Feature> refused, String why) {
    this.refused = refused;
    this.why = why;
    int m = 0;
    for (JsonParser.Feature f : refused) {
      m |= f.getMask();
    }
    this.mask = m;
  }

  @SuppressWarnings("deprecation")
  private static Set<JsonParser.Feature> tokenizerRefused() {
    Set<JsonParser.Feature> s = EnumSet.copyOf(REFUSED);
    s.add(JsonParser.Feature.ALLOW_UNQUOTED_CONTROL_CHARS);
    s.add(JsonParser.Feature.ALLOW_RS_CONTROL_CHAR);
    s.add(JsonParser.Feature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER);
    s.add(JsonParser.Feature.ALLOW_NUMERIC_LEADING_ZEROS);
    s.add(JsonParser.Feature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS);
    s.add(JsonParser.Feature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS);
    s.add(JsonParser.Feature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS);
    s.add(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);
    s.add(JsonParser.Feature.ALLOW_MISSING_VALUES);
    s.add(JsonParser.Feature.ALLOW_TRAILING_COMMA);
    s.add(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return s;
  }

  /** Throws if {@code f} is refused. */
  void check(JsonParser.Feature f) {
    if (refused.contains(f)) {
      throw refusal(f);
    }
  }

  /** Throws if {@code values} enables, under {@code mask}, a refused feature. */
  void check(int values, int mask) {
    if ((mask & values & this.mask) == 0) {
      return;
    }
    for (JsonParser.Feature f : refused) {
      if ((mask & values & f.getMask()) != 0) {
        throw refusal(f);
      }
    }
  }

  private UnsupportedOperationException refusal(JsonParser.Feature f) {
    return new UnsupportedOperationException(
        "JsonParser.Feature." + f.name() + " changes how JSON text is tokenized, " + why);
  }

  // The factory parsers' checks, by their old names.

  static boolean isRefused(JsonParser.Feature f) {
    return REFUSED.contains(f);
  }

  static UnsupportedOperationException refused(JsonParser.Feature f) {
    return FACTORY.refusal(f);
  }

  static void checkMask(int values, int mask) {
    FACTORY.check(values, mask);
  }
}
