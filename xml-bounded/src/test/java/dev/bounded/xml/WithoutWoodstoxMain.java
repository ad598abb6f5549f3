package dev.bounded.xml;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;
import org.w3c.dom.Document;

/**
 * Runs in a forked JVM whose class path lacks Woodstox ({@link WithoutWoodstoxTest}): every default
 * path works, StAX look-ups elsewhere get the JDK's parser, and selecting the WOODSTOX engine fails
 * at once. Prints one line per check and "OK" last, or throws.
 */
public final class WithoutWoodstoxMain {
  private WithoutWoodstoxMain() {}

  public static void main(String[] args) throws Exception {
    try {
      Class.forName("com.ctc.wstx.stax.WstxInputFactory");
      throw new AssertionError("Woodstox is on this class path: the check proves nothing");
    } catch (ClassNotFoundException expected) {
      System.out.println("woodstox absent");
    }
    // What the rest of an application gets from the StAX look-up.
    System.out.println("XMLInputFactory.newInstance: " + XMLInputFactory.newInstance().getClass());
    byte[] doc =
        "<?xml version=\"1.0\"?><r a=\"1\"><x>t &amp; u</x><!-- c --></r>"
            .getBytes(StandardCharsets.UTF_8);
    XmlLimits limits = XmlLimits.defaults();
    if (limits.engine() != XmlEngine.BOUNDED) {
      throw new AssertionError("default engine " + limits.engine());
    }
    XmlStats push = BoundedXml.parse(new ByteArrayInputStream(doc), limits, new XmlHandler() {});
    System.out.println("push elements=" + push.elements());
    int events = 0;
    XMLStreamReader r = BoundedXml.newReader(doc, limits);
    while (r.hasNext()) {
      r.next();
      events++;
    }
    r.close();
    System.out.println("pull events=" + events);
    XMLStreamReader stax =
        new BoundedXMLInputFactory().createXMLStreamReader(new ByteArrayInputStream(doc));
    stax.nextTag();
    System.out.println("stax first=" + stax.getLocalName());
    DocumentBuilderFactory dbf = new BoundedDocumentBuilderFactory();
    Document d = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(doc));
    System.out.println("dom text=" + d.getDocumentElement().getTextContent());
    new BoundedSAXParserFactory()
        .newSAXParser()
        .parse(new ByteArrayInputStream(doc), new org.xml.sax.helpers.DefaultHandler());
    System.out.println("sax ok");
    try {
      XmlLimits.builder().engine(XmlEngine.WOODSTOX);
      throw new AssertionError("the WOODSTOX engine was accepted without Woodstox");
    } catch (IllegalStateException e) {
      System.out.println("woodstox engine refused: " + e.getMessage());
    }
    System.out.println("OK");
  }
}
