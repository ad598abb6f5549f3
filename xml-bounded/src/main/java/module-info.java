/**
 * Bounded XML: push ({@link dev.bounded.xml.BoundedXml#parse}) and pull ({@link
 * dev.bounded.xml.BoundedXml#newReader}) parsing on Bounded's own single-pass tokenizer (or,
 * optionally, Woodstox: {@link dev.bounded.xml.XmlEngine}) with exact limits, and the JAXP drop-ins
 * {@link dev.bounded.xml.BoundedDocumentBuilderFactory}, {@link
 * dev.bounded.xml.BoundedSAXParserFactory} and {@link dev.bounded.xml.BoundedXMLInputFactory}.
 *
 * <p>The drop-ins are deliberately not registered as services (decision 003): using them is the
 * caller's explicit choice and must not replace the JDK's factories for other code. {@link
 * dev.bounded.xml.BoundedJaxp#install()} makes that choice for the whole process (decision 014).
 */
module dev.bounded.xml {
  // Our exceptions and limits appear in every signature.
  requires transitive dev.bounded.core;
  // XMLStreamReader, DocumentBuilderFactory, SAXParserFactory, org.w3c.dom, org.xml.sax.
  requires transitive java.xml;
  // Optional (decision 018): only XmlEngine.WOODSTOX reads through Woodstox, whose factory is
  // created directly, never looked up. A modular application selecting it adds the module
  // (--add-modules com.ctc.wstx): `requires static` does not resolve it.
  requires static com.ctc.wstx;
  requires static org.codehaus.stax2;
  requires org.apache.commons.io;

  exports dev.bounded.xml;
}
