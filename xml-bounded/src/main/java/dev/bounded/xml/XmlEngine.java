package dev.bounded.xml;

/**
 * The XML parser underneath every Bounded XML API, chosen by {@link XmlLimits#engine()}. Both
 * engines hold every {@link XmlLimits} limit exactly, refuse or skim a DOCTYPE as {@link DtdPolicy}
 * says, never fetch anything, and fail with Bounded's own exceptions; the push, pull, DOM, SAX,
 * per-element and feed APIs follow the choice with no other change.
 */
public enum XmlEngine {
  /**
   * Bounded's own single-pass tokenizer: one pass over UTF-8 bytes (other encodings are transcoded
   * to UTF-8 in front of it) that checks well-formedness to XML 1.0 fifth edition and Namespaces
   * 1.0, enforces every limit inside its own loops, and resolves namespaces with hash look-ups.
   * Error locations carry line, column and byte offset wherever the input is bytes. The default
   * (decision 018), and the only engine a feeder or subscriber can use.
   */
  BOUNDED,

  /**
   * Woodstox (the reference implementation Bounded is compared with), read through Bounded's
   * byte-level pre-scanner, which holds the limits Woodstox cannot. Woodstox applies the fourth
   * edition's name rules and accepts the characters U+FFFE and U+FFFF. Woodstox is an optional
   * dependency: add {@code com.fasterxml.woodstox:woodstox-core} (7.2 or later) to select this
   * engine; without it {@link XmlLimits.Builder#engine(XmlEngine)} throws {@link
   * IllegalStateException}.
   */
  WOODSTOX
}
