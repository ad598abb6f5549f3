package dev.bounded.xml.internal.sax;

import dev.bounded.xml.XmlLimits;
import javax.xml.parsers.SAXParser;
import javax.xml.validation.Schema;
import org.xml.sax.Parser;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLReaderAdapter;

/** A {@link SAXParser} over one {@link BoundedXMLReader}. Not thread-safe, like every SAXParser. */
public final class BoundedSAXParser extends SAXParser {
  private final XmlLimits limits;
  private final boolean namespaceAware;
  private final boolean namespacePrefixes;
  private BoundedXMLReader reader;

  public BoundedSAXParser(XmlLimits limits, boolean namespaceAware, boolean namespacePrefixes) {
    this.limits = limits;
    this.namespaceAware = namespaceAware;
    this.namespacePrefixes = namespacePrefixes;
    this.reader = newReader();
  }

  private BoundedXMLReader newReader() {
    return new BoundedXMLReader(limits, namespaceAware, namespacePrefixes);
  }

  /** A SAX1 view, adapted from the SAX2 reader (SAX1 is deprecated; JAXP still asks for it). */
  @Override
  @SuppressWarnings("deprecation")
  public Parser getParser() throws SAXException {
    return new XMLReaderAdapter(reader);
  }

  @Override
  public XMLReader getXMLReader() {
    return reader;
  }

  @Override
  public boolean isNamespaceAware() {
    return namespaceAware;
  }

  @Override
  public boolean isValidating() {
    return false;
  }

  @Override
  public boolean isXIncludeAware() {
    return false;
  }

  @Override
  public Schema getSchema() {
    return null;
  }

  @Override
  public void setProperty(String name, Object value)
      throws SAXNotRecognizedException, SAXNotSupportedException {
    reader.setProperty(name, value);
  }

  @Override
  public Object getProperty(String name)
      throws SAXNotRecognizedException, SAXNotSupportedException {
    return reader.getProperty(name);
  }

  @Override
  public void reset() {
    reader = newReader();
  }
}
