package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.core.MalformedDocumentException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class StrictnessTest {
  private static final JsonLimits NO_DUPLICATES =
      JsonLimits.builder().rejectDuplicateNames(true).build();

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void duplicateNamesAreAcceptedByDefaultAsRfc8259Allows(InputMode mode) {
    assertDoesNotThrow(
        () -> mode.parse("{\"qty\":1,\"qty\":-1}", JsonLimits.defaults(), new Recorder()));
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void duplicateNamesAreRefusedWhenAskedEvenInSkippedObjects(InputMode mode) {
    ForbiddenConstructException e =
        assertThrows(
            ForbiddenConstructException.class,
            () -> mode.parse("{\"qty\":1,\"qty\":-1}", NO_DUPLICATES, new Recorder()));
    assertEquals("duplicate property name", e.construct());
    assertEquals(
        "Duplicate property name \"qty\" (refused by JsonLimits.rejectDuplicateNames)"
            + " at line 1, column 10, byte 9 (path /qty)",
        e.getMessage());
    assertThrows(
        com.fasterxml.jackson.core.JsonParseException.class,
        () -> mode.skipRoot("[{\"a\":1,\"a\":2}]", NO_DUPLICATES));
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void sameNamesInDifferentObjectsAreNotDuplicates(InputMode mode) {
    assertDoesNotThrow(
        () ->
            mode.parse(
                "{\"a\":{\"a\":1},\"b\":[{\"a\":1},{\"a\":2}]}", NO_DUPLICATES, new Recorder()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[\"\\ud800\"]",
        "[\"\\udc00\"]",
        "[\"\\ud800\\ud800\"]",
        "[\"\\ud800x\"]",
        "[\"\\ud800\\n\"]"
      })
  void loneSurrogateEscapesAreRefusedByDefault(String json) {
    for (InputMode mode : InputMode.values()) {
      ForbiddenConstructException e =
          assertThrows(
              ForbiddenConstructException.class,
              () -> mode.parse(json, JsonLimits.defaults(), new Recorder(false)),
              mode.name());
      assertEquals("lone surrogate", e.construct());
    }
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void surrogatePairsAndLoneSurrogatesWhenAllowedPass(InputMode mode) throws Exception {
    Recorder r = new Recorder();
    mode.parse("[\"\\ud83d\\ude00\"]", JsonLimits.defaults(), r);
    assertEquals("string:\uD83D\uDE00", r.events.get(1));
    mode.parse(
        "[\"\\ud800\"]", JsonLimits.builder().rejectLoneSurrogates(false).build(), new Recorder());
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1] 2", "{} {}", "1 2", "\"a\" \"b\"", "[1]x", "[1]]"})
  void trailingContentAfterTheRootValueIsRejected(String json) {
    for (InputMode mode : InputMode.values()) {
      assertThrows(
          MalformedDocumentException.class,
          () -> mode.parse(json, JsonLimits.defaults(), new Recorder()),
          mode.name());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n\t  "})
  void emptyInputIsMalformed(String json) {
    for (InputMode mode : InputMode.values()) {
      MalformedDocumentException e =
          assertThrows(
              MalformedDocumentException.class,
              () -> mode.parse(json, JsonLimits.defaults(), new Recorder()),
              mode.name());
      assertEquals("No JSON value: the input is empty or only whitespace", e.problem());
    }
  }

  @Test
  void utf16AndUtf32AreRefusedAsMalformed() {
    for (String cs : new String[] {"UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE", "UTF-32LE"}) {
      byte[] bytes = "{\"a\":1}".getBytes(java.nio.charset.Charset.forName(cs));
      MalformedDocumentException e =
          assertThrows(
              MalformedDocumentException.class,
              () ->
                  BoundedJson.parse(
                      new ByteArrayInputStream(bytes), JsonLimits.defaults(), new Recorder()),
              cs);
      assertEquals(true, e.problem().startsWith("Unsupported encoding"), e.getMessage());
    }
  }

  @Test
  void aUtf8ByteOrderMarkIsSkipped() throws Exception {
    byte[] json = "\uFEFF[1]".getBytes(StandardCharsets.UTF_8);
    Recorder r = new Recorder();
    BoundedJson.parse(json, JsonLimits.defaults(), r);
    assertEquals(3, r.events.size());
  }
}
