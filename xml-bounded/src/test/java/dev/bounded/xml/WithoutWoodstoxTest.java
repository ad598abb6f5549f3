package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Woodstox is an optional dependency (decision 018): with xml-bounded on the class path and
 * Woodstox absent, every default path parses on the BOUNDED engine, {@code
 * XMLInputFactory.newInstance()} elsewhere in the application returns the JDK's parser (Woodstox's
 * service file no longer comes with us), and selecting the WOODSTOX engine fails at the builder
 * with a message naming the missing artifact. This module's own test class path has Woodstox, so
 * the proof runs {@link WithoutWoodstoxMain} in a forked JVM on {@code java.class.path} minus the
 * woodstox-core and stax2-api jars.
 */
class WithoutWoodstoxTest {
  @Test
  void withoutWoodstoxTheDefaultsParseAndStaxLookUpsGetTheJdksParser() throws Exception {
    List<String> all =
        Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    List<String> kept =
        all.stream()
            .filter(e -> !isWoodstox(Path.of(e).getFileName().toString()))
            .collect(Collectors.toList());
    assertEquals(2, all.size() - kept.size(), "woodstox-core and stax2-api on " + all);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx64m",
                "-cp",
                String.join(File.pathSeparator, kept),
                WithoutWoodstoxMain.class.getName())
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child did not finish in 60 s");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    System.out.println("[forked, no Woodstox] " + out.replace('\n', '|'));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.endsWith("\nOK"), out);
    // The JDK's own StAX implementation (its package is internal, hence the name).
    assertTrue(
        out.contains(
            "XMLInputFactory.newInstance: class com.sun.xml.internal.stream.XMLInputFactoryImpl"),
        out);
    assertTrue(out.contains("push elements=2"), out);
    assertTrue(out.contains("dom text=t & u"), out);
    assertTrue(
        out.contains(
            "woodstox engine refused: XmlEngine.WOODSTOX needs Woodstox, an optional dependency of"
                + " xml-bounded: add com.fasterxml.woodstox:woodstox-core to the class path"),
        out);
  }

  private static boolean isWoodstox(String jar) {
    return jar.startsWith("woodstox-core") || jar.startsWith("stax2-api");
  }
}
