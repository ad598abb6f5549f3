package dev.bounded.xml.stax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ctc.wstx.stax.WstxInputFactory;
import dev.bounded.core.BoundedParseException;
import dev.bounded.testkit.RequiresCorpus;
import dev.bounded.testkit.SharedCorpora;
import dev.bounded.xml.BoundedXMLInputFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The events of BoundedXMLInputFactory's stream and event readers equal raw Woodstox's (its own
 * stream and event readers) on every corpus document Bounded accepts, coalescing on and off.
 */
@RequiresCorpus({"feeds", "xml-attacks"})
class StaxDifferentialTest {
  static List<Path> corpus() throws IOException {
    Path root = SharedCorpora.root();
    try (Stream<Path> s =
        Stream.concat(Files.walk(root.resolve("feeds")), Files.walk(root.resolve("xml-attacks")))) {
      return s.filter(Files::isRegularFile)
          .filter(
              p -> {
                String n = p.getFileName().toString();
                return !n.equals("LICENSE") && !n.endsWith(".md") && !n.endsWith(".txt");
              })
          .sorted()
          .collect(Collectors.toList());
    }
  }

  static XMLInputFactory woodstox(boolean coalescing) {
    XMLInputFactory f = new WstxInputFactory();
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, coalescing);
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    return f;
  }

  @ParameterizedTest(name = "coalescing={0}")
  @ValueSource(booleans = {false, true})
  void eventsEqualRawWoodstoxOnTheCorpora(boolean coalescing) throws Exception {
    BoundedXMLInputFactory ours = BoundedXMLInputFactory.newInstance();
    ours.setProperty(XMLInputFactory.IS_COALESCING, coalescing);
    XMLInputFactory raw = woodstox(coalescing);
    boolean merge = !coalescing;
    int compared = 0;
    int refused = 0;
    for (Path p : corpus()) {
      byte[] doc = Files.readAllBytes(p);
      List<String> mine;
      try {
        mine = StaxEvents.of(ours.createXMLStreamReader(new ByteArrayInputStream(doc)), merge);
      } catch (XMLStreamException e) {
        assertTrue(BoundedParseException.find(e).isPresent(), () -> p + ": " + e);
        refused++;
        continue;
      }
      List<String> theirs =
          StaxEvents.of(raw.createXMLStreamReader(new ByteArrayInputStream(doc)), merge);
      assertEquals(theirs, mine, p::toString);
      List<String> myEvents =
          StaxEvents.of(ours.createXMLEventReader(new ByteArrayInputStream(doc)), merge);
      List<String> theirEvents =
          StaxEvents.of(raw.createXMLEventReader(new ByteArrayInputStream(doc)), merge);
      assertEquals(theirEvents, myEvents, () -> p + " (event readers)");
      assertEquals(mine, myEvents, () -> p + " (our stream and event readers)");
      compared++;
    }
    System.out.println(
        "StaxDifferentialTest coalescing="
            + coalescing
            + ": "
            + compared
            + " documents equal, "
            + refused
            + " refused");
    assertTrue(compared > 350, "compared only " + compared); // 394 of 484 on 2026-12-07
  }
}
