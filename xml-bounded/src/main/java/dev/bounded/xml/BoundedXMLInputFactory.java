package dev.bounded.xml;

import dev.bounded.xml.internal.BoundedStreamReader;
import dev.bounded.xml.internal.stax.FactoryReader;
import dev.bounded.xml.internal.stax.FilteredEvents;
import dev.bounded.xml.internal.stax.Inputs;
import dev.bounded.xml.internal.stax.JdkStax;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Objects;
import javax.xml.stream.EventFilter;
import javax.xml.stream.StreamFilter;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLReporter;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.XMLEventAllocator;
import javax.xml.transform.Source;

/**
 * A drop-in StAX {@link XMLInputFactory}: every reader it makes is Bounded's pull parser, under
 * {@link XmlLimits}, with nothing ever fetched. Code that takes an {@code XMLInputFactory}
 * (Jackson's {@code XmlMapper}, Jakarta XML Binding, Spring OXM, CXF) is protected in one line:
 *
 * <pre>{@code
 * XmlMapper mapper = new XmlMapper(new XmlFactory(BoundedXMLInputFactory.newInstance(limits)));
 * XMLStreamReader r = BoundedXMLInputFactory.newInstance().createXMLStreamReader(in);
 * }</pre>
 *
 * <p><b>Readers.</b> Namespace-aware and non-coalescing by default, as StAX specifies. A breach,
 * malformed input or a refused DOCTYPE is an {@link XMLStreamException} whose cause is our {@link
 * dev.bounded.core.BoundedParseException} (find it with {@code BoundedParseException.find}); the
 * reader keeps failing the same way. Closing a reader never closes the caller's stream. Input in
 * UTF-8, UTF-16, UTF-32 or an ASCII-compatible single-byte charset is read; an encoding passed to
 * {@code createXMLStreamReader(InputStream, String)} overrides the document's. From a {@code
 * Reader} {@link XmlLimits#maxBytes()} counts characters.
 *
 * <p><b>Sources.</b> A {@code StreamSource}, or a {@code SAXSource}, with a byte or character
 * stream. A source with only a system ID is refused ({@link IllegalArgumentException}): this
 * factory never opens a URI, file or network. {@code DOMSource} and {@code StAXSource} are refused
 * ({@link UnsupportedOperationException}, as StAX allows): they are parsed already, by another
 * parser. The system ID passed beside a stream only names the document in {@code getLocation()}.
 *
 * <p><b>Event readers</b> are the JDK's own {@code XMLEventReader} over a bounded stream reader,
 * their events made by the JDK's {@code XMLEventFactory} (or by the {@link #setEventAllocator
 * allocator} set here); every event comes from the bounded reader. {@link
 * #createXMLEventReader(XMLStreamReader)} and the {@code createFilteredReader} methods wrap the
 * reader they are given, and are bounded when it is.
 *
 * <p><b>Properties.</b>
 *
 * <ul>
 *   <li>{@link #IS_NAMESPACE_AWARE}: true (default) or false.
 *   <li>{@link #IS_COALESCING}: false (default) or true: adjacent text and CDATA come as one
 *       CHARACTERS event, which cannot outgrow {@link XmlLimits#maxTextLength()}.
 *   <li>{@link #IS_REPLACING_ENTITY_REFERENCES}: accepted either way; without a DTD the only
 *       references are the predefined and character ones, always replaced.
 *   <li>{@link #SUPPORT_DTD}, {@link #IS_SUPPORTING_EXTERNAL_ENTITIES}, {@link #IS_VALIDATING}:
 *       false accepted; true throws {@link IllegalArgumentException}. DOCTYPEs follow {@link
 *       XmlLimits#dtdPolicy()}.
 *   <li>{@link #RESOLVER}: kept, never consulted (nothing is resolved). {@link #REPORTER}: kept;
 *       problems are thrown, never reported. {@link #ALLOCATOR}: used by the event readers.
 *   <li>Any other property: {@link IllegalArgumentException}.
 * </ul>
 *
 * <p>Limits are {@link XmlLimits#defaults()} unless given. Configure it, then share it: the create
 * methods may be called from many threads at once. {@code
 * -Djavax.xml.stream.XMLInputFactory=dev.bounded.xml.BoundedXMLInputFactory} makes {@link
 * XMLInputFactory#newInstance()} return one; see {@link BoundedJaxp#install()}.
 */
public final class BoundedXMLInputFactory extends XMLInputFactory {
  private final XmlLimits limits;
  private volatile boolean namespaceAware = true;
  private volatile boolean coalescing;
  private volatile boolean replacingEntityReferences = true;
  private volatile XMLResolver resolver;
  private volatile XMLReporter reporter;
  private volatile XMLEventAllocator allocator;

  /**
   * A factory with {@link XmlLimits#defaults()}: for {@code
   * -Djavax.xml.stream.XMLInputFactory=dev.bounded.xml.BoundedXMLInputFactory}; in code, {@link
   * #newInstance()} says the same.
   */
  public BoundedXMLInputFactory() {
    this(XmlLimits.defaults());
  }

  private BoundedXMLInputFactory(XmlLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** A factory with {@link XmlLimits#defaults()}. */
  public static BoundedXMLInputFactory newInstance() {
    return new BoundedXMLInputFactory();
  }

  /** A factory with these limits. */
  public static BoundedXMLInputFactory newInstance(XmlLimits limits) {
    return new BoundedXMLInputFactory(limits);
  }

  /** The limits its readers use. */
  public XmlLimits xmlLimits() {
    return limits;
  }

  private XMLStreamReader wrap(BoundedStreamReader r, String systemId) {
    return new FactoryReader(
        r,
        new FactoryReader.Settings(
            namespaceAware, coalescing, replacingEntityReferences, allocator, reporter, resolver),
        systemId);
  }

  // ---- stream readers ----

  /** A bounded reader over characters. */
  @Override
  public XMLStreamReader createXMLStreamReader(Reader reader) throws XMLStreamException {
    return createXMLStreamReader(null, reader);
  }

  /**
   * A bounded reader over a {@code StreamSource} or {@code SAXSource} with a stream.
   *
   * @throws IllegalArgumentException for a source with only a system ID
   * @throws UnsupportedOperationException for a {@code DOMSource}, {@code StAXSource} or another
   *     kind of source
   */
  @Override
  public XMLStreamReader createXMLStreamReader(Source source) throws XMLStreamException {
    boolean ns = namespaceAware;
    try {
      return wrap(
          Inputs.open(Objects.requireNonNull(source, "source"), limits, ns), source.getSystemId());
    } catch (IOException e) {
      throw Inputs.streamException(e);
    }
  }

  /** A bounded reader over bytes, in the encoding the document declares or its byte-order mark. */
  @Override
  public XMLStreamReader createXMLStreamReader(InputStream stream) throws XMLStreamException {
    return open(stream, null, null);
  }

  /**
   * A bounded reader over bytes in {@code encoding} (null: as the document says).
   *
   * @throws IllegalArgumentException for an encoding the JDK does not know
   */
  @Override
  public XMLStreamReader createXMLStreamReader(InputStream stream, String encoding)
      throws XMLStreamException {
    return open(stream, encoding, null);
  }

  /** A bounded reader over bytes; {@code systemId} only names the document, it is never opened. */
  @Override
  public XMLStreamReader createXMLStreamReader(String systemId, InputStream stream)
      throws XMLStreamException {
    return open(stream, null, systemId);
  }

  /**
   * A bounded reader over characters; {@code systemId} only names the document, it is never opened.
   */
  @Override
  public XMLStreamReader createXMLStreamReader(String systemId, Reader reader)
      throws XMLStreamException {
    try {
      return wrap(
          BoundedStreamReader.open(
              Objects.requireNonNull(reader, "reader"), limits, namespaceAware),
          systemId);
    } catch (IOException e) {
      throw Inputs.streamException(e);
    }
  }

  private XMLStreamReader open(InputStream stream, String encoding, String systemId)
      throws XMLStreamException {
    try {
      return wrap(
          Inputs.open(Objects.requireNonNull(stream, "stream"), encoding, limits, namespaceAware),
          systemId);
    } catch (IOException e) {
      throw Inputs.streamException(e);
    }
  }

  // ---- event readers: the JDK's, over a bounded stream reader ----

  /** The JDK's event reader over a bounded reader of characters. */
  @Override
  public XMLEventReader createXMLEventReader(Reader reader) throws XMLStreamException {
    return createXMLEventReader(createXMLStreamReader(reader));
  }

  /** As {@link #createXMLStreamReader(String, Reader)}, as events. */
  @Override
  public XMLEventReader createXMLEventReader(String systemId, Reader reader)
      throws XMLStreamException {
    return createXMLEventReader(createXMLStreamReader(systemId, reader));
  }

  /**
   * The JDK's event reader over {@code reader}, allocating with this factory's allocator if one is
   * set and {@code reader} is one of this factory's. Bounded if {@code reader} is.
   */
  @Override
  public XMLEventReader createXMLEventReader(XMLStreamReader reader) throws XMLStreamException {
    return JdkStax.eventReader(Objects.requireNonNull(reader, "reader"));
  }

  /** As {@link #createXMLStreamReader(Source)}, as events. */
  @Override
  public XMLEventReader createXMLEventReader(Source source) throws XMLStreamException {
    return createXMLEventReader(createXMLStreamReader(source));
  }

  /** As {@link #createXMLStreamReader(InputStream)}, as events. */
  @Override
  public XMLEventReader createXMLEventReader(InputStream stream) throws XMLStreamException {
    return createXMLEventReader(createXMLStreamReader(stream));
  }

  /** As {@link #createXMLStreamReader(InputStream, String)}, as events. */
  @Override
  public XMLEventReader createXMLEventReader(InputStream stream, String encoding)
      throws XMLStreamException {
    return createXMLEventReader(createXMLStreamReader(stream, encoding));
  }

  /** As {@link #createXMLStreamReader(String, InputStream)}, as events. */
  @Override
  public XMLEventReader createXMLEventReader(String systemId, InputStream stream)
      throws XMLStreamException {
    return createXMLEventReader(createXMLStreamReader(systemId, stream));
  }

  /** The JDK's filter over {@code reader}; bounded if {@code reader} is. */
  @Override
  public XMLStreamReader createFilteredReader(XMLStreamReader reader, StreamFilter filter)
      throws XMLStreamException {
    return JdkStax.filter(
        Objects.requireNonNull(reader, "reader"), Objects.requireNonNull(filter, "filter"));
  }

  /**
   * The events of {@code reader} that {@code filter} accepts; bounded if {@code reader} is. A
   * failure is thrown by {@code nextEvent()} ({@code hasNext()} answers true before it), never
   * taken for the end of the document. {@code getElementText()} is not supported on it.
   */
  @Override
  public XMLEventReader createFilteredReader(XMLEventReader reader, EventFilter filter)
      throws XMLStreamException {
    return new FilteredEvents(
        Objects.requireNonNull(reader, "reader"), Objects.requireNonNull(filter, "filter"));
  }

  // ---- configuration ----

  /** The resolver set, never consulted: nothing is ever resolved. */
  @Override
  public XMLResolver getXMLResolver() {
    return resolver;
  }

  /** Kept, never consulted: nothing is ever resolved or fetched. */
  @Override
  public void setXMLResolver(XMLResolver resolver) {
    this.resolver = resolver;
  }

  /** The reporter set. */
  @Override
  public XMLReporter getXMLReporter() {
    return reporter;
  }

  /** Kept: every problem is thrown as an {@link XMLStreamException}, none is only reported. */
  @Override
  public void setXMLReporter(XMLReporter reporter) {
    this.reporter = reporter;
  }

  /**
   * Sets a standard property (see the class comment).
   *
   * @throws IllegalArgumentException for a request to process DTDs, resolve external entities or
   *     validate, a value of the wrong type, or a property it does not know
   */
  @Override
  public void setProperty(String name, Object value) {
    Objects.requireNonNull(name, "name");
    switch (name) {
      case IS_NAMESPACE_AWARE:
        namespaceAware = bool(name, value);
        return;
      case IS_COALESCING:
        coalescing = bool(name, value);
        return;
      case IS_REPLACING_ENTITY_REFERENCES:
        replacingEntityReferences = bool(name, value);
        return;
      case SUPPORT_DTD:
        refuseTrue(
            name,
            value,
            "Bounded never processes DTDs (XmlLimits.dtdPolicy refuses or skips" + " a DOCTYPE)");
        return;
      case IS_SUPPORTING_EXTERNAL_ENTITIES:
        refuseTrue(name, value, "Bounded never resolves external entities");
        return;
      case IS_VALIDATING:
        refuseTrue(name, value, "Bounded does not validate");
        return;
      case RESOLVER:
        setXMLResolver(cast(name, value, XMLResolver.class));
        return;
      case REPORTER:
        setXMLReporter(cast(name, value, XMLReporter.class));
        return;
      case ALLOCATOR:
        setEventAllocator(cast(name, value, XMLEventAllocator.class));
        return;
      default:
        throw new IllegalArgumentException("Property not recognized by Bounded: " + name);
    }
  }

  /**
   * The value of a standard property ({@link #SUPPORT_DTD}, {@link
   * #IS_SUPPORTING_EXTERNAL_ENTITIES} and {@link #IS_VALIDATING} are always false).
   *
   * @throws IllegalArgumentException for a property it does not know
   */
  @Override
  public Object getProperty(String name) {
    Objects.requireNonNull(name, "name");
    switch (name) {
      case IS_NAMESPACE_AWARE:
        return namespaceAware;
      case IS_COALESCING:
        return coalescing;
      case IS_REPLACING_ENTITY_REFERENCES:
        return replacingEntityReferences;
      case SUPPORT_DTD:
      case IS_SUPPORTING_EXTERNAL_ENTITIES:
      case IS_VALIDATING:
        return Boolean.FALSE;
      case RESOLVER:
        return resolver;
      case REPORTER:
        return reporter;
      case ALLOCATOR:
        return allocator;
      default:
        throw new IllegalArgumentException("Property not recognized by Bounded: " + name);
    }
  }

  /** True for the standard properties listed in the class comment. */
  @Override
  public boolean isPropertySupported(String name) {
    if (name == null) {
      return false;
    }
    switch (name) {
      case IS_NAMESPACE_AWARE:
      case IS_COALESCING:
      case IS_REPLACING_ENTITY_REFERENCES:
      case SUPPORT_DTD:
      case IS_SUPPORTING_EXTERNAL_ENTITIES:
      case IS_VALIDATING:
      case RESOLVER:
      case REPORTER:
      case ALLOCATOR:
        return true;
      default:
        return false;
    }
  }

  /** The allocator the event readers use; null (default) for the JDK's own. */
  @Override
  public void setEventAllocator(XMLEventAllocator allocator) {
    this.allocator = allocator;
  }

  /** The allocator set, or null: the JDK's own. */
  @Override
  public XMLEventAllocator getEventAllocator() {
    return allocator;
  }

  private static boolean bool(String name, Object value) {
    if (!(value instanceof Boolean)) {
      throw new IllegalArgumentException(name + " takes a Boolean, not " + value);
    }
    return (Boolean) value;
  }

  private static void refuseTrue(String name, Object value, String why) {
    if (bool(name, value)) {
      throw new IllegalArgumentException("Refused: " + name + "=true. " + why);
    }
  }

  private static <T> T cast(String name, Object value, Class<T> type) {
    if (value != null && !type.isInstance(value)) {
      throw new IllegalArgumentException(
          name + " takes a " + type.getName() + ", not " + value.getClass().getName());
    }
    return type.cast(value);
  }
}
