package dev.bounded.xml.jaxp;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParserFactory;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/** The JDK's own parsers, the oracle of the differential tests: quiet, and never fetching. */
final class Jdk {
  private Jdk() {}

  static final ErrorHandler QUIET =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) {}

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
          throw e;
        }
      };

  static DocumentBuilder builder(boolean ns, boolean coalescing, boolean ignoringComments)
      throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
    f.setNamespaceAware(ns);
    f.setCoalescing(coalescing);
    f.setIgnoringComments(ignoringComments);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    DocumentBuilder b = f.newDocumentBuilder();
    b.setErrorHandler(QUIET);
    b.setEntityResolver((p, s) -> new InputSource(new StringReader("")));
    return b;
  }

  /** The JDK's tree, or null if the JDK rejects the document. */
  static Document parseOrNull(DocumentBuilder b, byte[] doc, String systemId) {
    try {
      InputSource src = new InputSource(new ByteArrayInputStream(doc));
      src.setSystemId(systemId);
      return b.parse(src);
    } catch (Exception e) {
      return null;
    }
  }

  static SAXParserFactory saxFactory(boolean ns) {
    SAXParserFactory f = SAXParserFactory.newDefaultInstance();
    f.setNamespaceAware(ns);
    try {
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return f;
  }
}
