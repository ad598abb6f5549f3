package dev.bounded.xml.internal.jaxp;

import dev.bounded.xml.DtdPolicy;
import javax.xml.XMLConstants;

/**
 * The security features and properties both drop-in factories share: the OWASP settings are
 * accepted in their safe direction as no-ops, {@code disallow-doctype-decl=false} selects {@link
 * DtdPolicy#IGNORE}, and every request to fetch or validate is refused with a message saying why.
 */
public final class JaxpFeatures {
  private JaxpFeatures() {}

  public static final String DISALLOW_DOCTYPE =
      "http://apache.org/xml/features/disallow-doctype-decl";
  public static final String EXTERNAL_GENERAL =
      "http://xml.org/sax/features/external-general-entities";
  public static final String EXTERNAL_PARAMETER =
      "http://xml.org/sax/features/external-parameter-entities";
  public static final String LOAD_EXTERNAL_DTD =
      "http://apache.org/xml/features/nonvalidating/load-external-dtd";
  public static final String XINCLUDE = "http://apache.org/xml/features/xinclude";
  public static final String VALIDATION = "http://xml.org/sax/features/validation";
  public static final String SCHEMA_LANGUAGE =
      "http://java.sun.com/xml/jaxp/properties/schemaLanguage";
  public static final String SCHEMA_SOURCE = "http://java.sun.com/xml/jaxp/properties/schemaSource";

  /**
   * The DTD policy after setting {@code name} to {@code value}, {@code current} if it is a no-op,
   * or null if {@code name} is not a security feature.
   *
   * @throws IllegalArgumentException if the setting asks for fetching, validation or insecure
   *     processing; the message says why
   */
  public static DtdPolicy set(String name, boolean value, DtdPolicy current) {
    if (name == null) {
      throw new NullPointerException("name");
    }
    switch (name) {
      case XMLConstants.FEATURE_SECURE_PROCESSING:
        if (!value) {
          throw new IllegalArgumentException(
              "Refused: FEATURE_SECURE_PROCESSING=false. Bounded always processes securely;"
                  + " raise XmlLimits instead");
        }
        return current;
      case DISALLOW_DOCTYPE:
        return value ? DtdPolicy.REFUSE : DtdPolicy.IGNORE;
      case EXTERNAL_GENERAL:
      case EXTERNAL_PARAMETER:
        if (value) {
          throw new IllegalArgumentException(
              "Refused: " + name + "=true. Bounded never resolves external entities");
        }
        return current;
      case LOAD_EXTERNAL_DTD:
        if (value) {
          throw new IllegalArgumentException(
              "Refused: " + name + "=true. Bounded never loads external DTDs");
        }
        return current;
      case XINCLUDE:
        if (value) {
          throw new IllegalArgumentException(
              "Refused: " + name + "=true. Bounded never processes XInclude");
        }
        return current;
      case VALIDATION:
        if (value) {
          throw new IllegalArgumentException(
              "Refused: "
                  + name
                  + "=true. Bounded does not validate; validate the parsed tree"
                  + " with javax.xml.validation if needed");
        }
        return current;
      default:
        return null;
    }
  }

  /** The value of a security feature, or null if {@code name} is not one. */
  public static Boolean get(String name, DtdPolicy current) {
    switch (name) {
      case XMLConstants.FEATURE_SECURE_PROCESSING:
        return Boolean.TRUE;
      case DISALLOW_DOCTYPE:
        return current == DtdPolicy.REFUSE;
      case EXTERNAL_GENERAL:
      case EXTERNAL_PARAMETER:
      case LOAD_EXTERNAL_DTD:
      case XINCLUDE:
      case VALIDATION:
        return Boolean.FALSE;
      default:
        return null;
    }
  }

  /**
   * Checks a security property: true if it is one (and the value is the safe one), false if it is
   * not a security property.
   *
   * @throws IllegalArgumentException if the value would allow fetching or asks for a schema
   */
  public static boolean setProperty(String name, Object value) {
    switch (name) {
      case XMLConstants.ACCESS_EXTERNAL_DTD:
      case XMLConstants.ACCESS_EXTERNAL_SCHEMA:
        if (!"".equals(value)) {
          throw new IllegalArgumentException(
              "Refused: "
                  + name
                  + "=\""
                  + value
                  + "\". Bounded never fetches external resources; only \"\" is accepted");
        }
        return true;
      case SCHEMA_LANGUAGE:
      case SCHEMA_SOURCE:
        throw new IllegalArgumentException(
            "Refused: "
                + name
                + ". Bounded does not validate; validate the parsed tree with"
                + " javax.xml.validation if needed");
      default:
        return false;
    }
  }

  /** The value of a security property ("" for the access properties), or null if not one. */
  public static Object getProperty(String name) {
    switch (name) {
      case XMLConstants.ACCESS_EXTERNAL_DTD:
      case XMLConstants.ACCESS_EXTERNAL_SCHEMA:
        return "";
      default:
        return null;
    }
  }

  /** Refuses {@code setValidating(true)}: Bounded does not validate against DTDs. */
  public static void refuseValidating(boolean validating) {
    if (validating) {
      throw new IllegalArgumentException(
          "Refused: setValidating(true). Bounded does not validate against DTDs; validate the"
              + " parsed result with javax.xml.validation if needed");
    }
  }

  /** Refuses {@code setXIncludeAware(true)}: XInclude processing would fetch. */
  public static void refuseXInclude(boolean state) {
    if (state) {
      throw new IllegalArgumentException(
          "Refused: setXIncludeAware(true). Bounded never processes XInclude (it would fetch)");
    }
  }

  /** Refuses a non-null schema: Bounded does not validate while parsing. */
  public static void refuseSchema(Object schema) {
    if (schema != null) {
      throw new IllegalArgumentException(
          "Refused: setSchema(schema). Bounded does not validate while parsing; validate the"
              + " parsed result with schema.newValidator() instead");
    }
  }
}
