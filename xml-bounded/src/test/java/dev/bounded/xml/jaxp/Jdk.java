package dev.bounded.xml.jaxp;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
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
      return quietly(() -> b.parse(src));
    } catch (Exception e) {
      return null;
    }
  }

  /** A JDK parse that may fail. */
  interface Parse<T> {
    T run() throws Exception;
  }

  /**
   * Runs a reference parse by the JDK with standard error silenced: on some DOCTYPEs of the W3C
   * suite the JDK's own Xerces prints an {@code EOFException} stack trace before it reports the
   * error, which would otherwise fill a passing build's output.
   */
  static synchronized <T> T quietly(Parse<T> parse) throws Exception {
    PrintStream err = System.err;
    System.setErr(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
    try {
      return parse.run();
    } finally {
      System.setErr(err);
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
