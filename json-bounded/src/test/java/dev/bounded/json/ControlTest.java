package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bounded.core.Control;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Decision 021: one early-exit idea for every push API. {@code JsonHandler.Control} came first and
 * stays (changing handlers' return type would break them); it must keep the same constants, in the
 * same order, as core's {@link Control}, which XML and feed filters return.
 */
class ControlTest {
  @Test
  void jsonControlAndCoreControlSpellTheSameThreeAnswers() {
    assertEquals(
        Arrays.stream(Control.values()).map(Enum::name).toList(),
        Arrays.stream(JsonHandler.Control.values()).map(Enum::name).toList());
  }
}
