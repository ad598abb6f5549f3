package dev.bounded.bench.contender;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The StAX read loop every pull contender runs: it reads what {@code BoundedXml.parse} hands a
 * handler (namespace URI, local name and prefix of each start and end tag, every attribute value,
 * every text segment through {@code getTextCharacters}), so raw and bounded do the same work.
 */
final class StaxLoop {
  private StaxLoop() {}

  static void drain(XMLStreamReader r, Tally t) throws XMLStreamException {
    try {
      while (true) {
        switch (r.next()) {
          case XMLStreamConstants.START_ELEMENT:
            r.getNamespaceURI();
            r.getPrefix();
            t.element(r.getLocalName());
            for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
              t.attribute(r.getAttributeValue(i));
            }
            break;
          case XMLStreamConstants.END_ELEMENT:
            r.getNamespaceURI();
            r.getPrefix();
            r.getLocalName();
            break;
          case XMLStreamConstants.CHARACTERS:
          case XMLStreamConstants.CDATA:
          case XMLStreamConstants.SPACE:
            t.text(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
            break;
          case XMLStreamConstants.END_DOCUMENT:
            return;
          default:
            break;
        }
      }
    } finally {
      r.close();
    }
  }
}
