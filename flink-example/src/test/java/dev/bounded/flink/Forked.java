package dev.bounded.flink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a main class in a child JVM with a small heap, as xml-bounded's ForkedMemoryTest does. */
final class Forked {
  final int exitCode;
  final String output;
  final long millis;

  private Forked(int exitCode, String output, long millis) {
    this.exitCode = exitCode;
    this.output = output;
    this.millis = millis;
  }

  static Forked run(String heap, long timeoutSeconds, Class<?> main, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heap);
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    cmd.add("-Dlog4j2.level=WARN");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile("forked-" + main.getSimpleName(), ".log");
    long t0 = System.nanoTime();
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError(
          main.getSimpleName() + " did not finish in " + timeoutSeconds + " s: " + tail(log));
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    return new Forked(p.exitValue(), tail(log), ms);
  }

  private static String tail(Path log) throws IOException {
    String s = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
  }
}
