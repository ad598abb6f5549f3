package dev.bounded.xml;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.internal.Feeder;
import dev.bounded.xml.internal.BoundedStreamReader;
import dev.bounded.xml.internal.tokenizer.TokenReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/**
 * A non-blocking pull parse of one XML document: a StAX {@link XMLStreamReader} that is fed bytes
 * as they arrive and whose {@link #next()} returns {@link #INCOMPLETE} when the bytes fed so far
 * hold no further event, the shape of Aalto's {@code AsyncXMLStreamReader} for frameworks that
 * pull. Made by {@link BoundedXml#newAsyncReader(XmlLimits)}, which needs {@link
 * XmlEngine#BOUNDED}:
 *
 * <pre>{@code
 * XmlAsyncReader r = BoundedXml.newAsyncReader(XmlLimits.builder().engine(XmlEngine.BOUNDED).build());
 * // on each chunk:
 * r.feed(chunk);
 * for (int t = r.next(); t != XmlAsyncReader.INCOMPLETE; t = r.next()) {
 *   ... // a StAX event: r.getLocalName(), r.getAttributeValue(null, "id"), r.getText()...
 * }
 * // at the end of the body:
 * r.endOfInput();
 * while (r.hasNext()) { r.next(); ... }   // the last events, up to END_DOCUMENT
 * }</pre>
 *
 * <p><b>Same parse as {@link BoundedXml#newReader(java.io.InputStream, XmlLimits)}</b> on the
 * BOUNDED engine: the same events (the first {@code next()} returns START_DOCUMENT, after the XML
 * declaration), accessors, limits and errors (an {@link XMLStreamException} whose cause is the
 * {@link BoundedParseException}, with the same {@code Limit}, maximum and location), whatever the
 * chunking; text may be split into more CHARACTERS events where the chunks end. {@link
 * BoundedXml#stats(XMLStreamReader)} gives its {@link XmlStats}. UTF-8 (or US-ASCII) only, as
 * {@link XmlFeeder}.
 *
 * <p><b>Memory:</b> feed only when {@link #needsInput()} (at first, and after {@code next()}
 * returned {@code INCOMPLETE}); a chunk fed earlier is refused. So the reader holds at most one
 * chunk (copied: the caller may reuse its buffer at once) and the token that spans chunks (under
 * its limit), whatever a client sends. {@code maxBytes} counts the bytes fed: a chunk crossing it
 * is cut there, its events are delivered, and {@code next()} then fails with the breach where the
 * blocking reader reports it.
 *
 * <p><b>Deadline:</b> {@code maxParseMillis} counts from creation and is checked on every {@code
 * feed} and {@code endOfInput} (and every 16 events). A finite {@code maxAllocatedBytes} is refused
 * at creation, as for a feeder.
 *
 * <p><b>After the end:</b> once failed, {@code next()} and {@code hasNext()} throw the same
 * exception and {@code feed} and {@code endOfInput} an {@code IllegalStateException} with it as
 * cause. {@code getElementText()} and {@code nextTag()} read across chunks, so they work only after
 * {@code endOfInput()}. {@link #close()} gives the buffers back. Not thread-safe: calls must not
 * overlap (they may come from different threads, one after another).
 */
public final class XmlAsyncReader extends StreamReaderDelegate {
  /**
   * {@link #next()}: the bytes fed hold no further event; {@link #feed} more (or call {@link
   * #endOfInput()}). Also the {@link #getEventType()} until the next event. 257, the first code
   * after those StAX reserves, as Aalto's {@code AsyncXMLStreamReader.EVENT_INCOMPLETE}.
   */
  public static final int INCOMPLETE = TokenReader.INCOMPLETE;

  private final FeedInput in;
  private boolean needsInput = true;
  private boolean endOfInput;
  private XMLStreamException failure;

  XmlAsyncReader(FeedInput in) {
    super(in.reader);
    this.in = in;
  }

  /** The parse's figures, for {@link BoundedXml#stats(XMLStreamReader)}. */
  XmlStats stats() {
    return BoundedXml.stats(in.reader, true);
  }

  /**
   * Appends {@code len} bytes of {@code b} from {@code off} to the input (copied; nothing of {@code
   * b} is kept). Parses nothing: {@link #next()} does.
   *
   * @throws XMLStreamException caused by a {@link BoundedParseException} if the deadline has passed
   *     or the document is in UTF-16 or UTF-32 (the reader has then failed)
   * @throws IllegalStateException unless {@link #needsInput()}, or after a failure, {@link
   *     #endOfInput()} or {@link #close()}
   * @throws IndexOutOfBoundsException if the range is outside {@code b}
   */
  public void feed(byte[] b, int off, int len) throws XMLStreamException {
    Objects.checkFromIndexSize(off, len, Objects.requireNonNull(b, "b").length);
    requireInputWanted();
    try {
      in.take(b, off, len);
    } catch (IOException e) {
      throw fail(e);
    }
    needsInput = false;
  }

  /**
   * As {@link #feed(byte[], int, int)}, the buffer's remaining bytes; its position moves to its
   * limit.
   */
  public void feed(ByteBuffer chunk) throws XMLStreamException {
    Objects.requireNonNull(chunk, "chunk");
    requireInputWanted();
    try {
      Feeder.feed(chunk, in::take, in::scratch);
    } catch (IOException e) {
      throw fail(e);
    }
    needsInput = false;
  }

  /**
   * True when the reader wants input: before the first {@link #feed}, and after {@link #next()}
   * returned {@link #INCOMPLETE}, until the next {@code feed} or {@link #endOfInput()}.
   */
  public boolean needsInput() {
    return needsInput;
  }

  /**
   * The input has ended: {@link #next()} then returns the last events up to END_DOCUMENT, or fails
   * if the document is incomplete. Allowed at any time (the bytes fed before are still parsed).
   *
   * @throws XMLStreamException caused by a {@link BoundedParseException} if the deadline has passed
   *     (the reader has then failed)
   * @throws IllegalStateException after a failure, a previous {@code endOfInput} or {@link
   *     #close()}
   */
  public void endOfInput() throws XMLStreamException {
    open();
    try {
      in.end();
    } catch (IOException e) {
      throw fail(e);
    }
    in.ended();
    endOfInput = true;
    needsInput = false;
  }

  /**
   * The next event, or {@link #INCOMPLETE} if the bytes fed hold none (then {@link #needsInput()}
   * is true). Never INCOMPLETE after {@link #endOfInput()}.
   *
   * @throws XMLStreamException whose cause is the {@link BoundedParseException} if the input breaks
   *     a limit, is malformed or its deadline has passed; the same exception on every later call
   * @throws java.util.NoSuchElementException after END_DOCUMENT
   */
  @Override
  public int next() throws XMLStreamException {
    if (failure != null) {
      throw failure;
    }
    int t;
    try {
      t = super.next();
    } catch (XMLStreamException e) {
      throw failed(e);
    }
    if (t == INCOMPLETE) {
      if (in.over()) {
        throw fail(in.maxBytesBreach());
      }
      needsInput = true;
    }
    return t;
  }

  /** True until END_DOCUMENT has been returned (so also while {@link #INCOMPLETE}). */
  @Override
  public boolean hasNext() throws XMLStreamException {
    if (failure != null) {
      throw failure;
    }
    return super.hasNext();
  }

  /**
   * As the blocking reader's, once {@link #endOfInput()} has been called.
   *
   * @throws IllegalStateException before {@code endOfInput()}: the element's text may span chunks
   */
  @Override
  public String getElementText() throws XMLStreamException {
    requireEnded("getElementText()");
    try {
      return super.getElementText();
    } catch (XMLStreamException e) {
      throw atEnd(e);
    }
  }

  /**
   * As the blocking reader's, once {@link #endOfInput()} has been called.
   *
   * @throws IllegalStateException before {@code endOfInput()}: the next tag may be chunks away
   */
  @Override
  public int nextTag() throws XMLStreamException {
    requireEnded("nextTag()");
    try {
      return super.nextTag();
    } catch (XMLStreamException e) {
      throw atEnd(e);
    }
  }

  /** Gives the buffers back; every later call but {@code close} fails. */
  @Override
  public void close() {
    if (failure == null && !endOfInput) {
      in.abandon("The reader was closed");
    } else {
      in.release();
    }
    endOfInput = true;
    needsInput = false;
  }

  /**
   * Not exposed: the engine's reader would step around the limits counted here. Always throws.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public XMLStreamReader getParent() {
    throw BoundedStreamReader.parentHidden();
  }

  /**
   * Not supported: the reader's parser is fixed.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public void setParent(XMLStreamReader reader) {
    throw BoundedStreamReader.parentFixed();
  }

  // ---- state ----

  private void open() {
    in.requireOpen();
  }

  private void requireInputWanted() {
    open();
    if (!needsInput) {
      throw new IllegalStateException(
          "feed() only when needsInput(): call next() until it returns INCOMPLETE first (the"
              + " reader holds one chunk at a time)");
    }
  }

  private void requireEnded(String what) {
    if (!endOfInput) {
      throw new IllegalStateException(
          what
              + " reads across chunks: on an async reader it works after endOfInput(); use next()");
    }
  }

  /**
   * A failure inside a loop that ran into the end of the bytes fed: the pending maxBytes breach.
   */
  private XMLStreamException atEnd(XMLStreamException e) throws XMLStreamException {
    if (failure != null) {
      throw failure;
    }
    if (getEventType() == INCOMPLETE && in.over()) {
      throw fail(in.maxBytesBreach());
    }
    return e;
  }

  /** Records our typed error as the reader's failure, a StAX exception located where it is. */
  private XMLStreamException fail(IOException e) {
    XMLStreamException x =
        e instanceof BoundedParseException
            ? new XMLStreamException(
                e.getMessage(), TokenReader.locationOf(((BoundedParseException) e).location()), e)
            : new XMLStreamException("I/O error reading the document: " + e.getMessage(), e);
    if (x.getCause() == null) {
      x.initCause(e);
    }
    return failed(x);
  }

  private XMLStreamException failed(XMLStreamException e) {
    failure = e;
    in.failed(e);
    needsInput = false;
    return e;
  }
}
