package dev.bounded.fuzz.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bounded.core.BoundedParseException;
import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.XmlAttributes;
import dev.bounded.xml.XmlHandler;
import dev.bounded.xml.XmlLimits;
import dev.bounded.xml.XmlStats;
import java.io.ByteArrayInputStream;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What a parse actually delivered to its caller, measured from the events in the units of {@link
 * XmlLimits} and {@link XmlStats}, independently of the scanner that enforces them: start tags,
 * deepest nesting, most attributes on a tag (namespace declarations included), longest attribute
 * value (namespace URIs included), longest qualified name (elements, attributes, {@code xmlns:p},
 * PI targets), longest text run (text between two non-text events, CDATA and references expanded)
 * and longest comment or PI data. Entity names in references are not delivered, so a name measure
 * here can only be at most the scanner's.
 */
final class XmlDelivered {
  long elements;
  long depth;
  long maxDepth;
  long maxAttributes;
  long maxAttributeLength;
  long maxName;
  long run;
  long maxTextRun;
  long maxCommentOrPi;

  /**
   * The parse's outcome: null, or the failure (ours, or anything else, for the caller to judge).
   */
  Throwable failure;

  /** The stats the parse reported; null if it failed. */
  XmlStats stats;

  /**
   * The stats of a failed pull, taken from the reader after the failure: the scanner reads ahead of
   * Woodstox, so they must cover at least what was delivered.
   */
  XmlStats statsSoFar;

  /** Which API delivered: the pull API wraps our exception in an XMLStreamException. */
  private boolean pulled;

  private void start(String qname, int attributes, int namespaces) {
    endRun();
    elements++;
    depth++;
    maxDepth = Math.max(maxDepth, depth);
    maxName = Math.max(maxName, qname.length());
    maxAttributes = Math.max(maxAttributes, attributes + namespaces);
  }

  private void attribute(String qname, String value) {
    maxName = Math.max(maxName, qname.length());
    maxAttributeLength = Math.max(maxAttributeLength, value.length());
  }

  private void namespace(String prefix, String uri) {
    attribute(prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix, uri);
  }

  private void end() {
    endRun();
    depth--;
  }

  private void text(int length) {
    run += length;
    maxTextRun = Math.max(maxTextRun, run);
  }

  private void endRun() {
    run = 0;
  }

  private void commentOrPi(int length) {
    endRun();
    maxCommentOrPi = Math.max(maxCommentOrPi, length);
  }

  private static String qname(String prefix, String local) {
    return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
  }

  /** Push-parses {@code doc}, measuring every callback. Never throws. */
  static XmlDelivered push(byte[] doc, XmlLimits limits) {
    XmlDelivered d = new XmlDelivered();
    XmlHandler h =
        new XmlHandler() {
          @Override
          public void startElement(String ns, String local, String prefix, XmlAttributes a) {
            d.start(qname(prefix, local), a.count(), a.namespaceCount());
            for (int i = 0; i < a.count(); i++) {
              d.attribute(qname(a.prefix(i), a.localName(i)), a.value(i));
              a.value(a.namespaceUri(i), a.localName(i)); // touched, as XmlTotality.TOUCH_ALL does
            }
            for (int i = 0; i < a.namespaceCount(); i++) {
              d.namespace(a.declaredPrefix(i), a.declaredNamespaceUri(i));
            }
          }

          @Override
          public void endElement(String ns, String local, String prefix) {
            d.end();
          }

          @Override
          public void characters(char[] ch, int start, int length) {
            d.text(length);
          }

          @Override
          public void comment(char[] ch, int start, int length) {
            d.commentOrPi(length);
          }

          @Override
          public void processingInstruction(String target, String data) {
            d.commentOrPi(data.length());
            d.maxName = Math.max(d.maxName, target.length());
          }

          @Override
          public void endDocument() {
            d.endRun();
          }
        };
    try {
      d.stats = BoundedXml.parse(doc, limits, h);
    } catch (Throwable t) {
      d.failure = t;
    }
    return d;
  }

  /** Pulls {@code doc} to its end, measuring every event; stats from the reader. Never throws. */
  static XmlDelivered pull(byte[] doc, XmlLimits limits) {
    XmlDelivered d = new XmlDelivered();
    d.pulled = true;
    XMLStreamReader r = null;
    try {
      r = BoundedXml.newReader(new ByteArrayInputStream(doc), limits);
      while (r.hasNext()) {
        switch (r.next()) {
          case XMLStreamConstants.START_ELEMENT:
            d.start(
                qname(r.getPrefix(), r.getLocalName()),
                r.getAttributeCount(),
                r.getNamespaceCount());
            for (int i = 0; i < r.getAttributeCount(); i++) {
              d.attribute(
                  qname(r.getAttributePrefix(i), r.getAttributeLocalName(i)),
                  r.getAttributeValue(i));
            }
            for (int i = 0; i < r.getNamespaceCount(); i++) {
              String p = r.getNamespacePrefix(i);
              String uri = r.getNamespaceURI(i);
              d.namespace(p == null ? "" : p, uri == null ? "" : uri);
            }
            break;
          case XMLStreamConstants.END_ELEMENT:
            d.end();
            break;
          case XMLStreamConstants.CHARACTERS:
          case XMLStreamConstants.CDATA:
          case XMLStreamConstants.SPACE:
          case XMLStreamConstants.ENTITY_REFERENCE:
            d.text(r.getTextLength());
            break;
          case XMLStreamConstants.COMMENT:
            d.commentOrPi(r.getTextLength());
            break;
          case XMLStreamConstants.PROCESSING_INSTRUCTION:
            String data = r.getPIData();
            d.commentOrPi(data == null ? 0 : data.length());
            d.maxName = Math.max(d.maxName, r.getPITarget().length());
            break;
          default:
            d.endRun();
        }
      }
      d.stats = BoundedXml.stats(r);
    } catch (Throwable t) {
      d.failure = t;
      if (r != null) {
        d.statsSoFar = BoundedXml.stats(r);
      }
    }
    return d;
  }

  /**
   * Totality, as {@link XmlTotality} checks it: the failure, if any, is ours (pull: an {@link
   * XMLStreamException} caused by ours).
   */
  void assertFailureIsOurs(String api) {
    if (failure == null) {
      return;
    }
    Throwable ours = pulled && failure instanceof XMLStreamException ? failure.getCause() : failure;
    if (!(ours instanceof BoundedParseException)) {
      fail(api + " threw " + failure + (ours != failure ? " / cause " + ours : ""), failure);
    }
  }

  /**
   * The limits saw everything delivered: every start tag was counted, the nesting measured, and
   * every other measure the stats report is at least what was delivered.
   */
  void assertStatsCoverDelivered(String api) {
    XmlStats s = stats;
    String where = api + ": delivered " + this + " but " + s;
    assertEquals(elements, s.elements(), () -> "start tags. " + where);
    assertEquals(maxDepth, s.maxDepth(), () -> "depth. " + where);
    assertTrue(maxAttributes <= s.maxAttributes(), () -> "attributes. " + where);
    assertTrue(maxAttributeLength <= s.maxAttributeLength(), () -> "attribute length. " + where);
    assertTrue(maxName <= s.maxNameLength(), () -> "name length. " + where);
    assertTrue(
        Math.max(maxTextRun, maxCommentOrPi) <= s.maxTextLength(), () -> "text length. " + where);
  }

  /**
   * The scanner, which reads ahead of Woodstox, counted at least everything a failed parse
   * delivered before it failed.
   */
  void assertStatsSoFarCoverDelivered(String api) {
    XmlStats s = statsSoFar;
    String where = api + ": delivered " + this + " before " + failure + " but " + s;
    assertTrue(elements <= s.elements(), () -> "start tags. " + where);
    assertTrue(maxDepth <= s.maxDepth(), () -> "depth. " + where);
    assertTrue(maxAttributes <= s.maxAttributes(), () -> "attributes. " + where);
    assertTrue(maxAttributeLength <= s.maxAttributeLength(), () -> "attribute length. " + where);
    assertTrue(maxName <= s.maxNameLength(), () -> "name length. " + where);
    assertTrue(
        Math.max(maxTextRun, maxCommentOrPi) <= s.maxTextLength(), () -> "text length. " + where);
  }

  /** Nothing delivered, before the parse ended or failed, went beyond {@code limits}. */
  void assertWithin(XmlLimits l, String api) {
    String where = api + ": delivered " + this + " under " + l + ", outcome " + failure;
    assertTrue(elements <= l.maxElements(), () -> "elements. " + where);
    assertTrue(maxDepth <= l.maxDepth(), () -> "depth. " + where);
    assertTrue(maxAttributes <= l.maxAttributes(), () -> "attributes. " + where);
    assertTrue(maxAttributeLength <= l.maxAttributeLength(), () -> "attribute length. " + where);
    assertTrue(maxName <= l.maxNameLength(), () -> "name length. " + where);
    assertTrue(maxTextRun <= l.maxTextLength(), () -> "text length. " + where);
    assertTrue(maxCommentOrPi <= l.maxTextLength(), () -> "comment/PI length. " + where);
  }

  @Override
  public String toString() {
    return "{elements="
        + elements
        + ", maxDepth="
        + maxDepth
        + ", maxAttributes="
        + maxAttributes
        + ", maxAttributeLength="
        + maxAttributeLength
        + ", maxName="
        + maxName
        + ", maxTextRun="
        + maxTextRun
        + ", maxCommentOrPi="
        + maxCommentOrPi
        + "}";
  }
}
