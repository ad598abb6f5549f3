package dev.bounded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test class's {@code main} in a forked JVM with a small heap and {@code
 * -XX:+ExitOnOutOfMemoryError} (an OutOfMemoryError exits with code 3): the memory proofs of every
 * module. The child shares this JVM's class path; its output (standard output and error together)
 * goes to a temporary file, so a child that hangs is killed at its timeout instead of hanging the
 * build.
 */
public final class Forked {
  private Forked() {}

  /**
   * Runs {@code main} with {@code args} under {@code heap} (such as {@code "-Xmx32m"}) and returns
   * its output, trimmed.
   *
   * @throws AssertionError if the child does not finish in {@code timeoutSeconds} or exits with
   *     another code than 0 (the output is in the message)
   */
  public static String run(String heap, int timeoutSeconds, Class<?> main, String... args)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                heap,
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
    cmd.addAll(List.of(args));
    File log = File.createTempFile("forked-", ".log");
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
      boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      if (!done) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      String out = Files.readString(log.toPath(), StandardCharsets.UTF_8).trim();
      String what = "[forked " + heap + " " + main.getSimpleName() + " " + String.join(" ", args);
      if (!done) {
        throw new AssertionError(what + "] did not finish in " + timeoutSeconds + " s: " + out);
      }
      System.out.println(what + "] " + out);
      assertEquals(0, p.exitValue(), what + "] " + out);
      return out;
    } finally {
      Files.deleteIfExists(log.toPath());
    }
  }
}
