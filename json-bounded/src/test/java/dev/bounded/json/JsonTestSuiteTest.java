package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bounded.core.BoundedParseException;
import dev.bounded.testkit.RequiresCorpus;
import dev.bounded.testkit.SharedCorpora;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * nst/JSONTestSuite: every {@code y_} file accepted, every {@code n_} file rejected with a
 * BoundedParseException, every {@code i_} file either way but never another throwable. Each file is
 * its own test, so a regression names the file; the handler reads every value.
 */
@RequiresCorpus("JSONTestSuite")
class JsonTestSuiteTest {
  private static final AtomicInteger ACCEPTED = new AtomicInteger();
  private static final AtomicInteger REJECTED = new AtomicInteger();
  private static final AtomicInteger UNEXPECTED = new AtomicInteger();

  static Path suite() {
    return SharedCorpora.root().resolve("JSONTestSuite/test_parsing");
  }

  @TestFactory
  Stream<DynamicTest> everyFileOfTheSuiteHasTheExpectedOutcome() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(suite())) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
    }
    assertTrue(files.size() > 300, "JSONTestSuite not found at " + suite());
    return files.stream()
        .flatMap(
            f ->
                Stream.of(
                    DynamicTest.dynamicTest(
                        f.getFileName() + " (values read)", () -> check(f, true)),
                    DynamicTest.dynamicTest(
                        f.getFileName() + " (values never read)", () -> check(f, false))));
  }

  private static void check(Path file, boolean read) throws Exception {
    String name = file.getFileName().toString();
    byte[] bytes = Files.readAllBytes(file);
    Throwable thrown = null;
    try {
      BoundedJson.parse(bytes, JsonLimits.defaults(), new Recorder(read));
    } catch (Throwable t) {
      thrown = t;
    }
    if (thrown == null) {
      ACCEPTED.incrementAndGet();
    } else if (thrown instanceof BoundedParseException) {
      REJECTED.incrementAndGet();
    } else {
      UNEXPECTED.incrementAndGet();
      throw new AssertionError(name + ": unexpected " + thrown, thrown);
    }
    if (name.startsWith("y_") && thrown != null) {
      UNEXPECTED.incrementAndGet();
      fail(name + " must be accepted: " + thrown.getMessage(), thrown);
    }
    if (name.startsWith("n_") && thrown == null) {
      UNEXPECTED.incrementAndGet();
      fail(name + " must be rejected");
    }
  }

  @AfterAll
  static void summary() {
    System.out.println(
        "JSONTestSuite: accepted="
            + ACCEPTED.get()
            + " rejected="
            + REJECTED.get()
            + " unexpected="
            + UNEXPECTED.get());
  }
}
