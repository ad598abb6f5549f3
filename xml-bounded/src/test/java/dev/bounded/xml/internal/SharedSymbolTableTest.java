package dev.bounded.xml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.XmlAttributes;
import dev.bounded.xml.XmlHandler;
import dev.bounded.xml.XmlLimits;
import dev.bounded.xml.internal.Woodstox.BoundedInputFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;

/**
 * The names one parse found are handed to the next parse of the same factory, within {@link
 * WoodstoxSymbolTable#MAX_SHARED_SYMBOLS} names and {@link
 * WoodstoxSymbolTable#MAX_SHARED_SYMBOL_CHARS} characters; a larger table is dropped and the shared
 * one emptied.
 */
class SharedSymbolTableTest {
  /**
   * A fixed hash seed: under about one seed in 2,000 a name of these documents lands past {@link
   * WoodstoxSymbolTable#MAX_PROBES} and is not kept, so a parse of one name over the most shared
   * holds only the most and hands them on (within the bound, but not this test's exact count).
   */
  private final BoundedInputFactory factory =
      (BoundedInputFactory) Woodstox.create(XmlLimits.defaults(), true, 0x5EED);

  private void parse(String doc) throws Exception {
    XMLStreamReader r =
        factory.createXMLStreamReader(
            new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)));
    while (r.next() != XMLStreamConstants.END_DOCUMENT) {
      // drain
    }
    r.close();
  }

  private static String has(WoodstoxSymbolTable t, String name) {
    char[] c = name.toCharArray();
    return t.findSymbolIfExists(c, 0, c.length, t.hash(c, 0, c.length));
  }

  /**
   * A document of {@code n} distinct names of {@code length} characters each (the root's included).
   */
  private static String names(int n, int length) {
    StringBuilder sb = new StringBuilder("<").append(name(0, length)).append('>');
    for (int i = 1; i < n; i++) {
      sb.append('<').append(name(i, length)).append("/>");
    }
    return sb.append("</").append(name(0, length)).append('>').toString();
  }

  private static String name(int i, int length) {
    String digits = Integer.toString(i);
    return "n" + "x".repeat(Math.max(0, length - 1 - digits.length())) + digits;
  }

  @Test
  void theNextParseStartsWithTheNamesTheLastOneFound() throws Exception {
    assertNull(has(factory.shared(), "channel"));
    parse("<rss><channel a='1'><item/></channel></rss>");
    WoodstoxSymbolTable shared = factory.shared();
    assertEquals(4, shared.size());
    assertNotNull(has(shared, "channel"));
    assertNotNull(has(shared, "a"));
    assertNull(shared.parent); // a shared table holds no chain of earlier tables
    parse("<rss><channel a='2'><item/></channel></rss>");
    assertEquals(shared, factory.shared()); // nothing new: nothing replaced
  }

  @Test
  void aParseOfExactlyTheMostSharedNamesHandsThemOn() throws Exception {
    parse(names(WoodstoxSymbolTable.MAX_SHARED_SYMBOLS, 4));
    assertEquals(WoodstoxSymbolTable.MAX_SHARED_SYMBOLS, factory.shared().size());
  }

  @Test
  void aParseOfOneNameMoreEmptiesTheSharedTable() throws Exception {
    parse("<a/>");
    assertEquals(1, factory.shared().size());
    parse(names(WoodstoxSymbolTable.MAX_SHARED_SYMBOLS + 1, 4));
    assertEquals(0, factory.shared().size());
    parse("<a/>");
    assertEquals(1, factory.shared().size());
  }

  @Test
  void theSharedTableHoldsAtMostTheMostCharacters() throws Exception {
    // 16 names of 1,024 characters: exactly MAX_SHARED_SYMBOL_CHARS, kept.
    String sixteen = names(WoodstoxSymbolTable.MAX_SHARED_SYMBOL_CHARS / 1024, 1024);
    parse(sixteen);
    assertEquals(WoodstoxSymbolTable.MAX_SHARED_SYMBOL_CHARS / 1024, factory.shared().size());
    assertEquals(WoodstoxSymbolTable.MAX_SHARED_SYMBOL_CHARS, factory.shared().chars);
    // The same names and one of one character: one character too many, dropped.
    parse(sixteen.replace("/>", "/><y/>"));
    assertEquals(0, factory.shared().size());
  }

  @Test
  void aParseStillKeepsAtMostMaxSymbolsNamesWhateverItInherits() throws Exception {
    parse(names(WoodstoxSymbolTable.MAX_SHARED_SYMBOLS, 4));
    WoodstoxSymbolTable t = new WoodstoxSymbolTable(factory.shared(), true);
    String last = null;
    for (int i = 0; i < WoodstoxSymbolTable.MAX_SYMBOLS * 2; i++) {
      char[] c = name(i, 8).toCharArray();
      last = t.findSymbol(c, 0, c.length, t.hash(c, 0, c.length));
    }
    assertEquals(WoodstoxSymbolTable.MAX_SYMBOLS, t.size());
    assertEquals(name(WoodstoxSymbolTable.MAX_SYMBOLS * 2 - 1, 8).intern(), last);
    assertEquals(
        WoodstoxSymbolTable.MAX_SHARED_SYMBOLS,
        factory.shared().size()); // the shared one unchanged
  }

  @Test
  void concurrentParsesOfChurningNamesEachSeeTheirOwnNames() throws Exception {
    // A factory of its own (maxDepth 77), several threads, documents of random names from a pool
    // large enough that the shared table is replaced, grown past its cap and emptied many times.
    XmlLimits limits = XmlLimits.builder().maxDepth(77).build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        long seed = t;
        done.add(
            pool.submit(
                () -> {
                  SplittableRandom r = new SplittableRandom(seed);
                  int checked = 0;
                  for (int doc = 0; doc < 400; doc++) {
                    List<String> expected = new ArrayList<>();
                    StringBuilder sb = new StringBuilder("<root>");
                    for (int e = 0, n = r.nextInt(1, 300); e < n; e++) {
                      String name = "e" + r.nextInt(1200);
                      String attr = "a" + r.nextInt(1200);
                      expected.add(name + " " + attr);
                      sb.append('<')
                          .append(name)
                          .append(' ')
                          .append(attr)
                          .append("='v'></")
                          .append(name)
                          .append('>');
                    }
                    sb.append("</root>");
                    List<String> seen = new ArrayList<>();
                    BoundedXml.parse(
                        sb.toString().getBytes(StandardCharsets.UTF_8),
                        limits,
                        new XmlHandler() {
                          @Override
                          public void startElement(
                              String ns, String local, String prefix, XmlAttributes attrs) {
                            if (!local.equals("root")) {
                              seen.add(local + " " + attrs.localName(0));
                            }
                          }
                        });
                    assertEquals(expected, seen);
                    checked++;
                  }
                  return checked;
                }));
      }
      for (Future<Integer> f : done) {
        assertEquals(400, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
