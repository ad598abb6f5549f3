package dev.bounded.json;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A {@link Flow.Subscriber} that parses one JSON document from the byte chunks it receives, the
 * shape the JDK's {@code HttpClient} hands a response body in. Made by {@link
 * BoundedJson#subscriber(JsonLimits, JsonHandler)}:
 *
 * <pre>{@code
 * JsonSubscriber s = BoundedJson.subscriber(limits, handler);
 * client.sendAsync(request, BodyHandlers.fromSubscriber(s, JsonSubscriber::result))
 *     .thenCompose(HttpResponse::body)  // a CompletableFuture<JsonStats>, or the typed error
 * }</pre>
 *
 * <p>The parse is a {@link JsonFeeder}'s (same events, limits and errors). Demand is one item at a
 * time: the next is requested only after the handler has seen the last, so a slow handler slows the
 * source and at most one item is held. {@link #result()} completes when the body ends, or as soon
 * as a handler returns {@code STOP}; it fails with the typed {@link
 * dev.bounded.core.BoundedParseException} of the input, the handler's exception, or the source's
 * error, each unchanged. On a failure or a {@code STOP} the subscription is cancelled (for {@code
 * HttpClient}: the connection is closed).
 *
 * <p><b>Deadline without a thread:</b> {@code maxParseMillis} counts from the subscriber's
 * creation. A source that stalls between chunks is failed when the deadline passes, by a timer on
 * one shared daemon thread, which completes {@link #result()} with a {@code LimitExceededException}
 * of {@code MAX_PARSE_MILLIS} and cancels the subscription; no thread waits on the source
 * meanwhile. A finite {@code maxAllocatedBytes} is refused, as for a feeder.
 *
 * <p>One subscriber serves one subscription; a second is cancelled. Signals follow the {@code
 * java.util.concurrent.Flow} rules (null arguments throw {@code NullPointerException}; nothing
 * happens after a terminal signal).
 */
public interface JsonSubscriber extends Flow.Subscriber<List<ByteBuffer>> {
  /**
   * The parse's outcome: completed with what {@link BoundedJson#parse} returns, the parse's {@link
   * JsonStats} (not complete if a handler stopped it), when the document has been parsed or
   * stopped, or completed exceptionally as described above.
   */
  CompletableFuture<JsonStats> result();
}
