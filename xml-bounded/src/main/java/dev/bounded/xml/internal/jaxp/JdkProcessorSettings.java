package dev.bounded.xml.internal.jaxp;

import javax.xml.XMLConstants;

/**
 * The settings the JDK's XSLT and XPath code passes to every {@code XMLReader} it uses (seen on JDK
 * 17: {@code XMLReaderManager} and the XSLTC stylesheet parser): {@code accessExternalDTD} (its
 * default is {@code "all"}), {@code jdk.xml.cdataChunkSize}, its entity and size limits under
 * {@code http://www.oracle.com/xml/jaxp/properties/}, the {@code useCatalog} feature and the {@code
 * javax.xml.catalog} properties. A reader that refuses them makes the JDK print a warning on every
 * parse. They govern DTD processing, entity expansion and fetching, none of which Bounded does, so
 * our readers accept them with any value and ignore them: they can only loosen what never happens.
 */
public final class JdkProcessorSettings {
  private JdkProcessorSettings() {}

  /** Prefix of the JDK's own parser limits ({@code entityExpansionLimit} and the like). */
  static final String JDK_LIMITS = "http://www.oracle.com/xml/jaxp/properties/";

  static final String CDATA_CHUNK_SIZE = "jdk.xml.cdataChunkSize";
  static final String CATALOG = "javax.xml.catalog.";

  /** True if {@code name} is a property the JDK's processors set on a reader. */
  public static boolean isProperty(String name) {
    return XMLConstants.ACCESS_EXTERNAL_DTD.equals(name)
        || CDATA_CHUNK_SIZE.equals(name)
        || name.startsWith(JDK_LIMITS)
        || name.startsWith(CATALOG);
  }

  /** True if {@code name} is a feature the JDK's processors set on a reader. */
  public static boolean isFeature(String name) {
    return XMLConstants.USE_CATALOG.equals(name);
  }
}
