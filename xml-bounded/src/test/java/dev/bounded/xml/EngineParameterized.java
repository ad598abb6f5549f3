package dev.bounded.xml;

import org.junit.jupiter.params.Parameter;

/**
 * Base of test classes that run once per {@link XmlEngine} (each subclass is a
 * {@code @ParameterizedClass} over the engines): {@link #limits()} and {@link #builder()} stand for
 * {@code XmlLimits.defaults()} and {@code XmlLimits.builder()} on the engine under test.
 */
abstract class EngineParameterized {
  @Parameter XmlEngine engine;

  /** The defaults, on the engine under test. */
  XmlLimits limits() {
    return builder().build();
  }

  /** A builder from the defaults, on the engine under test. */
  XmlLimits.Builder builder() {
    return XmlLimits.builder().engine(engine);
  }

  /** {@code limits} on the engine under test. */
  XmlLimits on(XmlLimits limits) {
    return limits.toBuilder().engine(engine).build();
  }
}
