package dev.bounded.xml;

/**
 * Whole-process protection in one line: after {@link #install()}, the JDK's JAXP look-ups return
 * Bounded's factories, and the JDK's own XPath and XSLT parse their input through them.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   BoundedJaxp.install(); // first thing, before any XML code runs
 *   ...
 * }
 * }</pre>
 */
public final class BoundedJaxp {
  private BoundedJaxp() {}

  /** The system property naming the {@code DocumentBuilderFactory} class (JAXP). */
  static final String DOM = "javax.xml.parsers.DocumentBuilderFactory";

  /** The system property naming the {@code SAXParserFactory} class (JAXP). */
  static final String SAX = "javax.xml.parsers.SAXParserFactory";

  /** The system property naming the {@code XMLInputFactory} class (StAX). */
  static final String STAX = "javax.xml.stream.XMLInputFactory";

  /** The JDK's property letting its XSLT, XPath and validation code use the looked-up parser. */
  static final String OVERRIDE_DEFAULT_PARSER = "jdk.xml.overrideDefaultParser";

  /**
   * Makes Bounded's factories the process's JAXP parsers, by setting four documented system
   * properties:
   *
   * <ul>
   *   <li>{@code javax.xml.parsers.DocumentBuilderFactory = }{@link BoundedDocumentBuilderFactory}
   *   <li>{@code javax.xml.parsers.SAXParserFactory = }{@link BoundedSAXParserFactory}
   *   <li>{@code javax.xml.stream.XMLInputFactory = }{@link BoundedXMLInputFactory}
   *   <li>{@code jdk.xml.overrideDefaultParser = true}
   * </ul>
   *
   * <p><b>Covered afterwards:</b> {@code DocumentBuilderFactory.newInstance()}, {@code
   * SAXParserFactory.newInstance()} and {@code XMLInputFactory.newInstance()}/{@code newFactory()}
   * (a system property comes before service providers on the class path, Woodstox's among them);
   * libraries that call them (Jakarta XML Binding's {@code JAXB.unmarshal}, for one); and the JDK's
   * own {@code XPath.evaluate(expression, InputSource)} and {@code Transformer.transform} of a
   * {@code StreamSource} or {@code SAXSource}, stylesheets included (XSLTC drops the cause of a
   * failure it wraps, so there the message is ours but the exception in the chain is the JDK's
   * {@code TransformerException}). Each new factory has its defaults: heap-scaled for the DOM
   * factory, {@link XmlLimits#defaults()} for SAX and StAX. Nothing is fetched through them; the
   * settings the JDK's processors pass to a parser ({@code accessExternalDTD}, catalogs, {@code
   * jdk.xml} limits) are accepted and ignored.
   *
   * <p><b>Not covered:</b>
   *
   * <ul>
   *   <li>{@code SchemaFactory} and {@code Validator}: they keep the JDK's own parser. Parse with a
   *       bounded factory, then validate the tree ({@code DOMSource}).
   *   <li>Code that names an implementation ({@code new WstxInputFactory()}, {@code
   *       DocumentBuilderFactory.newDefaultInstance()}, {@code newInstance(className, loader)},
   *       Xerces or Saxon classes) and the deprecated {@code XMLReaderFactory.createXMLReader()}.
   *   <li>Factories, parsers, {@code XPathFactory}s and {@code TransformerFactory}s created before
   *       the call: call it first thing in {@code main}. (The JDK reads {@code
   *       jdk.xml.overrideDefaultParser} when an XPath or transformer factory is created.)
   *   <li>What a stylesheet itself reads with {@code document()} or {@code xsl:include}: it is
   *       parsed by Bounded, but a stylesheet is code you run; only run ones you trust.
   * </ul>
   *
   * <p>Code that asks a looked-up factory for what Bounded refuses (DTD validation, external
   * entities, XInclude, a schema) now fails at that call with an {@link IllegalArgumentException}
   * or {@code ParserConfigurationException}. {@code java.util.prefs} is one such caller: {@code
   * Preferences.importPreferences} (and the file-system store, which reads its files the same way)
   * asks for a validating parser and fails. The properties are set unconditionally, replacing any
   * earlier values. Idempotent and thread-safe; there is no uninstall (set the properties yourself
   * to undo it).
   */
  public static synchronized void install() {
    System.setProperty(DOM, BoundedDocumentBuilderFactory.class.getName());
    System.setProperty(SAX, BoundedSAXParserFactory.class.getName());
    System.setProperty(STAX, BoundedXMLInputFactory.class.getName());
    System.setProperty(OVERRIDE_DEFAULT_PARSER, "true");
  }
}
