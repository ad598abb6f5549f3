package dev.bounded.xml;

/**
 * What a parse does with a {@code <!DOCTYPE ...>} declaration. No policy ever fetches anything: no
 * external DTD subset, external entity or XInclude is resolved, from files or the network.
 */
public enum DtdPolicy {
  /**
   * The default: any DOCTYPE fails the parse with a {@link
   * dev.bounded.core.ForbiddenConstructException} before the underlying parser sees it, harmless
   * ones included.
   */
  REFUSE,
  /**
   * A DOCTYPE is accepted and skipped (it counts against {@link XmlLimits#maxTextLength()} as raw
   * bytes); nothing it declares takes effect, so a reference to an entity it declares fails with a
   * {@link dev.bounded.core.ForbiddenConstructException}. Suits feeds that carry a legacy DOCTYPE
   * (RSS 0.91).
   */
  IGNORE
}
