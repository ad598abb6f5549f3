package dev.bounded.json.internal;

import com.fasterxml.jackson.core.JsonParser;

/**
 * What the push loop needs from a bounded parser beyond {@link JsonParser}: implemented by {@link
 * BoundedUtf8Parser} (byte input, checks inside Jackson's own parser) and {@link BoundedJsonParser}
 * (a delegate, for char input and the non-blocking parsers).
 */
interface BoundedParser {
  /** For sequences: start counting tokens anew at the next value. */
  void resetTokenCount();

  /** For sequences: an input with no value at all is not an error. */
  void allowEmpty();

  /** The Jackson parser whose location and context errors are reported at. */
  JsonParser located();
}
