package dev.bounded.fuzz.xml;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bounded.core.BoundedParseException;
import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.XmlAttributes;
import dev.bounded.xml.XmlHandler;
import dev.bounded.xml.XmlLimits;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The totality check: any bytes either parse or fail with our {@link BoundedParseException}
 * (through {@link XMLStreamException} for the pull API); nothing else, ever. Every accessor is
 * exercised on every event, so a getter that throws is caught too.
 */
public final class XmlTotality {
  private XmlTotality() {}

  /** Push handler that touches everything it is given. */
  static final XmlHandler TOUCH_ALL =
      new XmlHandler() {
        @Override
        public void startElement(String ns, String local, String prefix, XmlAttributes a) {
          for (int i = 0; i < a.count(); i++) {
            a.localName(i);
            a.namespaceUri(i);
            a.prefix(i);
            a.value(i);
            a.value(a.namespaceUri(i), a.localName(i));
          }
          for (int i = 0; i < a.namespaceCount(); i++) {
            a.declaredPrefix(i);
            a.declaredNamespaceUri(i);
          }
        }
      };

  /**
   * Push-parses a byte[] with {@link #TOUCH_ALL}; returns null or our exception; fails on anything
   * else.
   */
  public static BoundedParseException pushFailure(byte[] doc, XmlLimits limits) {
    try {
      BoundedXml.parse(doc, limits, TOUCH_ALL);
      return null;
    } catch (BoundedParseException expected) {
      return expected;
    } catch (Throwable t) {
      fail("push parse threw " + t, t);
      return null;
    }
  }

  /**
   * Push-parses a byte[] measuring what the handler is given ({@link XmlDelivered}): any failure
   * must be ours, a parse that succeeds must report stats covering what it delivered, and nothing
   * delivered, even before a failure, may exceed {@code limits}. Returns null or our exception.
   */
  public static BoundedParseException pushWithinLimits(byte[] doc, XmlLimits limits) {
    XmlDelivered d = XmlDelivered.push(doc, limits);
    d.assertFailureIsOurs("push");
    if (d.stats != null) {
      d.assertStatsCoverDelivered("push");
    }
    d.assertWithin(limits, "push");
    return (BoundedParseException) d.failure;
  }

  /**
   * Asserts totality for the byte[] push, InputStream pull and (decoded) Reader push entry points.
   */
  public static void assertTotal(byte[] doc, XmlLimits limits) {
    try {
      BoundedXml.parse(doc, limits, TOUCH_ALL);
    } catch (BoundedParseException expected) {
      // fine: ours
    } catch (Throwable t) {
      fail("push parse threw " + t, t);
    }
    pullFailure(doc, limits);
    try {
      BoundedXml.parse(
          new StringReader(new String(doc, StandardCharsets.UTF_8)), limits, TOUCH_ALL);
    } catch (BoundedParseException expected) {
      // fine
    } catch (Throwable t) {
      fail("Reader push parse threw " + t, t);
    }
  }

  /**
   * Pulls to the end; returns null, or our exception from the XMLStreamException's cause. Fails the
   * test on anything else, or if a failed reader does not keep failing the same way.
   */
  public static BoundedParseException pullFailure(byte[] doc, XmlLimits limits) {
    XMLStreamReader r = null;
    try {
      r = BoundedXml.newReader(new ByteArrayInputStream(doc), limits);
      while (r.hasNext()) {
        touch(r, r.next());
      }
      return null;
    } catch (XMLStreamException e) {
      if (!(e.getCause() instanceof BoundedParseException)) {
        fail(
            "pull threw XMLStreamException not caused by ours: " + e + " / cause " + e.getCause(),
            e);
      }
      if (r != null) {
        try {
          r.next();
          fail("a failed reader went on");
        } catch (XMLStreamException again) {
          assertSame(e.getCause(), again.getCause(), "a failed reader fails the same way");
        }
      }
      return (BoundedParseException) e.getCause();
    } catch (Throwable t) {
      fail("pull threw " + t, t);
      return null;
    }
  }

  private static void touch(XMLStreamReader r, int t) {
    r.getLocation();
    switch (t) {
      case XMLStreamConstants.START_ELEMENT:
        r.getName();
        for (int i = 0; i < r.getAttributeCount(); i++) {
          r.getAttributeName(i);
          r.getAttributeValue(i);
        }
        for (int i = 0; i < r.getNamespaceCount(); i++) {
          r.getNamespacePrefix(i);
          r.getNamespaceURI(i);
        }
        break;
      case XMLStreamConstants.END_ELEMENT:
        r.getName();
        break;
      case XMLStreamConstants.CHARACTERS:
      case XMLStreamConstants.CDATA:
      case XMLStreamConstants.SPACE:
      case XMLStreamConstants.COMMENT:
        r.getText();
        break;
      case XMLStreamConstants.PROCESSING_INSTRUCTION:
        r.getPITarget();
        r.getPIData();
        break;
      default:
        break;
    }
  }
}
