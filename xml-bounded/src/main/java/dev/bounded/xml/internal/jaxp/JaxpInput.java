package dev.bounded.xml.internal.jaxp;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.core.LimitedInputStream;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.core.ParseLocation;
import dev.bounded.core.internal.ParseErrors;
import dev.bounded.xml.XmlLimits;
import dev.bounded.xml.internal.BoundedStreamReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Opens a JAXP {@link InputSource} as a bounded reader, and turns our failures into the {@link
 * SAXParseException} JAXP callers expect.
 */
public final class JaxpInput implements Closeable {
  private final BoundedStreamReader reader;
  private final Closeable owned;

  private JaxpInput(BoundedStreamReader reader, Closeable owned) {
    this.reader = reader;
    this.owned = owned;
  }

  public BoundedStreamReader reader() {
    return reader;
  }

  /**
   * Opens {@code src}: its byte stream (decoded with its encoding if it names one), else its
   * character stream, else its system ID, which must be a {@code file:} URI or a plain path.
   *
   * @throws IOException our {@link BoundedParseException} if the prolog is already wrong, the
   *     system ID is refused (another scheme than {@code file:}, or not a local file) or the
   *     encoding is unknown; or an I/O failure (a missing file)
   * @throws IllegalArgumentException for a null or empty source (the caller's mistake, as in the
   *     JDK)
   */
  public static JaxpInput open(InputSource src, XmlLimits limits, boolean namespaceAware)
      throws IOException {
    if (src == null) {
      throw new IllegalArgumentException("InputSource cannot be null");
    }
    if (src.getByteStream() != null) {
      return new JaxpInput(
          bytes(src.getByteStream(), src.getEncoding(), limits, namespaceAware), null);
    }
    if (src.getCharacterStream() != null) {
      return new JaxpInput(
          BoundedStreamReader.open(src.getCharacterStream(), limits, namespaceAware), null);
    }
    if (src.getSystemId() == null) {
      throw new IllegalArgumentException(
          "InputSource has no byte stream, character stream or system ID");
    }
    InputStream in = Files.newInputStream(fileOf(src.getSystemId()));
    try {
      return new JaxpInput(bytes(in, src.getEncoding(), limits, namespaceAware), in);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  private static BoundedStreamReader bytes(
      InputStream in, String encoding, XmlLimits limits, boolean ns) throws IOException {
    if (encoding == null) {
      return BoundedStreamReader.open(in, limits, ns);
    }
    // The caller named the encoding: decode strictly under the byte limit, then parse characters.
    Reader r =
        new InputStreamReader(
            LimitedInputStream.of(in, limits.maxBytes(), "XmlLimits.maxBytes"), decoder(encoding));
    return BoundedStreamReader.open(r, limits, ns);
  }

  /** A strict decoder for the encoding an {@code InputSource} names; typed if it is unknown. */
  private static CharsetDecoder decoder(String encoding) throws MalformedDocumentException {
    Charset cs;
    try {
      cs = Charset.forName(encoding);
    } catch (IllegalArgumentException e) { // unknown, or not a legal charset name
      throw new MalformedDocumentException(
          "Unsupported encoding \""
              + ParseErrors.excerpt(encoding, 40)
              + "\" named by the InputSource: this JVM has no such charset",
          ParseLocation.atByte(0),
          e);
    }
    return cs.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /**
   * The file a system ID names: a {@code file:} URI, or a path without a scheme (relative to the
   * working directory, as the JDK resolves it).
   *
   * @throws ForbiddenConstructException for any other scheme (Bounded never fetches from the
   *     network), a {@code file:} URI naming another host, or anything that is not a local path;
   *     nothing is opened
   */
  public static Path fileOf(String systemId) throws ForbiddenConstructException {
    URI uri;
    try {
      uri = new URI(systemId);
    } catch (URISyntaxException e) {
      return path(systemId, null);
    }
    if (uri.getScheme() == null || uri.getScheme().length() == 1) { // "C:\..." is a path
      return path(systemId, null);
    }
    if (!"file".equalsIgnoreCase(uri.getScheme())) {
      throw refused(
          systemId,
          "Bounded reads only file: URIs and paths, never the network; fetch it yourself"
              + " (with a timeout and a size limit) and pass the InputStream",
          null);
    }
    return path(systemId, uri);
  }

  /** The local path of {@code systemId} ({@code uri} if it is a {@code file:} URI), or refused. */
  private static Path path(String systemId, URI uri) throws ForbiddenConstructException {
    try {
      return uri == null ? Path.of(systemId) : Path.of(uri);
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      // another host (file://host/...), an opaque or relative file: URI, a character no path has
      throw refused(systemId, "it names no local file (" + e.getMessage() + ")", e);
    }
  }

  private static ForbiddenConstructException refused(String systemId, String why, Throwable e) {
    return new ForbiddenConstructException(
        "system ID",
        "Refused to open system ID \""
            + ParseErrors.excerpt(systemId, 100)
            + "\": "
            + ParseErrors.excerpt(why, 200),
        ParseLocation.UNKNOWN,
        e);
  }

  /** Closes the reader, and the file this opened (never the caller's stream). */
  @Override
  public void close() throws IOException {
    try {
      reader.close();
    } catch (XMLStreamException ignored) {
      // nothing held that matters
    } finally {
      if (owned != null) {
        owned.close();
      }
    }
  }

  /**
   * The JAXP form of an input failure: a {@link SAXParseException} with line and column and our
   * exception as its cause, first reported to {@code handler}'s {@code fatalError} as the JDK does.
   *
   * @param reader where the parse stood, or null
   * @return the exception to throw (the handler's own if it threw one)
   */
  public static SAXException fatal(
      BoundedParseException ours, XMLStreamReader reader, InputSource src, ErrorHandler handler) {
    long line = ours.line();
    long column = ours.column();
    if (line <= 0 && reader != null) {
      Location l = reader.getLocation();
      if (l != null) {
        line = l.getLineNumber();
        column = l.getColumnNumber();
      }
    }
    if (line <= 0) {
      ParseLocation at = ours.location();
      line = at.byteOffset() == 0 ? 1 : -1;
      column = at.byteOffset() == 0 ? 1 : -1;
    }
    SAXParseException spe =
        new SAXParseException(
            ours.getMessage(),
            src == null ? null : src.getPublicId(),
            src == null ? null : src.getSystemId(),
            (int) Math.min(Integer.MAX_VALUE, line),
            (int) Math.min(Integer.MAX_VALUE, column),
            ours);
    if (handler != null) {
      try {
        handler.fatalError(spe);
      } catch (SAXException fromHandler) {
        return fromHandler;
      }
    }
    return spe;
  }
}
