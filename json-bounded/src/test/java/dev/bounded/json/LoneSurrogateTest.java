package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.core.MalformedDocumentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lone surrogates are refused wherever they can appear, now that the byte parser scans only text in
 * which a {@code \}{@code u} escape decoded a surrogate: in names (Jackson's own refusal), in
 * strings the caller skips, in strings read through any accessor; CESU-8 bytes are malformed; a
 * valid pair passes.
 */
class LoneSurrogateTest {
  private static ForbiddenConstructException refused(Throwable e) {
    ForbiddenConstructException f =
        assertInstanceOf(
            ForbiddenConstructException.class, BoundedParseException.find(e).orElseThrow());
    assertEquals("lone surrogate", f.construct());
    return f;
  }

  /** Jackson 2.23 itself refuses a lone surrogate escape in a name, whatever our setting says. */
  @ParameterizedTest
  @EnumSource(InputMode.class)
  void aLoneSurrogateInANameIsMalformedEvenWhenAllowed(InputMode mode) {
    for (JsonLimits limits :
        new JsonLimits[] {
          JsonLimits.defaults(), JsonLimits.builder().rejectLoneSurrogates(false).build()
        }) {
      for (String json : new String[] {"{\"a\\udc00b\":1}", "{\"a\\ud800b\":1}"}) {
        MalformedDocumentException e =
            assertThrows(
                MalformedDocumentException.class, () -> mode.parse(json, limits, new Recorder()));
        assertEquals(true, e.problem().contains("surrogate"), e.problem());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void aLoneSurrogateInASkippedStringIsRefused(InputMode mode) {
    JsonHandler skipAll =
        new JsonHandler() {
          @Override
          public Control startArray() {
            return Control.SKIP;
          }
        };
    assertThrows(
        ForbiddenConstructException.class,
        () -> mode.parse("[\"ok\",\"x\\ud800\"]", JsonLimits.defaults(), skipAll));
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "length", "chars", "valueAsString", "finish", "skip"})
  void everyWayOfReachingAStringFromBytesChecksIt(String how) throws IOException {
    // The pull parser over bytes (Jackson's, subclassed) decodes a string when it is first read.
    byte[] json = "[\"a\\ud800b\",1]".getBytes(StandardCharsets.UTF_8);
    try (JsonParser p = BoundedJson.newFactory(JsonLimits.defaults()).createParser(json)) {
      assertEquals(JsonToken.START_ARRAY, p.nextToken());
      assertEquals(JsonToken.VALUE_STRING, p.nextToken());
      JsonParseException e =
          assertThrows(
              JsonParseException.class,
              () -> {
                switch (how) {
                  case "text":
                    p.getText();
                    break;
                  case "length":
                    p.getTextLength();
                    break;
                  case "chars":
                    p.getTextCharacters();
                    break;
                  case "valueAsString":
                    p.getValueAsString();
                    break;
                  case "finish":
                    p.finishToken();
                    break;
                  default:
                    p.nextToken();
                }
              });
      ForbiddenConstructException f = refused(e);
      // The parser stays failed: the string is never handed out, and it cannot be passed over.
      assertSame(f, refused(assertThrows(JsonParseException.class, p::getText)));
      assertSame(f, refused(assertThrows(JsonParseException.class, p::nextToken)));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"[\"\\ud83d\\ude00\"]", "{\"\\ud83d\\ude00\":\"\\ud83d\\ude00\"}"})
  void escapedPairsPass(String json) throws IOException {
    for (InputMode mode : InputMode.values()) {
      mode.parse(json, JsonLimits.defaults(), new Recorder());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"[\"\u00e9\u4e2d\ud83d\ude00\"]", "{\"\ud83d\ude00\":\"\u00e9\"}"})
  void rawNonAsciiTextAndRawPairsPass(String json) throws IOException {
    for (InputMode mode : InputMode.values()) {
      mode.parse(json, JsonLimits.defaults(), new Recorder());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"string", "skipped", "name"})
  void cesu8SurrogateBytesAreMalformed(String where) {
    byte[] surrogate = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
    String before = where.equals("name") ? "{\"" : "[\"";
    String after = where.equals("name") ? "\":1}" : "\"]";
    byte[] json = new byte[before.length() + 3 + after.length()];
    System.arraycopy(before.getBytes(StandardCharsets.US_ASCII), 0, json, 0, before.length());
    System.arraycopy(surrogate, 0, json, before.length(), 3);
    System.arraycopy(
        after.getBytes(StandardCharsets.US_ASCII), 0, json, before.length() + 3, after.length());
    JsonHandler h =
        where.equals("skipped")
            ? new JsonHandler() {
              @Override
              public Control startArray() {
                return Control.SKIP;
              }
            }
            : new Recorder();
    MalformedDocumentException e =
        assertThrows(
            MalformedDocumentException.class,
            () -> BoundedJson.parse(json, JsonLimits.defaults(), h));
    assertEquals(true, e.problem().startsWith("Invalid UTF-8"), e.problem());
  }
}
