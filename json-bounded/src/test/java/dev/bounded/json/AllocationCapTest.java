package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonLimits#maxAllocatedBytes()}: a parse that allocates past its cap fails with {@link
 * Limit#MAX_ALLOCATED_BYTES}; one under its cap completes. (This JVM has the counter; on one
 * without it, {@code build()} refuses a finite cap, which cannot be shown here.)
 */
class AllocationCapTest {
  /** 2,000 strings of 1,000 chars: reading each as a String allocates over 4 MB in all. */
  private static final byte[] JSON = document();

  private static byte[] document() {
    StringBuilder sb = new StringBuilder("[");
    String s = "\"" + "y".repeat(1000) + "\"";
    for (int i = 0; i < 2000; i++) {
      sb.append(i == 0 ? "" : ",").append(s);
    }
    return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Reads every string as a String, so every string allocates. */
  private static final class Reading implements JsonHandler {
    long chars;

    @Override
    public Control string(CharSequence value) {
      chars += value.toString().length();
      return Control.CONTINUE;
    }
  }

  @Test
  void aParseOverItsCapFailsWithTheCap() {
    JsonLimits capped = JsonLimits.builder().maxAllocatedBytes(1L << 20).build();
    Reading h = new Reading();
    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> BoundedJson.parse(JSON, capped, h));
    assertEquals(Limit.MAX_ALLOCATED_BYTES, e.limit());
    assertEquals(1L << 20, e.maximum());
    assertTrue(e.actual() > 1L << 20, e.getMessage());
    assertEquals("JsonLimits.maxAllocatedBytes", e.setting());
    assertTrue(h.chars < 2000 * 1000, "stopped early: " + h.chars);
  }

  @Test
  void aParseUnderItsCapCompletes() throws IOException {
    JsonLimits capped = JsonLimits.builder().maxAllocatedBytes(256L << 20).build();
    Reading h = new Reading();
    BoundedJson.parse(new ByteArrayInputStream(JSON), capped, h);
    assertEquals(2000 * 1000, h.chars);
  }

  @Test
  void aPullParserOverItsCapThrowsAStreamConstraintsExceptionCarryingOurs() throws IOException {
    JsonLimits capped = JsonLimits.builder().maxAllocatedBytes(1L << 20).build();
    try (JsonParser p = BoundedJson.newParser(new ByteArrayInputStream(JSON), capped)) {
      StreamConstraintsException e =
          assertThrows(
              StreamConstraintsException.class,
              () -> {
                while (p.nextToken() != null) {
                  p.getText();
                }
              });
      assertEquals(Limit.MAX_ALLOCATED_BYTES, ((LimitExceededException) e.getCause()).limit());
    }
  }
}
