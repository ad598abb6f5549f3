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
   * What a child did.
   *
   * @param exitCode its exit code (3 after an OutOfMemoryError)
   * @param output its standard output and error together, trimmed
   * @param millis wall time from start to exit
   */
  public record Result(int exitCode, String output, long millis) {}

  /**
   * Runs {@code main} with {@code args} under {@code heap} (such as {@code "-Xmx32m"}) and returns
   * its output, trimmed.
   *
   * @throws AssertionError if the child does not finish in {@code timeoutSeconds} or exits with
   *     another code than 0 (the output is in the message)
   */
  public static String run(String heap, int timeoutSeconds, Class<?> main, String... args)
      throws IOException, InterruptedException {
    Result r = start(List.of(heap), timeoutSeconds, main, args);
    String what = "[forked " + heap + " " + main.getSimpleName() + " " + String.join(" ", args);
    System.out.println(what + "] " + r.output());
    assertEquals(0, r.exitCode(), what + "] " + r.output());
    return r.output();
  }

  /**
   * Runs {@code main} with {@code args} and the JVM options {@code jvm} (a heap at least) and
   * returns what it did, whatever its exit code: for a control run expected to die.
   *
   * @throws AssertionError if the child does not finish in {@code timeoutSeconds}
   */
  public static Result start(List<String> jvm, int timeoutSeconds, Class<?> main, String... args)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(jvm);
    cmd.addAll(
        List.of(
            "-XX:+ExitOnOutOfMemoryError",
            "-cp",
            System.getProperty("java.class.path"),
            main.getName()));
    cmd.addAll(List.of(args));
    File log = File.createTempFile("forked-", ".log");
    try {
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
      boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      if (!done) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      long millis = (System.nanoTime() - t0) / 1_000_000;
      String out = Files.readString(log.toPath(), StandardCharsets.UTF_8).trim();
      if (!done) {
        throw new AssertionError(
            "[forked "
                + String.join(" ", jvm)
                + " "
                + main.getSimpleName()
                + "] did not finish in "
                + timeoutSeconds
                + " s: "
                + out);
      }
      return new Result(p.exitValue(), out, millis);
    } finally {
      Files.deleteIfExists(log.toPath());
    }
  }
}
