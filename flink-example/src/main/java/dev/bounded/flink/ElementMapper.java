package dev.bounded.flink;

import java.io.Serializable;
import org.w3c.dom.Element;

/**
 * Turns a parsed XML element (a message's root, or one record of it) into the value a job works
 * with. Serializable, so a lambda ships in the job graph.
 *
 * @param <T> the value type
 */
@FunctionalInterface
public interface ElementMapper<T> extends Serializable {
  /** The value for {@code element}; the element and its document are not used afterwards. */
  T map(Element element);
}
