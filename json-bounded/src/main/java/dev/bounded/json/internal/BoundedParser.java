package dev.bounded.json.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * What the push loop ({@link PushLoop}) needs from a bounded parser beyond {@link JsonParser}:
 * implemented by {@link BoundedUtf8Parser} (byte input, checks inside Jackson's own parser, the
 * hooks reading Jackson's state directly) and {@link BoundedJsonParser} (a delegate, for char input
 * and the non-blocking parsers). One loop serves both; in an application that uses one kind of
 * input its calls here are monomorphic and inlined.
 */
interface BoundedParser {
  /** For sequences: start counting tokens anew at the next value. */
  void resetTokenCount();

  /** Tokens counted since the start or the last {@link #resetTokenCount()}. */
  long tokenCount();

  /** For sequences: an input with no value at all is not an error. */
  void allowEmpty();

  /** The Jackson parser whose location and context errors are reported at. */
  JsonParser located();

  /**
   * The next token, counted and checked, except that a name or number may be left to {@link
   * #pushName()} and {@link #pushNumber()}, which the loop calls on every such token.
   */
  JsonToken pushNext() throws IOException;

  /** The current property name, checked. */
  String pushName() throws IOException;

  /** Checks the current number. */
  void pushNumber() throws IOException;

  /**
   * Decodes (and so checks) the current string if need be; hands its chars in place to {@code v}.
   */
  void pushText(PushLoop v) throws IOException;
}
