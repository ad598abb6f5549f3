package dev.bounded.xml.stax;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.events.Attribute;
import javax.xml.stream.events.Namespace;
import javax.xml.stream.events.ProcessingInstruction;
import javax.xml.stream.events.StartElement;
import javax.xml.stream.events.XMLEvent;

/**
 * The events of a StAX parse as comparable strings, from a stream reader or an event reader, the
 * same encoding for both. Text events are kept one by one when {@code mergeText} is false (to check
 * coalescing), else adjacent ones are merged (their split depends on buffer sizes).
 */
public final class StaxEvents {
  private StaxEvents() {}

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  public static List<String> of(XMLStreamReader r, boolean mergeText) throws XMLStreamException {
    List<String> ev = new ArrayList<>();
    while (r.hasNext()) {
      int t = r.next();
      switch (t) {
        case XMLStreamConstants.START_ELEMENT:
          TreeSet<String> ns = new TreeSet<>();
          for (int i = 0; i < r.getNamespaceCount(); i++) {
            ns.add(nz(r.getNamespacePrefix(i)) + "=" + nz(r.getNamespaceURI(i)));
          }
          TreeSet<String> atts = new TreeSet<>();
          for (int i = 0; i < r.getAttributeCount(); i++) {
            atts.add(
                "{"
                    + nz(r.getAttributeNamespace(i))
                    + "}"
                    + nz(r.getAttributePrefix(i))
                    + ":"
                    + r.getAttributeLocalName(i)
                    + "="
                    + r.getAttributeValue(i));
          }
          ev.add(start(nz(r.getNamespaceURI()), nz(r.getPrefix()), r.getLocalName(), ns, atts));
          break;
        case XMLStreamConstants.END_ELEMENT:
          ev.add(
              "E {" + nz(r.getNamespaceURI()) + "}" + nz(r.getPrefix()) + ":" + r.getLocalName());
          break;
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.CDATA:
        case XMLStreamConstants.SPACE:
          text(ev, r.getText(), mergeText);
          break;
        case XMLStreamConstants.COMMENT:
          ev.add("C " + r.getText());
          break;
        case XMLStreamConstants.PROCESSING_INSTRUCTION:
          ev.add("P " + r.getPITarget() + "|" + nz(r.getPIData()).strip());
          break;
        case XMLStreamConstants.END_DOCUMENT:
          ev.add("D");
          break;
        default:
          ev.add("? " + t);
      }
    }
    return ev;
  }

  public static List<String> of(XMLEventReader r, boolean mergeText) throws XMLStreamException {
    List<String> ev = new ArrayList<>();
    while (r.hasNext()) {
      XMLEvent e = r.nextEvent();
      switch (e.getEventType()) {
        case XMLStreamConstants.START_DOCUMENT:
          break;
        case XMLStreamConstants.START_ELEMENT:
          StartElement s = e.asStartElement();
          TreeSet<String> ns = new TreeSet<>();
          for (Iterator<Namespace> it = s.getNamespaces(); it.hasNext(); ) {
            Namespace n = it.next();
            ns.add(nz(n.getPrefix()) + "=" + nz(n.getNamespaceURI()));
          }
          TreeSet<String> atts = new TreeSet<>();
          for (Iterator<Attribute> it = s.getAttributes(); it.hasNext(); ) {
            Attribute a = it.next();
            atts.add(
                "{"
                    + nz(a.getName().getNamespaceURI())
                    + "}"
                    + nz(a.getName().getPrefix())
                    + ":"
                    + a.getName().getLocalPart()
                    + "="
                    + a.getValue());
          }
          ev.add(
              start(
                  nz(s.getName().getNamespaceURI()),
                  nz(s.getName().getPrefix()),
                  s.getName().getLocalPart(),
                  ns,
                  atts));
          break;
        case XMLStreamConstants.END_ELEMENT:
          javax.xml.namespace.QName n = e.asEndElement().getName();
          ev.add(
              "E {" + nz(n.getNamespaceURI()) + "}" + nz(n.getPrefix()) + ":" + n.getLocalPart());
          break;
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.CDATA:
        case XMLStreamConstants.SPACE:
          text(ev, e.asCharacters().getData(), mergeText);
          break;
        case XMLStreamConstants.COMMENT:
          ev.add("C " + ((javax.xml.stream.events.Comment) e).getText());
          break;
        case XMLStreamConstants.PROCESSING_INSTRUCTION:
          ProcessingInstruction pi = (ProcessingInstruction) e;
          ev.add("P " + pi.getTarget() + "|" + nz(pi.getData()).strip());
          break;
        case XMLStreamConstants.END_DOCUMENT:
          ev.add("D");
          break;
        default:
          ev.add("? " + e.getEventType());
      }
    }
    return ev;
  }

  private static String start(
      String uri, String prefix, String local, TreeSet<String> ns, TreeSet<String> atts) {
    return "S {" + uri + "}" + prefix + ":" + local + " ns" + ns + " at" + atts;
  }

  private static void text(List<String> ev, String t, boolean merge) {
    int last = ev.size() - 1;
    if (merge && last >= 0 && ev.get(last).startsWith("T ")) {
      ev.set(last, ev.get(last) + t);
    } else {
      ev.add("T " + t);
    }
  }
}
