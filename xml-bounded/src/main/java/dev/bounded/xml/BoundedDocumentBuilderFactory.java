package dev.bounded.xml;

import dev.bounded.xml.internal.dom.BoundedDocumentBuilder;
import dev.bounded.xml.internal.jaxp.JaxpFeatures;
import java.util.Objects;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.validation.Schema;

/**
 * A drop-in {@link DocumentBuilderFactory}: change one line and get the same {@code Document},
 * built under limits, with nothing ever fetched.
 *
 * <pre>{@code
 * DocumentBuilderFactory f = BoundedDocumentBuilderFactory.newInstance(); // was DocumentBuilderFactory.newInstance()
 * f.setNamespaceAware(true);
 * Document doc = f.newDocumentBuilder().parse(in);
 * }</pre>
 *
 * <p>The builders read the input with Bounded's pull parser (never the JDK's) and build the JDK's
 * own DOM implementation, equal to what the JDK's builder makes for well-formed, DTD-free input:
 * elements, attributes and namespace declarations ({@code xmlns} attributes in the {@code
 * http://www.w3.org/2000/xmlns/} namespace when namespace-aware), prefixes, one {@code Text} node
 * per run of character data, {@code CDATASection}s (or text when {@link #setCoalescing
 * coalescing}), comments and processing instructions. {@code getXmlEncoding()} and {@code
 * getInputEncoding()} of the result are null. Not registered as a JAXP service: using it is the
 * caller's explicit choice.
 *
 * <p><b>Limits.</b> {@link #newInstance()} scales its ceilings with the heap, computed when the
 * factory is created from {@code Runtime.getRuntime().maxMemory()} ("heap"): {@code maxBytes = heap
 * / 16} (a JDK DOM takes 2.5 to 9 times its input, so one tree at the limit fits), {@code maxNodes
 * = heap / 256} and {@code maxCharacters = heap / 16} ({@link DomLimits#forHeap}), {@code
 * maxElements = maxNodes}; the other {@link XmlLimits} keep their defaults. At {@code -Xmx64m}: 4
 * MiB, 262,144 nodes; at {@code -Xmx1g}: 64 MiB, 4,194,304 nodes. See {@link
 * #heapScaledLimits(long)}.
 *
 * <p><b>Shared budget.</b> Every tree is charged, as it is built, to {@link
 * DomLimits#parseBudget()}: by default {@link dev.bounded.core.ParseBudget#processDefault()}, half
 * the heap in conservative estimates, shared by every bounded parse in the process, so a plain
 * one-line drop-in is safe when many large documents arrive at once: when the budget is full a
 * parse waits up to a second for room, then fails with {@link dev.bounded.core.Limit#PARSE_BUDGET}.
 * Pass your own with {@code newInstance(limits,
 * DomLimits.forHeap(heap).toBuilder().parseBudget(budget).build())}. The charge (about 160 bytes a
 * node and 2 a character, see {@link DomLimits}) is released when {@code parse} returns or fails:
 * the returned {@code Document} is then the caller's and outside the budget, which bounds the trees
 * being built at once, not the trees kept. For dense documents the budget, and {@code maxBytes} (a
 * sixteenth of the heap), are met at about the same size (an RSS feed is charged about 8 bytes per
 * input byte, so half the heap holds about heap / 16 of input).
 *
 * <p><b>Failures.</b> Every failure caused by the input (a limit, malformed XML, a DOCTYPE under
 * {@link DtdPolicy#REFUSE}) is a {@link org.xml.sax.SAXParseException} with line and column whose
 * {@code getCause()} is the {@link dev.bounded.core.BoundedParseException}, reported first to the
 * builder's {@code ErrorHandler.fatalError} if one is set (nothing is printed when none is); an
 * {@link java.io.IOException} means the source itself failed. {@code parse(String uri)} and
 * system-ID-only {@code InputSource}s read local {@code file:} URIs and plain paths through the
 * same byte limit; any other scheme, or a {@code file:} URI naming another host, is refused without
 * being opened: a {@code SAXParseException} caused by {@link
 * dev.bounded.core.ForbiddenConstructException} (fetch it yourself, with a timeout and a size
 * limit). An {@code InputSource} encoding this JVM does not know is a {@code SAXParseException}
 * caused by {@link dev.bounded.core.MalformedDocumentException}. The builder's {@code
 * EntityResolver} is accepted and never consulted. {@code getDOMImplementation()} is the JDK's
 * without its parser: {@code createLSParser} refuses (a built {@code Document}'s own {@code
 * getImplementation()} stays the JDK's).
 *
 * <p><b>Settings.</b> Namespace awareness, coalescing and ignoring comments are honoured. Ignoring
 * element-content whitespace and entity-reference expansion need a DTD, which is never processed,
 * so they have no effect (predefined and character references are always expanded). Accepted as
 * no-ops in their safe direction: {@code FEATURE_SECURE_PROCESSING=true}, {@code
 * disallow-doctype-decl=true}, {@code external-general-entities=false}, {@code
 * external-parameter-entities=false}, {@code load-external-dtd=false}, {@code xinclude=false},
 * {@code ACCESS_EXTERNAL_DTD=""} and {@code ACCESS_EXTERNAL_SCHEMA=""}. {@code
 * disallow-doctype-decl=false} switches to {@link DtdPolicy#IGNORE} (a DOCTYPE is skipped, nothing
 * in it takes effect). Refused: the opposite of each of those ({@link ParserConfigurationException}
 * from {@code setFeature}, {@link IllegalArgumentException} from {@code setAttribute}), {@code
 * setValidating(true)}, {@code setXIncludeAware(true)} and a non-null {@code setSchema} (each
 * {@link IllegalArgumentException}), and any feature or attribute it does not know. Not thread-safe
 * while being configured, like every {@code DocumentBuilderFactory}.
 */
public final class BoundedDocumentBuilderFactory extends DocumentBuilderFactory {
  /** The heap is divided by this for the default {@link XmlLimits#maxBytes()}: 16. */
  static final long HEAP_BYTES_PER_INPUT_BYTE = 16;

  private XmlLimits limits;
  private final DomLimits domLimits;

  private BoundedDocumentBuilderFactory(XmlLimits limits, DomLimits domLimits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.domLimits = Objects.requireNonNull(domLimits, "domLimits");
  }

  private BoundedDocumentBuilderFactory(long heap) {
    this(heapScaledLimits(heap), DomLimits.forHeap(heap));
  }

  /**
   * The same factory as {@link #newInstance()}, for {@code
   * -Djavax.xml.parsers.DocumentBuilderFactory=dev.bounded.xml.BoundedDocumentBuilderFactory}
   * (which JAXP instantiates with this constructor) and {@link BoundedJaxp#install()}.
   */
  public BoundedDocumentBuilderFactory() {
    this(Runtime.getRuntime().maxMemory());
  }

  /**
   * A factory with heap-scaled ceilings ({@link #heapScaledLimits(long)} and {@link
   * DomLimits#forHeap(long)} of the current {@code Runtime.maxMemory()}). Namespace-unaware and
   * non-coalescing, like {@link DocumentBuilderFactory#newInstance()}.
   */
  public static BoundedDocumentBuilderFactory newInstance() {
    return new BoundedDocumentBuilderFactory();
  }

  /** A factory with these input limits and the heap-scaled {@link DomLimits#forHeap(long)}. */
  public static BoundedDocumentBuilderFactory newInstance(XmlLimits limits) {
    return new BoundedDocumentBuilderFactory(
        limits, DomLimits.forHeap(Runtime.getRuntime().maxMemory()));
  }

  /** A factory with these input and tree limits. */
  public static BoundedDocumentBuilderFactory newInstance(XmlLimits limits, DomLimits domLimits) {
    return new BoundedDocumentBuilderFactory(limits, domLimits);
  }

  /**
   * The default input limits for a heap of {@code heapBytes}: {@link XmlLimits#defaults()} with
   * {@code maxBytes = max(1, heapBytes / 16)} and {@code maxElements = max(1, heapBytes / 256)}
   * (the node ceiling: every element is a node).
   *
   * @throws IllegalArgumentException if {@code heapBytes < 0}
   */
  public static XmlLimits heapScaledLimits(long heapBytes) {
    if (heapBytes < 0) {
      throw new IllegalArgumentException("heapBytes < 0: " + heapBytes);
    }
    return XmlLimits.builder()
        .maxBytes(Math.max(1, heapBytes / HEAP_BYTES_PER_INPUT_BYTE))
        .maxElements(Math.max(1, heapBytes / DomLimits.HEAP_BYTES_PER_NODE))
        .build();
  }

  /** The input limits its builders use (the DTD policy reflects {@code disallow-doctype-decl}). */
  public XmlLimits xmlLimits() {
    return limits;
  }

  /** The tree limits its builders use. */
  public DomLimits domLimits() {
    return domLimits;
  }

  @Override
  public DocumentBuilder newDocumentBuilder() throws ParserConfigurationException {
    return new BoundedDocumentBuilder(
        limits, domLimits, isNamespaceAware(), isCoalescing(), isIgnoringComments());
  }

  /**
   * Accepts {@code ACCESS_EXTERNAL_DTD} and {@code ACCESS_EXTERNAL_SCHEMA} set to {@code ""}.
   *
   * @throws IllegalArgumentException for any other value or attribute
   */
  @Override
  public void setAttribute(String name, Object value) {
    if (!JaxpFeatures.setProperty(Objects.requireNonNull(name, "name"), value)) {
      throw new IllegalArgumentException("Attribute not recognized by Bounded: " + name);
    }
  }

  /**
   * {@code ""} for the external-access attributes.
   *
   * @throws IllegalArgumentException for any other attribute
   */
  @Override
  public Object getAttribute(String name) {
    Object v = JaxpFeatures.getProperty(Objects.requireNonNull(name, "name"));
    if (v == null) {
      throw new IllegalArgumentException("Attribute not recognized by Bounded: " + name);
    }
    return v;
  }

  /**
   * Accepts the safe security settings; {@code disallow-doctype-decl} selects the {@link
   * DtdPolicy}.
   *
   * @throws ParserConfigurationException for a setting that would fetch, validate or lift secure
   *     processing, and for a feature it does not know
   */
  @Override
  public void setFeature(String name, boolean value) throws ParserConfigurationException {
    DtdPolicy p;
    try {
      p = JaxpFeatures.set(name, value, limits.dtdPolicy());
    } catch (IllegalArgumentException e) {
      throw new ParserConfigurationException(e.getMessage());
    }
    if (p == null) {
      throw new ParserConfigurationException("Feature not recognized by Bounded: " + name);
    }
    if (p != limits.dtdPolicy()) {
      limits = limits.toBuilder().dtdPolicy(p).build();
    }
  }

  /**
   * The value of a security feature ({@code FEATURE_SECURE_PROCESSING} is always true).
   *
   * @throws ParserConfigurationException for a feature it does not know
   */
  @Override
  public boolean getFeature(String name) throws ParserConfigurationException {
    Boolean v = JaxpFeatures.get(Objects.requireNonNull(name, "name"), limits.dtdPolicy());
    if (v == null) {
      throw new ParserConfigurationException("Feature not recognized by Bounded: " + name);
    }
    return v;
  }

  /**
   * Accepts false.
   *
   * @throws IllegalArgumentException for true: Bounded does not validate
   */
  @Override
  public void setValidating(boolean validating) {
    JaxpFeatures.refuseValidating(validating);
  }

  /**
   * Accepts false.
   *
   * @throws IllegalArgumentException for true: Bounded never processes XInclude
   */
  @Override
  public void setXIncludeAware(boolean state) {
    JaxpFeatures.refuseXInclude(state);
  }

  /** Always false. */
  @Override
  public boolean isXIncludeAware() {
    return false;
  }

  /**
   * Accepts null.
   *
   * @throws IllegalArgumentException for a schema: validate the parsed tree with {@code
   *     schema.newValidator().validate(new DOMSource(doc))} instead
   */
  @Override
  public void setSchema(Schema schema) {
    JaxpFeatures.refuseSchema(schema);
  }

  /** Always null. */
  @Override
  public Schema getSchema() {
    return null;
  }
}
