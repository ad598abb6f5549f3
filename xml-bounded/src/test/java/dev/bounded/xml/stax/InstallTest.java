package dev.bounded.xml.stax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.xml.BoundedDocumentBuilderFactory;
import dev.bounded.xml.BoundedSAXParserFactory;
import dev.bounded.xml.BoundedXMLInputFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Whole-process protection, in forked JVMs (it changes process-wide state, so never in the shared
 * test JVM): {@code BoundedJaxp.install()}, and the system properties alone with no code change.
 * After either, the JAXP look-ups, XPath, XSLT and {@code JAXB.unmarshal} fail a 1,000-deep
 * document on {@code MAX_DEPTH} and an XXE document as forbidden, a loopback server sees no
 * request, and nothing is printed. The control shows the same code on the JDK's own parsers parsing
 * the deep document.
 */
class InstallTest {
  static String fork(List<String> jvmArgs, String mode) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), InstallMain.class.getName()));
    cmd.add(mode);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("child did not finish: " + mode);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    System.out.println("[forked " + mode + "] " + out);
    assertEquals(0, p.exitValue(), out);
    String last = out.substring(out.lastIndexOf('\n') + 1);
    assertTrue(last.startsWith("OK " + mode), out);
    return last;
  }

  @Test
  void installMakesTheLookupsXPathXsltAndJaxbBoundedAndFetchNothing() throws Exception {
    String line = fork(List.of(), "install");
    assertTrue(line.contains("requests=0"), line);
    for (String s :
        List.of(
            "XPath bounded",
            "identity Transformer bounded",
            "XSLT Transformer bounded (our message, not our type)",
            "JAXB.unmarshal bounded")) {
      assertTrue(line.contains(s), line);
    }
  }

  @Test
  void theSystemPropertiesAloneProtectAnUnchangedApplication() throws Exception {
    String line =
        fork(
            List.of(
                "-Djavax.xml.parsers.DocumentBuilderFactory="
                    + BoundedDocumentBuilderFactory.class.getName(),
                "-Djavax.xml.parsers.SAXParserFactory=" + BoundedSAXParserFactory.class.getName(),
                "-Djavax.xml.stream.XMLInputFactory=" + BoundedXMLInputFactory.class.getName(),
                "-Djdk.xml.overrideDefaultParser=true"),
            "properties");
    assertTrue(line.contains("requests=0") && line.contains("XPath bounded"), line);
  }

  /** The control: without either, XPath and the transformers parse 1,000 levels. */
  @Test
  void withoutThemTheJdksOwnProcessorsAreSideDoors() throws Exception {
    String line = fork(List.of(), "none");
    assertTrue(line.contains("XPath parsed 1000 levels"), line);
    assertTrue(line.contains("identity Transformer parsed 1000 levels"), line);
  }
}
