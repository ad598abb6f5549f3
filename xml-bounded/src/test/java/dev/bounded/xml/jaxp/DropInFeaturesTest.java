package dev.bounded.xml.jaxp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.xml.BoundedDocumentBuilderFactory;
import dev.bounded.xml.BoundedSAXParserFactory;
import dev.bounded.xml.DtdPolicy;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.XMLReader;

/** The OWASP settings are accepted in their safe direction; fetching and validation are refused. */
class DropInFeaturesTest {
  static final String DISALLOW = "http://apache.org/xml/features/disallow-doctype-decl";
  static final String GENERAL = "http://xml.org/sax/features/external-general-entities";
  static final String PARAMETER = "http://xml.org/sax/features/external-parameter-entities";
  static final String LOAD_DTD = "http://apache.org/xml/features/nonvalidating/load-external-dtd";

  @Test
  void theOwaspDocumentBuilderSettingsAreAcceptedAsNoOps() throws Exception {
    BoundedDocumentBuilderFactory f = BoundedDocumentBuilderFactory.newInstance();
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature(DISALLOW, true);
    f.setFeature(GENERAL, false);
    f.setFeature(PARAMETER, false);
    f.setFeature(LOAD_DTD, false);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    f.setValidating(false);
    f.setSchema(null);
    assertEquals(DtdPolicy.REFUSE, f.xmlLimits().dtdPolicy());
    assertTrue(f.getFeature(XMLConstants.FEATURE_SECURE_PROCESSING));
    assertTrue(f.getFeature(DISALLOW));
    assertFalse(f.getFeature(GENERAL));
    assertEquals("", f.getAttribute(XMLConstants.ACCESS_EXTERNAL_DTD));
    f.newDocumentBuilder().parse(DomLimitsBoundaryTest.in("<r/>"));
  }

  @Test
  void allowingADoctypeSwitchesToIgnoreAndBack() throws Exception {
    BoundedDocumentBuilderFactory f = BoundedDocumentBuilderFactory.newInstance();
    f.setFeature(DISALLOW, false);
    assertEquals(DtdPolicy.IGNORE, f.xmlLimits().dtdPolicy());
    assertFalse(f.getFeature(DISALLOW));
    assertEquals(
        "x",
        f.newDocumentBuilder()
            .parse(DomLimitsBoundaryTest.in("<!DOCTYPE r SYSTEM 'http://127.0.0.1:9/d'><r>x</r>"))
            .getDocumentElement()
            .getTextContent());
    f.setFeature(DISALLOW, true);
    assertEquals(DtdPolicy.REFUSE, f.xmlLimits().dtdPolicy());
  }

  @Test
  void askingForFetchingOrInsecureProcessingIsRefusedWithTheReason() {
    BoundedDocumentBuilderFactory f = BoundedDocumentBuilderFactory.newInstance();
    assertEquals(
        "Refused: " + GENERAL + "=true. Bounded never resolves external entities",
        assertThrows(ParserConfigurationException.class, () -> f.setFeature(GENERAL, true))
            .getMessage());
    assertEquals(
        "Refused: " + PARAMETER + "=true. Bounded never resolves external entities",
        assertThrows(ParserConfigurationException.class, () -> f.setFeature(PARAMETER, true))
            .getMessage());
    assertEquals(
        "Refused: " + LOAD_DTD + "=true. Bounded never loads external DTDs",
        assertThrows(ParserConfigurationException.class, () -> f.setFeature(LOAD_DTD, true))
            .getMessage());
    assertEquals(
        "Refused: FEATURE_SECURE_PROCESSING=false. Bounded always processes securely; raise XmlLimits instead",
        assertThrows(
                ParserConfigurationException.class,
                () -> f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, false))
            .getMessage());
    assertEquals(
        "Refused: "
            + XMLConstants.ACCESS_EXTERNAL_DTD
            + "=\"all\". Bounded never fetches external resources; only \"\" is accepted",
        assertThrows(
                IllegalArgumentException.class,
                () -> f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "all"))
            .getMessage());
    assertEquals(
        "Refused: setXIncludeAware(true). Bounded never processes XInclude (it would fetch)",
        assertThrows(IllegalArgumentException.class, () -> f.setXIncludeAware(true)).getMessage());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> f.setValidating(true))
            .getMessage()
            .startsWith("Refused: setValidating(true). Bounded does not validate"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> f.setSchema(SchemaFactory.newDefaultInstance().newSchema()))
            .getMessage()
            .startsWith("Refused: setSchema(schema)."));
    assertEquals(
        "Feature not recognized by Bounded: urn:x",
        assertThrows(ParserConfigurationException.class, () -> f.setFeature("urn:x", true))
            .getMessage());
    assertEquals(
        "Attribute not recognized by Bounded: urn:y",
        assertThrows(IllegalArgumentException.class, () -> f.setAttribute("urn:y", ""))
            .getMessage());
    assertFalse(f.isValidating());
    assertFalse(f.isXIncludeAware());
  }

  @Test
  void theSaxFactoryAndReaderFollowTheSameRules() throws Exception {
    BoundedSAXParserFactory f = BoundedSAXParserFactory.newInstance();
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature(GENERAL, false);
    f.setFeature(PARAMETER, false);
    f.setFeature(LOAD_DTD, false);
    f.setFeature(DISALLOW, false);
    assertEquals(DtdPolicy.IGNORE, f.xmlLimits().dtdPolicy());
    assertThrows(ParserConfigurationException.class, () -> f.setFeature(GENERAL, true));
    assertThrows(IllegalArgumentException.class, () -> f.setValidating(true));
    assertThrows(IllegalArgumentException.class, () -> f.setXIncludeAware(true));
    assertThrows(SAXNotRecognizedException.class, () -> f.setFeature("urn:x", true));
    XMLReader r = f.newSAXParser().getXMLReader();
    assertFalse(r.getFeature("http://xml.org/sax/features/namespaces"));
    assertTrue(r.getFeature("http://xml.org/sax/features/namespace-prefixes"));
    r.setFeature(DISALLOW, true);
    r.setFeature(GENERAL, false);
    r.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    assertEquals(
        "Refused: " + PARAMETER + "=true. Bounded never resolves external entities",
        assertThrows(SAXNotSupportedException.class, () -> r.setFeature(PARAMETER, true))
            .getMessage());
    assertThrows(
        SAXNotSupportedException.class,
        () -> r.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file"));
    assertThrows(SAXNotRecognizedException.class, () -> r.setProperty("urn:p", null));
    f.setNamespaceAware(true);
    XMLReader ns = f.newSAXParser().getXMLReader();
    assertTrue(ns.getFeature("http://xml.org/sax/features/namespaces"));
    assertFalse(ns.getFeature("http://xml.org/sax/features/namespace-prefixes"));
  }
}
