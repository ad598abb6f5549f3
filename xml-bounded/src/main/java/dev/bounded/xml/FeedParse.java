package dev.bounded.xml;

import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.core.ParseLocation;
import dev.bounded.core.internal.Feeder;
import dev.bounded.core.internal.ParseErrors;
import dev.bounded.core.internal.ParseGuard;
import dev.bounded.xml.internal.BoundedStreamReader;
import dev.bounded.xml.internal.PushParser;
import dev.bounded.xml.internal.tokenizer.TokenReader;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import javax.xml.stream.XMLStreamException;

/**
 * The push parse behind {@link XmlFeeder} and {@link XmlSubscriber}: a {@link
 * BoundedStreamReader#feeding feeding} reader on the BOUNDED engine, drained by the blocking
 * parse's {@link PushParser} after every chunk. The first four bytes are held until the encoding is
 * sniffed (UTF-16/32 is refused here); {@code maxBytes} is counted on the bytes fed. Not
 * thread-safe.
 */
final class FeedParse implements Feeder<XmlStats> {
  private static final int SCRATCH = 8192;

  private final XmlLimits limits;
  private final XmlHandler handler;
  private final ParseGuard guard;
  private final BoundedStreamReader reader;
  private final TokenReader tok;
  private final PushParser push;
  private final byte[] head = new byte[4];
  private int headLen; // -1 once the head has been sniffed and handed on
  private long fed;
  private boolean stopped;
  private byte[] scratch;

  /** Set once the parse has ended: "end of input" or the failure. */
  private Object ended;

  private FeedParse(XmlLimits limits, XmlHandler handler) {
    this.limits = limits;
    this.handler = handler;
    this.guard = ParseGuard.start(limits.maxParseMillis(), Long.MAX_VALUE, "XmlLimits");
    this.reader = BoundedStreamReader.feeding(limits, guard, () -> fed);
    this.tok = reader.own();
    this.push = new PushParser(reader);
  }

  /**
   * A feeder parsing one document under {@code limits}; the deadline starts now.
   *
   * @throws IllegalArgumentException if {@code limits} selects the WOODSTOX engine or caps
   *     allocation
   */
  static FeedParse start(XmlLimits limits, XmlHandler handler) {
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(handler, "handler");
    if (limits.engine() != XmlEngine.BOUNDED) {
      throw new IllegalArgumentException(
          "An XML feeder or subscriber needs the BOUNDED engine (Woodstox cannot stop at any byte"
              + " and resume): set XmlLimits.builder().engine(XmlEngine.BOUNDED)");
    }
    if (limits.maxAllocatedBytes() != XmlLimits.UNLIMITED) {
      throw new IllegalArgumentException(
          "XmlLimits.maxAllocatedBytes counts the allocations of one thread, and a feeder is fed"
              + " from any thread: lift it (XmlLimits.UNLIMITED) for a feeder or subscriber; its"
              + " heap is bounded by the token limits (names, attributes, text, comments) and"
              + " maxDepth");
    }
    return new FeedParse(limits, handler);
  }

  /** As {@link XmlFeeder#feed(byte[], int, int)}. */
  @Override
  public boolean feed(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (!open()) {
      return false;
    }
    try {
      checkDeadline();
      int n = len;
      long max = limits.maxBytes();
      boolean over = max != XmlLimits.UNLIMITED && n > max - fed;
      if (over) {
        n = (int) (max - fed);
      }
      fed += n;
      take(b, off, n);
      if (over) {
        sniff(); // the tokenizer gets every byte under the limit before the breach
      }
      int r = push.drive(handler);
      if (r == PushParser.STOPPED) {
        stopped = true;
        return false;
      }
      if (over) {
        // As the blocking parse: its source refuses the byte after maxBytes once the tokenizer
        // wants more, and the breach is located where the bytes held end.
        throw ParseErrors.relocate(
            new LimitExceededException(
                Limit.MAX_BYTES, max, max + 1, "XmlLimits.maxBytes", ParseLocation.atByte(max)),
            tok.locationAtEnd());
      }
      return true;
    } catch (Throwable e) {
      failed(e);
      throw e;
    }
  }

  @Override
  public byte[] scratch() {
    byte[] s = scratch;
    if (s == null) {
      s = scratch = new byte[SCRATCH];
    }
    return s;
  }

  @Override
  public XmlStats endOfInput() throws IOException {
    if (ended instanceof Throwable) {
      throw new IllegalStateException("The parse has failed", (Throwable) ended);
    }
    if (ended != null) {
      throw new IllegalStateException("endOfInput() was called already");
    }
    boolean complete = false;
    if (!stopped) {
      try {
        checkDeadline();
        sniff();
        tok.endOfInput();
        int r = push.drive(handler);
        if (r == PushParser.NEEDS_INPUT) {
          throw new MalformedDocumentException( // cannot happen: the tokenizer fails at the end
              "Unexpected end of input", tok.locationAtEnd(), null);
        }
        complete = r == PushParser.DONE;
      } catch (Throwable e) {
        failed(e);
        throw e;
      }
    }
    XmlStats stats = BoundedXml.stats(reader, complete);
    ended = "end of input";
    close();
    return stats;
  }

  @Override
  public ParseGuard guard() {
    return guard;
  }

  @Override
  public void abandon() {
    if (ended == null) {
      ended = new IllegalStateException("The parse was abandoned");
    }
    close();
  }

  /** Hands bytes to the tokenizer, the first four once the encoding is sniffed. */
  private void take(byte[] b, int off, int n) throws IOException {
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

  /** True while input is wanted; throws if the feeder can no longer be fed. */
  private boolean open() {
    if (ended instanceof Throwable) {
      throw new IllegalStateException("The parse has failed", (Throwable) ended);
    }
    if (ended != null) {
      throw new IllegalStateException("endOfInput() was called already");
    }
    return !stopped;
  }

  private void checkDeadline() throws LimitExceededException {
    try {
      guard.check();
    } catch (LimitExceededException e) {
      throw ParseErrors.relocate(e, reader.location());
    }
  }

  private void failed(Throwable e) {
    ended = e;
    close();
  }

  private void close() {
    try {
      reader.close();
    } catch (XMLStreamException | RuntimeException e) {
      // nothing to release beyond the buffers; a close failure changes no outcome
    }
  }
}
