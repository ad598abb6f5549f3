package dev.bounded.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.LimitExceededException;
import dev.bounded.fuzz.xml.JaxpTotality;
import dev.bounded.fuzz.xml.XmlTotality;
import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.DomLimits;
import dev.bounded.xml.DtdPolicy;
import dev.bounded.xml.XmlHandler;
import dev.bounded.xml.XmlLimits;
import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Replays every file in {@code regressions/xml/} (and {@code regressions/json/}): each is a
 * counterexample once found, named for what it broke. A sidecar {@code NAME.properties} may set
 * limits (builder method names, e.g. {@code maxAttributes = 0}, {@code dtdPolicy = IGNORE}) and
 * {@code expect = pass | reject | MAX_...}; without one the file must merely keep the totality
 * property (parse, or fail with our exception) in every XML entry point: push, pull, DOM and SAX
 * drop-ins, forEachElement and elements. Files on {@link KnownBugs#EXPECTED_FAILING} must still
 * fail: when the bug is fixed, remove the entry.
 */
class RegressionReplayTest {

  static Path folder(String kind) throws URISyntaxException {
    return Path.of(RegressionReplayTest.class.getResource("/regressions/" + kind).toURI());
  }

  @TestFactory
  Stream<DynamicTest> xmlRegressionsStillHold() throws Exception {
    Path dir = folder("xml");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(p -> !p.toString().endsWith(".properties"))
              .sorted()
              .collect(Collectors.toList());
    }
    assertTrue(!files.isEmpty(), "no regression files in " + dir);
    return files.stream()
        .map(
            f -> {
              String key = "xml/" + f.getFileName();
              Executable check = () -> replayXml(f);
              if (KnownBugs.EXPECTED_FAILING.containsKey(key)) {
                return DynamicTest.dynamicTest(
                    f.getFileName() + " (known bug, expected to fail)",
                    () -> {
                      assertThrows(
                          Throwable.class,
                          check,
                          "fixed? remove it from KnownBugs: "
                              + KnownBugs.EXPECTED_FAILING.get(key));
                    });
              }
              return DynamicTest.dynamicTest(f.getFileName().toString(), check);
            });
  }

  @TestFactory
  Stream<DynamicTest> jsonRegressionsStillHold() throws Exception {
    Path dir = folder("json");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(p -> !p.toString().endsWith(".properties"))
              .sorted()
              .collect(Collectors.toList());
    }
    return files.stream()
        .map(
            f -> {
              String key = "json/" + f.getFileName();
              Executable check = () -> replayJson(f);
              if (KnownBugs.EXPECTED_FAILING.containsKey(key)) {
                return DynamicTest.dynamicTest(
                    f.getFileName() + " (known bug, expected to fail)",
                    () ->
                        assertThrows(
                            Throwable.class,
                            check,
                            "fixed? remove it from KnownBugs: "
                                + KnownBugs.EXPECTED_FAILING.get(key)));
              }
              return DynamicTest.dynamicTest(f.getFileName().toString(), check);
            });
  }

  static void replayJson(Path file) throws Exception {
    byte[] doc = Files.readAllBytes(file);
    Properties p = sidecar(file);
    dev.bounded.json.JsonLimits.Builder b = dev.bounded.json.JsonLimits.builder();
    for (String k : p.stringPropertyNames()) {
      String v = p.getProperty(k).trim();
      switch (k) {
        case "expect" -> {}
        case "maxBytes" -> b.maxBytes(Long.parseLong(v));
        case "maxDepth" -> b.maxDepth(Long.parseLong(v));
        case "maxTokens" -> b.maxTokens(Long.parseLong(v));
        case "maxStringLength" -> b.maxStringLength(Long.parseLong(v));
        case "maxNumberLength" -> b.maxNumberLength(Long.parseLong(v));
        case "maxNameLength" -> b.maxNameLength(Long.parseLong(v));
        default ->
            throw new IllegalArgumentException("unknown setting in regression sidecar: " + k);
      }
    }
    String expect = p.getProperty("expect", "total");
    Throwable failure = null;
    try {
      dev.bounded.json.BoundedJson.parse(
          doc,
          b.build(),
          new dev.bounded.json.JsonHandler() {
            @Override
            public Control string(CharSequence v) {
              v.toString();
              return Control.CONTINUE;
            }

            @Override
            public Control number(dev.bounded.json.JsonNumber n) {
              n.toString();
              return Control.CONTINUE;
            }
          });
    } catch (Throwable t) {
      failure = t;
    }
    if (failure != null && !(failure instanceof BoundedParseException)) {
      fail("not our exception: " + failure, failure);
    }
    dev.bounded.fuzz.json.JsonTotality.pull(doc, b.build()); // the pull API keeps totality too
    switch (expect) {
      case "total" -> {}
      case "pass" -> {
        if (failure != null) {
          fail("expected to pass, got " + failure, failure);
        }
      }
      case "reject" -> assertTrue(failure != null, "expected a rejection");
      default -> {
        assertTrue(
            failure instanceof LimitExceededException, "expected " + expect + ", got " + failure);
        assertEquals(expect, ((LimitExceededException) failure).limit().name());
      }
    }
  }

  static Properties sidecar(Path file) throws IOException {
    Path side =
        file.resolveSibling(
            file.getFileName().toString().replaceFirst("\\.[^.]*$", "") + ".properties");
    Properties p = new Properties();
    if (Files.exists(side)) {
      try (Reader r = Files.newBufferedReader(side, StandardCharsets.UTF_8)) {
        p.load(r);
      }
    }
    return p;
  }

  static void replayXml(Path file) throws Exception {
    byte[] doc = Files.readAllBytes(file);
    Path side =
        file.resolveSibling(
            file.getFileName().toString().replaceFirst("\\.[^.]*$", "") + ".properties");
    Properties p = new Properties();
    if (Files.exists(side)) {
      try (Reader r = Files.newBufferedReader(side, StandardCharsets.UTF_8)) {
        p.load(r);
      }
    }
    XmlLimits limits = limits(p);
    String expect = p.getProperty("expect", "total");
    XmlTotality.assertTotal(doc, limits);
    for (String path : JaxpTotality.PATHS) {
      JaxpTotality.assertTotal(doc, limits, DomLimits.defaults(), path);
    }
    if (expect.equals("total")) {
      return;
    }
    Throwable push = null;
    try {
      BoundedXml.parse(doc, limits, new XmlHandler() {});
    } catch (IOException e) {
      push = e;
    }
    Throwable pull = XmlTotality.pullFailure(doc, limits);
    for (Throwable t : new Throwable[] {push, pull}) {
      switch (expect) {
        case "pass":
          if (t != null) {
            fail("expected to pass, got " + t, t);
          }
          break;
        case "reject":
          assertTrue(t instanceof BoundedParseException, "expected a rejection, got " + t);
          break;
        default:
          assertTrue(t instanceof LimitExceededException, "expected " + expect + ", got " + t);
          assertEquals(expect, ((LimitExceededException) t).limit().name());
      }
    }
  }

  static XmlLimits limits(Properties p) {
    XmlLimits.Builder b = XmlLimits.builder();
    for (String k : p.stringPropertyNames()) {
      String v = p.getProperty(k).trim();
      switch (k) {
        case "expect":
          break;
        case "maxBytes":
          b.maxBytes(Long.parseLong(v));
          break;
        case "maxDepth":
          b.maxDepth(Long.parseLong(v));
          break;
        case "maxElements":
          b.maxElements(Long.parseLong(v));
          break;
        case "maxAttributes":
          b.maxAttributes(Long.parseLong(v));
          break;
        case "maxAttributeLength":
          b.maxAttributeLength(Long.parseLong(v));
          break;
        case "maxTextLength":
          b.maxTextLength(Long.parseLong(v));
          break;
        case "maxNameLength":
          b.maxNameLength(Long.parseLong(v));
          break;
        case "dtdPolicy":
          b.dtdPolicy(DtdPolicy.valueOf(v));
          break;
        default:
          throw new IllegalArgumentException("unknown setting in regression sidecar: " + k);
      }
    }
    return b.build();
  }
}
