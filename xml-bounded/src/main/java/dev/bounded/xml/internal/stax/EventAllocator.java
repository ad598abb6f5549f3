package dev.bounded.xml.internal.stax;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.stream.XMLEventFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.events.Attribute;
import javax.xml.stream.events.Namespace;
import javax.xml.stream.events.XMLEvent;
import javax.xml.stream.util.XMLEventAllocator;
import javax.xml.stream.util.XMLEventConsumer;

/**
 * Builds each event with the JDK's own {@link XMLEventFactory} ({@link
 * XMLEventFactory#newDefaultFactory()}), from the reader's current state. The JDK's own allocator
 * cannot be used: it casts the reader's namespace context to a JDK-internal class and fails on any
 * other reader. One instance per event reader: it keeps the namespace scopes of the open elements,
 * as immutable contexts the start-element events keep.
 */
public final class EventAllocator implements XMLEventAllocator {
  private final XMLEventFactory events = XMLEventFactory.newDefaultFactory();
  private Scope scope = Scope.ROOT;

  @Override
  public XMLEventAllocator newInstance() {
    return new EventAllocator();
  }

  @Override
  public void allocate(XMLStreamReader reader, XMLEventConsumer consumer)
      throws XMLStreamException {
    consumer.add(allocate(reader));
  }

  @Override
  public XMLEvent allocate(XMLStreamReader r) throws XMLStreamException {
    events.setLocation(r.getLocation());
    int type = r.getEventType();
    switch (type) {
      case XMLStreamConstants.START_DOCUMENT:
        String version = r.getVersion();
        return r.standaloneSet()
            ? events.createStartDocument(
                nz(r.getCharacterEncodingScheme(), "UTF-8"), nz(version, "1.0"), r.isStandalone())
            : r.getCharacterEncodingScheme() != null
                ? events.createStartDocument(r.getCharacterEncodingScheme(), nz(version, "1.0"))
                : events.createStartDocument();
      case XMLStreamConstants.START_ELEMENT:
        return start(r);
      case XMLStreamConstants.END_ELEMENT:
        return end(r);
      case XMLStreamConstants.CHARACTERS:
        return events.createCharacters(r.getText());
      case XMLStreamConstants.CDATA:
        return events.createCData(r.getText());
      case XMLStreamConstants.SPACE:
        return events.createIgnorableSpace(r.getText());
      case XMLStreamConstants.COMMENT:
        return events.createComment(r.getText());
      case XMLStreamConstants.PROCESSING_INSTRUCTION:
        return events.createProcessingInstruction(r.getPITarget(), nz(r.getPIData(), ""));
      case XMLStreamConstants.DTD:
        return events.createDTD(r.getText());
      case XMLStreamConstants.ENTITY_REFERENCE:
        return events.createEntityReference(r.getLocalName(), null);
      case XMLStreamConstants.END_DOCUMENT:
        return events.createEndDocument();
      default:
        throw new XMLStreamException("Unexpected event type " + type, r.getLocation());
    }
  }

  private XMLEvent start(XMLStreamReader r) {
    int nsCount = r.getNamespaceCount();
    List<Namespace> declared = nsCount == 0 ? List.of() : new ArrayList<>(nsCount);
    String[] bindings = new String[nsCount * 2];
    for (int i = 0; i < nsCount; i++) {
      String p = nz(r.getNamespacePrefix(i), "");
      String u = nz(r.getNamespaceURI(i), "");
      declared.add(p.isEmpty() ? events.createNamespace(u) : events.createNamespace(p, u));
      bindings[2 * i] = p;
      bindings[2 * i + 1] = u;
    }
    scope = new Scope(scope, bindings);
    int attCount = r.getAttributeCount();
    List<Attribute> atts = attCount == 0 ? List.of() : new ArrayList<>(attCount);
    for (int i = 0; i < attCount; i++) {
      atts.add(
          events.createAttribute(
              nz(r.getAttributePrefix(i), ""),
              nz(r.getAttributeNamespace(i), ""),
              r.getAttributeLocalName(i),
              r.getAttributeValue(i)));
    }
    return events.createStartElement(
        nz(r.getPrefix(), ""),
        nz(r.getNamespaceURI(), ""),
        r.getLocalName(),
        atts.iterator(),
        declared.iterator(),
        scope);
  }

  private XMLEvent end(XMLStreamReader r) {
    int nsCount = r.getNamespaceCount();
    List<Namespace> out = nsCount == 0 ? List.of() : new ArrayList<>(nsCount);
    for (int i = 0; i < nsCount; i++) {
      String p = nz(r.getNamespacePrefix(i), "");
      String u = nz(r.getNamespaceURI(i), "");
      out.add(p.isEmpty() ? events.createNamespace(u) : events.createNamespace(p, u));
    }
    if (scope.parent != null) {
      scope = scope.parent;
    }
    return events.createEndElement(
        nz(r.getPrefix(), ""), nz(r.getNamespaceURI(), ""), r.getLocalName(), out.iterator());
  }

  private static String nz(String s, String otherwise) {
    return s == null ? otherwise : s;
  }

  /** The namespace bindings in scope at one element: its own, then its ancestors'. Immutable. */
  private static final class Scope implements NamespaceContext {
    static final Scope ROOT = new Scope(null, new String[0]);

    final Scope parent;

    /** prefix, URI, prefix, URI... */
    final String[] bindings;

    Scope(Scope parent, String[] bindings) {
      this.parent = parent;
      this.bindings = bindings;
    }

    @Override
    public String getNamespaceURI(String prefix) {
      if (prefix == null) {
        throw new IllegalArgumentException("prefix is null");
      }
      if (prefix.equals(XMLConstants.XML_NS_PREFIX)) {
        return XMLConstants.XML_NS_URI;
      }
      if (prefix.equals(XMLConstants.XMLNS_ATTRIBUTE)) {
        return XMLConstants.XMLNS_ATTRIBUTE_NS_URI;
      }
      for (Scope s = this; s != null; s = s.parent) {
        for (int i = 0; i < s.bindings.length; i += 2) {
          if (s.bindings[i].equals(prefix)) {
            return s.bindings[i + 1];
          }
        }
      }
      return XMLConstants.NULL_NS_URI;
    }

    @Override
    public String getPrefix(String namespaceURI) {
      Iterator<String> it = getPrefixes(namespaceURI);
      return it.hasNext() ? it.next() : null;
    }

    @Override
    public Iterator<String> getPrefixes(String namespaceURI) {
      if (namespaceURI == null) {
        throw new IllegalArgumentException("namespaceURI is null");
      }
      if (namespaceURI.equals(XMLConstants.XML_NS_URI)) {
        return List.of(XMLConstants.XML_NS_PREFIX).iterator();
      }
      if (namespaceURI.equals(XMLConstants.XMLNS_ATTRIBUTE_NS_URI)) {
        return List.of(XMLConstants.XMLNS_ATTRIBUTE).iterator();
      }
      List<String> found = new ArrayList<>();
      for (Scope s = this; s != null; s = s.parent) {
        for (int i = 0; i < s.bindings.length; i += 2) {
          String p = s.bindings[i];
          if (s.bindings[i + 1].equals(namespaceURI)
              && !found.contains(p)
              && getNamespaceURI(p).equals(namespaceURI)) {
            found.add(p);
          }
        }
      }
      return Collections.unmodifiableList(found).iterator();
    }
  }
}
