package dev.bounded.fuzz.xml;

import com.ctc.wstx.stax.WstxInputFactory;
import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.XmlAsyncReader;
import dev.bounded.xml.XmlAttributes;
import dev.bounded.xml.XmlFeeder;
import dev.bounded.xml.XmlHandler;
import dev.bounded.xml.XmlLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The events of a parse as comparable strings, adjacent text coalesced: the same encoding for a raw
 * Woodstox reader, our pull reader and our push handler.
 */
public final class XmlEvents {
  private XmlEvents() {}

  /** Events, and the failure that ended them (null if the document ended well). */
  public record Outcome(List<String> events, Throwable failure) {
    public boolean ok() {
      return failure == null;
    }
  }

  /** Raw Woodstox, the oracle: namespace aware, not coalescing, otherwise defaults. */
  static XMLInputFactory rawFactory() {
    WstxInputFactory f = new WstxInputFactory();
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    return f;
  }

  private static final XMLInputFactory RAW = rawFactory();

  public static Outcome raw(byte[] doc) {
    List<String> ev = new ArrayList<>();
    try {
      XMLStreamReader r = RAW.createXMLStreamReader(new ByteArrayInputStream(doc));
      return new Outcome(pull(r, ev), null);
    } catch (XMLStreamException | RuntimeException e) {
      return new Outcome(ev, e);
    }
  }

  public static Outcome boundedPull(byte[] doc, XmlLimits limits) {
    List<String> ev = new ArrayList<>();
    try {
      XMLStreamReader r = BoundedXml.newReader(new ByteArrayInputStream(doc), limits);
      return new Outcome(pull(r, ev), null);
    } catch (XMLStreamException e) {
      return new Outcome(ev, e);
    }
  }

  public static Outcome boundedPush(byte[] doc, XmlLimits limits) {
    Recorder h = new Recorder();
    try {
      BoundedXml.parse(doc, limits, h);
      return new Outcome(h.events, null);
    } catch (IOException e) {
      return new Outcome(h.events, e);
    }
  }

  /**
   * The push side through {@link XmlFeeder}: {@code doc} fed in random chunks of 1 .. {@code max}
   * bytes.
   */
  public static Outcome fed(byte[] doc, XmlLimits limits, java.util.Random rnd, int max) {
    Recorder h = new Recorder();
    try {
      XmlFeeder f = BoundedXml.newFeeder(limits, h);
      boolean more = true;
      for (int at = 0; more && at < doc.length; ) {
        int n = Math.min(doc.length - at, 1 + rnd.nextInt(max));
        more = f.feed(doc, at, n);
        at += n;
      }
      f.endOfInput();
      return new Outcome(h.events, null);
    } catch (IOException e) {
      return new Outcome(h.events, e);
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  public static List<String> pull(XMLStreamReader r, List<String> ev) throws XMLStreamException {
    Pulled p = new Pulled(ev);
    while (r.hasNext()) {
      p.event(r, r.next());
    }
    return ev;
  }

  /**
   * The pull side through {@link XmlAsyncReader}: {@code doc} fed in random chunks of 1 .. {@code
   * max} bytes, pulled to INCOMPLETE after each.
   */
  public static Outcome asyncPulled(byte[] doc, XmlLimits limits, java.util.Random rnd, int max) {
    List<String> ev = new ArrayList<>();
    Pulled p = new Pulled(ev);
    XmlAsyncReader r = BoundedXml.newAsyncReader(limits);
    try {
      for (int at = 0; at < doc.length; ) {
        int n = Math.min(doc.length - at, 1 + rnd.nextInt(max));
        r.feed(doc, at, n);
        at += n;
        for (int t = r.next(); t != XmlAsyncReader.INCOMPLETE; t = r.next()) {
          p.event(r, t);
        }
      }
      r.endOfInput();
      while (r.hasNext()) {
        p.event(r, r.next());
      }
      return new Outcome(ev, null);
    } catch (XMLStreamException e) {
      return new Outcome(ev, e);
    } finally {
      r.close();
    }
  }

  /** Encodes pulled events, adjacent text coalesced. */
  private static final class Pulled {
    private final List<String> ev;
    private StringBuilder text;

    Pulled(List<String> ev) {
      this.ev = ev;
    }

    void event(XMLStreamReader r, int t) {
      if (t == XMLStreamConstants.CHARACTERS
          || t == XMLStreamConstants.CDATA
          || t == XMLStreamConstants.SPACE) {
        if (text == null) {
          text = new StringBuilder();
        }
        text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
        return;
      }
      if (text != null) {
        ev.add("T " + text);
        text = null;
      }
      switch (t) {
        case XMLStreamConstants.START_ELEMENT:
          StringBuilder sb =
              new StringBuilder("S {")
                  .append(nz(r.getNamespaceURI()))
                  .append('}')
                  .append(nz(r.getPrefix()))
                  .append(':')
                  .append(r.getLocalName())
                  .append(" ns[");
          for (int i = 0; i < r.getNamespaceCount(); i++) {
            sb.append(nz(r.getNamespacePrefix(i)))
                .append('=')
                .append(nz(r.getNamespaceURI(i)))
                .append(';');
          }
          sb.append("] at[");
          for (int i = 0; i < r.getAttributeCount(); i++) {
            sb.append('{')
                .append(nz(r.getAttributeNamespace(i)))
                .append('}')
                .append(nz(r.getAttributePrefix(i)))
                .append(':')
                .append(r.getAttributeLocalName(i))
                .append('=')
                .append(r.getAttributeValue(i))
                .append(';');
          }
          ev.add(sb.append(']').toString());
          break;
        case XMLStreamConstants.END_ELEMENT:
          ev.add(
              "E {" + nz(r.getNamespaceURI()) + "}" + nz(r.getPrefix()) + ":" + r.getLocalName());
          break;
        case XMLStreamConstants.COMMENT:
          ev.add("C " + r.getText());
          break;
        case XMLStreamConstants.PROCESSING_INSTRUCTION:
          ev.add("P " + r.getPITarget() + "|" + nz(r.getPIData()));
          break;
        case XMLStreamConstants.END_DOCUMENT:
          ev.add("D");
          break;
        case XMLStreamConstants.START_DOCUMENT:
          break; // the async reader's first event; the blocking reader starts on it
        default:
          ev.add("? " + t);
      }
    }
  }

  /** The push side of the same encoding. */
  static final class Recorder implements XmlHandler {
    final List<String> events = new ArrayList<>();
    private StringBuilder text;

    private void flush() {
      if (text != null) {
        events.add("T " + text);
        text = null;
      }
    }

    @Override
    public void startElement(String ns, String local, String prefix, XmlAttributes a) {
      flush();
      StringBuilder sb =
          new StringBuilder("S {")
              .append(ns)
              .append('}')
              .append(prefix)
              .append(':')
              .append(local)
              .append(" ns[");
      for (int i = 0; i < a.namespaceCount(); i++) {
        sb.append(a.declaredPrefix(i)).append('=').append(a.declaredNamespaceUri(i)).append(';');
      }
      sb.append("] at[");
      for (int i = 0; i < a.count(); i++) {
        sb.append('{')
            .append(a.namespaceUri(i))
            .append('}')
            .append(a.prefix(i))
            .append(':')
            .append(a.localName(i))
            .append('=')
            .append(a.value(i))
            .append(';');
      }
      events.add(sb.append(']').toString());
    }

    @Override
    public void endElement(String ns, String local, String prefix) {
      flush();
      events.add("E {" + ns + "}" + prefix + ":" + local);
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (text == null) {
        text = new StringBuilder();
      }
      text.append(ch, start, length);
    }

    @Override
    public void comment(char[] ch, int start, int length) {
      flush();
      events.add("C " + new String(ch, start, length));
    }

    @Override
    public void processingInstruction(String target, String data) {
      flush();
      events.add("P " + target + "|" + data);
    }

    @Override
    public void endDocument() {
      flush();
      events.add("D");
    }
  }
}
