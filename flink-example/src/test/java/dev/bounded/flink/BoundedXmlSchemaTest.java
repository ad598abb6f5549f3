package dev.bounded.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bounded.xml.XmlLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class BoundedXmlSchemaTest {
  static List<Parsed<String>> run(BoundedXmlSchema<String> s, String message) {
    List<Parsed<String>> out = new ArrayList<>();
    s.deserialize(
        message.getBytes(StandardCharsets.UTF_8),
        new Collector<>() {
          @Override
          public void collect(Parsed<String> r) {
            out.add(r);
          }

          @Override
          public void close() {}
        });
    return out;
  }

  static String nested(int depth) {
    return "<a>".repeat(depth) + "</a>".repeat(depth);
  }

  @Test
  void aDocumentAtMaxDepthIsARecordAndOneLevelMoreIsAnErrorRecordNamingTheLimit() {
    BoundedXmlSchema<String> s =
        BoundedXmlSchema.document(
            () -> XmlLimits.builder().maxDepth(5).build(), e -> e.getLocalName(), Types.STRING);
    assertEquals(List.of(Parsed.value("a")), run(s, nested(5)));
    List<Parsed<String>> bad = run(s, nested(6));
    assertEquals(1, bad.size());
    assertEquals("MAX_DEPTH", bad.get(0).getError().getKind());
    assertEquals("XmlLimits.maxDepth", bad.get(0).getError().getSetting());
    // the parser is usable again for the next message
    assertEquals(List.of(Parsed.value("a")), run(s, nested(1)));
  }

  @Test
  void aDoctypeIsForbiddenAndGarbageIsMalformed() {
    BoundedXmlSchema<String> s =
        BoundedXmlSchema.document(XmlLimits::defaults, e -> "x", Types.STRING);
    assertEquals(
        ParseError.FORBIDDEN,
        s.deserialize("<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>".getBytes(StandardCharsets.UTF_8))
            .getError()
            .getKind());
    assertEquals(
        ParseError.MALFORMED,
        s.deserialize("<a><b></a>".getBytes(StandardCharsets.UTF_8)).getError().getKind());
  }

  @Test
  void elementRecordsBeforeABreakAreKeptAndTheErrorRecordCountsThem() throws Exception {
    BoundedXmlSchema<String> s =
        InstantiationUtil.clone(
            BoundedXmlSchema.elements(
                () -> XmlLimits.builder().maxDepth(4).build(),
                "/orders/order",
                e -> e.getAttribute("id"),
                Types.STRING));
    List<Parsed<String>> out =
        run(
            s,
            "<orders><order id='1'/><order id='2'/><order id='3'><a><b><c/></b></a></order></orders>");
    assertEquals(3, out.size(), out.toString());
    assertEquals(Parsed.value("1"), out.get(0));
    assertEquals(Parsed.value("2"), out.get(1));
    ParseError e = out.get(2).getError();
    assertEquals("MAX_DEPTH", e.getKind());
    assertEquals(2, e.getRecordsBefore());
    assertThrows(UnsupportedOperationException.class, () -> s.deserialize(new byte[] {'<'}));
  }
}
