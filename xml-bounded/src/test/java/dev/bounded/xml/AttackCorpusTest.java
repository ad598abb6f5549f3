package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.core.internal.ParseErrors;
import dev.bounded.testkit.RequiresCorpus;
import dev.bounded.testkit.SharedCorpora;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The shared attack corpora (../shared/corpora/xml-attacks, see its SOURCE.md): defusedxml's test
 * documents and the PayloadsAllTheThings XXE payloads, under both DTD policies, push and pull.
 */
@RequiresCorpus("xml-attacks")
@ParameterizedClass(name = "{0}")
@EnumSource(XmlEngine.class)
class AttackCorpusTest extends EngineParameterized {
  static final Path CORPORA = SharedCorpora.root().resolve("xml-attacks");
  static final Path DEFUSED = CORPORA.resolve("tiran-defusedxml/xmltestdata");
  static final Path PAYLOADS = CORPORA.resolve("swisskyrepo-PayloadsAllTheThings/XXE Injection");

  XmlLimits refuse() {
    return limits();
  }

  XmlLimits ignore() {
    return builder().dtdPolicy(DtdPolicy.IGNORE).build();
  }

  enum Outcome {
    PARSES,
    FORBIDDEN,
    MALFORMED
  }

  /** Expected outcome per defusedxml file: {under REFUSE, under IGNORE}. */
  static final Map<String, Outcome[]> DEFUSED_EXPECTED =
      Map.ofEntries(
          Map.entry("cyclic.xml", o(Outcome.FORBIDDEN, Outcome.FORBIDDEN)), // &a; is never expanded
          Map.entry("dtd.xml", o(Outcome.FORBIDDEN, Outcome.PARSES)), // external DTD never fetched
          Map.entry("dtd_element.xml", o(Outcome.FORBIDDEN, Outcome.PARSES)),
          Map.entry("external.xml", o(Outcome.FORBIDDEN, Outcome.FORBIDDEN)),
          Map.entry("external_file.xml", o(Outcome.FORBIDDEN, Outcome.FORBIDDEN)),
          Map.entry("quadratic.xml", o(Outcome.FORBIDDEN, Outcome.FORBIDDEN)),
          Map.entry("xmlbomb.xml", o(Outcome.FORBIDDEN, Outcome.FORBIDDEN)),
          // defusedxml parses it (small internal entity); we never expand DTD entities at all
          Map.entry("xmlbomb2.xml", o(Outcome.FORBIDDEN, Outcome.FORBIDDEN)),
          Map.entry("simple.xml", o(Outcome.PARSES, Outcome.PARSES)),
          Map.entry("simple-ns.xml", o(Outcome.PARSES, Outcome.PARSES)),
          // well-formed documents without a DOCTYPE: parsing them fetches nothing
          Map.entry("schema-include.xsd", o(Outcome.PARSES, Outcome.PARSES)),
          Map.entry("xalan_exec.xsl", o(Outcome.PARSES, Outcome.PARSES)),
          Map.entry("xalan_write.xsl", o(Outcome.PARSES, Outcome.PARSES)));

  static final Map<String, Outcome[]> PAYLOAD_FILES_EXPECTED =
      Map.ofEntries(
          Map.entry("Classic XXE - etc passwd.xml", o(Outcome.FORBIDDEN, Outcome.FORBIDDEN)),
          // the DOCTYPE is skipped unread under IGNORE, so %init; never runs and <foo/> parses
          Map.entry("Classic XXE B64 Encoded.xml", o(Outcome.FORBIDDEN, Outcome.PARSES)),
          Map.entry("Classic XXE.xml", o(Outcome.FORBIDDEN, Outcome.FORBIDDEN)),
          Map.entry(
              "Deny Of Service - Billion Laugh Attack", o(Outcome.FORBIDDEN, Outcome.FORBIDDEN)),
          // starts with a line of prose: not well-formed before the DOCTYPE is reached
          Map.entry("XXE OOB Attack (Yunusov, 2013).xml", o(Outcome.MALFORMED, Outcome.MALFORMED)),
          Map.entry("XXE PHP Wrapper.xml", o(Outcome.FORBIDDEN, Outcome.FORBIDDEN)));

  static Outcome[] o(Outcome refuse, Outcome ignore) {
    return new Outcome[] {refuse, ignore};
  }

  @TestFactory
  Stream<DynamicTest> defusedxmlDocuments() throws IOException {
    return files(DEFUSED, DEFUSED_EXPECTED);
  }

  @TestFactory
  Stream<DynamicTest> payloadsAllTheThingsXxeFiles() throws IOException {
    return files(PAYLOADS.resolve("Files"), PAYLOAD_FILES_EXPECTED);
  }

  private Stream<DynamicTest> files(Path dir, Map<String, Outcome[]> expected) throws IOException {
    assertTrue(Files.isDirectory(dir), "corpus missing: " + dir);
    List<DynamicTest> tests = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.sorted().toList();
    }
    assertEquals(expected.size(), files.size(), "files in " + dir + ": " + files);
    for (Path f : files) {
      String name = f.getFileName().toString();
      Outcome[] outcomes = expected.get(name);
      assertNotNull(outcomes, "no expectation for " + name);
      byte[] doc = Files.readAllBytes(f);
      for (int p = 0; p < 2; p++) {
        XmlLimits limits = p == 0 ? refuse() : ignore();
        Outcome want = outcomes[p];
        for (boolean pull : new boolean[] {false, true}) {
          tests.add(
              DynamicTest.dynamicTest(
                  name
                      + " under "
                      + limits.dtdPolicy()
                      + (pull ? " (pull)" : " (push)")
                      + " -> "
                      + want,
                  () -> check(doc, limits, pull, want)));
        }
      }
    }
    return tests.stream();
  }

  static void check(byte[] doc, XmlLimits limits, boolean pull, Outcome want) throws IOException {
    Recorder rec = new Recorder();
    try {
      parse(doc, limits, pull, rec);
      assertEquals(Outcome.PARSES, want, () -> "parsed: " + rec.events);
      assertEquals("END", rec.events.get(rec.events.size() - 1));
    } catch (BoundedParseException e) {
      switch (want) {
        case FORBIDDEN:
          assertInstanceOf(ForbiddenConstructException.class, e, e::toString);
          break;
        case MALFORMED:
          assertInstanceOf(MalformedDocumentException.class, e, e::toString);
          break;
        default:
          fail("expected a parse, got " + e, e);
      }
    }
    for (String ev : rec.events) {
      assertFalse(ev.contains("root:x:0:0"), "a local file reached the handler: " + ev);
    }
  }

  static XmlStats parse(byte[] doc, XmlLimits limits, boolean pull, XmlHandler h)
      throws IOException {
    return pull
        ? InputMode.pull(new ByteArrayInputStream(doc), limits, h)
        : BoundedXml.parse(doc, limits, h);
  }

  static final Pattern INTERNAL_ENTITY =
      Pattern.compile("<!ENTITY\\s+(?:%\\s+)?[\\w.-]+\\s+\"([^\"%&]{3,})\"");

  /**
   * Every line of the Intruders lists, as it is and wrapped in an element: the parse completes or
   * throws our exception, nothing else, and no DTD-declared entity value reaches the handler.
   */
  @TestFactory
  Stream<DynamicTest> payloadsAllTheThingsIntruderLines() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    List<Path> lists;
    try (Stream<Path> s = Files.list(PAYLOADS.resolve("Intruders"))) {
      lists = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    assertEquals(2, lists.size(), lists::toString);
    for (Path list : lists) {
      List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.isBlank()) {
          continue;
        }
        String name = list.getFileName() + ":" + (i + 1);
        tests.add(
            DynamicTest.dynamicTest(
                name + " " + ParseErrors.excerpt(line, 60), () -> intruder(line)));
      }
    }
    return tests.stream();
  }

  void intruder(String line) throws IOException {
    List<String> values = new ArrayList<>();
    Matcher m = INTERNAL_ENTITY.matcher(line);
    while (m.find()) {
      values.add(m.group(1));
    }
    for (String doc : List.of(line, "<r>" + line + "</r>")) {
      for (XmlLimits limits : List.of(refuse(), ignore())) {
        for (boolean pull : new boolean[] {false, true}) {
          Recorder rec = new Recorder();
          try {
            parse(doc.getBytes(StandardCharsets.UTF_8), limits, pull, rec);
          } catch (BoundedParseException expected) {
            // refused or malformed: fine
          }
          for (String ev : rec.events) {
            for (String v : values) {
              assertFalse(
                  ev.contains(v), () -> "entity value " + v + " reached the handler: " + ev);
            }
            assertFalse(ev.contains("root:x:0:0"), ev);
          }
        }
      }
    }
  }
}
