package dev.bounded.rss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shaded jar, run as users run it. */
class CliJarIT {
  static Process run(String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String[] cmd = new String[args.length + 4];
    cmd[0] = java;
    cmd[1] = "-Xmx32m";
    cmd[2] = "-jar";
    cmd[3] = System.getProperty("rss.jar");
    System.arraycopy(args, 0, cmd, 4, args.length);
    return new ProcessBuilder(cmd).start();
  }

  @Test
  void theJarGeneratesAndReadsAFeedAndFailsCleanlyOnALimit() throws Exception {
    Path feed = Path.of(System.getProperty("java.io.tmpdir"), "cli-jar-it.xml");
    Process g = run("--generate", "2m");
    Files.write(feed, g.getInputStream().readAllBytes());
    assertTrue(g.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, g.exitValue());

    Process r = run(feed.toString());
    String out = new String(r.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(r.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(r.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, r.exitValue(), err);
    assertTrue(out.lines().count() > 3000, "items: " + out.lines().count());
    assertTrue(
        err.startsWith(
            "rss-example: "
                + String.format(java.util.Locale.ROOT, "%,d", out.lines().count())
                + " items"),
        err);

    Process small = run("--max-bytes", "1m", feed.toString());
    small.getInputStream().readAllBytes(); // drain stdout first: a full pipe would block the child
    String smallErr = new String(small.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(small.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, small.exitValue());
    assertTrue(
        smallErr.contains(
            "Document size (1048577 bytes) exceeds the maximum allowed (1048576 bytes, from XmlLimits.maxBytes)"),
        smallErr);

    Process usage = run("--nope");
    usage.getInputStream().readAllBytes();
    assertTrue(usage.waitFor(60, TimeUnit.SECONDS));
    assertEquals(1, usage.exitValue());
  }
}
