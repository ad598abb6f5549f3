package dev.bounded.fuzz.jazzer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bounded.fuzz.json.JsonTotality;
import dev.bounded.json.JsonLimits;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided totality of BoundedJson.newParser (pull, InputStream): any bytes parse or fail
 * with our BoundedParseException, under each of {@link Profiles#JSON}. Default run: replays the
 * seeds in {@code JsonParserFuzzTestInputs/totality/}. {@code -Pfuzz}: fuzzes (see fuzz/NOTES.md).
 */
class JsonParserFuzzTest {
  @BeforeAll
  static void seedFromCorpora() {
    Seeds.fromCorpora(JsonParserFuzzTest.class, "totality", 1, "JSONTestSuite/test_parsing");
  }

  @FuzzTest(maxDuration = "2m")
  void totality(byte[] doc) {
    for (JsonLimits l : Profiles.JSON) {
      JsonTotality.pull(doc, l);
    }
  }
}
