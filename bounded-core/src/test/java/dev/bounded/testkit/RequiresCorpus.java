package dev.bounded.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit Jupiter test class or method that reads external corpora: where one of {@link
 * #value()} (folders under {@link SharedCorpora#root()}) is missing, the test is disabled with a
 * line saying what is missing and how to get it, before any argument source reads the folder; when
 * corpora are {@link SharedCorpora#required() required}, it fails instead.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(CorpusCondition.class)
public @interface RequiresCorpus {
  /** Folders under the corpora root, such as {@code "xmlconf"} or {@code "feeds"}. */
  String[] value();
}
