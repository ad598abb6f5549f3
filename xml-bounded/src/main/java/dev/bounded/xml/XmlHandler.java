package dev.bounded.xml;

import java.io.IOException;

/**
 * Receives the events of one bounded parse ({@link BoundedXml#parse}). Every method has an empty
 * default body, so {@code new XmlHandler() {}} compiles and a handler overrides only what it needs.
 *
 * <ul>
 *   <li><b>Text arrives in chunks.</b> One run of character data (CDATA sections included) may
 *       reach {@link #characters} in several calls, split wherever the parser's buffer ends (about
 *       4,000 characters at most per call); concatenate consecutive calls to get a run. The whole
 *       run is held to {@link XmlLimits#maxTextLength()} however it is split. The arrays are
 *       reused: copy what you keep.
 *   <li><b>Names</b>: the namespace URI and prefix are {@code ""} (never null) when absent.
 *   <li><b>Stopping early</b>: call {@link XmlContext#stop()} (the context arrives in {@link
 *       #startDocument}); the parse returns normally after the current callback without reading
 *       further. {@link #endDocument()} is not called then. {@link XmlFilter} says the same (and
 *       can skip an element) by returning a {@link dev.bounded.core.Control}, as JSON handlers do.
 *   <li><b>Exceptions</b>: a handler may throw {@link IOException} (a {@link
 *       dev.bounded.core.BoundedParseException} of its own included) or any unchecked exception;
 *       Bounded lets it propagate unchanged, and the parse stops.
 * </ul>
 */
public interface XmlHandler {
  /** The document starts; {@code context} is valid for the whole parse. */
  default void startDocument(XmlContext context) throws IOException {}

  /**
   * A start tag (or an empty-element tag, followed at once by {@link #endElement}).
   *
   * @param attributes a view valid only during this call
   */
  default void startElement(
      String namespaceUri, String localName, String prefix, XmlAttributes attributes)
      throws IOException {}

  /** An end tag. */
  default void endElement(String namespaceUri, String localName, String prefix)
      throws IOException {}

  /** A chunk of character data (text or CDATA); see the class comment on chunking. */
  default void characters(char[] text, int start, int length) throws IOException {}

  /** A whole comment, without {@code <!--} and {@code -->}. */
  default void comment(char[] text, int start, int length) throws IOException {}

  /** A processing instruction (never the XML declaration). */
  default void processingInstruction(String target, String data) throws IOException {}

  /** The document ended well-formed. */
  default void endDocument() throws IOException {}
}
