package dev.bounded.fuzz;

import dev.bounded.core.Limit;
import java.util.Map;

/**
 * The allow-list of open bugs in the code under test, each with its regression file. While a bug is
 * listed here the properties step around it (so the rest of the search keeps running) and the
 * regression replay expects the file to fail; once it is fixed, the replay fails until the entry is
 * removed. Keep every entry commented with the minimal input and what is expected.
 */
public final class KnownBugs {
  private KnownBugs() {}

  /**
   * regressions/xml/zero-limit-breaks-woodstox-config.*: XmlLimits with maxDepth, maxAttributes or
   * maxAttributeLength = 0 makes every parse fail with MalformedDocumentException "Invalid numeric
   * value (0) for property 'com.ctc.wstx.maxAttributesPerElement': minimum is 1." (Woodstox.create
   * passes the limit straight to Woodstox, whose minimum is 1). Expected: {@code <r/>} passes with
   * maxAttributes(0) or maxAttributeLength(0); with maxDepth(0) it fails with MAX_DEPTH. Fix: clamp
   * the Woodstox second-line settings to at least 1 (the scanner fires first anyway).
   */
  public static final boolean ZERO_LIMIT_BREAKS_WOODSTOX_CONFIG = false; // fixed

  /**
   * regressions/xml/xml-declaration-counts-as-name.*: the scanner measures the XML declaration's
   * "xml" as a processing-instruction target, so {@code <?xml version="1.0"?><a/>} fails with
   * MAX_NAME_LENGTH under maxNameLength(1) or (2), and XmlStats.maxNameLength() reports 3 for it.
   * Expected: it passes, stats say 1 (the declaration is not a PI; XmlLimits.maxNameLength names
   * element, attribute, PI-target and entity names only). Fix: in XmlScanner's PI_TARGET state,
   * update maxNameLengthSeen/check the limit only once the target is known not to be the
   * declaration (or skip the check while declCandidate and chars <= 3).
   */
  public static final boolean XML_DECL_TARGET_COUNTS_AS_NAME = false; // fixed

  /**
   * regressions/xml/doctype-under-ignore-fails-on-dtd-event.*: under DtdPolicy.IGNORE every
   * document with a DOCTYPE fails: {@code <!DOCTYPE r><r/>} gives MalformedDocumentException
   * "getTextXxx() methods can not be called on DTD". BoundedStreamReader.next() calls
   * woodstox.getTextLength() on the DTD event (case COMMENT/DTD), which Woodstox forbids for DTD
   * (SUPPORT_DTD=false). Expected: the parse passes (raw Woodstox accepts it). It makes IGNORE
   * useless: 875 of 878 W3C DOCTYPE tests are rejected under IGNORE. Fix: do not call
   * getTextLength() for DTD events (or use getText()).
   */
  public static final boolean DOCTYPE_UNDER_IGNORE_FAILS = false; // fixed

  /**
   * regressions/xml/utf16-declaring-utf8-accepted.*: UTF-16BE bytes with a BOM whose XML
   * declaration says encoding="UTF-8" are accepted (W3C hst-lhs-008). Raw Woodstox rejects them
   * ("Declared encoding 'UTF-8' uses 1 bytes per character; but physical encoding appeared to use
   * 2"); Bounded hands Woodstox already-decoded characters, so the conflict is never checked.
   * Expected: MalformedDocumentException. Fix: on the wide-charset path, have the scanner refuse a
   * declared encoding that is not of the detected family (UTF-16* / UTF-32* / UCS*).
   */
  public static final boolean UTF16_DECLARING_UTF8_ACCEPTED = false; // fixed

  /**
   * regressions/json/name-length-counts-utf8-bytes.*: json-bounded measures a property name written
   * with raw non-ASCII UTF-8 in bytes, not UTF-16 characters: {@code {"é":1}} fails
   * maxNameLength(1) with "Name length (2 characters) exceeds the maximum allowed (1
   * characters...)"; U+0800 counts 3. Escaped names too: {@code {"\u0080":""}}
   * (escaped-name-length-counts-utf8-bytes.*) counts 2. String values are counted right ({@code
   * ["é"]} passes maxStringLength(1)). Expected: passes. Fix: in json-bounded's Scanner, count name
   * bytes as it counts string-value bytes (skip continuation bytes, 2 units for 4-byte sequences).
   */
  public static final boolean JSON_NAME_COUNTS_UTF8_BYTES = false; // fixed

  /**
   * regressions/json/number-text-checked-against-string-and-name-limits.*: {@code
   * BoundedJson.parse("0", maxStringLength(0).maxNameLength(0), handler)} where the handler calls
   * {@code number.toString()} fails with LimitExceededException "String length (1 characters)
   * exceeds the maximum allowed (0 characters, from JsonLimits.maxStringLength)"; with either limit
   * left at its default it passes. The number is 1 character and maxNumberLength governs it.
   * Expected: passes, handler sees "0". (Likely Jackson's StreamReadConstraints string check
   * reaching the number text buffer when both bounded constraints are 0.)
   */
  public static final boolean JSON_NUMBER_TEXT_CHECKED_AS_STRING = false; // fixed

  /** Regression files (relative to regressions/) expected to fail while their bug is open. */
  public static final Map<String, String> EXPECTED_FAILING =
      Map.ofEntries(); // none open: every entry found so far is fixed

  /** The lowest value the properties may set {@code limit} to while known bugs are open. */
  public static long floor(Limit limit, long value) {
    if (ZERO_LIMIT_BREAKS_WOODSTOX_CONFIG
        && value == 0
        && (limit == Limit.MAX_DEPTH
            || limit == Limit.MAX_ATTRIBUTES
            || limit == Limit.MAX_ATTRIBUTE_LENGTH)) {
      return 1;
    }
    return value;
  }
}
