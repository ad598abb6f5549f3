package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.Limit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The push API's string and number views: read in place through {@code length()} and {@code
 * charAt}, whole through {@code toString()} and {@code subSequence}, the same text either way, and
 * held to the string limit on first use.
 */
class PushViewsTest {
  private static final String JSON =
      "{\"a\":\"plain\",\"b\":\"esc\\\"aped\\u00e9\\ud83d\\ude00\",\"c\":\"\",\"d\":-12.5e+3,"
          + "\"e\":[7,\""
          + "x".repeat(9000)
          + "\"]}";

  /** Every view read char by char, then whole. */
  private static final class Reader implements JsonHandler {
    final List<String> byChar = new ArrayList<>();
    final List<String> whole = new ArrayList<>();
    final List<String> sub = new ArrayList<>();

    private void read(CharSequence s) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < s.length(); i++) {
        sb.append(s.charAt(i));
      }
      byChar.add(sb.toString());
      sub.add(s.length() > 1 ? s.subSequence(1, s.length()).toString() : "");
      whole.add(s.toString());
      assertThrows(IndexOutOfBoundsException.class, () -> s.charAt(s.length()));
      assertThrows(IndexOutOfBoundsException.class, () -> s.charAt(-1));
      assertEquals(s.length(), s.toString().length());
    }

    @Override
    public Control string(CharSequence value) {
      read(value);
      return Control.CONTINUE;
    }

    @Override
    public Control number(JsonNumber value) {
      read(value);
      return Control.CONTINUE;
    }
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void charByCharReadsGiveTheSameTextAsToString(InputMode mode) throws Exception {
    Reader r = new Reader();
    mode.parse(JSON, JsonLimits.defaults(), r);
    List<String> expected =
        List.of("plain", "esc\"aped\u00e9\ud83d\ude00", "", "-12.5e+3", "7", "x".repeat(9000));
    assertEquals(expected, r.whole);
    assertEquals(expected, r.byChar);
    for (int i = 0; i < expected.size(); i++) {
      String e = expected.get(i);
      assertEquals(e.length() > 1 ? e.substring(1) : "", r.sub.get(i));
    }
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void aStringOverTheLimitIsNeverSeenAndTheParseFails(InputMode mode) {
    JsonLimits three = JsonLimits.builder().maxStringLength(3).build();
    List<String> seen = new ArrayList<>();
    JsonHandler h =
        new JsonHandler() {
          @Override
          public Control string(CharSequence value) {
            try {
              seen.add(String.valueOf(value.charAt(0)));
            } catch (RuntimeException swallowed) {
              seen.add("failed");
            }
            return Control.CONTINUE;
          }
        };
    Breach.push(
        () -> mode.parse("[\"abc\",\"abcd\",\"ab\"]", three, h), Limit.MAX_STRING_LENGTH, 3, null);
    // Our byte tokenizer refuses the string before the handler is called; Jackson's parsers (chars,
    // fed bytes) decode lazily, so the handler is called and its first read fails. Either way no
    // char of the string over the limit reaches the handler.
    assertTrue(seen.equals(List.of("a")) || seen.equals(List.of("a", "failed")), seen::toString);
  }
}
