package dev.bounded.xml;

import dev.bounded.core.ParseLocation;

/** The state of a running push parse, handed to {@link XmlHandler#startDocument}. */
public interface XmlContext {
  /** Line and column of the current event (byte offset unknown: the parser reads ahead). */
  ParseLocation location();

  /** Element depth at the current event: 1 inside the root element. */
  long depth();

  /** Ends the parse after the current callback; {@link BoundedXml#parse} then returns normally. */
  void stop();

  /** True once {@link #stop()} was called. */
  boolean isStopped();
}
