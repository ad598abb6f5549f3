package dev.bounded.core;

/**
 * What a push parse does after a callback: the one early-exit idea of every Bounded push API, in
 * the spirit of jsoup's {@code NodeFilter}. {@code dev.bounded.xml.XmlFilter} and {@code
 * dev.bounded.rss.FeedFilter} return it; {@code dev.bounded.json.JsonHandler} returns its own
 * {@code JsonHandler.Control}, the same three constants with the same meaning (it came first).
 *
 * <pre>{@code
 * BoundedXml.parse(in, limits, new XmlFilter() {
 *   @Override public Control startElement(String ns, String local, String prefix, XmlAttributes a) {
 *     return local.equals("script") ? Control.SKIP : Control.CONTINUE;
 *   }
 * });
 * }</pre>
 */
public enum Control {
  /** Go on with the next event. */
  CONTINUE,
  /**
   * After the start of a container (an element, an object or array, a property name): pass over its
   * content and its end without events. Elsewhere the same as {@link #CONTINUE}. Skipped content is
   * still read and checked against every limit.
   */
  SKIP,
  /**
   * End the parse now, normally: the parse method returns without reading further (so nothing after
   * this point is checked), and no end-of-document event follows.
   */
  STOP
}
