package dev.bounded.xml.internal;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ParseLocation;
import dev.bounded.xml.XmlAttributes;
import dev.bounded.xml.XmlContext;
import dev.bounded.xml.XmlHandler;
import dev.bounded.xml.internal.tokenizer.TokenReader;
import java.io.IOException;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Drives an {@link XmlHandler} from a {@link BoundedStreamReader}. One per parse. */
public final class PushParser implements XmlContext, XmlAttributes {
  private final BoundedStreamReader reader;
  private final XMLStreamReader r;
  private long depth;
  private boolean stopped;

  public PushParser(BoundedStreamReader reader) {
    this.reader = reader;
    this.r = reader.woodstox();
  }

  /**
   * Runs the parse to the end (or until the handler stops it).
   *
   * @return true if the document was read to its end, false if the handler stopped it
   * @throws BoundedParseException for anything wrong with the input
   * @throws IOException a handler's exception, unchanged, or the source's own I/O failure
   */
  public boolean run(XmlHandler h) throws IOException {
    begun = true;
    h.startDocument(this);
    return drive(h) == DONE;
  }

  /** {@link #drive}: the document has ended (END_DOCUMENT delivered). */
  public static final int DONE = 1;

  /** {@link #drive}: the handler stopped the parse. */
  public static final int STOPPED = 2;

  /** {@link #drive}: a feeding reader needs more bytes. */
  public static final int NEEDS_INPUT = 3;

  private boolean begun;

  /**
   * Delivers events until the document ends, the handler stops, or (for a {@link
   * BoundedStreamReader#feeding} reader) the bytes fed run out; resumable after {@link
   * #NEEDS_INPUT}. A feeding reader's START_DOCUMENT calls {@code startDocument}.
   *
   * @return {@link #DONE}, {@link #STOPPED} or {@link #NEEDS_INPUT}
   * @throws BoundedParseException for anything wrong with the input
   * @throws IOException a handler's exception, unchanged
   */
  public int drive(XmlHandler h) throws IOException {
    while (!stopped) {
      int t;
      try {
        t = reader.next();
      } catch (XMLStreamException e) {
        throw unwrap(e);
      }
      switch (t) {
        case TokenReader.INCOMPLETE:
          return NEEDS_INPUT;
        case XMLStreamConstants.START_DOCUMENT:
          if (!begun) {
            begun = true;
            h.startDocument(this);
          }
          break;
        case XMLStreamConstants.START_ELEMENT:
          depth++;
          h.startElement(nz(r.getNamespaceURI()), r.getLocalName(), nz(r.getPrefix()), this);
          break;
        case XMLStreamConstants.END_ELEMENT:
          h.endElement(nz(r.getNamespaceURI()), r.getLocalName(), nz(r.getPrefix()));
          depth--;
          break;
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.CDATA:
        case XMLStreamConstants.SPACE:
          h.characters(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
          break;
        case XMLStreamConstants.COMMENT:
          h.comment(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
          break;
        case XMLStreamConstants.PROCESSING_INSTRUCTION:
          h.processingInstruction(r.getPITarget(), nz(r.getPIData()));
          break;
        case XMLStreamConstants.END_DOCUMENT:
          h.endDocument();
          return DONE;
        default:
          break;
      }
    }
    return STOPPED;
  }

  /** Our exception out of the pull API's wrapper. */
  static IOException unwrap(XMLStreamException e) {
    Throwable c = e.getCause();
    if (c instanceof IOException) {
      return (IOException) c;
    }
    return new IOException(e.getMessage(), e);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  // ---- XmlContext ----

  @Override
  public ParseLocation location() {
    return reader.location();
  }

  @Override
  public long depth() {
    return depth;
  }

  @Override
  public void stop() {
    stopped = true;
  }

  @Override
  public boolean isStopped() {
    return stopped;
  }

  // ---- XmlAttributes, a view of the current start tag ----

  @Override
  public int count() {
    return r.getAttributeCount();
  }

  @Override
  public String localName(int i) {
    return r.getAttributeLocalName(i);
  }

  @Override
  public String namespaceUri(int i) {
    return nz(r.getAttributeNamespace(i));
  }

  @Override
  public String prefix(int i) {
    return nz(r.getAttributePrefix(i));
  }

  @Override
  public String value(int i) {
    return r.getAttributeValue(i);
  }

  @Override
  public String value(String namespaceUri, String localName) {
    for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
      if (localName.equals(r.getAttributeLocalName(i))
          && nz(namespaceUri).equals(nz(r.getAttributeNamespace(i)))) {
        return r.getAttributeValue(i);
      }
    }
    return null;
  }

  @Override
  public int namespaceCount() {
    return r.getNamespaceCount();
  }

  @Override
  public String declaredPrefix(int i) {
    return nz(r.getNamespacePrefix(i));
  }

  @Override
  public String declaredNamespaceUri(int i) {
    return nz(r.getNamespaceURI(i));
  }
}
