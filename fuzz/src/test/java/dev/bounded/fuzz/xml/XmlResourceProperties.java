package dev.bounded.fuzz.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.fuzz.Endless;
import dev.bounded.fuzz.KnownBugs;
import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.XmlHandler;
import dev.bounded.xml.XmlLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * Resource bounds of the streaming APIs.
 *
 * <ul>
 *   <li>Byte bound: a parse never reads more than {@code maxBytes + }{@link #READ_SLACK} bytes from
 *       its source, endless sources included.
 *   <li>Allocation bound (thread-allocated bytes, {@code com.sun.management.ThreadMXBean}): a
 *       successful push parse of n bytes allocates at most {@link #ALLOC_BASE} + {@link
 *       #ALLOC_PER_BYTE}·n; a parse of an endless source stopped by a limit L allocates at most
 *       {@link #ALLOC_BASE} + {@link #ALLOC_PER_UNIT}·L (L in the limit's own unit).
 * </ul>
 *
 * The constants were measured (see NOTES.md) and carry a margin of about 2x.
 */
class XmlResourceProperties {
  /** One read buffer: the most a parse may read past {@code maxBytes}. */
  static final long READ_SLACK = 64 * 1024;

  /** Fixed allocation of one parse: Woodstox's buffers, symbol table copy, our scanner. */
  static final long ALLOC_BASE = 320 * 1024;

  /** Allocation per input byte of a successful parse. */
  static final long ALLOC_PER_BYTE = 4;

  /**
   * Allocation per unit of the limit that stopped an endless parse: characters, levels, elements,
   * bytes. An attribute costs more ({@link #ALLOC_PER_ATTRIBUTE}): each has a fresh name. The
   * defect this guards is allocation that follows the endless input instead of the limit; the
   * constant is a calibration: our tokenizer keeps three per-level arrays grown by doubling, so a
   * depth just past a power of two costs up to ~90 bytes a level (88 at 16,385, seed
   * 8546213859280110580), where Woodstox read under 64.
   */
  static final long ALLOC_PER_UNIT = 128;

  /** Allocation per attribute when maxAttributes stops an endless start tag of distinct names. */
  static final long ALLOC_PER_ATTRIBUTE = 512;

  private static final com.sun.management.ThreadMXBean MX =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private static long maxOvershoot;
  private static double maxPerByte;
  private static double maxPerUnit;
  private static double maxPerAttribute;
  private static long maxFixed;

  @BeforeContainer
  static void warmUp() throws IOException {
    assertTrue(MX.isThreadAllocatedMemorySupported());
    MX.setThreadAllocatedMemoryEnabled(true);
    for (int i = 0; i < 300; i++) {
      BoundedXml.parse(
          ("<r a='1'><!--c--><?p d?>t&amp;<![CDATA[x]]><e/></r>").getBytes(),
          XmlLimits.defaults(),
          new XmlHandler() {});
    }
  }

  @AfterContainer
  static void report() {
    System.out.printf(
        "XmlResourceProperties measured: max read past maxBytes=%d B (bound %d); max alloc over base per input byte=%.2f (bound %d);"
            + " max alloc over base per limit unit=%.2f (bound %d), per attribute=%.2f (bound %d); max fixed alloc=%d B (bound %d)%n",
        maxOvershoot,
        READ_SLACK,
        maxPerByte,
        ALLOC_PER_BYTE,
        maxPerUnit,
        ALLOC_PER_UNIT,
        maxPerAttribute,
        ALLOC_PER_ATTRIBUTE,
        maxFixed,
        ALLOC_BASE);
  }

  @Provide
  Arbitrary<XmlDoc> docs() {
    return XmlArbitraries.documents();
  }

  /** Endless documents, each growing one measure forever. */
  enum Growth {
    TEXT(Limit.MAX_TEXT_LENGTH, "<r>", i -> "text &amp; more <![CDATA[cdata]]> "),
    ATTRIBUTE_VALUE(Limit.MAX_ATTRIBUTE_LENGTH, "<r a='", i -> "value&amp;value "),
    ATTRIBUTES(Limit.MAX_ATTRIBUTES, "<r", i -> " a" + i + "='1'"),
    NAME(Limit.MAX_NAME_LENGTH, "<r", i -> "nnnnnnnnnnnnnnnn"),
    COMMENT(Limit.MAX_TEXT_LENGTH, "<r><!--", i -> "comment comment "),
    PI(Limit.MAX_TEXT_LENGTH, "<r><?pi ", i -> "data data data "),
    DEPTH(Limit.MAX_DEPTH, "", i -> "<a>"),
    ELEMENTS(Limit.MAX_ELEMENTS, "<r>", i -> "<a/>"),
    BYTES(Limit.MAX_BYTES, "<r>", i -> "<a>t</a>");

    final Limit limit;
    final String prefix;
    final java.util.function.IntFunction<String> unit;

    Growth(Limit limit, String prefix, java.util.function.IntFunction<String> unit) {
      this.limit = limit;
      this.prefix = prefix;
      this.unit = unit;
    }

    XmlLimits limits(long max) {
      XmlLimits.Builder b = XmlLimits.builder().unlimited();
      long m = KnownBugs.floor(limit, max);
      switch (limit) {
        case MAX_TEXT_LENGTH:
          return b.maxTextLength(m).build();
        case MAX_ATTRIBUTE_LENGTH:
          return b.maxAttributeLength(m).build();
        case MAX_ATTRIBUTES:
          return b.maxAttributes(m).build();
        case MAX_NAME_LENGTH:
          return b.maxNameLength(m).build();
        case MAX_DEPTH:
          return b.maxDepth(m).build();
        case MAX_ELEMENTS:
          return b.maxElements(m).build();
        case MAX_BYTES:
          return b.maxBytes(m).build();
        default:
          throw new AssertionError(limit);
      }
    }
  }

  @Property
  void aParseNeverReadsMoreThanMaxBytesPlusOneBuffer(
      @ForAll("docs") XmlDoc doc, @ForAll @LongRange(min = 0, max = 300_000) long maxBytes)
      throws Exception {
    // The document, then endless text inside a never-closed element: only maxBytes can stop it.
    InputStream source =
        new SequenceInputStream(
            new ByteArrayInputStream(
                ("<x>" + doc.text().replaceFirst("^<\\?xml[^>]*>", "")).getBytes("UTF-8")),
            Endless.of("", "endless text "));
    BoundedInputStream counted = BoundedInputStream.builder().setInputStream(source).get();
    XmlLimits limits = XmlLimits.builder().unlimited().maxBytes(maxBytes).build();
    LimitExceededException e = null;
    try {
      BoundedXml.parse(counted, limits, new XmlHandler() {});
    } catch (LimitExceededException x) {
      e = x;
    }
    assertInstanceOf(LimitExceededException.class, e, "an endless document must fail");
    assertEquals(Limit.MAX_BYTES, e.limit(), e.getMessage());
    long over = counted.getCount() - maxBytes;
    maxOvershoot = Math.max(maxOvershoot, over);
    assertTrue(
        over <= READ_SLACK, "read " + counted.getCount() + " bytes with maxBytes " + maxBytes);
  }

  @Property
  void aSuccessfulParseAllocatesLinearlyInItsInput(@ForAll("docs") XmlDoc doc) throws Exception {
    byte[] bytes = doc.bytes();
    XmlLimits limits = doc.facts().exactLimits();
    XmlHandler noop = new XmlHandler() {};
    long before = MX.getCurrentThreadAllocatedBytes();
    BoundedXml.parse(bytes, limits, noop);
    long used = MX.getCurrentThreadAllocatedBytes() - before;
    maxFixed = Math.max(maxFixed, Math.min(used, ALLOC_BASE));
    if (used > ALLOC_BASE) {
      maxPerByte = Math.max(maxPerByte, (used - ALLOC_BASE) / (double) Math.max(1, bytes.length));
    }
    assertTrue(
        used <= ALLOC_BASE + ALLOC_PER_BYTE * bytes.length,
        "allocated " + used + " bytes for " + bytes.length + " input bytes");
  }

  @Property
  void aParseStoppedByALimitAllocatesInProportionToTheLimit(
      @ForAll Growth growth, @ForAll @LongRange(min = 0, max = 100_000) long max) throws Exception {
    XmlLimits limits = growth.limits(max);
    InputStream in = new Endless(growth.prefix, growth.unit);
    long before = MX.getCurrentThreadAllocatedBytes();
    LimitExceededException e = null;
    try {
      BoundedXml.parse(in, limits, new XmlHandler() {});
    } catch (LimitExceededException x) {
      e = x;
    }
    long used = MX.getCurrentThreadAllocatedBytes() - before;
    assertInstanceOf(LimitExceededException.class, e, "an endless document must fail");
    assertEquals(growth.limit, e.limit(), e.getMessage());
    long perUnit = growth == Growth.ATTRIBUTES ? ALLOC_PER_ATTRIBUTE : ALLOC_PER_UNIT;
    if (used > ALLOC_BASE) {
      double measured = (used - ALLOC_BASE) / (double) Math.max(1, max);
      if (growth == Growth.ATTRIBUTES) {
        maxPerAttribute = Math.max(maxPerAttribute, measured);
      } else {
        maxPerUnit = Math.max(maxPerUnit, measured);
      }
    }
    assertTrue(
        used <= ALLOC_BASE + perUnit * max,
        growth + " limit " + max + ": allocated " + used + " bytes");
  }
}
