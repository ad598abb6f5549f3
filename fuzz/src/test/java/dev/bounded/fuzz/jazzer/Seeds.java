package dev.bounded.fuzz.jazzer;

import dev.bounded.fuzz.Corpora;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Seeds a Jazzer campaign from the shared corpora without copying them into the repository: when
 * fuzzing ({@code JAZZER_FUZZ} set), small corpus files are copied into Jazzer's generated-corpus
 * directory, {@code <jazzer.internal.basedir>/.cifuzz-corpus/<class>/<method>/}, which the {@code
 * fuzz} profile puts under {@code target/jazzer/}. In the default run nothing happens: Jazzer then
 * only replays the few seeds under {@code src/test/resources/.../<Class>Inputs/<method>/}.
 */
final class Seeds {
  private Seeds() {}

  /** Larger corpus files are left out: libFuzzer's default max_len follows the largest seed. */
  static final long MAX_SEED_BYTES = 16 * 1024;

  static boolean fuzzing() {
    String v = System.getenv("JAZZER_FUZZ");
    return v != null && !v.isEmpty();
  }

  /** Copies corpus files from {@code subdirs} of ../shared/corpora (every {@code stride}-th). */
  static void fromCorpora(Class<?> test, String method, int stride, String... subdirs) {
    if (!fuzzing()) {
      return;
    }
    Path base = Path.of(System.getProperty("jazzer.internal.basedir", ""));
    Path dir =
        base.resolve(".cifuzz-corpus").resolve(test.getName()).resolve(method).toAbsolutePath();
    try {
      Files.createDirectories(dir);
      int copied = 0;
      for (String sub : subdirs) {
        List<Path> files = Corpora.filesIfPresent(sub);
        for (int i = 0; i < files.size(); i += stride) {
          Path f = files.get(i);
          if (Files.size(f) <= MAX_SEED_BYTES && !f.toString().endsWith(".md")) {
            String name = "seed-" + sub.replace('/', '_') + "-" + f.getFileName();
            Files.copy(f, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            copied++;
          }
        }
      }
      System.err.println("Seeds: " + copied + " corpus files in " + dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
