package dev.bounded.rss;

import dev.bounded.testkit.SharedCorpora;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The shared corpora, read in place. */
final class Corpora {
  private Corpora() {}

  static Path root() {
    return SharedCorpora.root().resolve("feeds");
  }

  static List<Path> files(String folder) throws IOException {
    Path dir = root().resolve(folder);
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals("LICENSE"))
          .filter(p -> !p.getFileName().toString().endsWith(".txt"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  static String name(Path p, String folder) {
    return root().resolve(folder).relativize(p).toString().replace('\\', '/');
  }
}
