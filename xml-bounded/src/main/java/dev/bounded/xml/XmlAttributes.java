package dev.bounded.xml;

/**
 * The attributes and namespace declarations of the current start tag. A view, valid only during
 * {@link XmlHandler#startElement}; copy what you keep. Namespace URIs and prefixes are {@code ""}
 * when absent.
 */
public interface XmlAttributes {
  /** Attributes, namespace declarations excluded. */
  int count();

  /** Local name of attribute {@code i}. */
  String localName(int i);

  /** Namespace URI of attribute {@code i}, or "". */
  String namespaceUri(int i);

  /** Prefix of attribute {@code i}, or "". */
  String prefix(int i);

  /** Normalised value of attribute {@code i}. */
  String value(int i);

  /** The value of the attribute with this namespace URI ("" for none) and local name, or null. */
  String value(String namespaceUri, String localName);

  /** Namespace declarations on this tag. */
  int namespaceCount();

  /** Prefix declared by declaration {@code i}, or "" for the default namespace. */
  String declaredPrefix(int i);

  /** Namespace URI bound by declaration {@code i}. */
  String declaredNamespaceUri(int i);
}
