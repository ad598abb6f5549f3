package dev.bounded.xml;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.internal.FeedSubscriber;
import dev.bounded.xml.internal.BoundedStreamReader;
import dev.bounded.xml.internal.PushParser;
import dev.bounded.xml.internal.dom.ElementRecords;
import dev.bounded.xml.internal.stax.Inputs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.Source;
import org.w3c.dom.Element;

/**
 * Bounded XML parsing: the entry points.
 *
 * <pre>{@code
 * XmlStats stats = BoundedXml.parse(in, XmlLimits.defaults(), new XmlHandler() {
 *   public void startElement(String ns, String local, String prefix, XmlAttributes attrs) {
 *     System.out.println(local);
 *   }
 * });
 * }</pre>
 *
 * <p>Every parse reads through a byte limit and then Bounded's own tokenizer, which holds every
 * {@link XmlLimits} limit exactly in one pass and has nothing that could resolve or fetch anything
 * (or, with {@link XmlEngine#WOODSTOX}, a pre-scanner and Woodstox configured never to resolve
 * anything). No DOCTYPE is accepted unless {@link XmlLimits#dtdPolicy()} says so, and no external
 * entity, DTD or XInclude is ever fetched. Input in UTF-8, UTF-16, UTF-32 or an ASCII-compatible
 * single-byte charset is read; others are refused. The caller's stream is never closed.
 */
public final class BoundedXml {
  private BoundedXml() {}

  /**
   * Streams {@code in} through {@code handler}.
   *
   * @return the parse's high-water marks
   * @throws BoundedParseException if the input breaks a limit, is not well-formed, or uses a
   *     forbidden construct; its subtype says which
   * @throws IOException the handler's own exception, unchanged, or a failure of the source
   */
  public static XmlStats parse(InputStream in, XmlLimits limits, XmlHandler handler)
      throws IOException {
    return run(
        BoundedStreamReader.open(Objects.requireNonNull(in, "in"), limits, true),
        Objects.requireNonNull(handler, "handler"));
  }

  /** As {@link #parse(InputStream, XmlLimits, XmlHandler)}, from bytes. */
  public static XmlStats parse(byte[] document, XmlLimits limits, XmlHandler handler)
      throws IOException {
    return parse(new ByteArrayInputStream(document), limits, handler);
  }

  /**
   * As {@link #parse(InputStream, XmlLimits, XmlHandler)}, from characters: {@link
   * XmlLimits#maxBytes()} then counts characters, and error locations carry no byte offset.
   */
  public static XmlStats parse(Reader in, XmlLimits limits, XmlHandler handler) throws IOException {
    return run(
        BoundedStreamReader.open(Objects.requireNonNull(in, "in"), limits, true),
        Objects.requireNonNull(handler, "handler"));
  }

  /**
   * As {@link #parse(InputStream, XmlLimits, XmlHandler)}, from a {@code StreamSource} or {@code
   * SAXSource} with a byte stream (decoded with the {@code InputSource}'s encoding if it names one)
   * or a character stream (read as {@link #parse(Reader, XmlLimits, XmlHandler)} does, with no
   * re-encoding). The stream is not closed.
   *
   * @throws IllegalArgumentException for a source with only a system ID: Bounded never opens one
   * @throws UnsupportedOperationException for a {@code DOMSource}, {@code StAXSource} or other kind
   */
  public static XmlStats parse(Source source, XmlLimits limits, XmlHandler handler)
      throws IOException {
    Objects.requireNonNull(handler, "handler");
    return run(Inputs.open(source, limits, true), handler);
  }

  /**
   * As {@link #parse(InputStream, XmlLimits, XmlHandler)}, with callbacks that return a {@link
   * dev.bounded.core.Control} ({@link XmlFilter}).
   */
  public static XmlStats parse(InputStream in, XmlLimits limits, XmlFilter filter)
      throws IOException {
    return parse(in, limits, FilterHandler.of(filter));
  }

  /** As {@link #parse(byte[], XmlLimits, XmlHandler)}, with an {@link XmlFilter}. */
  public static XmlStats parse(byte[] document, XmlLimits limits, XmlFilter filter)
      throws IOException {
    return parse(document, limits, FilterHandler.of(filter));
  }

  /** As {@link #parse(Reader, XmlLimits, XmlHandler)}, with an {@link XmlFilter}. */
  public static XmlStats parse(Reader in, XmlLimits limits, XmlFilter filter) throws IOException {
    return parse(in, limits, FilterHandler.of(filter));
  }

  /** As {@link #parse(Source, XmlLimits, XmlHandler)}, with an {@link XmlFilter}. */
  public static XmlStats parse(Source source, XmlLimits limits, XmlFilter filter)
      throws IOException {
    return parse(source, limits, FilterHandler.of(filter));
  }

  private static XmlStats run(BoundedStreamReader reader, XmlHandler handler) throws IOException {
    try {
      boolean complete = new PushParser(reader).run(handler);
      return stats(reader, complete);
    } finally {
      try {
        reader.close();
      } catch (XMLStreamException ignored) {
        // nothing held that matters: the caller's stream is not ours to close
      }
    }
  }

  /**
   * A bounded pull parser over {@code in}: a namespace-aware, non-coalescing {@link
   * XMLStreamReader} (text may arrive in several CHARACTERS events). A breach or malformed input
   * surfaces as an {@link XMLStreamException} whose cause is the {@link BoundedParseException};
   * once failed, the reader keeps failing the same way. {@code getElementText()} and {@code
   * nextTag()} are bounded too. Closing the reader does not close {@code in}.
   *
   * @throws XMLStreamException (caused by ours) if the prolog already fails
   */
  public static XMLStreamReader newReader(InputStream in, XmlLimits limits)
      throws XMLStreamException {
    try {
      return BoundedStreamReader.open(Objects.requireNonNull(in, "in"), limits, true);
    } catch (IOException e) {
      throw Inputs.streamException(e);
    }
  }

  /** As {@link #newReader(InputStream, XmlLimits)}, from bytes. */
  public static XMLStreamReader newReader(byte[] document, XmlLimits limits)
      throws XMLStreamException {
    return newReader(new ByteArrayInputStream(document), limits);
  }

  /**
   * As {@link #newReader(InputStream, XmlLimits)}, from characters, read as they are (no
   * re-encoding to bytes): {@link XmlLimits#maxBytes()} then counts characters, and error locations
   * carry no byte offset. Closing the reader does not close {@code in}.
   */
  public static XMLStreamReader newReader(Reader in, XmlLimits limits) throws XMLStreamException {
    try {
      return BoundedStreamReader.open(Objects.requireNonNull(in, "in"), limits, true);
    } catch (IOException e) {
      throw Inputs.streamException(e);
    }
  }

  /**
   * As {@link #newReader(InputStream, XmlLimits)}, from a {@code StreamSource} or {@code SAXSource}
   * with a byte or character stream (see {@link #parse(Source, XmlLimits, XmlHandler)}).
   *
   * @throws IllegalArgumentException for a source with only a system ID: Bounded never opens one
   * @throws UnsupportedOperationException for a {@code DOMSource}, {@code StAXSource} or other kind
   */
  public static XMLStreamReader newReader(Source source, XmlLimits limits)
      throws XMLStreamException {
    try {
      return Inputs.open(source, limits, true);
    } catch (IOException e) {
      throw Inputs.streamException(e);
    }
  }

  /**
   * A non-blocking push parse of one XML document: bytes are fed as they arrive, and events reach
   * {@code handler} during each {@link XmlFeeder#feed}; the same events, limits, errors and {@link
   * XmlStats} as {@link #parse(InputStream, XmlLimits, XmlHandler)} on the {@link
   * XmlEngine#BOUNDED} engine. UTF-8 (or US-ASCII) input only. The deadline ({@code
   * maxParseMillis}) starts now.
   *
   * <pre>{@code
   * XmlFeeder feeder = BoundedXml.newFeeder(XmlLimits.defaults(), handler);
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code limits.engine()} is not {@link XmlEngine#BOUNDED}
   *     (only our tokenizer can stop at any byte and resume), or {@code limits.maxAllocatedBytes()}
   *     is finite (it counts one thread, and a feeder is fed from any)
   */
  public static XmlFeeder newFeeder(XmlLimits limits, XmlHandler handler) {
    return new XmlFeeder(FeedParse.start(limits, handler));
  }

  /**
   * A non-blocking pull parse of one XML document: a StAX reader fed bytes as they arrive ({@link
   * XmlAsyncReader#feed}), whose {@code next()} returns {@link XmlAsyncReader#INCOMPLETE} when they
   * hold no further event, as Aalto's async reader does; the same events, limits and errors as
   * {@link #newReader(InputStream, XmlLimits)} on the {@link XmlEngine#BOUNDED} engine. UTF-8 (or
   * US-ASCII) input only. The deadline ({@code maxParseMillis}) starts now.
   *
   * @throws IllegalArgumentException as {@link #newFeeder}
   */
  public static XmlAsyncReader newAsyncReader(XmlLimits limits) {
    return new XmlAsyncReader(FeedInput.start(limits));
  }

  /**
   * A {@link java.util.concurrent.Flow.Subscriber} of byte chunks that parses one XML document as a
   * {@link #newFeeder feeder} does, with demand one item at a time and a deadline timer that needs
   * no blocked thread; {@link XmlSubscriber#result()} is the outcome. For the JDK's {@code
   * HttpClient}: {@code BodyHandlers.fromSubscriber(BoundedXml.subscriber(limits, handler),
   * XmlSubscriber::result)}. The deadline starts now.
   *
   * @throws IllegalArgumentException as {@link #newFeeder}
   */
  public static XmlSubscriber subscriber(XmlLimits limits, XmlHandler handler) {
    return new Subscriber(FeedParse.start(limits, handler));
  }

  /** The subscriber: the shared Flow machinery, typed for XML. */
  private static final class Subscriber extends FeedSubscriber<XmlStats> implements XmlSubscriber {
    Subscriber(FeedParse parse) {
      super(parse);
    }
  }

  /** As {@link #newFeeder(XmlLimits, XmlHandler)}, with an {@link XmlFilter}. */
  public static XmlFeeder newFeeder(XmlLimits limits, XmlFilter filter) {
    return newFeeder(limits, FilterHandler.of(filter));
  }

  /** As {@link #subscriber(XmlLimits, XmlHandler)}, with an {@link XmlFilter}. */
  public static XmlSubscriber subscriber(XmlLimits limits, XmlFilter filter) {
    return subscriber(limits, FilterHandler.of(filter));
  }

  /**
   * The high-water marks so far of a reader made by a {@code newReader} method or {@link
   * #newAsyncReader}.
   *
   * @throws IllegalArgumentException for any other reader
   */
  public static XmlStats stats(XMLStreamReader reader) {
    if (reader instanceof XmlAsyncReader) {
      return ((XmlAsyncReader) reader).stats();
    }
    if (!(reader instanceof BoundedStreamReader)) {
      throw new IllegalArgumentException("not a reader from BoundedXml.newReader: " + reader);
    }
    return stats((BoundedStreamReader) reader, true);
  }

  /**
   * Streams {@code in} and hands {@code action} each element matching {@code path}, one at a time,
   * as a small DOM tree; everything outside the matches is read and dropped, so memory stays flat
   * however many records the document holds. Each record is limited by {@link
   * DomLimits#defaults()}.
   *
   * <pre>{@code
   * XmlLimits bulk = XmlLimits.builder().maxBytes(XmlLimits.UNLIMITED).maxElements(XmlLimits.UNLIMITED).build();
   * BoundedXml.forEachElement(in, bulk, "/rss/channel/item", item ->
   *     System.out.println(item.getElementsByTagName("title").item(0).getTextContent()));
   * }</pre>
   *
   * <p>{@code path} is a name ({@code "item"}: any element so named, at any depth; a match is not
   * searched inside another match), names joined by {@code /} ({@code "channel/item"}: matched
   * against the element and its nearest ancestors), or such a path from the root ({@code
   * "/rss/channel/item"}). A step matches the local name, or the qualified name if it has a colon
   * ({@code "dc:creator"}); {@code "*"} matches any name. Each record is namespace-aware, the
   * document element of a new {@code Document} of its own (built by the JDK's DOM implementation),
   * and carries as {@code xmlns} attributes the ancestors' namespace declarations still in scope,
   * so it stands alone. {@code limits} bound the whole stream (raise {@code maxBytes} and {@code
   * maxElements} for bulk files); {@code recordLimits} bound each record's tree. Records are built
   * as {@link BoundedDocumentBuilderFactory} builds a namespace-aware, non-coalescing document.
   *
   * @return how many records {@code action} received
   * @throws BoundedParseException if the input breaks an {@link XmlLimits} or a record breaks a
   *     {@link DomLimits} ({@link dev.bounded.core.Limit#MAX_NODES} or {@link
   *     dev.bounded.core.Limit#MAX_TEXT_LENGTH} from {@code "DomLimits.maxCharacters"}), is not
   *     well-formed, or uses a forbidden construct; records before the failure were delivered
   * @throws IOException a failure of the source
   * @throws IllegalArgumentException for an empty path or step
   */
  public static long forEachElement(
      InputStream in, XmlLimits limits, String path, Consumer<? super Element> action)
      throws IOException {
    return forEachElement(in, limits, DomLimits.defaults(), path, action);
  }

  /**
   * As {@link #forEachElement(InputStream, XmlLimits, String, Consumer)}, with these per-record
   * limits.
   */
  public static long forEachElement(
      InputStream in,
      XmlLimits limits,
      DomLimits recordLimits,
      String path,
      Consumer<? super Element> action)
      throws IOException {
    return ElementRecords.forEach(
        Objects.requireNonNull(in, "in"), limits, recordLimits, path, action);
  }

  /**
   * The records of {@link #forEachElement(InputStream, XmlLimits, String, Consumer)} as a lazy,
   * sequential {@link Stream}. The parser opens with the first record asked for and closes when the
   * stream is closed: use try-with-resources (closing does not close {@code in}).
   *
   * <pre>{@code
   * try (Stream<Element> items = BoundedXml.elements(in, limits, "/rss/channel/item")) {
   *   List<String> links = items.map(i -> i.getElementsByTagName("link").item(0).getTextContent())
   *       .limit(10).collect(Collectors.toList());
   * }
   * }</pre>
   *
   * <p>An input failure surfaces from the terminal operation as an {@link
   * java.io.UncheckedIOException} whose cause is the {@link BoundedParseException}.
   *
   * @throws IllegalArgumentException for an empty path or step
   */
  public static Stream<Element> elements(InputStream in, XmlLimits limits, String path) {
    return elements(in, limits, DomLimits.defaults(), path);
  }

  /** As {@link #elements(InputStream, XmlLimits, String)}, with these per-record limits. */
  public static Stream<Element> elements(
      InputStream in, XmlLimits limits, DomLimits recordLimits, String path) {
    return ElementRecords.stream(in, limits, recordLimits, path);
  }

  static XmlStats stats(BoundedStreamReader r, boolean complete) {
    return new XmlStats(
        r.bytesRead(),
        r.maxDepthSeen(),
        r.elements(),
        r.maxAttributesSeen(),
        r.maxAttributeLengthSeen(),
        r.maxTextSeen(),
        r.maxNameLengthSeen(),
        r.maxNamespacesSeen(),
        complete);
  }
}
