package dev.bounded.fuzz.jazzer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bounded.fuzz.xml.JaxpTotality;
import dev.bounded.xml.XmlLimits;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided totality of BoundedDocumentBuilderFactory (DOM drop-in, namespace-aware and not):
 * any bytes give a Document or a SAXParseException caused by our BoundedParseException, under each
 * of {@link Profiles#XML}. Default run: replays the seeds in {@code DomFuzzTestInputs/totality/}.
 * {@code -Pfuzz}: fuzzes (see fuzz/NOTES.md).
 */
class DomFuzzTest {
  @BeforeAll
  static void seedFromCorpora() {
    Seeds.fromCorpora(DomFuzzTest.class, "totality", 3, "xml-attacks", "feeds");
  }

  @FuzzTest(maxDuration = "2m")
  void totality(byte[] doc) {
    for (XmlLimits l : Profiles.XML) {
      JaxpTotality.dom(doc, l, true);
      JaxpTotality.dom(doc, l, false);
    }
  }
}
