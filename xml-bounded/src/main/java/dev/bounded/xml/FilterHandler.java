package dev.bounded.xml;

import dev.bounded.core.Control;
import java.io.IOException;
import java.util.Objects;

/**
 * Runs an {@link XmlFilter} as an {@link XmlHandler}: {@link Control#STOP} is {@link
 * XmlContext#stop()}, and {@link Control#SKIP} after a start tag swallows the events up to and
 * including its end tag (the parser still reads and checks them). One per parse.
 */
final class FilterHandler implements XmlHandler {
  private final XmlFilter filter;
  private XmlContext context;

  /** Open elements inside the one being skipped, itself included; 0 when not skipping. */
  private long skipping;

  private FilterHandler(XmlFilter filter) {
    this.filter = filter;
  }

  static XmlHandler of(XmlFilter filter) {
    return new FilterHandler(Objects.requireNonNull(filter, "filter"));
  }

  private void then(Control c) {
    if (c == Control.STOP) {
      context.stop();
    }
  }

  @Override
  public void startDocument(XmlContext context) throws IOException {
    this.context = context;
    then(filter.startDocument(context));
  }

  @Override
  public void startElement(
      String namespaceUri, String localName, String prefix, XmlAttributes attributes)
      throws IOException {
    if (skipping > 0) {
      skipping++;
      return;
    }
    Control c = filter.startElement(namespaceUri, localName, prefix, attributes);
    if (c == Control.SKIP) {
      skipping = 1;
    } else {
      then(c);
    }
  }

  @Override
  public void endElement(String namespaceUri, String localName, String prefix) throws IOException {
    if (skipping > 0) {
      skipping--;
      return;
    }
    then(filter.endElement(namespaceUri, localName, prefix));
  }

  @Override
  public void characters(char[] text, int start, int length) throws IOException {
    if (skipping == 0) {
      then(filter.characters(text, start, length));
    }
  }

  @Override
  public void comment(char[] text, int start, int length) throws IOException {
    if (skipping == 0) {
      then(filter.comment(text, start, length));
    }
  }

  @Override
  public void processingInstruction(String target, String data) throws IOException {
    if (skipping == 0) {
      then(filter.processingInstruction(target, data));
    }
  }

  @Override
  public void endDocument() throws IOException {
    filter.endDocument();
  }
}
