package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bounded.core.LimitExceededException;

final class LimitExceededCheck {
  private LimitExceededCheck() {}

  static void offset(LimitExceededException e, long byteOffset) {
    assertEquals(byteOffset, e.byteOffset(), e.getMessage());
  }
}
