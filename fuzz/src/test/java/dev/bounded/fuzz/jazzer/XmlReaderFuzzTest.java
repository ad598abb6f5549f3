package dev.bounded.fuzz.jazzer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bounded.fuzz.xml.XmlTotality;
import dev.bounded.xml.XmlLimits;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided totality of BoundedXml.newReader (pull): any bytes parse or fail with our
 * BoundedParseException, under each of {@link Profiles#XML}. Default run: replays the seeds in
 * {@code XmlReaderFuzzTestInputs/totality/}. {@code -Pfuzz}: fuzzes (see fuzz/NOTES.md).
 */
class XmlReaderFuzzTest {
  @BeforeAll
  static void seedFromCorpora() {
    Seeds.fromCorpora(XmlReaderFuzzTest.class, "totality", 3, "xml-attacks", "feeds");
  }

  @FuzzTest(maxDuration = "2m")
  void totality(byte[] doc) {
    for (XmlLimits l : Profiles.XML) {
      XmlTotality.pullFailure(doc, l);
    }
  }
}
