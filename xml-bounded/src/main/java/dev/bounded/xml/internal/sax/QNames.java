package dev.bounded.xml.internal.sax;

import java.util.HashMap;
import java.util.Map;

/**
 * One parse's qualified names ({@code prefix:local}), made once per distinct pair rather than once
 * per element or attribute: a document of many prefixed attributes otherwise pays a string
 * concatenation for each (three times a plain document's SAX time, measured). Holds at most {@link
 * #MAX_KEPT} names (the parser's own name table keeps at most 4,096 distinct names a parse); past
 * that a name is made and not kept.
 */
final class QNames {
  static final int MAX_KEPT = 4096;

  private final Map<String, Map<String, String>> byPrefix = new HashMap<>();
  private int kept;

  /** {@code local} alone for an empty prefix, else {@code prefix:local}. */
  String of(String prefix, String local) {
    if (prefix.isEmpty()) {
      return local;
    }
    Map<String, String> byLocal = byPrefix.get(prefix);
    if (byLocal == null) {
      if (kept >= MAX_KEPT) {
        return prefix + ':' + local;
      }
      byLocal = new HashMap<>();
      byPrefix.put(prefix, byLocal);
    }
    String q = byLocal.get(local);
    if (q == null) {
      q = prefix + ':' + local;
      if (kept < MAX_KEPT) {
        byLocal.put(local, q);
        kept++;
      }
    }
    return q;
  }
}
