package dev.bounded.json.internal;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.util.VersionUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Refuses a jackson-core outside the range json-bounded was tested with: {@link BoundedUtf8Parser}
 * extends Jackson's {@code UTF8StreamJsonParser} and reads its protected state ({@code
 * _textBuffer}, {@code _tokenIncomplete}, a ten-argument constructor), which a release outside the
 * range may change without notice. The range comes from json-bounded's POM ({@code
 * bounded.jackson.tested.min}/{@code .max}, filtered into {@code jackson-tested.properties}); the
 * system property {@value #ACCEPT_UNTESTED} {@code =true} accepts a newer jackson-core at the
 * user's own risk (never an older one). Checked when a bounded factory is created (decision 020).
 */
final class JacksonVersionCheck {
  /** The system property that accepts an untested newer jackson-core. */
  static final String ACCEPT_UNTESTED = "bounded.json.acceptUntestedJackson";

  static final Version MIN;
  static final Version MAX;

  static {
    Properties p = new Properties();
    try (InputStream in =
        JacksonVersionCheck.class.getResourceAsStream("jackson-tested.properties")) {
      if (in == null) {
        throw new IllegalStateException("jackson-tested.properties is missing from json-bounded");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    MIN =
        VersionUtil.parseVersion(
            p.getProperty("min"), "com.fasterxml.jackson.core", "jackson-core");
    MAX =
        VersionUtil.parseVersion(
            p.getProperty("max"), "com.fasterxml.jackson.core", "jackson-core");
  }

  /** The version on the class path, checked once. */
  private static volatile boolean checked;

  private JacksonVersionCheck() {}

  /** Checks the jackson-core on the class path (module path) once; throws if outside the range. */
  static void require() {
    if (!checked) {
      check(
          com.fasterxml.jackson.core.json.PackageVersion.VERSION,
          Boolean.getBoolean(ACCEPT_UNTESTED));
      checked = true;
    }
  }

  /**
   * The check itself, for any version (the tests' seam).
   *
   * @throws IllegalStateException if {@code found} is below the tested range, or above it without
   *     {@code acceptNewer}
   */
  static void check(Version found, boolean acceptNewer) {
    boolean older = compare(found, MIN) < 0;
    boolean newer = compare(found, MAX) > 0;
    if (older || (newer && !acceptNewer)) {
      throw new IllegalStateException(
          "jackson-core "
              + found.toString()
              + " is outside the range json-bounded was tested with ("
              + MIN.toString()
              + " to "
              + MAX.toString()
              + "): its byte parser subclasses Jackson's UTF8StreamJsonParser and reads its"
              + " protected state. Use a jackson-core in that range"
              + (newer
                  ? ", or set the system property "
                      + ACCEPT_UNTESTED
                      + "=true to accept this newer version at your own risk"
                  : ""));
    }
  }

  /** Major, minor, patch; a snapshot of a version counts as that version. */
  private static int compare(Version a, Version b) {
    int c = Integer.compare(a.getMajorVersion(), b.getMajorVersion());
    if (c == 0) {
      c = Integer.compare(a.getMinorVersion(), b.getMinorVersion());
    }
    if (c == 0) {
      c = Integer.compare(a.getPatchLevel(), b.getPatchLevel());
    }
    return c;
  }
}
