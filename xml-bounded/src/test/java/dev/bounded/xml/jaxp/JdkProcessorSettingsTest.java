package dev.bounded.xml.jaxp;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bounded.xml.BoundedDocumentBuilderFactory;
import dev.bounded.xml.BoundedSAXParserFactory;
import javax.xml.XMLConstants;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.XMLReader;

/**
 * The settings the JDK's XSLT and XPath pass to every XMLReader (as seen on JDK 17) are accepted
 * and ignored, so the JDK prints no warning per parse; others are still refused. The forked {@code
 * InstallTest} proves it end to end (nothing printed on stderr).
 */
class JdkProcessorSettingsTest {
  static final String LIMITS = "http://www.oracle.com/xml/jaxp/properties/";

  @Test
  void theReaderAcceptsWhatTheJdksProcessorsSet() throws Exception {
    XMLReader r = BoundedSAXParserFactory.newInstance().newSAXParser().getXMLReader();
    r.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "all");
    r.setProperty("jdk.xml.cdataChunkSize", "0");
    for (String limit :
        new String[] {
          "entityExpansionLimit",
          "maxOccurLimit",
          "elementAttributeLimit",
          "totalEntitySizeLimit",
          "maxGeneralEntitySizeLimit",
          "maxParameterEntitySizeLimit",
          "maxElementDepth",
          "maxXMLNameLimit",
          "entityReplacementLimit"
        }) {
      r.setProperty(LIMITS + limit, "0");
    }
    r.setFeature(XMLConstants.USE_CATALOG, true);
    r.setProperty("javax.xml.catalog.files", null);
    r.setProperty("javax.xml.catalog.prefer", "public");
    r.setProperty("javax.xml.catalog.defer", "true");
    r.setProperty("javax.xml.catalog.resolve", "strict");
    assertThrows(SAXNotRecognizedException.class, () -> r.setProperty("urn:other", "x"));
  }

  @Test
  void theFactoriesStillRefuseAnAccessSettingFromApplicationCode() {
    BoundedDocumentBuilderFactory f = BoundedDocumentBuilderFactory.newInstance();
    assertThrows(
        IllegalArgumentException.class,
        () -> f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "all"));
  }
}
