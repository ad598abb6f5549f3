package dev.bounded.json;

import dev.bounded.json.internal.FeedPush;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A non-blocking push parse of one JSON document: feed bytes as they arrive (from an event loop, a
 * selector, an async servlet, a {@code Flow} or any callback), and the events of each chunk reach
 * the handler during {@link #feed}. Made by {@link BoundedJson#newFeeder(JsonLimits, JsonHandler)}.
 *
 * <pre>{@code
 * JsonFeeder feeder = BoundedJson.newFeeder(limits, handler);
 * // on each chunk, from any thread, one at a time:
 * feeder.feed(chunk);           // events for the complete tokens in it
 * // at the end of the body:
 * feeder.endOfInput();          // the last token, then the end-of-document checks
 * }</pre>
 *
 * <p><b>Same parse as {@link BoundedJson#parse(java.io.InputStream, JsonLimits, JsonHandler)}:</b>
 * the same events, {@link JsonHandler.Control} (a {@code SKIP} is honoured across chunks), limits
 * and typed errors, whatever the chunking. A breach is reported with the same {@code Limit},
 * maximum and measure; its location is Jackson's non-blocking parser's, which can differ from its
 * blocking parser's by a few columns for a malformed token.
 *
 * <p><b>Memory:</b> nothing is kept of a chunk after {@code feed} returns, so a caller may reuse
 * its buffer; the parser holds only the token that spans chunks (under its limit: {@code
 * maxStringLength}, {@code maxNameLength}, {@code maxNumberLength}) and one entry per open
 * container ({@code maxDepth}).
 *
 * <p><b>Deadline:</b> {@code maxParseMillis} counts from the feeder's creation and is checked on
 * every {@code feed} and {@code endOfInput} (and every 64 tokens within a chunk); a caller that
 * wants a stalled source failed between chunks uses {@link BoundedJson#subscriber}, whose timer
 * does that. {@code maxAllocatedBytes} counts one thread's allocation, and a feeder is fed from
 * any: a finite one is refused when the feeder is created.
 *
 * <p><b>After the end:</b> once a handler returns {@code STOP}, {@code feed} ignores its input and
 * returns false, and {@code endOfInput} returns at once. After a failure, or after {@code
 * endOfInput}, every call throws {@code IllegalStateException} (the failure as its cause).
 *
 * <p>Not thread-safe: calls must not overlap (they may come from different threads, one after
 * another, as a Reactive Streams subscriber's do).
 */
public final class JsonFeeder {
  private final FeedPush<JsonStats> push;

  JsonFeeder(FeedPush<JsonStats> push) {
    this.push = push;
  }

  /**
   * Parses {@code len} bytes of {@code b} from {@code off}, delivering the events of every token
   * they complete.
   *
   * @return true while more input is wanted; false once a handler has returned {@code STOP}
   * @throws dev.bounded.core.BoundedParseException for any problem caused by the input
   * @throws IOException whatever the handler throws, unchanged
   * @throws IndexOutOfBoundsException if the range is outside {@code b}
   * @throws IllegalStateException after a failure or {@link #endOfInput()}
   */
  public boolean feed(byte[] b, int off, int len) throws IOException {
    return push.feed(Objects.requireNonNull(b, "b"), off, len);
  }

  /**
   * As {@link #feed(byte[], int, int)}, the buffer's remaining bytes; its position moves to its
   * limit. Heap buffers are parsed in place, direct ones copied through an 8 KB array.
   */
  public boolean feed(ByteBuffer chunk) throws IOException {
    return push.feed(Objects.requireNonNull(chunk, "chunk"));
  }

  /**
   * The input has ended: parses the last token and checks that the document is complete (no
   * unclosed container, no empty input). Returns what {@link BoundedJson#parse(java.io.InputStream,
   * JsonLimits, JsonHandler)} returns: the parse's {@link JsonStats} (not {@link
   * JsonStats#complete() complete} if a handler stopped it).
   *
   * @throws dev.bounded.core.BoundedParseException if the document is incomplete or the deadline
   *     has passed
   * @throws IOException whatever the handler throws, unchanged
   * @throws IllegalStateException after a failure or a previous {@code endOfInput}
   */
  public JsonStats endOfInput() throws IOException {
    return push.endOfInput();
  }
}
