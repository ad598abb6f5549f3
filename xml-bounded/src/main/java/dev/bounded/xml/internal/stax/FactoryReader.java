package dev.bounded.xml.internal.stax;

import java.util.Arrays;
import javax.xml.namespace.NamespaceContext;
import javax.xml.namespace.QName;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import javax.xml.stream.util.XMLEventAllocator;

/**
 * What {@code BoundedXMLInputFactory} hands out: the bounded reader, plus coalescing, the factory's
 * property values and the caller's system ID.
 *
 * <p>Coalescing reads the text events that follow one another into one buffer and reports them as
 * one CHARACTERS event (SPACE if they were all SPACE), as StAX asks. The underlying reader is then
 * one event ahead; that event is held and handed out by the next {@link #next()}. The buffer cannot
 * outgrow the text run the bounded reader allows ({@code XmlLimits.maxTextLength}): the run's next
 * event over the limit fails before it is appended. While a coalesced event is current, namespace
 * look-ups by prefix ({@link #getNamespaceContext()}) answer for the held event's scope, which
 * differs only if that event is a start tag declaring the prefix.
 */
public final class FactoryReader extends StreamReaderDelegate {
  /** The settings a reader reports through {@link #getProperty}. */
  public static final class Settings {
    final boolean namespaceAware;
    final boolean coalescing;
    final boolean replacingEntityReferences;
    final XMLEventAllocator allocator;
    final Object reporter;
    final Object resolver;

    public Settings(
        boolean namespaceAware,
        boolean coalescing,
        boolean replacingEntityReferences,
        XMLEventAllocator allocator,
        Object reporter,
        Object resolver) {
      this.namespaceAware = namespaceAware;
      this.coalescing = coalescing;
      this.replacingEntityReferences = replacingEntityReferences;
      this.allocator = allocator;
      this.reporter = reporter;
      this.resolver = resolver;
    }
  }

  private final XMLStreamReader in;
  private final Settings settings;
  private final String systemId;
  private XMLEventAllocator allocator;

  /** While a coalesced text event is current: its characters; else null. */
  private char[] text;

  private char[] buffer = new char[0];

  private int textLength;
  private int textType;

  /** The event the underlying reader stands on while a coalesced text event is current. */
  private int held;

  public FactoryReader(XMLStreamReader in, Settings settings, String systemId) {
    super(in);
    this.in = in;
    this.settings = settings;
    this.systemId = systemId;
  }

  @Override
  public int next() throws XMLStreamException {
    if (text != null) {
      text = null;
      return held;
    }
    int t = in.next();
    if (settings.coalescing && isText(t)) {
      return coalesce(t);
    }
    return t;
  }

  private static boolean isText(int t) {
    return t == XMLStreamConstants.CHARACTERS
        || t == XMLStreamConstants.CDATA
        || t == XMLStreamConstants.SPACE;
  }

  private int coalesce(int first) throws XMLStreamException {
    int n = in.getTextLength();
    char[] buf = buffer.length >= n ? buffer : new char[Math.max(n, 64)];
    System.arraycopy(in.getTextCharacters(), in.getTextStart(), buf, 0, n);
    boolean allSpace = first == XMLStreamConstants.SPACE;
    int t;
    while (isText(t = in.next())) { // the bounded reader fails a run over maxTextLength here
      allSpace &= t == XMLStreamConstants.SPACE;
      int more = in.getTextLength();
      if (n + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(n + more, n + (n >> 1)));
      }
      System.arraycopy(in.getTextCharacters(), in.getTextStart(), buf, n, more);
      n += more;
    }
    buffer = buf; // reused by the next coalesced event, as StAX allows for getTextCharacters()
    text = buf;
    textLength = n;
    textType = allSpace ? XMLStreamConstants.SPACE : XMLStreamConstants.CHARACTERS;
    held = t;
    return textType;
  }

  @Override
  public boolean hasNext() throws XMLStreamException {
    return text != null || in.hasNext();
  }

  @Override
  public int getEventType() {
    return text != null ? textType : in.getEventType();
  }

  @Override
  public int nextTag() throws XMLStreamException {
    int t = next();
    while ((t == XMLStreamConstants.CHARACTERS || t == XMLStreamConstants.CDATA) && isWhiteSpace()
        || t == XMLStreamConstants.SPACE
        || t == XMLStreamConstants.PROCESSING_INSTRUCTION
        || t == XMLStreamConstants.COMMENT) {
      t = next();
    }
    if (t != XMLStreamConstants.START_ELEMENT && t != XMLStreamConstants.END_ELEMENT) {
      throw new XMLStreamException("Expected a start or end tag, found event " + t, getLocation());
    }
    return t;
  }

  @Override
  public String getElementText() throws XMLStreamException {
    if (text != null) {
      throw new XMLStreamException(
          "getElementText() needs the reader on a START_ELEMENT", getLocation());
    }
    return in.getElementText(); // bounded: the run counts against maxTextLength
  }

  // ---- the current text event, while coalesced ----

  @Override
  public String getText() {
    return text != null ? new String(text, 0, textLength) : in.getText();
  }

  @Override
  public char[] getTextCharacters() {
    return text != null ? text : in.getTextCharacters();
  }

  @Override
  public int getTextCharacters(int sourceStart, char[] target, int targetStart, int length)
      throws XMLStreamException {
    if (text == null) {
      return in.getTextCharacters(sourceStart, target, targetStart, length);
    }
    if (sourceStart < 0 || sourceStart > textLength) {
      throw new IndexOutOfBoundsException("sourceStart " + sourceStart);
    }
    int n = Math.min(length, textLength - sourceStart);
    System.arraycopy(text, sourceStart, target, targetStart, n);
    return n;
  }

  @Override
  public int getTextStart() {
    return text != null ? 0 : in.getTextStart();
  }

  @Override
  public int getTextLength() {
    return text != null ? textLength : in.getTextLength();
  }

  @Override
  public boolean hasText() {
    return text != null || in.hasText();
  }

  @Override
  public boolean isCharacters() {
    return text != null ? textType == XMLStreamConstants.CHARACTERS : in.isCharacters();
  }

  @Override
  public boolean isWhiteSpace() {
    if (text == null) {
      return in.isWhiteSpace();
    }
    for (int i = 0; i < textLength; i++) {
      char c = text[i];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean isStartElement() {
    return text == null && in.isStartElement();
  }

  @Override
  public boolean isEndElement() {
    return text == null && in.isEndElement();
  }

  @Override
  public boolean hasName() {
    return text == null && in.hasName();
  }

  @Override
  public void require(int type, String namespaceURI, String localName) throws XMLStreamException {
    if (text == null) {
      in.require(type, namespaceURI, localName);
    } else if (type != textType || namespaceURI != null || localName != null) {
      throw new XMLStreamException(
          "require(" + type + ", " + namespaceURI + ", " + localName + ") on a text event",
          getLocation());
    }
  }

  // Name and attribute accessors are not for text events: refuse them as a reader on text does.

  private void notOnText(String what) {
    if (text != null) {
      throw new IllegalStateException(what + " is not available on a text event");
    }
  }

  @Override
  public QName getName() {
    notOnText("getName()");
    return in.getName();
  }

  @Override
  public String getLocalName() {
    notOnText("getLocalName()");
    return in.getLocalName();
  }

  @Override
  public String getNamespaceURI() {
    notOnText("getNamespaceURI()");
    return in.getNamespaceURI();
  }

  @Override
  public String getPrefix() {
    notOnText("getPrefix()");
    return in.getPrefix();
  }

  @Override
  public int getAttributeCount() {
    notOnText("getAttributeCount()");
    return in.getAttributeCount();
  }

  @Override
  public int getNamespaceCount() {
    notOnText("getNamespaceCount()");
    return in.getNamespaceCount();
  }

  @Override
  public String getAttributeValue(String namespaceURI, String localName) {
    notOnText("getAttributeValue()");
    return in.getAttributeValue(namespaceURI, localName);
  }

  @Override
  public QName getAttributeName(int index) {
    notOnText("getAttributeName()");
    return in.getAttributeName(index);
  }

  @Override
  public String getAttributeNamespace(int index) {
    notOnText("getAttributeNamespace()");
    return in.getAttributeNamespace(index);
  }

  @Override
  public String getAttributeLocalName(int index) {
    notOnText("getAttributeLocalName()");
    return in.getAttributeLocalName(index);
  }

  @Override
  public String getAttributePrefix(int index) {
    notOnText("getAttributePrefix()");
    return in.getAttributePrefix(index);
  }

  @Override
  public String getAttributeType(int index) {
    notOnText("getAttributeType()");
    return in.getAttributeType(index);
  }

  @Override
  public String getAttributeValue(int index) {
    notOnText("getAttributeValue()");
    return in.getAttributeValue(index);
  }

  @Override
  public boolean isAttributeSpecified(int index) {
    notOnText("isAttributeSpecified()");
    return in.isAttributeSpecified(index);
  }

  @Override
  public String getNamespacePrefix(int index) {
    notOnText("getNamespacePrefix()");
    return in.getNamespacePrefix(index);
  }

  @Override
  public String getNamespaceURI(int index) {
    notOnText("getNamespaceURI()");
    return in.getNamespaceURI(index);
  }

  @Override
  public String getPITarget() {
    return text != null ? null : in.getPITarget();
  }

  @Override
  public String getPIData() {
    return text != null ? null : in.getPIData();
  }

  @Override
  public NamespaceContext getNamespaceContext() {
    return in.getNamespaceContext(); // text does not change the scope
  }

  @Override
  public Location getLocation() {
    Location l = in.getLocation();
    if (systemId == null || l == null) {
      return l;
    }
    return new Location() {
      @Override
      public int getLineNumber() {
        return l.getLineNumber();
      }

      @Override
      public int getColumnNumber() {
        return l.getColumnNumber();
      }

      @Override
      public int getCharacterOffset() {
        return l.getCharacterOffset();
      }

      @Override
      public String getPublicId() {
        return l.getPublicId();
      }

      @Override
      public String getSystemId() {
        return systemId;
      }
    };
  }

  /** The factory's settings for the standard properties; the reader's own answer for others. */
  @Override
  public Object getProperty(String name) {
    if (name == null) {
      throw new IllegalArgumentException("name is null");
    }
    switch (name) {
      case XMLInputFactory.IS_NAMESPACE_AWARE:
        return settings.namespaceAware;
      case XMLInputFactory.IS_COALESCING:
        return settings.coalescing;
      case XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES:
        return settings.replacingEntityReferences;
      case XMLInputFactory.IS_VALIDATING:
      case XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES:
      case XMLInputFactory.SUPPORT_DTD:
        return Boolean.FALSE;
      case XMLInputFactory.ALLOCATOR:
        if (allocator == null) { // the JDK's event reader asks once, when it is created
          allocator = settings.allocator != null ? settings.allocator : new EventAllocator();
        }
        return allocator;
      case XMLInputFactory.REPORTER:
        return settings.reporter;
      case XMLInputFactory.RESOLVER:
        return settings.resolver;
      default:
        try {
          return in.getProperty(name);
        } catch (IllegalArgumentException unknown) {
          return null;
        }
    }
  }
}
