package dev.bounded.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.opentest4j.TestAbortedException;

/**
 * The one place tests find the external corpora (conformance suites, attack documents, real feeds)
 * that live outside the repository, in {@code ../shared/corpora} beside the project.
 *
 * <p>The root is the system property {@value #PROPERTY} if set, else {@code
 * ${bounded.root}/../shared/corpora} ({@code bounded.root} is the Maven project root, which the
 * build passes to every test JVM). Where a corpus is missing, the suites that need it are skipped
 * with one line on standard error saying what is missing and how to get it; where {@value
 * #REQUIRED_PROPERTY} is {@code true} (or the environment variable {@value #REQUIRED_ENV} is {@code
 * 1} or {@code true}, as {@code .ci/run} sets it) a missing corpus fails instead.
 */
public final class SharedCorpora {
  /** System property naming the corpora root folder. */
  public static final String PROPERTY = "bounded.corpora";

  /** System property that turns a missing corpus from a skip into a failure. */
  public static final String REQUIRED_PROPERTY = "bounded.corpora.required";

  /** Environment variable that turns a missing corpus from a skip into a failure. */
  public static final String REQUIRED_ENV = "BOUNDED_CORPORA_REQUIRED";

  private static final Set<String> TOLD = ConcurrentHashMap.newKeySet();

  private SharedCorpora() {}

  /** The corpora root (which may not exist). */
  public static Path root() {
    String explicit = System.getProperty(PROPERTY);
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit).toAbsolutePath().normalize();
    }
    String project = System.getProperty("bounded.root");
    Path base = project == null ? Path.of("..") : Path.of(project);
    return base.resolve("../shared/corpora").toAbsolutePath().normalize();
  }

  /** True when a missing corpus must fail the build rather than skip its suites. */
  public static boolean required() {
    if (Boolean.parseBoolean(System.getProperty(REQUIRED_PROPERTY, "false"))) {
      return true;
    }
    String env = System.getenv(REQUIRED_ENV);
    return env != null && (env.equals("1") || env.toLowerCase(Locale.ROOT).equals("true"));
  }

  /** True when {@code sub} (a folder or file under the root) is there. */
  public static boolean present(String sub) {
    return Files.exists(root().resolve(sub));
  }

  /**
   * Why {@code sub} cannot be used, or {@code null} if it is there. A missing corpus when {@link
   * #required()} throws {@link IllegalStateException}.
   */
  public static String missing(String sub) {
    if (present(sub)) {
      return null;
    }
    String why =
        "corpus "
            + root().resolve(sub)
            + " not found: get it with scripts/fetch-corpora.sh, or point -D"
            + PROPERTY
            + "=DIR at a copy";
    if (required()) {
      throw new IllegalStateException(why + " (" + REQUIRED_ENV + " is set: CI never skips)");
    }
    if (TOLD.add(sub)) {
      System.err.println("SKIPPED: " + why);
    }
    return why;
  }

  /**
   * The path of {@code sub} under the root; aborts the calling test (JUnit: skipped) with one line
   * on standard error if it is missing, or fails if corpora are {@link #required()}.
   */
  public static Path require(String sub) {
    String why = missing(sub);
    if (why != null) {
      throw new TestAbortedException(why);
    }
    return root().resolve(sub);
  }

  /**
   * Every regular file under {@code sub} that {@code keep} accepts, sorted; see {@link #require}.
   */
  public static List<Path> files(String sub, Predicate<Path> keep) {
    try (Stream<Path> s = Files.walk(require(sub))) {
      return s.filter(Files::isRegularFile).filter(keep).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
