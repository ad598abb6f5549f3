package dev.bounded.fuzz.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.fuzz.Corpora;
import dev.bounded.json.BoundedJson;
import dev.bounded.json.JsonHandler;
import dev.bounded.json.JsonLimits;
import dev.bounded.testkit.RequiresCorpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * JSONTestSuite ({@code test_parsing}) against {@link BoundedJson#parse}: every {@code y_} file
 * accepted, every {@code n_} file rejected with our BoundedParseException, {@code i_} either way
 * (counted); nothing else is ever thrown.
 */
@RequiresCorpus("JSONTestSuite")
class JsonTestSuiteConformanceTest {
  /** Allowed deviations: file name to reason. None needed so far. */
  static final Map<String, String> ALLOWED = new TreeMap<>();

  @Test
  void everyYesFileIsAcceptedAndEveryNoFileRejected() {
    List<Path> files = Corpora.files("JSONTestSuite/test_parsing");
    assertTrue(files.size() > 300, "files: " + files.size());
    int accepted = 0;
    int rejected = 0;
    int iAccepted = 0;
    int iRejected = 0;
    int allowed = 0;
    List<String> unexpected = new ArrayList<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      Throwable failure = null;
      try {
        BoundedJson.parse(Corpora.read(f), JsonLimits.defaults(), new JsonHandler() {});
      } catch (Throwable t) {
        failure = t;
      }
      if (failure != null && !(failure instanceof BoundedParseException)) {
        unexpected.add(name + ": not our exception: " + failure);
        continue;
      }
      boolean ok = failure == null;
      if (ok) {
        accepted++;
      } else {
        rejected++;
      }
      String problem = null;
      if (name.startsWith("y_") && !ok) {
        problem = "rejected: " + failure.getMessage();
      } else if (name.startsWith("n_") && ok) {
        problem = "accepted";
      } else if (name.startsWith("i_")) {
        if (ok) {
          iAccepted++;
        } else {
          iRejected++;
        }
      }
      if (problem != null) {
        if (ALLOWED.containsKey(name)) {
          allowed++;
        } else {
          unexpected.add(name + ": " + problem);
        }
      }
    }
    System.out.println(
        "JSONTestSuite test_parsing: accepted="
            + accepted
            + " rejected="
            + rejected
            + " unexpected="
            + unexpected.size()
            + " allowListed="
            + allowed
            + " (i_: accepted="
            + iAccepted
            + " rejected="
            + iRejected
            + ") files="
            + files.size());
    unexpected.forEach(u -> System.out.println("  UNEXPECTED " + u));
    assertEquals(List.of(), unexpected);
  }
}
