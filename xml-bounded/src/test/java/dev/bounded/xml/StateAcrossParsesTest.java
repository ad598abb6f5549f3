package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Nothing input-driven outlives a parse: in forked JVMs with small heaps, 30 hostile documents in a
 * row (namespace URIs, distinct and long names, text at its limits, prefixed records; push, pull,
 * DOM, SAX and records) leave the heap after GC within 8 MB of where it started, with no
 * OutOfMemoryError. Before Woodstox's namespace-URI interning was switched off, the first document
 * (1,024 declarations of 16,000-character URIs, 33 MB) was an OutOfMemoryError in 32 MB, and left
 * 32 MB retained for good in 64 MB.
 */
class StateAcrossParsesTest {
  static final int ALLOWED_MB = 8;

  static String fork(String heap, long seed, int documents) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        List.of(
            java,
            "-Xmx" + heap,
            "-XX:+ExitOnOutOfMemoryError",
            "-cp",
            System.getProperty("java.class.path"),
            HostileMain.class.getName(),
            Long.toString(seed),
            Integer.toString(documents),
            Integer.toString(ALLOWED_MB));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    if (!p.waitFor(240, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("child did not finish in 240 s (seed " + seed + ")");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    System.out.println("[forked -Xmx" + heap + " seed " + seed + "]\n" + out);
    assertEquals(0, p.exitValue(), "seed " + seed + ": " + out);
    String last = out.substring(out.lastIndexOf('\n') + 1);
    assertTrue(last.startsWith("OK "), out);
    return last;
  }

  @Test
  void thirtyHostileDocumentsInARowLeaveA32MegabyteHeapWhereItWas() throws Exception {
    long seed = Long.getLong("bounded.seed", System.nanoTime() % 100_000);
    fork("32m", seed, 30);
  }

  @Test
  void thirtyHostileDocumentsInARowLeaveA64MegabyteHeapWhereItWas() throws Exception {
    long seed = Long.getLong("bounded.seed", System.nanoTime() % 100_000 + 1);
    fork("64m", seed, 30);
  }
}
