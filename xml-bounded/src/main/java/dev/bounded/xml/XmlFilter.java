package dev.bounded.xml;

import dev.bounded.core.Control;
import java.io.IOException;

/**
 * An {@link XmlHandler} whose callbacks say what happens next, as {@code JsonHandler}'s do: {@link
 * Control#CONTINUE}, {@link Control#SKIP} (after {@link #startElement}: the element's content and
 * its end tag pass without events, still checked against every limit) or {@link Control#STOP} (the
 * parse returns normally at once; {@link #endDocument()} is not called). Taken by every {@code
 * BoundedXml} method that takes a handler. Every method has a default body returning {@link
 * Control#CONTINUE}, so {@code new XmlFilter() {}} compiles; text chunking, names and exceptions
 * are as {@link XmlHandler} describes. Added beside {@link XmlHandler} (whose {@link
 * XmlContext#stop()} keeps working) rather than changing its return types.
 *
 * <pre>{@code
 * XmlStats stats = BoundedXml.parse(in, limits, new XmlFilter() {
 *   @Override public Control startElement(String ns, String local, String prefix, XmlAttributes a) {
 *     if (local.equals("item")) items++;
 *     return items == 10 ? Control.STOP : Control.CONTINUE;
 *   }
 * });
 * }</pre>
 */
public interface XmlFilter {
  /** The document starts; {@code context} (location and depth) is valid for the whole parse. */
  default Control startDocument(XmlContext context) throws IOException {
    return Control.CONTINUE;
  }

  /**
   * A start tag (or an empty-element tag, followed at once by {@link #endElement}). {@link
   * Control#SKIP} passes over the element's content and end tag.
   *
   * @param attributes a view valid only during this call
   */
  default Control startElement(
      String namespaceUri, String localName, String prefix, XmlAttributes attributes)
      throws IOException {
    return Control.CONTINUE;
  }

  /** An end tag. */
  default Control endElement(String namespaceUri, String localName, String prefix)
      throws IOException {
    return Control.CONTINUE;
  }

  /** A chunk of character data (text or CDATA); see {@link XmlHandler} on chunking. */
  default Control characters(char[] text, int start, int length) throws IOException {
    return Control.CONTINUE;
  }

  /** A whole comment, without {@code <!--} and {@code -->}. */
  default Control comment(char[] text, int start, int length) throws IOException {
    return Control.CONTINUE;
  }

  /** A processing instruction (never the XML declaration). */
  default Control processingInstruction(String target, String data) throws IOException {
    return Control.CONTINUE;
  }

  /** The document ended well-formed (not called after {@link Control#STOP}). */
  default void endDocument() throws IOException {}
}
