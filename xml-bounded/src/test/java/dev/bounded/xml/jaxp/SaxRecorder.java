package dev.bounded.xml.jaxp;

import java.util.ArrayList;
import java.util.List;
import org.xml.sax.Attributes;
import org.xml.sax.ext.DefaultHandler2;

/**
 * Records SAX events as strings, with each run of {@code characters} (and {@code
 * ignorableWhitespace}) between two other events coalesced into one: chunking is not compared.
 */
final class SaxRecorder extends DefaultHandler2 {
  final List<String> events = new ArrayList<>();

  /**
   * Accepted difference 3: with namespace-prefixes on, ours lists the xmlns attributes first, the
   * JDK in document order; when set, attributes are compared in sorted order.
   */
  boolean sortAttributes;

  private final StringBuilder text = new StringBuilder();

  private void add(String e) {
    if (text.length() > 0) {
      events.add("chars(" + text + ")");
      text.setLength(0);
    }
    events.add(e);
  }

  @Override
  public void startDocument() {
    add("startDocument");
  }

  @Override
  public void endDocument() {
    add("endDocument");
  }

  @Override
  public void startPrefixMapping(String prefix, String uri) {
    add("startPrefixMapping(" + prefix + "," + uri + ")");
  }

  @Override
  public void endPrefixMapping(String prefix) {
    add("endPrefixMapping(" + prefix + ")");
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes atts) {
    List<String> list = new ArrayList<>();
    for (int i = 0; i < atts.getLength(); i++) {
      list.add(
          " {"
              + atts.getURI(i)
              + "}"
              + atts.getLocalName(i)
              + ","
              + atts.getQName(i)
              + ","
              + atts.getType(i)
              + "="
              + atts.getValue(i));
    }
    if (sortAttributes) {
      java.util.Collections.sort(list);
    }
    add(
        "startElement({"
            + uri
            + "}"
            + localName
            + ","
            + qName
            + ",["
            + String.join("", list)
            + "])");
  }

  @Override
  public void endElement(String uri, String localName, String qName) {
    add("endElement({" + uri + "}" + localName + "," + qName + ")");
  }

  @Override
  public void characters(char[] ch, int start, int length) {
    text.append(ch, start, length);
  }

  @Override
  public void ignorableWhitespace(char[] ch, int start, int length) {
    text.append(ch, start, length);
  }

  @Override
  public void processingInstruction(String target, String data) {
    add("pi(" + target + "," + data + ")");
  }

  @Override
  public void comment(char[] ch, int start, int length) {
    add("comment(" + new String(ch, start, length) + ")");
  }

  @Override
  public void startCDATA() {
    add("startCDATA");
  }

  @Override
  public void endCDATA() {
    add("endCDATA");
  }

  @Override
  public void startDTD(String name, String publicId, String systemId) {
    add("startDTD");
  }

  @Override
  public void skippedEntity(String name) {
    add("skippedEntity(" + name + ")");
  }

  /**
   * The JDK's sequence with accepted difference 1 of {@link DomDiff} applied: directly adjacent
   * CDATA sections ("endCDATA, startCDATA" with nothing between) become one.
   */
  static List<String> mergeAdjacentCdata(List<String> events) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      String e = events.get(i);
      if (e.equals("endCDATA") && i + 1 < events.size() && events.get(i + 1).equals("startCDATA")) {
        i++;
        continue;
      }
      if (e.startsWith("chars(")
          && !out.isEmpty()
          && out.get(out.size() - 1).startsWith("chars(")) {
        String last = out.remove(out.size() - 1);
        out.add(last.substring(0, last.length() - 1) + e.substring(6));
        continue;
      }
      out.add(e);
    }
    return out;
  }
}
