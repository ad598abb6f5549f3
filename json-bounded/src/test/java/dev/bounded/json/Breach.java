package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import org.junit.jupiter.api.function.Executable;

/** Assertions on limit breaches. */
final class Breach {
  private Breach() {}

  /** A push parse fails with exactly this limit, maximum and message. */
  static LimitExceededException push(Executable parse, Limit limit, long max, String message) {
    LimitExceededException e = assertThrows(LimitExceededException.class, parse);
    assertEquals(limit, e.limit());
    assertEquals(max, e.maximum());
    assertEquals(max + 1, e.actual());
    if (message != null) {
      assertEquals(message, e.getMessage());
    }
    return e;
  }

  /** A pull parse fails with a StreamConstraintsException carrying exactly this breach. */
  static LimitExceededException pull(Executable parse, Limit limit, long max, String message) {
    StreamConstraintsException j = assertThrows(StreamConstraintsException.class, parse);
    LimitExceededException e =
        BoundedParseException.find(j, LimitExceededException.class).orElseThrow();
    assertEquals(limit, e.limit());
    assertEquals(max, e.maximum());
    assertEquals(max + 1, e.actual());
    if (message != null) {
      assertEquals(message, e.getMessage());
      assertTrue(j.getMessage().startsWith(message), j.getMessage());
    }
    return e;
  }
}
