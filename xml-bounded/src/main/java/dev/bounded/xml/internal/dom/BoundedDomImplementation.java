package dev.bounded.xml.internal.dom;

import org.w3c.dom.DOMException;
import org.w3c.dom.DOMImplementation;
import org.w3c.dom.Document;
import org.w3c.dom.DocumentType;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSOutput;
import org.w3c.dom.ls.LSParser;
import org.w3c.dom.ls.LSSerializer;

/**
 * The {@link DOMImplementation} a bounded {@code DocumentBuilder} hands out: the JDK's for
 * everything that builds or writes nodes, but never its parser. {@link #createLSParser} refuses
 * (the JDK's {@code LSParser} is its own unhardened parser, which fetches external entities), and
 * {@link #getFeature} answers this object where the JDK's would answer itself, so {@code
 * getFeature("LS", "3.0")} cannot reach the JDK's parser either. Stateless; one shared instance.
 */
final class BoundedDomImplementation implements DOMImplementation, DOMImplementationLS {
  private final DOMImplementation jdk;
  private final DOMImplementationLS jdkLs;

  BoundedDomImplementation(DOMImplementation jdk) {
    this.jdk = jdk;
    this.jdkLs = (DOMImplementationLS) jdk;
  }

  @Override
  public boolean hasFeature(String feature, String version) {
    return jdk.hasFeature(feature, version);
  }

  @Override
  public DocumentType createDocumentType(String qualifiedName, String publicId, String systemId) {
    return jdk.createDocumentType(qualifiedName, publicId, systemId);
  }

  @Override
  public Document createDocument(String namespaceURI, String qualifiedName, DocumentType doctype) {
    return jdk.createDocument(namespaceURI, qualifiedName, doctype);
  }

  /**
   * The JDK's answer, with this object in place of any DOM or LS implementation the JDK answers
   * (the JDK's may be another instance than {@code jdk}, e.g. its core implementation's singleton).
   */
  @Override
  public Object getFeature(String feature, String version) {
    Object f = jdk.getFeature(feature, version);
    return f instanceof DOMImplementation || f instanceof DOMImplementationLS ? this : f;
  }

  /**
   * Refuses: the JDK's {@code LSParser} is not bounded and fetches external entities. Parse with
   * the {@code DocumentBuilder} instead.
   *
   * @throws DOMException {@code NOT_SUPPORTED_ERR}, always
   */
  @Override
  public LSParser createLSParser(short mode, String schemaType) {
    throw new DOMException(
        DOMException.NOT_SUPPORTED_ERR,
        "Refused: DOM Level 3 LS parsers are not bounded (the JDK's fetches external entities);"
            + " parse with the Bounded DocumentBuilder instead");
  }

  /** The JDK's serializer: it writes nodes and reads nothing. */
  @Override
  public LSSerializer createLSSerializer() {
    return jdkLs.createLSSerializer();
  }

  /** The JDK's empty input holder (only an {@code LSParser} would read it, and none is given). */
  @Override
  public LSInput createLSInput() {
    return jdkLs.createLSInput();
  }

  @Override
  public LSOutput createLSOutput() {
    return jdkLs.createLSOutput();
  }
}
