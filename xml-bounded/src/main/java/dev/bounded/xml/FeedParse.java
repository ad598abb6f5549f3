package dev.bounded.xml;

import dev.bounded.core.MalformedDocumentException;
import dev.bounded.core.internal.Feeder;
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
      if (!all) {
        throw in.maxBytesBreach();
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
    in.abandon("The parse was abandoned");
  }
}
