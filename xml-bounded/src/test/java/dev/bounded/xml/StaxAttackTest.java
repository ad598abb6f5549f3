package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.testkit.RequiresCorpus;
import dev.bounded.xml.AttackCorpusTest.Outcome;
import dev.bounded.xml.stax.StaxEvents;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The attack corpora (see {@link AttackCorpusTest}) through {@link BoundedXMLInputFactory}: its
 * stream reader, its coalescing stream reader and its event reader, under both DTD policies. Every
 * vector is refused as {@link AttackCorpusTest} expects, or parses with nothing expanded; the
 * loopback trap is {@link StaxExternalResourceTest}.
 */
@RequiresCorpus("xml-attacks")
class StaxAttackTest {
  static final XmlLimits REFUSE = XmlLimits.defaults();
  static final XmlLimits IGNORE = XmlLimits.builder().dtdPolicy(DtdPolicy.IGNORE).build();

  enum Mode {
    STREAM,
    COALESCING,
    EVENTS
  }

  /** The events of {@code doc} read through the factory in {@code mode}; ours if it fails. */
  static List<String> read(byte[] doc, XmlLimits limits, Mode mode, List<String> events)
      throws BoundedParseException {
    return read(doc, limits, mode, events, null);
  }

  static List<String> read(
      byte[] doc, XmlLimits limits, Mode mode, List<String> events, XMLResolver resolver)
      throws BoundedParseException {
    BoundedXMLInputFactory f = BoundedXMLInputFactory.newInstance(limits);
    f.setXMLResolver(resolver);
    f.setProperty(XMLInputFactory.IS_COALESCING, mode == Mode.COALESCING);
    try {
      events.addAll(
          mode == Mode.EVENTS
              ? StaxEvents.of(f.createXMLEventReader(new ByteArrayInputStream(doc)), true)
              : StaxEvents.of(f.createXMLStreamReader(new ByteArrayInputStream(doc)), true));
      return events;
    } catch (XMLStreamException e) {
      BoundedParseException ours =
          BoundedParseException.find(e).orElseThrow(() -> new AssertionError("not ours: " + e, e));
      assertTrue(e.getCause() == ours, () -> "cause is not ours: " + e);
      throw ours;
    }
  }

  @TestFactory
  Stream<DynamicTest> corpusFilesThroughTheStaxFactory() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    add(tests, AttackCorpusTest.DEFUSED, AttackCorpusTest.DEFUSED_EXPECTED);
    add(tests, AttackCorpusTest.PAYLOADS.resolve("Files"), AttackCorpusTest.PAYLOAD_FILES_EXPECTED);
    return tests.stream();
  }

  private static void add(List<DynamicTest> tests, Path dir, Map<String, Outcome[]> expected)
      throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.sorted().toList();
    }
    assertEquals(expected.size(), files.size(), "files in " + dir);
    for (Path f : files) {
      String name = f.getFileName().toString();
      Outcome[] outcomes = expected.get(name);
      assertNotNull(outcomes, "no expectation for " + name);
      byte[] doc = Files.readAllBytes(f);
      for (int p = 0; p < 2; p++) {
        XmlLimits limits = p == 0 ? REFUSE : IGNORE;
        Outcome want = outcomes[p];
        for (Mode mode : Mode.values()) {
          tests.add(
              DynamicTest.dynamicTest(
                  name + " under " + limits.dtdPolicy() + " (" + mode + ") -> " + want,
                  () -> check(doc, limits, mode, want)));
        }
      }
    }
  }

  static void check(byte[] doc, XmlLimits limits, Mode mode, Outcome want) {
    List<String> events = new ArrayList<>();
    try {
      read(doc, limits, mode, events);
      assertEquals(Outcome.PARSES, want, () -> "parsed: " + events);
      assertEquals("D", events.get(events.size() - 1));
    } catch (BoundedParseException e) {
      if (want == Outcome.FORBIDDEN) {
        assertInstanceOf(ForbiddenConstructException.class, e, e::toString);
      } else if (want == Outcome.MALFORMED) {
        assertInstanceOf(MalformedDocumentException.class, e, e::toString);
      } else {
        throw new AssertionError("expected a parse, got " + e, e);
      }
    }
    for (String ev : events) {
      assertFalse(ev.contains("root:x:0:0"), "a local file reached the reader: " + ev);
    }
  }

  /** Every Intruders line, as it is and inside an element: no declared entity value comes out. */
  @TestFactory
  Stream<DynamicTest> intruderLinesThroughTheStaxFactory() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    List<Path> lists;
    try (Stream<Path> s = Files.list(AttackCorpusTest.PAYLOADS.resolve("Intruders"))) {
      lists = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    assertEquals(2, lists.size(), lists::toString);
    for (Path list : lists) {
      List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
      tests.add(DynamicTest.dynamicTest(list.getFileName().toString(), () -> intruders(lines)));
    }
    return tests.stream();
  }

  static void intruders(List<String> lines) {
    int parsed = 0;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      List<String> values = new ArrayList<>();
      Matcher m = AttackCorpusTest.INTERNAL_ENTITY.matcher(line);
      while (m.find()) {
        values.add(m.group(1));
      }
      for (String doc : List.of(line, "<r>" + line + "</r>")) {
        for (XmlLimits limits : List.of(REFUSE, IGNORE)) {
          for (Mode mode : Mode.values()) {
            List<String> events = new ArrayList<>();
            try {
              read(doc.getBytes(StandardCharsets.UTF_8), limits, mode, events);
              parsed++;
            } catch (BoundedParseException refused) {
              // refused or malformed: fine
            }
            for (String ev : events) {
              for (String v : values) {
                assertFalse(ev.contains(v), () -> "entity value " + v + " came out: " + ev);
              }
              assertFalse(ev.contains("root:x:0:0"), ev);
            }
          }
        }
      }
    }
    System.out.println("StaxAttackTest: " + parsed + " intruder parses completed, none expanded");
  }
}
