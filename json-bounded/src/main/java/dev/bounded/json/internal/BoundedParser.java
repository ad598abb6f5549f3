package dev.bounded.json.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.bounded.core.ParseLocation;
import java.io.IOException;

/**
 * What the push loop ({@link PushLoop}) needs from a bounded parser: implemented by our own {@link
 * Utf8Tokenizer} (blocking byte input) and by {@link BoundedJsonParser} (a delegate around
 * Jackson's parser, for char input and the non-blocking parsers). One loop serves both; in an
 * application that uses one kind of input its calls here are monomorphic and inlined. The defaults
 * serve the Jackson delegate, which is a {@link JsonParser}.
 */
interface BoundedParser {
  /** For sequences: start counting tokens anew at the next value. */
  void resetTokenCount();

  /** Tokens counted since the start or the last {@link #resetTokenCount()}. */
  long tokenCount();

  /** For sequences: an input with no value at all is not an error. */
  void allowEmpty();

  /**
   * For documents: exactly one root value; a parser that can refuses a second one as trailing
   * content before reading it (the push loop checks the others).
   */
  default void oneValue() {}

  /** The Jackson parser whose location and context errors are reported at; null for ours. */
  JsonParser located();

  /** Where the parse stands, for a failure not tied to a token. */
  default ParseLocation here() {
    return JacksonErrors.locate(located(), null, -1);
  }

  /** Where the current token starts. */
  default ParseLocation tokenStart() {
    JsonParser p = located();
    return JacksonErrors.locate(p, p.currentTokenLocation(), -1);
  }

  /** Bytes (chars for a Reader) parsed so far. */
  default long consumed() {
    JsonLocation at = ((JsonParser) this).currentLocation();
    return Math.max(0, at.getByteOffset() >= 0 ? at.getByteOffset() : at.getCharOffset());
  }

  /** The current string or number as a String, checked. */
  default String pushString() throws IOException {
    return ((JsonParser) this).getText();
  }

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
