package dev.bounded.xml.internal.dom;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ParseBudget;
import dev.bounded.xml.DomLimits;
import dev.bounded.xml.XmlLimits;
import dev.bounded.xml.internal.jaxp.JaxpInput;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.validation.Schema;
import org.w3c.dom.DOMImplementation;
import org.w3c.dom.Document;
import org.xml.sax.EntityResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A {@link DocumentBuilder} that builds the JDK's own DOM from a bounded pull parser; the JDK
 * parser never sees the input. Not thread-safe, like every {@code DocumentBuilder}.
 */
public final class BoundedDocumentBuilder extends DocumentBuilder {
  private static final DOMImplementation JDK_DOM;

  /** What {@link #getDOMImplementation()} hands out: the JDK's, without its LS parser. */
  private static final DOMImplementation BOUNDED_DOM;

  static {
    try {
      JDK_DOM =
          DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().getDOMImplementation();
      BOUNDED_DOM = new BoundedDomImplementation(JDK_DOM);
    } catch (ParserConfigurationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final XmlLimits limits;
  private final DomLimits domLimits;
  private final boolean namespaceAware;
  private final boolean coalescing;
  private final boolean ignoringComments;
  private ErrorHandler errorHandler;
  private EntityResolver entityResolver;

  public BoundedDocumentBuilder(
      XmlLimits limits,
      DomLimits domLimits,
      boolean namespaceAware,
      boolean coalescing,
      boolean ignoringComments) {
    this.limits = limits;
    this.domLimits = domLimits;
    this.namespaceAware = namespaceAware;
    this.coalescing = coalescing;
    this.ignoringComments = ignoringComments;
  }

  /** An empty JDK document. */
  public static Document emptyDocument() {
    return JDK_DOM.createDocument(null, null, null);
  }

  @Override
  public Document parse(InputSource is) throws SAXException, IOException {
    JaxpInput input;
    try {
      input = JaxpInput.open(is, limits, namespaceAware);
    } catch (BoundedParseException e) {
      throw JaxpInput.fatal(e, null, is, errorHandler);
    }
    // the tree is charged to the shared budget while it is built; released when parse ends
    try (input;
        ParseBudget.Account account = domLimits.parseBudget().open()) {
      Document doc = emptyDocument();
      new DomTreeBuilder(domLimits, account, namespaceAware, coalescing, ignoringComments)
          .document(input.reader(), doc);
      if (is.getSystemId() != null) {
        doc.setDocumentURI(is.getSystemId());
      }
      return doc;
    } catch (BoundedParseException e) {
      throw JaxpInput.fatal(e, input.reader(), is, errorHandler);
    }
  }

  /**
   * Reads the file directly (the JDK goes through its {@code file:} URI; the result is the same).
   */
  @Override
  public Document parse(File f) throws SAXException, IOException {
    if (f == null) {
      throw new IllegalArgumentException("File cannot be null");
    }
    try (InputStream in = Files.newInputStream(f.toPath())) {
      InputSource src = new InputSource(in);
      src.setSystemId(f.toURI().toASCIIString());
      return parse(src);
    }
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

  /**
   * Kept for {@code getEntityResolver}-style callers, but never consulted: nothing is ever fetched.
   */
  @Override
  public void setEntityResolver(EntityResolver er) {
    this.entityResolver = er;
  }

  /** Receives {@code fatalError} for every input failure, before the parse throws it. */
  @Override
  public void setErrorHandler(ErrorHandler eh) {
    this.errorHandler = eh;
  }

  @Override
  public Document newDocument() {
    return emptyDocument();
  }

  /**
   * The JDK's DOM implementation, except that it never hands out the JDK's parser: {@code
   * createLSParser}, also through {@code getFeature("LS", "3.0")}, refuses. A {@code Document}
   * built here is the JDK's own, and its {@code getImplementation()} is the JDK's (SECURITY.md).
   */
  @Override
  public DOMImplementation getDOMImplementation() {
    return BOUNDED_DOM;
  }

  @Override
  public void reset() {
    errorHandler = null;
    entityResolver = null;
  }

  /** The resolver set, which is never called. */
  EntityResolver entityResolver() {
    return entityResolver;
  }
}
