package dev.bounded.fuzz.jazzer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bounded.fuzz.xml.XmlTotality;
import dev.bounded.xml.XmlLimits;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided totality of BoundedXml.parse (push, byte[]): any bytes parse or fail with our
 * BoundedParseException, under each of {@link Profiles#XML}; and the limits saw everything
 * delivered (no event beyond the limits, stats covering the events: {@link
 * XmlTotality#pushWithinLimits}). Default run: replays the seeds in {@code
 * XmlParseFuzzTestInputs/totality/}. {@code -Pfuzz}: fuzzes (see fuzz/NOTES.md).
 */
class XmlParseFuzzTest {
  @BeforeAll
  static void seedFromCorpora() {
    Seeds.fromCorpora(XmlParseFuzzTest.class, "totality", 3, "xml-attacks", "feeds");
  }

  @FuzzTest(maxDuration = "2m")
  void totality(byte[] doc) {
    for (XmlLimits l : Profiles.XML) {
      XmlTotality.pushWithinLimits(doc, l);
    }
  }
}
