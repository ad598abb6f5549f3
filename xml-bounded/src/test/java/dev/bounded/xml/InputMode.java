package dev.bounded.xml;

import dev.bounded.core.BoundedParseException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** The ways a document can reach a parse; each runs a handler and returns the stats. */
enum InputMode {
  BYTES {
    @Override
    XmlStats parse(String doc, XmlLimits limits, XmlHandler h) throws IOException {
      return BoundedXml.parse(doc.getBytes(StandardCharsets.UTF_8), limits, h);
    }
  },
  STREAM {
    @Override
    XmlStats parse(String doc, XmlLimits limits, XmlHandler h) throws IOException {
      return BoundedXml.parse(
          new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)), limits, h);
    }
  },
  ONE_BYTE_AT_A_TIME {
    @Override
    XmlStats parse(String doc, XmlLimits limits, XmlHandler h) throws IOException {
      return BoundedXml.parse(trickle(doc.getBytes(StandardCharsets.UTF_8)), limits, h);
    }
  },
  READER {
    @Override
    XmlStats parse(String doc, XmlLimits limits, XmlHandler h) throws IOException {
      return BoundedXml.parse(new StringReader(doc), limits, h);
    }
  },
  PULL {
    @Override
    XmlStats parse(String doc, XmlLimits limits, XmlHandler h) throws IOException {
      return pull(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)), limits, h);
    }
  },
  UTF16 {
    @Override
    XmlStats parse(String doc, XmlLimits limits, XmlHandler h) throws IOException {
      // UTF_16 encodes big-endian with a byte-order mark.
      return BoundedXml.parse(asUtf16(doc).getBytes(StandardCharsets.UTF_16), limits, h);
    }
  },
  UTF16LE_ONE_BYTE_AT_A_TIME {
    @Override
    XmlStats parse(String doc, XmlLimits limits, XmlHandler h) throws IOException {
      return BoundedXml.parse(trickle(asUtf16(doc).getBytes(StandardCharsets.UTF_16LE)), limits, h);
    }
  };

  abstract XmlStats parse(String doc, XmlLimits limits, XmlHandler h) throws IOException;

  /**
   * A declaration of encoding="UTF-8" restated as "UTF-16" (same length), since a UTF-16 document
   * declaring UTF-8 is not well-formed (W3C hst-lhs-008) and Bounded refuses it.
   */
  static String asUtf16(String doc) {
    return doc.replace("encoding=\"UTF-8\"", "encoding=\"UTF16\"")
        .replace("encoding='UTF-8'", "encoding='UTF16'");
  }

  /** True if byte offsets in errors are offsets into the UTF-8 text of the document. */
  boolean reportsByteOffsets() {
    return this == BYTES || this == STREAM || this == ONE_BYTE_AT_A_TIME || this == PULL;
  }

  /** Bytes the source holds for {@code doc}, as maxBytes counts them. */
  long sourceSize(String doc) {
    switch (this) {
      case READER:
        return doc.length();
      case UTF16:
        return 2L * doc.length() + 2;
      case UTF16LE_ONE_BYTE_AT_A_TIME:
        return 2L * doc.length();
      default:
        return doc.getBytes(StandardCharsets.UTF_8).length;
    }
  }

  /** A stream that returns one byte per read call. */
  static InputStream trickle(byte[] bytes) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(1, len));
      }
    };
  }

  /**
   * Drives a pull reader from {@link BoundedXml#newReader} into a handler, checking the pull
   * contract: every failure is an XMLStreamException caused by our exception, which is rethrown.
   */
  static XmlStats pull(InputStream in, XmlLimits limits, XmlHandler h) throws IOException {
    XMLStreamReader r;
    try {
      r = BoundedXml.newReader(in, limits);
    } catch (XMLStreamException e) {
      throw ours(e);
    }
    try {
      h.startDocument(null);
      while (true) {
        int t = r.next();
        switch (t) {
          case XMLStreamConstants.START_ELEMENT:
            h.startElement(
                nz(r.getNamespaceURI()), r.getLocalName(), nz(r.getPrefix()), attributes(r));
            break;
          case XMLStreamConstants.END_ELEMENT:
            h.endElement(nz(r.getNamespaceURI()), r.getLocalName(), nz(r.getPrefix()));
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
            return BoundedXml.stats(r);
          default:
            break;
        }
      }
    } catch (XMLStreamException e) {
      throw ours(e);
    }
  }

  private static BoundedParseException ours(XMLStreamException e) {
    if (e.getCause() instanceof BoundedParseException) {
      return (BoundedParseException) e.getCause();
    }
    throw new AssertionError("pull failure not caused by a BoundedParseException", e);
  }

  /** A view of the pull reader's current attributes. */
  static XmlAttributes attributes(XMLStreamReader r) {
    return new XmlAttributes() {
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
        return r.getAttributeValue(namespaceUri, localName);
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
    };
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
