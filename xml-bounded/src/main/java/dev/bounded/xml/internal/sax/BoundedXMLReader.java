package dev.bounded.xml.internal.sax;

import dev.bounded.core.BoundedParseException;
import dev.bounded.xml.DtdPolicy;
import dev.bounded.xml.XmlLimits;
import dev.bounded.xml.internal.BoundedStreamReader;
import dev.bounded.xml.internal.dom.DomTreeBuilder;
import dev.bounded.xml.internal.jaxp.JaxpFeatures;
import dev.bounded.xml.internal.jaxp.JaxpInput;
import dev.bounded.xml.internal.jaxp.JdkProcessorSettings;
import java.io.IOException;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.xml.sax.ContentHandler;
import org.xml.sax.DTDHandler;
import org.xml.sax.EntityResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.ext.LexicalHandler;
import org.xml.sax.ext.Locator2;
import org.xml.sax.helpers.AttributesImpl;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A SAX2 {@link org.xml.sax.XMLReader} driven by the bounded pull parser. Not thread-safe; one
 * parse at a time, like every XMLReader.
 */
public final class BoundedXMLReader implements org.xml.sax.XMLReader {
  public static final String NAMESPACES = "http://xml.org/sax/features/namespaces";
  public static final String NAMESPACE_PREFIXES = "http://xml.org/sax/features/namespace-prefixes";
  public static final String LEXICAL_HANDLER = "http://xml.org/sax/properties/lexical-handler";
  public static final String DECLARATION_HANDLER =
      "http://xml.org/sax/properties/declaration-handler";
  private static final DefaultHandler NOTHING = new DefaultHandler();

  private XmlLimits limits;
  private boolean namespaces;
  private boolean namespacePrefixes;
  private QNames qnames = new QNames();
  private ContentHandler contentHandler;
  private ErrorHandler errorHandler;
  private EntityResolver entityResolver;
  private DTDHandler dtdHandler;
  private LexicalHandler lexicalHandler;
  private Object declHandler;

  public BoundedXMLReader(XmlLimits limits, boolean namespaces, boolean namespacePrefixes) {
    this.limits = limits;
    this.namespaces = namespaces;
    this.namespacePrefixes = namespacePrefixes;
  }

  @Override
  public boolean getFeature(String name) throws SAXNotRecognizedException {
    if (NAMESPACES.equals(name)) {
      return namespaces;
    }
    if (NAMESPACE_PREFIXES.equals(name)) {
      return namespacePrefixes;
    }
    if (JdkProcessorSettings.isFeature(name)) {
      return false; // no catalog is ever used
    }
    Boolean v = JaxpFeatures.get(name, limits.dtdPolicy());
    if (v == null) {
      throw new SAXNotRecognizedException("Feature not recognized by Bounded: " + name);
    }
    return v;
  }

  @Override
  public void setFeature(String name, boolean value)
      throws SAXNotRecognizedException, SAXNotSupportedException {
    if (NAMESPACES.equals(name)) {
      namespaces = value;
      return;
    }
    if (NAMESPACE_PREFIXES.equals(name)) {
      namespacePrefixes = value;
      return;
    }
    if (JdkProcessorSettings.isFeature(name)) {
      return; // the JDK's XSLT and XPath set it on every reader; nothing is ever resolved
    }
    DtdPolicy p;
    try {
      p = JaxpFeatures.set(name, value, limits.dtdPolicy());
    } catch (IllegalArgumentException e) {
      throw new SAXNotSupportedException(e.getMessage());
    }
    if (p == null) {
      throw new SAXNotRecognizedException("Feature not recognized by Bounded: " + name);
    }
    if (p != limits.dtdPolicy()) {
      limits = limits.toBuilder().dtdPolicy(p).build();
    }
  }

  @Override
  public Object getProperty(String name) throws SAXNotRecognizedException {
    if (LEXICAL_HANDLER.equals(name)) {
      return lexicalHandler;
    }
    if (DECLARATION_HANDLER.equals(name)) {
      return declHandler;
    }
    Object v = JaxpFeatures.getProperty(name);
    if (v == null && JdkProcessorSettings.isProperty(name)) {
      return null; // accepted, ignored
    }
    if (v == null) {
      throw new SAXNotRecognizedException("Property not recognized by Bounded: " + name);
    }
    return v;
  }

  /**
   * Accepts the lexical handler, a declaration handler (never called: DTDs are not processed), the
   * safe external-access properties, and the settings the JDK's XSLT and XPath pass to every reader
   * ({@link JdkProcessorSettings}; ignored).
   */
  @Override
  public void setProperty(String name, Object value)
      throws SAXNotRecognizedException, SAXNotSupportedException {
    if (LEXICAL_HANDLER.equals(name)) {
      if (value != null && !(value instanceof LexicalHandler)) {
        throw new SAXNotSupportedException("not a LexicalHandler: " + value.getClass().getName());
      }
      lexicalHandler = (LexicalHandler) value;
      return;
    }
    if (DECLARATION_HANDLER.equals(name)) {
      declHandler = value;
      return;
    }
    if (JdkProcessorSettings.isProperty(name)) {
      return; // accessExternalDTD="all" included: nothing is ever fetched, whatever it allows
    }
    boolean known;
    try {
      known = JaxpFeatures.setProperty(name, value);
    } catch (IllegalArgumentException e) {
      throw new SAXNotSupportedException(e.getMessage());
    }
    if (!known) {
      throw new SAXNotRecognizedException("Property not recognized by Bounded: " + name);
    }
  }

  /** Kept, never consulted: nothing is ever fetched. */
  @Override
  public void setEntityResolver(EntityResolver resolver) {
    this.entityResolver = resolver;
  }

  @Override
  public EntityResolver getEntityResolver() {
    return entityResolver;
  }

  /** Kept, never called: no DTD is processed, so there are no notations or unparsed entities. */
  @Override
  public void setDTDHandler(DTDHandler handler) {
    this.dtdHandler = handler;
  }

  @Override
  public DTDHandler getDTDHandler() {
    return dtdHandler;
  }

  @Override
  public void setContentHandler(ContentHandler handler) {
    this.contentHandler = handler;
  }

  @Override
  public ContentHandler getContentHandler() {
    return contentHandler;
  }

  @Override
  public void setErrorHandler(ErrorHandler handler) {
    this.errorHandler = handler;
  }

  @Override
  public ErrorHandler getErrorHandler() {
    return errorHandler;
  }

  @Override
  public void parse(String systemId) throws IOException, SAXException {
    parse(new InputSource(systemId));
  }

  @Override
  public void parse(InputSource src) throws IOException, SAXException {
    JaxpInput input;
    try {
      input = JaxpInput.open(src, limits, namespaces);
    } catch (BoundedParseException e) {
      throw JaxpInput.fatal(e, null, src, errorHandler);
    }
    try (input) {
      run(input.reader(), src);
    } catch (BoundedParseException e) {
      throw JaxpInput.fatal(e, input.reader(), src, errorHandler);
    }
  }

  private void run(BoundedStreamReader r, InputSource src) throws IOException, SAXException {
    ContentHandler ch = contentHandler != null ? contentHandler : NOTHING;
    LexicalHandler lh = lexicalHandler;
    ch.setDocumentLocator(new ReaderLocator(r, src));
    ch.startDocument();
    AttributesImpl atts = new AttributesImpl();
    qnames = new QNames();
    boolean inCdata = false;
    int depth = 0;
    while (true) {
      int t;
      try {
        t = r.next();
      } catch (XMLStreamException e) {
        throw DomTreeBuilder.unwrap(e);
      }
      if (inCdata && t != XMLStreamConstants.CDATA) {
        inCdata = false;
        if (lh != null) {
          lh.endCDATA();
        }
      }
      switch (t) {
        case XMLStreamConstants.START_ELEMENT:
          depth++;
          startElement(r, ch, atts);
          break;
        case XMLStreamConstants.END_ELEMENT:
          depth--;
          endElement(r, ch);
          break;
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.SPACE:
        case XMLStreamConstants.ENTITY_REFERENCE:
          if (depth > 0) {
            ch.characters(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
          }
          break;
        case XMLStreamConstants.CDATA:
          if (!inCdata) {
            inCdata = true;
            if (lh != null) {
              lh.startCDATA();
            }
          }
          ch.characters(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
          break;
        case XMLStreamConstants.COMMENT:
          if (lh != null) {
            lh.comment(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
          }
          break;
        case XMLStreamConstants.PROCESSING_INSTRUCTION:
          String data = r.getPIData();
          ch.processingInstruction(r.getPITarget(), data == null ? "" : data);
          break;
        case XMLStreamConstants.END_DOCUMENT:
          ch.endDocument();
          return;
        default:
          break;
      }
    }
  }

  private void startElement(BoundedStreamReader r, ContentHandler ch, AttributesImpl atts)
      throws SAXException {
    atts.clear();
    if (namespaces) {
      int nsCount = r.getNamespaceCount();
      for (int i = 0; i < nsCount; i++) {
        String p = nz(r.getNamespacePrefix(i));
        String u = nz(r.getNamespaceURI(i));
        ch.startPrefixMapping(p, u);
        if (namespacePrefixes) {
          // as the JDK: no URI, no local name; listed before the other attributes (the JDK keeps
          // document order, which Woodstox does not expose)
          atts.addAttribute("", "", p.isEmpty() ? "xmlns" : "xmlns:" + p, "CDATA", u);
        }
      }
      for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
        String prefix = nz(r.getAttributePrefix(i));
        String local = r.getAttributeLocalName(i);
        atts.addAttribute(
            nz(r.getAttributeNamespace(i)),
            local,
            qnames.of(prefix, local),
            "CDATA",
            r.getAttributeValue(i));
      }
      String prefix = nz(r.getPrefix());
      String local = r.getLocalName();
      ch.startElement(nz(r.getNamespaceURI()), local, qnames.of(prefix, local), atts);
    } else {
      for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
        String q = qnames.of(nz(r.getAttributePrefix(i)), r.getAttributeLocalName(i));
        if (!namespacePrefixes && (q.equals("xmlns") || q.startsWith("xmlns:"))) {
          continue;
        }
        atts.addAttribute("", q, q, "CDATA", r.getAttributeValue(i)); // as the JDK does
      }
      ch.startElement("", "", qnames.of(nz(r.getPrefix()), r.getLocalName()), atts);
    }
  }

  private void endElement(BoundedStreamReader r, ContentHandler ch) throws SAXException {
    if (namespaces) {
      String prefix = nz(r.getPrefix());
      String local = r.getLocalName();
      ch.endElement(nz(r.getNamespaceURI()), local, qnames.of(prefix, local));
      for (int i = 0, n = r.getNamespaceCount(); i < n; i++) {
        ch.endPrefixMapping(nz(r.getNamespacePrefix(i)));
      }
    } else {
      ch.endElement("", "", qnames.of(nz(r.getPrefix()), r.getLocalName()));
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** Where the parse stands, from the reader; the source's IDs from the InputSource. */
  private static final class ReaderLocator implements Locator2 {
    private final BoundedStreamReader r;
    private final InputSource src;

    ReaderLocator(BoundedStreamReader r, InputSource src) {
      this.r = r;
      this.src = src;
    }

    @Override
    public String getPublicId() {
      return src.getPublicId();
    }

    @Override
    public String getSystemId() {
      return src.getSystemId();
    }

    @Override
    public int getLineNumber() {
      Location l = r.getLocation();
      return l == null ? -1 : l.getLineNumber();
    }

    @Override
    public int getColumnNumber() {
      Location l = r.getLocation();
      return l == null ? -1 : l.getColumnNumber();
    }

    @Override
    public String getXMLVersion() {
      String v = r.getVersion();
      return v == null ? "1.0" : v;
    }

    @Override
    public String getEncoding() {
      return r.getEncoding();
    }
  }
}
