package dev.bounded.xml.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.ParseBudget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The blast-radius proof, in forked -Xmx256m JVMs: 8 documents, each the largest the default
 * drop-in accepts alone, parsed at once next to a stream of small ones, leave the JVM standing (the
 * shared budget refuses or delays some large ones, every small one succeeds, the budget ends at
 * zero); the same load through the JDK's own DocumentBuilderFactory dies of OutOfMemoryError.
 */
class BlastRadiusTest {
  private static final String HEAP = "-Xmx256m";

  private static String[] run(String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String[] cmd = new String[6 + args.length];
    cmd[0] = java;
    cmd[1] = HEAP;
    cmd[2] = "-XX:+ExitOnOutOfMemoryError";
    cmd[3] = "-cp";
    cmd[4] = System.getProperty("java.class.path");
    cmd[5] = BlastRadiusChild.class.getName();
    System.arraycopy(args, 0, cmd, 6, args.length);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      byte[] out = p.getInputStream().readAllBytes(); // until the child exits
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child still running");
      String text = new String(out, StandardCharsets.UTF_8);
      System.out.print(text);
      return new String[] {Integer.toString(p.exitValue()), text};
    } finally {
      p.destroyForcibly();
    }
  }

  private static Matcher find(String regex, String out) {
    Matcher m = Pattern.compile(regex).matcher(out);
    assertTrue(m.find(), "no line matching " + regex + " in:\n" + out);
    return m;
  }

  @Test
  void eightLargestAcceptedDocumentsAtOnceFailTypedOrSucceedWhileTheJdkBuilderRunsOutOfHeap()
      throws Exception {
    String[] bounded = run("bounded");
    String out = bounded[1];
    assertEquals("0", bounded[0], "the bounded child did not exit cleanly:\n" + out);
    find("done seconds=", out);
    long items = Long.parseLong(find("alone items=(\\d+) bytes=(\\d+)", out).group(1));
    assertTrue(items > 1000, "largest accepted alone: " + items + " items");

    Matcher large =
        Pattern.compile("large thread=\\d+ items=" + items + " result=(.*) ms=\\d+").matcher(out);
    int results = 0;
    int ok = 0;
    while (large.find()) {
      results++;
      String r = large.group(1);
      if (r.startsWith("OK")) {
        ok++;
        assertTrue(Long.parseLong(r.substring("OK nodes=".length())) > items * 14, r);
      } else {
        // typed: a SAXParseException caused by our LimitExceededException
        assertTrue(
            r.matches("SAXParseException limit=(PARSE_BUDGET|MAX_BYTES|MAX_NODES|MAX_TEXT_LENGTH)"),
            r);
      }
    }
    assertEquals(8, results, out);

    Matcher small = find("small ok=(\\d+) failed=(\\d+)", out);
    assertTrue(Long.parseLong(small.group(1)) >= 20, "small parses: " + small.group(1));
    assertEquals("0", small.group(2), "a small parse failed:\n" + out);

    Matcher budget =
        find(
            "budget capacity=(\\d+) held=(\\d+) highWaterMark=(\\d+) waits=(\\d+) refusals=(\\d+) active=(\\d+)",
            out);
    long capacity = Long.parseLong(budget.group(1));
    assertEquals(
        Long.parseLong(find("heap maxMemory=(\\d+)", out).group(1))
            / ParseBudget.DEFAULT_HEAP_DIVISOR,
        capacity);
    assertEquals("0", budget.group(2), "budget not back to zero");
    assertTrue(Long.parseLong(budget.group(3)) <= capacity);
    assertEquals("0", budget.group(6));
    assertEquals(
        8 - ok, Long.parseLong(budget.group(5)), "refusals should be the failed large parses");
    System.out.printf("blast radius: %d of 8 large parses succeeded, %d refused%n", ok, 8 - ok);

    String[] jdk = run("jdk", Long.toString(items));
    assertNotEquals(
        "0", jdk[0], "the JDK builder survived the same load, so this proves nothing:\n" + jdk[1]);
    assertTrue(jdk[1].contains("java.lang.OutOfMemoryError"), jdk[1]);
  }
}
