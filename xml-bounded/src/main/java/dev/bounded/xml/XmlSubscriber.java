package dev.bounded.xml;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A {@link Flow.Subscriber} that parses one XML document from the byte chunks it receives, the
 * shape the JDK's {@code HttpClient} hands a response body in. Made by {@link
 * BoundedXml#subscriber(XmlLimits, XmlHandler)}:
 *
 * <pre>{@code
 * XmlSubscriber s = BoundedXml.subscriber(limits, handler);
 * client.sendAsync(request, BodyHandlers.fromSubscriber(s, XmlSubscriber::result))
 *     .thenCompose(HttpResponse::body)  // a CompletableFuture<XmlStats>: done, or the typed error
 * }</pre>
 *
 * <p>The parse is an {@link XmlFeeder}'s (same events, limits and errors). Demand is one item at a
 * time: the next is requested only after the handler has seen the last, so a slow handler slows the
 * source and at most one item is held. {@link #result()} completes when the body ends, or as soon
 * as the handler calls {@link XmlContext#stop()}; it fails with the typed {@link
 * dev.bounded.core.BoundedParseException} of the input, the handler's exception, or the source's
 * error, each unchanged. On a failure or a stop the subscription is cancelled (for {@code
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
public interface XmlSubscriber extends Flow.Subscriber<List<ByteBuffer>> {
  /**
   * The parse's outcome: completed (with the {@link XmlStats}, what {@link BoundedXml#parse(
   * java.io.InputStream, XmlLimits, XmlHandler)} returns) when the document has been parsed or
   * stopped, or completed exceptionally as described above.
   */
  CompletableFuture<XmlStats> result();
}
