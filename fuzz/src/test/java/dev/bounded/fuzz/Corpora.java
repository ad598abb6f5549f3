package dev.bounded.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The shared corpora, found from the {@code bounded.root} system property. */
public final class Corpora {
  private Corpora() {}

  public static Path root() {
    String root = System.getProperty("bounded.root");
    if (root == null) {
      throw new IllegalStateException(
          "system property bounded.root is not set (run through Maven)");
    }
    return Path.of(root).resolve("../shared/corpora").normalize();
  }

  /** Every regular file under {@code sub}, sorted. */
  public static List<Path> files(String sub) {
    try (Stream<Path> s = Files.walk(root().resolve(sub))) {
      return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
