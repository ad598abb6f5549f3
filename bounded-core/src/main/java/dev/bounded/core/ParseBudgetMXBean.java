package dev.bounded.core;

/**
 * The JMX view of a {@link ParseBudget}, registered by {@link ParseBudget#registerMBean(String)}:
 * the same figures as its getters, read live.
 */
public interface ParseBudgetMXBean {
  /** {@link ParseBudget#capacity()}, in estimated heap bytes. */
  long getCapacity();

  /** {@link ParseBudget#maxWait()} in milliseconds. */
  long getMaxWaitMillis();

  /** {@link ParseBudget#held()}: bytes reserved by open parses now. */
  long getHeld();

  /** {@link ParseBudget#highWaterMark()}: the most bytes ever reserved at once. */
  long getHighWaterMark();

  /** {@link ParseBudget#waits()}: charges that had to wait for room. */
  long getWaits();

  /** {@link ParseBudget#refusals()}: charges refused. */
  long getRefusals();

  /** {@link ParseBudget#activeParses()}: accounts open now. */
  long getActiveParses();
}
