package dev.bounded.bench.contender;

import dev.bounded.bench.contender.Contender.Role;
import dev.bounded.bench.input.Doc;
import dev.bounded.bench.input.Doc.Format;
import dev.bounded.core.LimitedInputStream;
import dev.bounded.xml.internal.BoundedStreamReader;
import dev.bounded.xml.internal.Woodstox;
import dev.bounded.xml.internal.XmlScanner;
import java.io.InputStream;
import java.util.List;

/**
 * Contenders that take the bounded XML stack apart, to see where its time goes. They are not part
 * of the default runs or the report (their ids start with {@value #PREFIX}); name them with {@code
 * -p contender=...}.
 */
public final class Diagnostics {
  private Diagnostics() {}

  /** Every diagnostic contender's id starts with this. */
  public static final String PREFIX = "diag-";

  static List<Contender> all() {
    return List.of(
        new Simple(
            PREFIX + "limited",
            Format.XML,
            Role.REFERENCE,
            XmlContenders.RAW,
            true,
            d -> true,
            "LimitedInputStream alone, drained through an 8 KiB buffer",
            (in, t) -> drain(LimitedInputStream.of(in, XmlContenders.LIMITS.maxBytes(), "x"), t)),
        new Simple(
            PREFIX + "scan",
            Format.XML,
            Role.REFERENCE,
            XmlContenders.RAW,
            true,
            d -> true,
            "LimitedInputStream and XmlScanner, drained through an 8 KiB buffer (no XML parser)",
            (in, t) ->
                drain(
                    new XmlScanner(
                        LimitedInputStream.of(in, XmlContenders.LIMITS.maxBytes(), "x"),
                        XmlContenders.LIMITS,
                        true),
                    t)),
        new Simple(
            PREFIX + "skim",
            Format.XML,
            Role.REFERENCE,
            XmlContenders.RAW,
            true,
            d -> true,
            "the cheapest conceivable byte pre-pass: LimitedInputStream and an eight-bytes-at-a-time"
                + " count of '<' and '&', drained through an 8 KiB buffer (a lower bound for any"
                + " pre-scanner)",
            (in, t) ->
                drainSkim(LimitedInputStream.of(in, XmlContenders.LIMITS.maxBytes(), "x"), t)),
        new Simple(
            PREFIX + "woodstox-scanned",
            Format.XML,
            Role.REFERENCE,
            XmlContenders.RAW,
            true,
            d -> true,
            "raw Woodstox reading through LimitedInputStream and XmlScanner (no delegate, no"
                + " head read): the scanner's cost inside a parse",
            (in, t) ->
                StaxLoop.drain(
                    XmlContenders.Wstx.F.createXMLStreamReader(
                        new XmlScanner(
                            LimitedInputStream.of(in, XmlContenders.LIMITS.maxBytes(), "x"),
                            XmlContenders.LIMITS,
                            true)),
                    t)),
        new Simple(
            PREFIX + "event-limits",
            Format.XML,
            Role.REFERENCE,
            XmlContenders.RAW,
            true,
            d -> true,
            "single-pass sketch: LimitedInputStream, Woodstox configured by Woodstox.factory (its own"
                + " depth/attribute/attribute-size limits), name and text-run checks on events; no"
                + " XmlScanner",
            (in, t) ->
                StaxLoop.drain(
                    new EventLimitedReader(
                        Woodstox.factory(XmlContenders.LIMITS, true)
                            .createXMLStreamReader(
                                LimitedInputStream.of(in, XmlContenders.LIMITS.maxBytes(), "x")),
                        XmlContenders.LIMITS),
                    t)),
        new Simple(
            PREFIX + "open-close",
            Format.XML,
            Role.REFERENCE,
            XmlContenders.RAW,
            true,
            d -> true,
            "BoundedStreamReader.open then close, no events read: the per-parse set-up",
            (in, t) -> BoundedStreamReader.open(in, XmlContenders.LIMITS, true).close()),
        new Simple(
            PREFIX + "woodstox-open-close",
            Format.XML,
            Role.REFERENCE,
            XmlContenders.RAW,
            true,
            d -> true,
            "raw Woodstox createXMLStreamReader then close: its per-parse set-up",
            (in, t) -> XmlContenders.Wstx.F.createXMLStreamReader(in).close()),
        new Simple(
            PREFIX + "feed-reader-woodstox",
            Format.XML,
            Role.REFERENCE,
            "rome",
            true,
            d -> d.kind == Doc.Kind.FEED,
            "the feed-reader contender on the optional WOODSTOX engine (selected through"
                + " FeedLimits.xmlLimits): what the default engine gives the feed reader",
            XmlContenders.ENTRIES,
            (in, t) -> XmlContenders.feedReader(in, XmlContenders.FEED_LIMITS_WOODSTOX, t)));
  }

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  private static void drainSkim(InputStream in, Tally t) throws Exception {
    byte[] buf = new byte[8192];
    long marks = 0;
    for (int n; (n = in.read(buf, 0, buf.length)) >= 0; ) {
      int i = 0;
      for (; i + 8 <= n; i += 8) {
        long w = (long) LONGS.get(buf, i);
        marks +=
            Long.bitCount(zeroBytes(w ^ 0x3c3c3c3c3c3c3c3cL) | zeroBytes(w ^ 0x2626262626262626L));
      }
      for (; i < n; i++) {
        marks += buf[i] == '<' || buf[i] == '&' ? 1 : 0;
      }
    }
    t.elements += marks;
  }

  private static long zeroBytes(long x) {
    long y = (x & 0x7f7f7f7f7f7f7f7fL) + 0x7f7f7f7f7f7f7f7fL;
    return ~(y | x | 0x7f7f7f7f7f7f7f7fL);
  }

  private static void drain(InputStream in, Tally t) throws Exception {
    byte[] buf = new byte[8192];
    for (int n; (n = in.read(buf, 0, buf.length)) >= 0; ) {
      t.textChars += n;
    }
  }
}
