package dev.bounded.xml;

import dev.bounded.core.BoundedParseException;
import dev.bounded.xml.internal.BoundedStreamReader;
import dev.bounded.xml.internal.PushParser;
import dev.bounded.xml.internal.XmlScanner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Objects;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Bounded XML parsing: the entry points.
 *
 * <pre>{@code
 * XmlStats stats = BoundedXml.parse(in, XmlLimits.defaults(), new XmlHandler() {
 *   public void startElement(String ns, String local, String prefix, XmlAttributes attrs) {
 *     System.out.println(local);
 *   }
 * });
 * }</pre>
 *
 * <p>Every parse reads through a byte limit and a pre-scanner that holds every {@link XmlLimits}
 * exactly, then through Woodstox configured never to resolve anything. No DOCTYPE is accepted unless
 * {@link XmlLimits#dtdPolicy()} says so, and no external entity, DTD or XInclude is ever fetched.
 * Input in UTF-8, UTF-16, UTF-32 or an ASCII-compatible single-byte charset is read; others are
 * refused. The caller's stream is never closed.
 */
public final class BoundedXml {
  private BoundedXml() {}

  /**
   * Streams {@code in} through {@code handler}.
   *
   * @return the parse's high-water marks
   * @throws BoundedParseException if the input breaks a limit, is not well-formed, or uses a
   *     forbidden construct; its subtype says which
   * @throws IOException the handler's own exception, unchanged, or a failure of the source
   */
  public static XmlStats parse(InputStream in, XmlLimits limits, XmlHandler handler)
      throws IOException {
    return run(
        BoundedStreamReader.open(Objects.requireNonNull(in, "in"), limits, true),
        Objects.requireNonNull(handler, "handler"));
  }

  /** As {@link #parse(InputStream, XmlLimits, XmlHandler)}, from bytes. */
  public static XmlStats parse(byte[] document, XmlLimits limits, XmlHandler handler)
      throws IOException {
    return parse(new ByteArrayInputStream(document), limits, handler);
  }

  /**
   * As {@link #parse(InputStream, XmlLimits, XmlHandler)}, from characters: {@link
   * XmlLimits#maxBytes()} then counts characters, and error locations carry no byte offset.
   */
  public static XmlStats parse(Reader in, XmlLimits limits, XmlHandler handler)
      throws IOException {
    return run(
        BoundedStreamReader.open(Objects.requireNonNull(in, "in"), limits, true),
        Objects.requireNonNull(handler, "handler"));
  }

  private static XmlStats run(BoundedStreamReader reader, XmlHandler handler) throws IOException {
    try {
      boolean complete = new PushParser(reader).run(handler);
      return stats(reader, complete);
    } finally {
      try {
        reader.close();
      } catch (XMLStreamException ignored) {
        // nothing held that matters: the caller's stream is not ours to close
      }
    }
  }

  /**
   * A bounded pull parser over {@code in}: a namespace-aware, non-coalescing {@link XMLStreamReader}
   * (text may arrive in several CHARACTERS events). A breach or malformed input surfaces as an
   * {@link XMLStreamException} whose cause is the {@link BoundedParseException}; once failed, the
   * reader keeps failing the same way. {@code getElementText()} and {@code nextTag()} are bounded
   * too. Closing the reader does not close {@code in}.
   *
   * @throws XMLStreamException (caused by ours) if the prolog already fails
   */
  public static XMLStreamReader newReader(InputStream in, XmlLimits limits)
      throws XMLStreamException {
    try {
      return BoundedStreamReader.open(Objects.requireNonNull(in, "in"), limits, true);
    } catch (IOException e) {
      XMLStreamException x = new XMLStreamException(e.getMessage(), e);
      if (x.getCause() == null) {
        x.initCause(e);
      }
      throw x;
    }
  }

  /**
   * The high-water marks so far of a reader made by {@link #newReader}.
   *
   * @throws IllegalArgumentException for any other reader
   */
  public static XmlStats stats(XMLStreamReader reader) {
    if (!(reader instanceof BoundedStreamReader)) {
      throw new IllegalArgumentException("not a reader from BoundedXml.newReader: " + reader);
    }
    return stats((BoundedStreamReader) reader, true);
  }

  private static XmlStats stats(BoundedStreamReader r, boolean complete) {
    XmlScanner s = r.scanner();
    return new XmlStats(
        r.bytesRead(),
        s.maxDepthSeen(),
        s.elements(),
        s.maxAttributesSeen(),
        s.maxAttributeLengthSeen(),
        r.maxTextSeen(),
        s.maxNameLengthSeen(),
        complete);
  }
}
