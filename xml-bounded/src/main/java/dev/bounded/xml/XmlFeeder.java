package dev.bounded.xml;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A non-blocking push parse of one XML document: feed bytes as they arrive (from an event loop, a
 * selector, an async servlet, a {@code Flow} or any callback), and the events of each chunk reach
 * the handler during {@link #feed}. Made by {@link BoundedXml#newFeeder(XmlLimits, XmlHandler)},
 * which needs {@link XmlEngine#BOUNDED} (the default):
 *
 * <pre>{@code
 * XmlLimits limits = XmlLimits.defaults();
 * XmlFeeder feeder = BoundedXml.newFeeder(limits, handler);
 * // on each chunk, from any thread, one at a time:
 * feeder.feed(chunk);                     // events for the complete tokens in it
 * // at the end of the body:
 * XmlStats stats = feeder.endOfInput();   // the last token, then the end-of-document checks
 * }</pre>
 *
 * <p><b>Same parse as {@link BoundedXml#parse(java.io.InputStream, XmlLimits, XmlHandler)}</b> on
 * the BOUNDED engine: the same events, limits, typed errors (same {@code Limit}, maximum and
 * location) and {@link XmlStats}, whatever the chunking. Text is delivered in segments of at most
 * 4,000 characters, split where the chunks happen to end (a handler must accept text in any number
 * of {@code characters} calls, as for the blocking parse); so a text run may be delivered further
 * before an error than the blocking parse delivers it.
 *
 * <p><b>Encodings:</b> UTF-8 (with or without a byte-order mark) and US-ASCII. A document in UTF-16
 * or UTF-32 (sniffed from its first four bytes) or declaring another single-byte charset fails with
 * a {@link dev.bounded.core.MalformedDocumentException} saying so; the blocking parse reads those.
 *
 * <p><b>Memory:</b> nothing is kept of a chunk after {@code feed} returns, so a caller may reuse
 * its buffer; the parser holds only the token that spans chunks (under its limit: names, one
 * attribute, comment, PI, DOCTYPE) or one text segment, and one entry per open element ({@code
 * maxDepth}). {@code maxBytes} counts the bytes fed.
 *
 * <p><b>Deadline:</b> {@code maxParseMillis} counts from the feeder's creation and is checked on
 * every {@code feed} and {@code endOfInput} (and every 16 events within a chunk); a caller that
 * wants a stalled source failed between chunks uses {@link BoundedXml#subscriber}, whose timer does
 * that. {@code maxAllocatedBytes} counts one thread's allocation, and a feeder is fed from any: a
 * finite one is refused when the feeder is created.
 *
 * <p><b>After the end:</b> once the handler calls {@link XmlContext#stop()}, {@code feed} ignores
 * its input and returns false, and {@code endOfInput} returns the stats at once. After a failure,
 * or after {@code endOfInput}, every call throws {@code IllegalStateException} (the failure as its
 * cause).
 *
 * <p>Not thread-safe: calls must not overlap (they may come from different threads, one after
 * another, as a Reactive Streams subscriber's do).
 */
public final class XmlFeeder {
  private final FeedParse parse;

  XmlFeeder(FeedParse parse) {
    this.parse = parse;
  }

  /**
   * Parses {@code len} bytes of {@code b} from {@code off}, delivering the events of every token
   * they complete.
   *
   * @return true while more input is wanted; false once the handler has stopped the parse
   * @throws dev.bounded.core.BoundedParseException for any problem caused by the input
   * @throws IOException whatever the handler throws, unchanged
   * @throws IndexOutOfBoundsException if the range is outside {@code b}
   * @throws IllegalStateException after a failure or {@link #endOfInput()}
   */
  public boolean feed(byte[] b, int off, int len) throws IOException {
    return parse.feed(Objects.requireNonNull(b, "b"), off, len);
  }

  /**
   * As {@link #feed(byte[], int, int)}, the buffer's remaining bytes; its position moves to its
   * limit. Heap buffers are parsed in place, direct ones copied through an 8 KB array.
   */
  public boolean feed(ByteBuffer chunk) throws IOException {
    return parse.feed(Objects.requireNonNull(chunk, "chunk"));
  }

  /**
   * The input has ended: parses the last token and checks that the document is complete. Returns
   * what {@link BoundedXml#parse(java.io.InputStream, XmlLimits, XmlHandler)} returns: the parse's
   * high-water marks, {@link XmlStats#complete()} false if the handler stopped it.
   *
   * @throws dev.bounded.core.BoundedParseException if the document is incomplete or the deadline
   *     has passed
   * @throws IOException whatever the handler throws, unchanged
   * @throws IllegalStateException after a failure or a previous {@code endOfInput}
   */
  public XmlStats endOfInput() throws IOException {
    return parse.endOfInput();
  }
}
