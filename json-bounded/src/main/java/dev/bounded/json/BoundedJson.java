package dev.bounded.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.bounded.core.internal.FeedSubscriber;
import dev.bounded.json.internal.BoundedJsonFactory;
import dev.bounded.json.internal.FeedPush;
import dev.bounded.json.internal.PushLoop;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Objects;

/**
 * Bounded JSON parsing: every parse under {@link JsonLimits}, enforced while streaming.
 *
 * <pre>{@code
 * // push: events to a handler; input problems are BoundedParseException subtypes
 * JsonStats stats = BoundedJson.parse(in, JsonLimits.defaults(), new JsonHandler() {
 *   public Control fieldName(String name) { System.out.println(name); return Control.CONTINUE; }
 * });
 * // pull: a Jackson JsonParser
 * try (JsonParser p = BoundedJson.newParser(in, limits)) { while (p.nextToken() != null) { ... } }
 * // databind, one line
 * ObjectMapper mapper = new ObjectMapper(BoundedJson.newFactory(limits));
 * }</pre>
 *
 * <p><b>Errors.</b> The push methods ({@code parse}, {@code parseSequence}) throw a {@link
 * dev.bounded.core.BoundedParseException} subtype for every problem caused by the input: {@link
 * dev.bounded.core.LimitExceededException}, {@link dev.bounded.core.MalformedDocumentException}
 * (syntax, bad encoding, empty input, trailing content), {@link
 * dev.bounded.core.ForbiddenConstructException} (duplicate names, lone surrogates, when refused).
 * The pull parsers ({@code newParser}, {@code newFactory}) throw Jackson's types, as Jackson code
 * expects: a limit breach is a {@code StreamConstraintsException}, anything else a {@code
 * JsonParseException}, each with ours in its cause chain ({@link
 * dev.bounded.core.BoundedParseException#find(Throwable)}). An {@code IOException} of the source
 * itself passes unchanged. No {@code StackOverflowError}, {@code OutOfMemoryError} or stray runtime
 * exception escapes because of the input.
 *
 * <p><b>Input.</b> Byte input must be UTF-8 (RFC 8259, section 8.1; a UTF-8 byte order mark is
 * skipped); UTF-16 and UTF-32 are refused as malformed; decode them yourself and pass a {@code
 * Reader}, for which {@code maxBytes} counts chars and offsets are char offsets. The push methods
 * never close the source; pull parsers close it when closed, as Jackson's do.
 *
 * <p>All methods are thread-safe; each parse is confined to its calling thread.
 */
public final class BoundedJson {
  private BoundedJson() {}

  /**
   * Parses one JSON document, exactly one root value followed by end of input, and pushes its
   * events to {@code handler}. Does not close {@code in}.
   *
   * @return what the parse counted (bytes, tokens, deepest nesting), for setting limits from a
   *     sample
   * @throws dev.bounded.core.BoundedParseException for any problem caused by the input
   * @throws IOException an I/O error of {@code in}, or whatever {@code handler} throws, unchanged
   */
  public static JsonStats parse(InputStream in, JsonLimits limits, JsonHandler handler)
      throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(handler, "handler");
    return stats(factory(limits).push(in, null, 0, 0, handler, false));
  }

  /** As {@link #parse(InputStream, JsonLimits, JsonHandler)}, from UTF-8 bytes. */
  public static JsonStats parse(byte[] json, JsonLimits limits, JsonHandler handler)
      throws IOException {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(handler, "handler");
    return stats(factory(limits).push(null, json, 0, json.length, handler, false));
  }

  /**
   * As {@link #parse(InputStream, JsonLimits, JsonHandler)}, from chars: {@code maxBytes} counts
   * chars and error offsets are char offsets. Does not close {@code in}.
   */
  public static JsonStats parse(Reader in, JsonLimits limits, JsonHandler handler)
      throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(handler, "handler");
    return stats(run(() -> factory(limits).createParser(in), handler, false));
  }

  /**
   * Parses a sequence of JSON values, concatenated or separated by whitespace (newline-delimited
   * JSON, NDJSON, is one such sequence), pushing every value's events to {@code handler}. Each
   * value is held to the limits on its own ({@code maxTokens} counts anew for each), except {@code
   * maxBytes}, {@code maxParseMillis} and {@code maxAllocatedBytes}, which bound the whole stream:
   * lift {@code maxBytes} and {@code maxParseMillis} ({@link JsonLimits#UNLIMITED}) for an endless
   * stream. An empty stream is zero values, not an error. Does not close {@code in}.
   *
   * @return the number of values completed (the one a {@link JsonHandler.Control#STOP} interrupts
   *     is not counted)
   * @throws dev.bounded.core.BoundedParseException for any problem caused by the input; values
   *     before it were delivered in full
   */
  public static long parseSequence(InputStream in, JsonLimits limits, JsonHandler handler)
      throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(handler, "handler");
    return factory(limits).push(in, null, 0, 0, handler, true).values();
  }

  /** As {@link #parseSequence(InputStream, JsonLimits, JsonHandler)}, from chars. */
  public static long parseSequence(Reader in, JsonLimits limits, JsonHandler handler)
      throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(handler, "handler");
    return run(() -> factory(limits).createParser(in), handler, true).values();
  }

  /**
   * A Jackson pull parser over {@code in}, bounded by {@code limits}; exactly a parser from {@link
   * #newFactory(JsonLimits)}. Like any Jackson parser it returns root values one after another;
   * {@code maxTokens} counts over all of them. Closing it closes {@code in}.
   *
   * @throws IOException a Jackson exception if the first bytes already break a limit or the
   *     encoding
   */
  public static JsonParser newParser(InputStream in, JsonLimits limits) throws IOException {
    return factory(limits).createParser(Objects.requireNonNull(in, "in"));
  }

  /** As {@link #newParser(InputStream, JsonLimits)}, from UTF-8 bytes. */
  public static JsonParser newParser(byte[] json, JsonLimits limits) throws IOException {
    return factory(limits).createParser(Objects.requireNonNull(json, "json"));
  }

  /** As {@link #newParser(InputStream, JsonLimits)}, from chars ({@code maxBytes} counts chars). */
  public static JsonParser newParser(Reader in, JsonLimits limits) throws IOException {
    return factory(limits).createParser(Objects.requireNonNull(in, "in"));
  }

  /**
   * A new {@link JsonFactory} every parser of which is bounded by {@code limits}: every {@code
   * createParser} variant, the non-blocking parsers (feed them through {@code
   * getNonBlockingInputFeeder()}), {@code copy()} and {@code rebuild()}. {@code new
   * ObjectMapper(BoundedJson.newFactory(limits))} hardens databind code in one line; its {@code
   * catch (JsonProcessingException e)} blocks keep working. Refuses (with {@code
   * UnsupportedOperationException}) {@code createParser(DataInput)}, {@code
   * setStreamReadConstraints}, and enabling comments, unquoted names or single quotes.
   */
  public static JsonFactory newFactory(JsonLimits limits) {
    return new BoundedJsonFactory(Objects.requireNonNull(limits, "limits"));
  }

  /**
   * A non-blocking push parse of one JSON document: bytes are fed as they arrive, and events reach
   * {@code handler} during each {@link JsonFeeder#feed}; the same events, limits and errors as
   * {@link #parse(InputStream, JsonLimits, JsonHandler)}. The deadline ({@code maxParseMillis})
   * starts now.
   *
   * @throws IllegalArgumentException if {@code limits.maxAllocatedBytes()} is finite: it counts one
   *     thread, and a feeder is fed from any
   */
  public static JsonFeeder newFeeder(JsonLimits limits, JsonHandler handler) {
    return new JsonFeeder(FeedPush.start(limits, handler, BoundedJson::stats));
  }

  /**
   * A {@link java.util.concurrent.Flow.Subscriber} of byte chunks that parses one JSON document as
   * a {@link #newFeeder feeder} does, with demand one item at a time and a deadline timer that
   * needs no blocked thread; {@link JsonSubscriber#result()} is the outcome. For the JDK's {@code
   * HttpClient}: {@code BodyHandlers.fromSubscriber(BoundedJson.subscriber(limits, handler),
   * JsonSubscriber::result)}. The deadline starts now.
   *
   * @throws IllegalArgumentException if {@code limits.maxAllocatedBytes()} is finite
   */
  public static JsonSubscriber subscriber(JsonLimits limits, JsonHandler handler) {
    return new Subscriber(FeedPush.start(limits, handler, BoundedJson::stats));
  }

  /** The subscriber: the shared Flow machinery, typed for JSON. */
  private static final class Subscriber extends FeedSubscriber<JsonStats>
      implements JsonSubscriber {
    Subscriber(FeedPush<JsonStats> parse) {
      super(parse);
    }
  }

  private static BoundedJsonFactory factory(JsonLimits limits) {
    return BoundedJsonFactory.shared(Objects.requireNonNull(limits, "limits"));
  }

  private interface Open {
    JsonParser open() throws IOException;
  }

  static JsonStats stats(PushLoop c) {
    return new JsonStats(c.bytes(), c.tokens(), c.values(), c.maxDepth(), c.complete());
  }

  private static PushLoop run(Open open, JsonHandler handler, boolean sequence) throws IOException {
    JsonParser p;
    try {
      p = open.open();
    } catch (IOException e) {
      throw PushLoop.ours(e);
    }
    p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    try {
      return PushLoop.run(p, handler, sequence);
    } finally {
      p.close();
    }
  }
}
