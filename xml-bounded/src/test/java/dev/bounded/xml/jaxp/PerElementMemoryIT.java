package dev.bounded.xml.jaxp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * In a forked -Xmx64m JVM, 1,000,000 RSS items (over 300 MB, generated) go through the per-element
 * API with flat memory, and the drop-in DocumentBuilder under its defaults fails with a
 * SAXParseException caused by a LimitExceededException, not an OutOfMemoryError: for this dense
 * feed the byte ceiling (a sixteenth of the heap) and the shared parse budget (half the heap,
 * charged about 8 bytes per input byte) stop it at about the same size, whichever comes first.
 */
class PerElementMemoryIT {
  private static final long ITEMS = 1_000_000;

  @Test
  void aMillionItemsStreamInFlatMemoryWhileTheDefaultDocumentBuilderStopsAtItsCeilings()
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx64m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                MemoryChild.class.getName(),
                Long.toString(ITEMS))
            .redirectErrorStream(true)
            .start();
    String out;
    try {
      assertTrue(p.waitFor(300, TimeUnit.SECONDS), "child still running after 300 s");
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      p.destroyForcibly();
    }
    System.out.print(out);
    assertEquals(0, p.exitValue(), out);

    Matcher rec =
        Pattern.compile("records items=(\\d+) bytes=(\\d+) seconds=\\S+ heapKiBAfterGc=\\[([^]]*)]")
            .matcher(out);
    assertTrue(rec.find(), out);
    assertEquals(ITEMS, Long.parseLong(rec.group(1)));
    assertTrue(Long.parseLong(rec.group(2)) > 300_000_000L, "only " + rec.group(2) + " bytes");
    List<Long> heap =
        Arrays.stream(rec.group(3).split(",\\s*"))
            .map(Long::parseLong)
            .collect(Collectors.toList());
    assertEquals(10, heap.size(), heap.toString());
    // flat: after GC, the heap at the last tenth is within 2 MiB of the heap at the first tenth
    assertTrue(heap.get(9) - heap.get(0) < 2048, "heap grew: " + heap + " KiB");

    Matcher dom =
        Pattern.compile("dom maxMemory=(\\d+) maxBytes=(\\d+) maxNodes=(\\d+)").matcher(out);
    assertTrue(dom.find(), out);
    long heapMax = Long.parseLong(dom.group(1));
    assertEquals(heapMax / 16, Long.parseLong(dom.group(2)));
    assertEquals(heapMax / 256, Long.parseLong(dom.group(3)));
    // The first ceiling met wins: for this dense feed the byte ceiling (a sixteenth of the heap)
    // and
    // the shared budget (half the heap, charged about 8 bytes per input byte) come at about the
    // same
    // size, so accept either, with its own configured maximum.
    Matcher fail =
        Pattern.compile(
                "dom SAXParseException cause=LimitExceededException limit=(MAX_BYTES|PARSE_BUDGET)"
                    + " maximum=(\\d+) line=(\\d+) column=(\\d+)")
            .matcher(out);
    assertTrue(fail.find(), out);
    // (a budget refusal names the most one parse may hold: the capacity less its eighth kept for
    // small parses, decision 013)
    long capacity = heapMax / dev.bounded.core.ParseBudget.DEFAULT_HEAP_DIVISOR;
    long expectedMax = fail.group(1).equals("MAX_BYTES") ? heapMax / 16 : capacity - capacity / 8;
    assertEquals(expectedMax, Long.parseLong(fail.group(2)));
    assertTrue(Long.parseLong(fail.group(3)) > 1000, "line " + fail.group(3));
  }
}
