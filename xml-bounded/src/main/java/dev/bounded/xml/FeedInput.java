package dev.bounded.xml;

import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.core.ParseLocation;
import dev.bounded.core.internal.ParseErrors;
import dev.bounded.core.internal.ParseGuard;
import dev.bounded.xml.internal.BoundedStreamReader;
import dev.bounded.xml.internal.tokenizer.TokenReader;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import javax.xml.stream.XMLStreamException;

/**
 * The input side of every non-blocking XML form (the push {@link FeedParse} and the pull {@link
 * XmlAsyncReader}): a {@link BoundedStreamReader#feeding feeding} reader on the BOUNDED engine, the
 * deadline checked on every feed, {@code maxBytes} counted on the bytes fed, the first four bytes
 * held until the encoding is sniffed (UTF-16/32 is refused), and the lifecycle (once ended or
 * failed, every call throws {@code IllegalStateException}). Not thread-safe.
 */
final class FeedInput {
  private static final int SCRATCH = 8192;

  private final XmlLimits limits;
  final ParseGuard guard;
  final BoundedStreamReader reader;
  final TokenReader tok;
  private final byte[] head = new byte[4];
  private int headLen; // -1 once the head has been sniffed and handed on
  private long fed;
  private boolean over; // bytes past maxBytes were fed (and cut): a breach once the rest is parsed
  private byte[] scratch;

  /** Set once the parse has ended: "end of input" or the failure. */
  private Object ended;

  private FeedInput(XmlLimits limits) {
    this.limits = limits;
    this.guard = ParseGuard.start(limits.maxParseMillis(), Long.MAX_VALUE, "XmlLimits");
    this.reader = BoundedStreamReader.feeding(limits, guard, () -> fed);
    this.tok = reader.own();
  }

  /**
   * The input of one document under {@code limits}; the deadline starts now.
   *
   * @throws IllegalArgumentException if {@code limits} selects the WOODSTOX engine or caps
   *     allocation
   */
  static FeedInput start(XmlLimits limits) {
    Objects.requireNonNull(limits, "limits");
    if (limits.engine() != XmlEngine.BOUNDED) {
      throw new IllegalArgumentException(
          "An XML feeder, subscriber or async reader needs the BOUNDED engine (Woodstox cannot"
              + " stop at any byte and resume): set XmlLimits.builder().engine(XmlEngine.BOUNDED)");
    }
    if (limits.maxAllocatedBytes() != XmlLimits.UNLIMITED) {
      throw new IllegalArgumentException(
          "XmlLimits.maxAllocatedBytes counts the allocations of one thread, and a feeder is fed"
              + " from any thread: lift it (XmlLimits.UNLIMITED) for a feeder, subscriber or"
              + " async reader; its heap is bounded by the token limits (names, attributes, text,"
              + " comments) and maxDepth");
    }
    return new FeedInput(limits);
  }

  /**
   * Checks the deadline and hands the tokenizer the bytes under {@code maxBytes} (none of {@code b}
   * is kept).
   *
   * @return true if every byte was taken; false if the chunk crossed {@code maxBytes}: the bytes
   *     under it were taken, and {@link #maxBytesBreach()} is to be reported once they are parsed
   */
  boolean take(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    checkDeadline();
    long max = limits.maxBytes();
    int n = len;
    boolean cut = max != XmlLimits.UNLIMITED && n > max - fed;
    if (cut) {
      n = (int) (max - fed);
      over = true;
    }
    fed += n;
    hand(b, off, n);
    if (cut) {
      sniff(); // the tokenizer gets every byte under the limit before the breach
    }
    return !cut;
  }

  /** True once bytes past {@code maxBytes} were fed: the input can never end well. */
  boolean over() {
    return over;
  }

  /**
   * The {@code maxBytes} breach, where the bytes held end: what the blocking parse reports when its
   * source refuses the byte after {@code maxBytes} once the tokenizer wants more.
   */
  LimitExceededException maxBytesBreach() {
    long max = limits.maxBytes();
    return ParseErrors.relocate(
        new LimitExceededException(
            Limit.MAX_BYTES, max, max + 1, "XmlLimits.maxBytes", ParseLocation.atByte(max)),
        tok.locationAtEnd());
  }

  /** Checks the deadline and ends the tokenizer's input (unless a breach is pending). */
  void end() throws IOException {
    checkDeadline();
    if (!over) {
      sniff();
      tok.endOfInput();
    }
  }

  /** The array direct buffers are copied through. */
  byte[] scratch() {
    byte[] s = scratch;
    if (s == null) {
      s = scratch = new byte[SCRATCH];
    }
    return s;
  }

  /** Hands bytes to the tokenizer, the first four once the encoding is sniffed. */
  private void hand(byte[] b, int off, int n) throws IOException {
    if (headLen >= 0) {
      int k = Math.min(n, head.length - headLen);
      System.arraycopy(b, off, head, headLen, k);
      headLen += k;
      off += k;
      n -= k;
      if (headLen < head.length) {
        return;
      }
      sniff();
    }
    if (n > 0) {
      tok.feed(b, off, n);
    }
  }

  /** Checks the first bytes held (all four, or fewer at the end) and hands them on. */
  private void sniff() throws IOException {
    if (headLen < 0) {
      return;
    }
    byte[] h = Arrays.copyOf(head, headLen);
    headLen = -1;
    if (BoundedStreamReader.wideCharset(h) != null) {
      throw new MalformedDocumentException(
          "Unsupported encoding for a feeder: the document is UTF-16 or UTF-32; a feeder reads"
              + " UTF-8 (or US-ASCII) only; parse it with BoundedXml.parse, which decodes it",
          ParseLocation.atByte(0),
          null);
    }
    tok.feed(h, 0, h.length);
  }

  private void checkDeadline() throws LimitExceededException {
    try {
      guard.check();
    } catch (LimitExceededException e) {
      throw ParseErrors.relocate(e, reader.location());
    }
  }

  // ---- lifecycle ----

  /** Throws {@code IllegalStateException} once the parse has ended or failed. */
  void requireOpen() {
    if (ended instanceof Throwable) {
      throw new IllegalStateException("The parse has failed", (Throwable) ended);
    }
    if (ended != null) {
      throw new IllegalStateException("endOfInput() was called already");
    }
  }

  /** The parse failed with {@code e}: later calls throw with it as their cause. */
  void failed(Throwable e) {
    if (!(ended instanceof Throwable)) {
      ended = e;
    }
  }

  /** The input has ended: later calls throw. */
  void ended() {
    if (ended == null) {
      ended = "end of input";
    }
  }

  /** Ends the parse without a result (if not ended already), releasing the buffers. */
  void abandon(String why) {
    if (ended == null) {
      ended = new IllegalStateException(why);
    }
    release();
  }

  /** Gives the tokenizer's buffers back; the reader fails from then on. */
  void release() {
    try {
      reader.close();
    } catch (XMLStreamException | RuntimeException e) {
      // nothing to release beyond the buffers; a close failure changes no outcome
    }
  }
}
