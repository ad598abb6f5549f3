package dev.bounded.fuzz.xml;

import java.nio.charset.StandardCharsets;

/** A generated document: its text, UTF-8 bytes, and measured facts. */
record XmlDoc(String text, XmlFacts facts) {
  byte[] bytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    String shown =
        text.length() > 2000 ? text.substring(0, 2000) + "...(" + text.length() + " chars)" : text;
    return "XmlDoc[" + facts + "]\n" + shown;
  }
}
