package dev.bounded.fuzz.json;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import dev.bounded.core.BoundedParseException;
import dev.bounded.json.BoundedJson;
import dev.bounded.json.JsonLimits;
import java.io.ByteArrayInputStream;

/**
 * The JSON totality check for single entry points (used by the Jazzer targets): any bytes either
 * parse or fail with our {@link BoundedParseException} (pull: an IOException with ours in its cause
 * chain, as Jackson's API dictates); nothing else.
 */
public final class JsonTotality {
  private JsonTotality() {}

  /** Push parse of a byte[], every value's text taken; returns null or ours. */
  public static BoundedParseException push(byte[] json, JsonLimits limits) {
    try {
      BoundedJson.parse(json, limits, new JsonProperties.Recorder());
      return null;
    } catch (BoundedParseException expected) {
      // Our tokenizer reads every byte itself: a runtime exception inside it is a bug, even when
      // the
      // push loop reports it as malformed input (as it must, to the caller).
      if (expected.getCause() instanceof RuntimeException r) {
        fail("push failed inside the parser with " + r, r);
      }
      return expected;
    } catch (Throwable t) {
      fail("push threw " + t, t);
      return null;
    }
  }

  /** Pull parse from an InputStream to the end, every token's text taken; returns null or ours. */
  public static BoundedParseException pull(byte[] json, JsonLimits limits) {
    try (JsonParser p = BoundedJson.newParser(new ByteArrayInputStream(json), limits)) {
      JsonProperties.pull(p);
      return null;
    } catch (Throwable t) {
      return BoundedParseException.find(t)
          .orElseGet(
              () -> {
                fail("pull threw " + t + " without our exception in its causes", t);
                return null;
              });
    }
  }
}
