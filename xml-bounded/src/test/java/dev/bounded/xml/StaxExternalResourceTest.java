package dev.bounded.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ForbiddenConstructException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.xml.stream.XMLResolver;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link ExternalResourceTest}'s documents (XXE to a canary file, external DTDs, parameter
 * entities, XInclude and schema hints to a loopback HTTP server) through {@link
 * BoundedXMLInputFactory}'s stream, coalescing and event readers, with a recording {@link
 * XMLResolver} set: the server sees no request, the canary never comes out, the resolver is never
 * called. The control test that a default Woodstox does fetch is inherited.
 */
class StaxExternalResourceTest extends ExternalResourceTest {
  @Override
  @TestFactory
  Stream<DynamicTest> nothingExternalIsEverResolved() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, String> a : attacks().entrySet()) {
      for (DtdPolicy policy : DtdPolicy.values()) {
        for (StaxAttackTest.Mode mode : StaxAttackTest.Mode.values()) {
          tests.add(
              DynamicTest.dynamicTest(
                  a.getKey() + " under " + policy + " (" + mode + ")",
                  () -> staxAttack(a.getValue(), policy, mode)));
        }
      }
    }
    return tests.stream();
  }

  void staxAttack(String doc, DtdPolicy policy, StaxAttackTest.Mode mode) {
    REQUESTS.clear();
    AtomicInteger resolverCalls = new AtomicInteger();
    XmlLimits limits = XmlLimits.builder().dtdPolicy(policy).build();
    List<String> events = new ArrayList<>();
    boolean hasDoctype = doc.startsWith("<!DOCTYPE");
    try {
      StaxAttackTest.read(
          doc.getBytes(StandardCharsets.UTF_8),
          limits,
          mode,
          events,
          (publicId, systemId, base, ns) -> {
            resolverCalls.incrementAndGet();
            return null;
          });
      assertFalse(hasDoctype && doc.contains("&"), "a document using a DTD entity parsed");
    } catch (BoundedParseException e) {
      assertTrue(hasDoctype, () -> "a document without a DOCTYPE failed: " + e);
      assertInstanceOf(ForbiddenConstructException.class, e, e::toString);
    }
    for (String ev : events) {
      assertFalse(ev.contains(CANARY), "the canary came out: " + ev);
    }
    assertEquals(List.of(), REQUESTS, "the server was called");
    assertEquals(0, resolverCalls.get(), "the resolver was consulted");
  }
}
