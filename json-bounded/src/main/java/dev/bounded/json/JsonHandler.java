package dev.bounded.json;

import java.io.IOException;

/**
 * Receives the events of a push parse ({@link BoundedJson#parse}). Every method has a no-op default
 * body that returns {@link Control#CONTINUE}, so {@code new JsonHandler() {}} compiles and a
 * handler overrides only what it needs.
 *
 * <p><b>Early exit.</b> Each method returns a {@link Control}: {@link Control#CONTINUE} goes on,
 * {@link Control#SKIP} passes over the value just opened or named without events (limits still hold
 * for what is skipped), {@link Control#STOP} ends the parse at once, normally, without reading
 * further (so nothing after that point is checked). The same three answers as {@link
 * dev.bounded.core.Control}, which Bounded's XML and feed filters return (decision 021).
 *
 * <p><b>Exceptions.</b> A handler may throw any {@link IOException} or unchecked exception; it
 * propagates out of {@code parse} unchanged, never wrapped or translated, and ends the parse.
 *
 * <p><b>Values are views.</b> The {@link CharSequence} passed to {@link #string} and the {@link
 * JsonNumber} passed to {@link #number} are valid only during the call and are decoded only if the
 * handler reads them; call {@code toString()} to keep one. A handler that ignores them costs
 * nothing (the parser skips the text, still under the limits).
 *
 * <p>One handler instance serves one parse at a time unless it is itself thread-safe.
 */
public interface JsonHandler {

  /** What the parse does after a callback. */
  enum Control {
    /** Go on with the next event. */
    CONTINUE,
    /**
     * After {@link #startObject()} or {@link #startArray()}: pass over the container's content and
     * its end without events. After {@link #fieldName}: pass over that property's value. Elsewhere
     * the same as {@link #CONTINUE}. Skipped content is still parsed and checked against every
     * limit.
     */
    SKIP,
    /** End the parse now, normally; {@code parse} returns without reading further. */
    STOP
  }

  /** An object starts: <code>{</code>. */
  default Control startObject() throws IOException {
    return Control.CONTINUE;
  }

  /** The innermost open object ends: <code>}</code>. */
  default Control endObject() throws IOException {
    return Control.CONTINUE;
  }

  /** An array starts: {@code [}. */
  default Control startArray() throws IOException {
    return Control.CONTINUE;
  }

  /** The innermost open array ends: {@code ]}. */
  default Control endArray() throws IOException {
    return Control.CONTINUE;
  }

  /**
   * A property name, unescaped, at most {@link JsonLimits#maxNameLength()} characters. Its value's
   * events follow.
   */
  default Control fieldName(String name) throws IOException {
    return Control.CONTINUE;
  }

  /**
   * A string value, unescaped, at most {@link JsonLimits#maxStringLength()} characters. The view is
   * decoded on first use and valid only during this call; {@code value.toString()} keeps it.
   */
  default Control string(CharSequence value) throws IOException {
    return Control.CONTINUE;
  }

  /**
   * A number, at most {@link JsonLimits#maxNumberLength()} characters, never converted unless the
   * handler asks. The view is valid only during this call.
   */
  default Control number(JsonNumber value) throws IOException {
    return Control.CONTINUE;
  }

  /** {@code true} or {@code false}. */
  default Control bool(boolean value) throws IOException {
    return Control.CONTINUE;
  }

  /** {@code null}. */
  default Control nullValue() throws IOException {
    return Control.CONTINUE;
  }
}
