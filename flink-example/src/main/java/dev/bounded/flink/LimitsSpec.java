package dev.bounded.flink;

import java.io.Serializable;

/**
 * A serialisable recipe for limits: a job graph ships the recipe, and each task rebuilds the limits
 * from it when it opens, on the TaskManager. The limits classes themselves ({@code FeedLimits},
 * {@code JsonLimits}, {@code XmlLimits}) are not {@link Serializable}: they hold a {@code
 * ParseBudget}, which belongs to one JVM, and they gain settings from release to release. Write the
 * recipe as a lambda:
 *
 * <pre>{@code
 * LimitsSpec<FeedLimits> feeds = () -> FeedLimits.builder().maxBytes(FeedLimits.UNLIMITED).build();
 * LimitsSpec<JsonLimits> json = () -> JsonLimits.builder().maxDepth(64).build();
 * }</pre>
 *
 * <p>The recipe runs once on the client (so a bad setting fails the job's construction) and once in
 * each task that uses it. A budget set in the recipe is replaced by the TaskManager's ({@link
 * TaskManagerBudget}).
 *
 * @param <T> the limits type
 */
@FunctionalInterface
public interface LimitsSpec<T> extends Serializable {
  /** Builds the limits; called on the client once and in every task that opens. */
  T build();
}
