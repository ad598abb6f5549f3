package dev.bounded.xml;

import dev.bounded.core.MalformedDocumentException;
import dev.bounded.core.internal.Feeder;
import dev.bounded.core.internal.ParseErrors;
import dev.bounded.core.internal.ParseGuard;
import dev.bounded.xml.internal.PushParser;
import java.io.IOException;
import java.util.Objects;

/**
 * The push parse behind {@link XmlFeeder} and {@link XmlSubscriber}: a {@link FeedInput} drained by
 * the blocking parse's {@link PushParser} after every chunk. Not thread-safe.
 */
final class FeedParse implements Feeder<XmlStats> {
  private final XmlHandler handler;
  private final FeedInput in;
  private final PushParser push;
  private boolean stopped;

  private FeedParse(FeedInput in, XmlHandler handler) {
    this.handler = handler;
    this.in = in;
    this.push = new PushParser(in.reader);
  }

  /**
   * A feeder parsing one document under {@code limits}; the deadline starts now.
   *
   * @throws IllegalArgumentException if {@code limits} selects the WOODSTOX engine or caps
   *     allocation
   */
  static FeedParse start(XmlLimits limits, XmlHandler handler) {
    Objects.requireNonNull(handler, "handler");
    return new FeedParse(FeedInput.start(limits), handler);
  }

  /** As {@link XmlFeeder#feed(byte[], int, int)}. */
  @Override
  public boolean feed(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    in.requireOpen();
    if (stopped) {
      return false;
    }
    try {
      boolean all = in.take(b, off, len);
      if (push.drive(handler) == PushParser.STOPPED) {
        stopped = true;
        return false;
      }
<<<<<<< HEAD
      if (over) {
        // As the blocking parse: its source refuses the byte after maxBytes once the tokenizer
        // wants more, and the breach is located where the bytes held end.
        throw ParseErrors.relocate(
            new LimitExceededException(
                Limit.MAX_BYTES, max, max + 1, "XmlLimits.maxBytes", ParseLocation.atByte(max)),
            tok.locationAtEnd());
=======
      if (!all) {
        throw in.maxBytesBreach();
>>>>>>> xmlpull
      }
      return true;
    } catch (Throwable e) {
      in.failed(e);
      in.release();
      throw e;
    }
  }

  @Override
  public byte[] scratch() {
    return in.scratch();
  }

  @Override
  public XmlStats endOfInput() throws IOException {
    in.requireOpen();
    boolean complete = false;
    if (!stopped) {
      try {
        in.end();
        int r = push.drive(handler);
        if (r == PushParser.NEEDS_INPUT) {
          throw new MalformedDocumentException( // cannot happen: the tokenizer fails at the end
              "Unexpected end of input", in.tok.locationAtEnd(), null);
        }
        complete = r == PushParser.DONE;
      } catch (Throwable e) {
        in.failed(e);
        in.release();
        throw e;
      }
    }
    XmlStats stats = BoundedXml.stats(in.reader, complete);
    in.ended();
    in.release();
    return stats;
  }

  @Override
  public ParseGuard guard() {
    return in.guard;
  }

  @Override
  public void abandon() {
<<<<<<< HEAD
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
=======
    in.abandon("The parse was abandoned");
>>>>>>> xmlpull
  }
}
