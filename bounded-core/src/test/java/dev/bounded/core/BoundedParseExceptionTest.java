package dev.bounded.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.internal.ParseErrors;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class BoundedParseExceptionTest {

  private final LimitExceededException limit =
      new LimitExceededException(
          Limit.MAX_DEPTH, 1000, 1001, "XmlLimits.maxDepth", ParseLocation.of(3, 17, 52, null));

  @Test
  void limitMessageNamesLimitMaximumSettingAndPlace() {
    assertEquals(
        "Nesting depth (1001) exceeds the maximum allowed (1000, from XmlLimits.maxDepth)"
            + " at line 3, column 17, byte 52",
        limit.getMessage());
    assertEquals(3, limit.line());
    assertEquals(17, limit.column());
    assertEquals(52, limit.byteOffset());
  }

  @Test
  void characterLimitsStateTheirUnit() {
    LimitExceededException e =
        new LimitExceededException(
            Limit.MAX_TEXT_LENGTH, 10, 11, "XmlLimits.maxTextLength", ParseLocation.UNKNOWN);
    assertEquals(
        "Text length (11 characters) exceeds the maximum allowed (10 characters, from XmlLimits.maxTextLength)",
        e.getMessage());
  }

  @Test
  void findDigsThroughWrapperTypes() {
    Exception wrapped = new RuntimeException(new UncheckedIOException(limit));
    assertSame(limit, BoundedParseException.find(wrapped).orElseThrow());
    assertSame(
        limit, BoundedParseException.find(wrapped, LimitExceededException.class).orElseThrow());
    assertFalse(BoundedParseException.find(wrapped, ForbiddenConstructException.class).isPresent());
    assertFalse(BoundedParseException.find(new RuntimeException("x")).isPresent());
    assertFalse(BoundedParseException.find(null).isPresent());
  }

  @Test
  void findTerminatesOnACyclicCauseChain() {
    Exception a = new Exception("a");
    Exception b = new Exception("b", a);
    a.initCause(b);
    assertFalse(BoundedParseException.find(a).isPresent());
  }

  @Test
  void relocateKeepsTypeAndFieldsAndChainsTheOriginal() {
    LimitExceededException moved = ParseErrors.relocate(limit, ParseLocation.of(4, 1, 60, "/a/b"));
    assertEquals(Limit.MAX_DEPTH, moved.limit());
    assertEquals(1000, moved.maximum());
    assertEquals("/a/b", moved.location().path());
    assertSame(limit, moved.getCause());
    assertTrue(moved.getMessage().endsWith("at line 4, column 1, byte 60 (path /a/b)"));
  }

  @Test
  void relocateKeepsEachTypeOfOurs() {
    ParseLocation where = ParseLocation.of(2, 5, 9, null);
    MalformedDocumentException m =
        ParseErrors.relocate(
            new MalformedDocumentException("bad", ParseLocation.UNKNOWN, null), where);
    assertEquals("bad", m.problem());
    assertEquals(9, m.byteOffset());
    ForbiddenConstructException f =
        ParseErrors.relocate(
            new ForbiddenConstructException("DOCTYPE", "no", ParseLocation.UNKNOWN, null), where);
    assertEquals("DOCTYPE", f.construct());
    assertEquals(2, f.line());
    BoundedParseException plain =
        ParseErrors.relocate(new BoundedParseException("p", ParseLocation.UNKNOWN, null), where);
    assertEquals(BoundedParseException.class, plain.getClass());
    assertEquals(5, plain.column());
  }

  @Test
  void excerptCapsAndEscapesUntrustedText() {
    assertEquals("ab\\u001b[31m...", ParseErrors.excerpt("ab\u001b[31mzzzz", 7));
    assertEquals("\\u00e9t\\u00e9", ParseErrors.excerpt("\u00e9t\u00e9", 10));
  }
}
