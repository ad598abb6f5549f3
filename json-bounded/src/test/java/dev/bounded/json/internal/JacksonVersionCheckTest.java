package dev.bounded.json.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.json.PackageVersion;
import dev.bounded.json.BoundedJson;
import dev.bounded.json.JsonLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The tested jackson-core range (decision 020): both sides of each end, the opt-in for a newer one,
 * and that the build runs on the declared maximum.
 */
class JacksonVersionCheckTest {
  private static Version v(int major, int minor, int patch) {
    return new Version(major, minor, patch, null, "com.fasterxml.jackson.core", "jackson-core");
  }

  private static Version above(Version x) {
    return v(x.getMajorVersion(), x.getMinorVersion(), x.getPatchLevel() + 1);
  }

  @Test
  void theEndsOfTheRangeAreAccepted() {
    assertDoesNotThrow(() -> JacksonVersionCheck.check(JacksonVersionCheck.MIN, false));
    assertDoesNotThrow(() -> JacksonVersionCheck.check(JacksonVersionCheck.MAX, false));
  }

  @Test
  void aNewerVersionIsRefusedWithAClearMessageUnlessAccepted() {
    Version newer = above(JacksonVersionCheck.MAX);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> JacksonVersionCheck.check(newer, false));
    assertEquals(
        "jackson-core "
            + newer.toString()
            + " is outside the range json-bounded was tested with ("
            + JacksonVersionCheck.MIN.toString()
            + " to "
            + JacksonVersionCheck.MAX.toString()
            + "): its byte parser subclasses Jackson's UTF8StreamJsonParser and reads its protected"
            + " state. Use a jackson-core in that range, or set the system property"
            + " bounded.json.acceptUntestedJackson=true to accept this newer version at your own"
            + " risk",
        e.getMessage());
    assertDoesNotThrow(() -> JacksonVersionCheck.check(newer, true));
    assertThrows(IllegalStateException.class, () -> JacksonVersionCheck.check(v(3, 0, 0), false));
    assertDoesNotThrow(() -> JacksonVersionCheck.check(v(3, 0, 0), true));
  }

  @Test
  void anOlderVersionIsRefusedEvenWhenNewerOnesAreAccepted() {
    Version min = JacksonVersionCheck.MIN;
    Version older =
        min.getPatchLevel() > 0
            ? v(min.getMajorVersion(), min.getMinorVersion(), min.getPatchLevel() - 1)
            : v(min.getMajorVersion(), min.getMinorVersion() - 1, 99);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> JacksonVersionCheck.check(older, true));
    assertTrue(e.getMessage().endsWith("Use a jackson-core in that range"), e.getMessage());
  }

  @Test
  void theBuildRunsTheSuiteOnTheDeclaredMaximum() {
    // "Run the suite in CI on the declared maximum": the jackson-core this suite runs on is it.
    assertEquals(0, PackageVersion.VERSION.compareTo(JacksonVersionCheck.MAX));
    assertDoesNotThrow(() -> BoundedJson.newFactory(JsonLimits.defaults()));
  }

  @Test
  void theRangeIsTheOneThePomDeclares() throws Exception {
    String root = System.getProperty("bounded.root", ".");
    Path pom = null;
    for (Path p : new Path[] {Path.of(root, "json-bounded", "pom.xml"), Path.of("pom.xml")}) {
      if (Files.exists(p)
          && Files.readString(p).contains("<artifactId>json-bounded</artifactId>")) {
        pom = p;
        break;
      }
    }
    assertTrue(pom != null, "json-bounded's pom.xml not found from " + root);
    String xml = Files.readString(pom);
    assertTrue(
        xml.contains(
            "<bounded.jackson.tested.min>"
                + JacksonVersionCheck.MIN.toString()
                + "</bounded.jackson.tested.min>"),
        pom + ": min " + JacksonVersionCheck.MIN);
    assertTrue(
        xml.contains(
            "<bounded.jackson.tested.max>${jackson.version}</bounded.jackson.tested.max>"));
  }
}
