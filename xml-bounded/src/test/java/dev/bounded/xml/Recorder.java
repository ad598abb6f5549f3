package dev.bounded.xml;

import java.util.ArrayList;
import java.util.List;

/**
 * Records events as short strings; consecutive character chunks are merged into one "T:" event so
 * the record does not depend on how the parser splits text.
 */
class Recorder implements XmlHandler {
  final List<String> events = new ArrayList<>();

  @Override
  public void startElement(String ns, String local, String prefix, XmlAttributes attrs) {
    StringBuilder sb = new StringBuilder("S:").append(local);
    if (attrs != null) {
      for (int i = 0; i < attrs.count(); i++) {
        sb.append(' ').append(attrs.localName(i)).append('=').append(attrs.value(i));
      }
    }
    events.add(sb.toString());
  }

  @Override
  public void endElement(String ns, String local, String prefix) {
    events.add("E:" + local);
  }

  @Override
  public void characters(char[] text, int start, int length) {
    String s = new String(text, start, length);
    int last = events.size() - 1;
    if (last >= 0 && events.get(last).startsWith("T:")) {
      events.set(last, events.get(last) + s);
    } else {
      events.add("T:" + s);
    }
  }

  @Override
  public void comment(char[] text, int start, int length) {
    events.add("C:" + new String(text, start, length));
  }

  @Override
  public void processingInstruction(String target, String data) {
    events.add("P:" + target + " " + data);
  }

  @Override
  public void endDocument() {
    events.add("END");
  }
}
