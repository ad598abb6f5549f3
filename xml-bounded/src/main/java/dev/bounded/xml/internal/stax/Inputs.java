package dev.bounded.xml.internal.stax;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.LimitedInputStream;
import dev.bounded.core.internal.ParseErrors;
import dev.bounded.xml.XmlLimits;
import dev.bounded.xml.internal.BoundedStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import javax.xml.stream.XMLStreamException;
import javax.xml.transform.Source;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;
import org.xml.sax.InputSource;

/**
 * Opens the input forms the public API takes (a stream with or without a named encoding, a reader,
 * a {@link Source}) as a {@link BoundedStreamReader}, and gives the StAX form of an opening
 * failure. Nothing here ever opens a system ID.
 */
public final class Inputs {
  private Inputs() {}

  /**
   * A bounded reader over {@code in}; a named encoding other than UTF-8 decodes strictly under the
   * byte limit and parses the characters, as a caller-supplied encoding overrides the document's.
   *
   * @throws IOException our {@link BoundedParseException}, or the source's own failure
   * @throws IllegalArgumentException for an encoding the JDK does not know
   */
  public static BoundedStreamReader open(
      InputStream in, String encoding, XmlLimits limits, boolean namespaceAware)
      throws IOException {
    if (encoding == null || isUtf8(encoding)) {
      return BoundedStreamReader.open(in, limits, namespaceAware);
    }
    Charset cs;
    try {
      cs = Charset.forName(encoding);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new IllegalArgumentException("Unknown encoding: " + excerpt(encoding), e);
    }
    Reader r =
        new InputStreamReader(
            LimitedInputStream.of(in, limits.maxBytes(), "XmlLimits.maxBytes"),
            cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    return BoundedStreamReader.open(r, limits, namespaceAware);
  }

  private static boolean isUtf8(String encoding) {
    try {
      return Charset.forName(encoding).equals(StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * A bounded reader over a {@link StreamSource} or a {@link SAXSource}: its byte stream (with the
   * {@code InputSource}'s encoding, if it names one), else its character stream.
   *
   * @throws IllegalArgumentException for a source with only a system ID: Bounded never opens one
   * @throws UnsupportedOperationException for any other kind of source
   */
  public static BoundedStreamReader open(Source source, XmlLimits limits, boolean namespaceAware)
      throws IOException {
    if (source == null) {
      throw new IllegalArgumentException("source is null");
    }
    InputStream bytes;
    Reader chars;
    String encoding = null;
    if (source instanceof StreamSource) {
      StreamSource s = (StreamSource) source;
      bytes = s.getInputStream();
      chars = s.getReader();
    } else if (source instanceof SAXSource) {
      InputSource s = ((SAXSource) source).getInputSource();
      bytes = s == null ? null : s.getByteStream();
      chars = s == null ? null : s.getCharacterStream();
      encoding = s == null ? null : s.getEncoding();
    } else {
      throw new UnsupportedOperationException(
          "Bounded reads a StreamSource or SAXSource with a byte or character stream, not a "
              + source.getClass().getName()
              + ": a DOM or StAX source is already parsed, by someone else's parser");
    }
    if (bytes != null) {
      return open(bytes, encoding, limits, namespaceAware);
    }
    if (chars != null) {
      return BoundedStreamReader.open(chars, limits, namespaceAware);
    }
    throw new IllegalArgumentException(
        "Refused: a Source with no stream"
            + (source.getSystemId() == null
                ? ""
                : " and only the system ID \"" + excerpt(source.getSystemId()) + "\"")
            + ". Bounded never opens a system ID; open it yourself (a file, or a fetch with a"
            + " timeout and a size limit) and pass the stream");
  }

  private static String excerpt(String s) {
    return ParseErrors.excerpt(s, 100);
  }

  /**
   * The StAX form of an opening failure: an {@link XMLStreamException} whose cause is ours (or the
   * source's I/O failure).
   */
  public static XMLStreamException streamException(IOException e) {
    XMLStreamException x =
        e instanceof BoundedParseException
            ? new XMLStreamException(e.getMessage(), e)
            : new XMLStreamException("I/O error reading the document: " + e.getMessage(), e);
    if (x.getCause() == null) {
      x.initCause(e);
    }
    return x;
  }
}
