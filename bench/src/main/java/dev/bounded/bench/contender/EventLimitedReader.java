package dev.bounded.bench.contender;

import dev.bounded.xml.XmlLimits;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/**
 * A sketch of single-pass enforcement for the {@code diag-event-limits} contender: Woodstox holds
 * its own limits (depth, attributes, attribute size, element count, text and comment length) and
 * this delegate checks on events what Woodstox does not (name lengths, text runs across segments,
 * PI length). Not a complete bounded reader: it measures what such checks cost.
 */
final class EventLimitedReader extends StreamReaderDelegate {
  private final XMLStreamReader r;
  private final long maxName;
  private final long maxText;
  private long run;

  EventLimitedReader(XMLStreamReader r, XmlLimits limits) {
    super(r);
    this.r = r;
    this.maxName = limits.maxNameLength();
    this.maxText = limits.maxTextLength();
  }

  @Override
  public int next() throws XMLStreamException {
    int t = r.next();
    switch (t) {
      case XMLStreamConstants.START_ELEMENT:
        run = 0;
        name(r.getLocalName(), r.getPrefix());
        for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
          name(r.getAttributeLocalName(i), r.getAttributePrefix(i));
        }
        break;
      case XMLStreamConstants.END_ELEMENT:
        run = 0;
        break;
      case XMLStreamConstants.CHARACTERS:
      case XMLStreamConstants.CDATA:
      case XMLStreamConstants.SPACE:
        run += r.getTextLength();
        if (run > maxText) {
          throw new XMLStreamException("text run " + run + " > " + maxText);
        }
        break;
      case XMLStreamConstants.PROCESSING_INSTRUCTION:
        run = 0;
        String data = r.getPIData();
        if (data != null && data.length() > maxText) {
          throw new XMLStreamException("PI " + data.length() + " > " + maxText);
        }
        break;
      default:
        run = 0;
        break;
    }
    return t;
  }

  private void name(String local, String prefix) throws XMLStreamException {
    long n = local.length() + (prefix == null || prefix.isEmpty() ? 0 : prefix.length() + 1);
    if (n > maxName) {
      throw new XMLStreamException("name " + n + " > " + maxName);
    }
  }
}
