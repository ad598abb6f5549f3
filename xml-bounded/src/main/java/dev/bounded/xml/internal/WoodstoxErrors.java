package dev.bounded.xml.internal;

import com.ctc.wstx.exc.WstxEOFException;
import com.ctc.wstx.exc.WstxLazyException;
import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.core.ParseLocation;
import dev.bounded.core.internal.ParseErrors;
import dev.bounded.xml.XmlLimits;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.Optional;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;

/** Woodstox's errors translated into ours (the WOODSTOX engine only). */
public final class WoodstoxErrors {
  private WoodstoxErrors() {}

  /**
   * Our exception for a Woodstox failure: ours if one is in the cause chain (the scanner's, the
   * resolver's, the byte limit's), else a translation. A real I/O failure of the source, not caused
   * by the content, is returned as it is.
   */
  public static IOException translate(Throwable e, XmlScanner scanner, XmlLimits limits) {
    if (e instanceof WstxLazyException && e.getCause() != null) {
      // Lazy parsing wraps the real XMLStreamException (with its location) in a RuntimeException.
      e = e.getCause();
    }
    Optional<BoundedParseException> ours = BoundedParseException.find(e);
    if (ours.isPresent()) {
      BoundedParseException x = ours.get();
      if (x.location().isUnknown() && e instanceof XMLStreamException) {
        return ParseErrors.relocate(x, location((XMLStreamException) e));
      }
      return x;
    }
    Throwable t = e;
    for (int i = 0; t != null && i < 16; i++, t = t.getCause()) {
      if (t instanceof CharConversionException || t instanceof CharacterCodingException) {
        return new MalformedDocumentException(
            "Invalid byte sequence for the document's encoding: "
                + ParseErrors.excerpt(String.valueOf(t.getMessage()), 200),
            e instanceof XMLStreamException
                ? location((XMLStreamException) e)
                : ParseLocation.UNKNOWN,
            e);
      }
      if (t instanceof IOException
          && !(t instanceof BoundedParseException)
          && t != e
          && !(t.getClass().getName().startsWith("com.ctc.wstx"))) {
        return (IOException) t; // the source failed: not the document's fault
      }
    }
    ParseLocation where =
        e instanceof XMLStreamException ? location((XMLStreamException) e) : ParseLocation.UNKNOWN;
    String msg = woodstoxMessage(e);
    if (msg.startsWith("Maximum attribute size limit")) {
      return new LimitExceededException(
          Limit.MAX_ATTRIBUTE_LENGTH,
          limits.maxAttributeLength(),
          -1,
          "XmlLimits.maxAttributeLength",
          where);
    }
    if (msg.startsWith("Maximum Number of Attributes limit")) {
      return new LimitExceededException(
          Limit.MAX_ATTRIBUTES, limits.maxAttributes(), -1, "XmlLimits.maxAttributes", where);
    }
    if (msg.startsWith("Maximum Element Depth limit")) {
      return new LimitExceededException(
          Limit.MAX_DEPTH, limits.maxDepth(), -1, "XmlLimits.maxDepth", where);
    }
    if (msg.startsWith("Undeclared general entity") && scanner != null && scanner.sawDoctype()) {
      return new ForbiddenConstructException(
          "entity reference",
          msg + ": entities declared in a DTD are never expanded (XmlLimits.dtdPolicy is IGNORE)",
          where,
          e);
    }
    return new MalformedDocumentException(msg, where, e);
  }

  /** Woodstox's message without its location suffix, capped and escaped. */
  static String woodstoxMessage(Throwable e) {
    String m = e.getMessage();
    if (m == null) {
      return e.getClass().getSimpleName();
    }
    int at = m.indexOf("\n at [");
    if (at >= 0) {
      m = m.substring(0, at);
    }
    if (e instanceof WstxEOFException && m.startsWith(" in ")) {
      // Woodstox's bootstrapper reports the end of input with the bare suffix (" in xml
      // declaration") where its scanner says "Unexpected EOF in ...".
      m = "Unexpected end of input" + m;
    }
    return ParseErrors.excerpt(m.replace('\n', ' '), 300);
  }

  static ParseLocation location(XMLStreamException e) {
    Location l = e.getLocation();
    return l == null
        ? ParseLocation.UNKNOWN
        : ParseLocation.of(l.getLineNumber(), l.getColumnNumber(), -1, null);
  }
}
