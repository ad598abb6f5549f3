package dev.bounded.xml;

import dev.bounded.xml.internal.jaxp.JaxpFeatures;
import dev.bounded.xml.internal.sax.BoundedSAXParser;
import dev.bounded.xml.internal.sax.BoundedXMLReader;
import java.util.Objects;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;

/**
 * A drop-in {@link SAXParserFactory}: change one line and get the same SAX events, bounded, with
 * nothing ever fetched.
 *
 * <pre>{@code
 * SAXParserFactory f = BoundedSAXParserFactory.newInstance(); // was SAXParserFactory.newInstance()
 * f.setNamespaceAware(true);
 * f.newSAXParser().parse(in, myDefaultHandler);
 * }</pre>
 *
 * <p>Its parsers and their {@code getXMLReader()} deliver the events the JDK's parser delivers for
 * well-formed, DTD-free input, up to how character data is split into {@code characters()} calls
 * and {@code Locator} positions: {@code setDocumentLocator}, {@code startDocument}, {@code
 * startPrefixMapping}/{@code endPrefixMapping} (namespace-aware), {@code startElement}/{@code
 * endElement} with the JDK's URIs, local names, qualified names and {@code "CDATA"}-typed
 * attributes (namespace declarations among them only with the {@code namespace-prefixes} feature,
 * as the JDK does), {@code characters} (also for white space: without a DTD nothing is ignorable),
 * {@code processingInstruction}, {@code endDocument}; and, for a {@code LexicalHandler} set as
 * property {@code http://xml.org/sax/properties/lexical-handler}, {@code comment} and {@code
 * startCDATA}/{@code endCDATA} (directly adjacent CDATA sections are reported as one). No DTD
 * events: a DOCTYPE is refused, or skipped under {@link DtdPolicy#IGNORE}.
 *
 * <p>Limits are {@link XmlLimits#defaults()} unless given: SAX keeps no tree, so the streaming
 * defaults apply. Failures, features, properties, system IDs and the {@code EntityResolver} behave
 * as in {@link BoundedDocumentBuilderFactory}: every input failure is a {@link
 * org.xml.sax.SAXParseException} whose cause is our {@link dev.bounded.core.BoundedParseException},
 * reported first to the {@code ErrorHandler}; the OWASP settings are accepted in their safe
 * direction and refused in the other ({@link ParserConfigurationException} from the factory, {@link
 * SAXNotSupportedException} from a reader); validation, schemas and XInclude are refused. The
 * settings the JDK's XSLT and XPath pass to a reader ({@code accessExternalDTD} with any value,
 * {@code jdk.xml.cdataChunkSize}, the {@code http://www.oracle.com/xml/jaxp/properties/} limits,
 * the {@code useCatalog} feature and {@code javax.xml.catalog} properties) are accepted by its
 * readers and ignored: they govern DTD processing and fetching, which Bounded never does. Not
 * registered as a JAXP service.
 */
public final class BoundedSAXParserFactory extends SAXParserFactory {
  private XmlLimits limits;
  private boolean namespacePrefixes;
  private boolean namespacePrefixesSet;

  private BoundedSAXParserFactory(XmlLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * The same factory as {@link #newInstance()}, for {@code
   * -Djavax.xml.parsers.SAXParserFactory=dev.bounded.xml.BoundedSAXParserFactory} (which JAXP
   * instantiates with this constructor) and {@link BoundedJaxp#install()}.
   */
  public BoundedSAXParserFactory() {
    this(XmlLimits.defaults());
  }

  /** A factory with {@link XmlLimits#defaults()}; namespace-unaware, like the JDK's. */
  public static BoundedSAXParserFactory newInstance() {
    return new BoundedSAXParserFactory();
  }

  /** A factory with these limits. */
  public static BoundedSAXParserFactory newInstance(XmlLimits limits) {
    return new BoundedSAXParserFactory(limits);
  }

  /** The limits its parsers use (the DTD policy reflects {@code disallow-doctype-decl}). */
  public XmlLimits xmlLimits() {
    return limits;
  }

  /**
   * A parser; namespace-aware ones have {@code namespaces=true, namespace-prefixes=false}, unaware
   * ones {@code namespaces=false, namespace-prefixes=true}, as in the JDK, unless the factory's
   * {@code namespace-prefixes} feature was set.
   */
  @Override
  public SAXParser newSAXParser() {
    boolean ns = isNamespaceAware();
    return new BoundedSAXParser(limits, ns, namespacePrefixesSet ? namespacePrefixes : !ns);
  }

  /**
   * Accepts {@code namespaces}, {@code namespace-prefixes} and the safe security settings; {@code
   * disallow-doctype-decl} selects the {@link DtdPolicy}.
   *
   * @throws ParserConfigurationException for a setting that would fetch, validate or lift secure
   *     processing
   * @throws SAXNotRecognizedException for a feature it does not know
   */
  @Override
  public void setFeature(String name, boolean value)
      throws ParserConfigurationException, SAXNotRecognizedException {
    Objects.requireNonNull(name, "name");
    if (BoundedXMLReader.NAMESPACES.equals(name)) {
      setNamespaceAware(value);
      return;
    }
    if (BoundedXMLReader.NAMESPACE_PREFIXES.equals(name)) {
      namespacePrefixes = value;
      namespacePrefixesSet = true;
      return;
    }
    DtdPolicy p;
    try {
      p = JaxpFeatures.set(name, value, limits.dtdPolicy());
    } catch (IllegalArgumentException e) {
      throw new ParserConfigurationException(e.getMessage());
    }
    if (p == null) {
      throw new SAXNotRecognizedException("Feature not recognized by Bounded: " + name);
    }
    if (p != limits.dtdPolicy()) {
      limits = limits.toBuilder().dtdPolicy(p).build();
    }
  }

  /**
   * The value of a feature ({@code FEATURE_SECURE_PROCESSING} is always true).
   *
   * @throws SAXNotRecognizedException for a feature it does not know
   */
  @Override
  public boolean getFeature(String name) throws SAXNotRecognizedException {
    Objects.requireNonNull(name, "name");
    if (BoundedXMLReader.NAMESPACES.equals(name)) {
      return isNamespaceAware();
    }
    if (BoundedXMLReader.NAMESPACE_PREFIXES.equals(name)) {
      return namespacePrefixesSet ? namespacePrefixes : !isNamespaceAware();
    }
    Boolean v = JaxpFeatures.get(name, limits.dtdPolicy());
    if (v == null) {
      throw new SAXNotRecognizedException("Feature not recognized by Bounded: " + name);
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
   * @throws IllegalArgumentException for a schema: Bounded does not validate while parsing
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
