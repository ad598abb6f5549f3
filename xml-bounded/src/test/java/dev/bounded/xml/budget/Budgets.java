package dev.bounded.xml.budget;

import dev.bounded.core.ParseBudget;
import java.time.Duration;

/** Budgets for tests that need one parse's share to be an exact figure. */
final class Budgets {
  private Budgets() {}

  /**
   * The smallest budget in which one parse may hold exactly {@code bytes}: its capacity less the
   * reserve for small parses ({@code capacity / 8}) is {@code bytes}.
   */
  static ParseBudget forOneParseOf(long bytes, Duration maxWait) {
    ParseBudget b = ParseBudget.of(bytes + (bytes - 1) / 7, maxWait);
    if (b.capacity() - b.reserveBytes() != bytes) {
      throw new AssertionError("share " + (b.capacity() - b.reserveBytes()) + " for " + bytes);
    }
    return b;
  }
}
