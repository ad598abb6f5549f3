package dev.bounded.fuzz;

import dev.bounded.testkit.SharedCorpora;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The shared corpora, found through {@link SharedCorpora} (missing: skipped, or failed in CI). */
public final class Corpora {
  private Corpora() {}

  public static Path root() {
    return SharedCorpora.root();
  }

  /** Every regular file under {@code sub}, sorted; see {@link SharedCorpora#require}. */
  public static List<Path> files(String sub) {
    return SharedCorpora.files(sub, p -> true);
  }

  /**
   * Every regular file under {@code sub}, sorted, or none (with one line on standard error) where
   * the corpus is missing and not required: for generators that only add corpus documents to their
   * own.
   */
  public static List<Path> filesIfPresent(String sub) {
    return SharedCorpora.missing(sub) == null ? files(sub) : List.of();
  }

  public static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
