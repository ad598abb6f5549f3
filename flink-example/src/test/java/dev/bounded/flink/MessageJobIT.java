package dev.bounded.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.testkit.Forked;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * JSON messages with poison pills that fit in a message but not in a tree (a 50 MB string, 10^6
 * nesting, a 10^7-token array, exponent and digit bombs bound to {@code BigInteger}, a truncated
 * message) among {@link #COUNT} normal ones, on Flink's MiniCluster in a 256 MB child JVM: through
 * {@link BoundedJsonSchema} every normal message arrives, every pill is one error record on the
 * side output naming its limit, and the TaskManager lives (no restart, the job finishes). The same
 * job on a plain {@code ObjectMapper} restarts until Flink gives up (or dies).
 */
class MessageJobIT {
  /** The child JVM: a 256 MB heap, and Flink's own logging at WARN. */
  private static final List<String> JVM = List.of("-Xmx256m", "-Dlog4j2.level=WARN");

  static final long COUNT = Long.getLong("bounded.flink.messages", 20_000);

  @Test
  void everyNormalMessageArrivesAndEveryPillIsOneErrorRecord() throws Exception {
    Path out = Path.of("target", "flink-it", "messages-bounded.txt");
    Files.createDirectories(out.getParent());
    Forked.Result f =
        Forked.start(JVM, 600, MessageJobMain.class, "bounded", "" + COUNT, out.toString());
    assertEquals(0, f.exitCode(), f.output());
    FeedJobIT.Result r = FeedJobIT.Result.read(out);
    System.out.printf(
        "[MessageJobIT] bounded, -Xmx256m: %s, %d restarts, %d messages, %d error records, job %d"
            + " ms, JVM %d ms%n",
        r.status, r.restarts, r.items.get("messages"), r.errors.size(), r.millis, f.millis());
    assertEquals("FINISHED", r.status, r.failures.toString());
    assertEquals(0, r.restarts, "the TaskManager lived, no task restarted: " + r.failures);
    long sum = COUNT * (COUNT + 1) / 2;
    Map<String, String> expected = new TreeMap<>();
    for (int p = 0; p < MessageJobMain.PILLS.length; p++) {
      sum -= MessageJobMain.PILLS[p];
      byte[] m = MessageJobMain.message(MessageJobMain.PILLS[p]);
      expected.put(Problems.message(m), MessageJobMain.PILL_KINDS[p]);
    }
    assertEquals(COUNT - MessageJobMain.PILLS.length, (long) r.items.get("messages"));
    assertEquals(sum, (long) r.items.get("amounts"), "each normal message once");
    Map<String, String> kinds = new TreeMap<>();
    for (String[] e : r.errors) {
      assertEquals(null, kinds.put(e[2], e[0]), "one error record per pill: " + e[2]);
    }
    assertEquals(expected, kinds, "every pill on the side output, naming its limit");

    // XML messages in the same job: every <order> of a normal message, each pill one error record
    // after the records before its break.
    long xmlCount = COUNT / 4;
    long orders = 2 * xmlCount;
    long orderSum = 2 * (xmlCount * (xmlCount + 1) / 2);
    Map<String, String> xmlExpected = new TreeMap<>();
    for (int p = 0; p < XmlMessages.PILLS.length; p++) {
      long before = XmlMessages.PILL_RECORDS_BEFORE[p];
      orders -= 2 - before;
      orderSum -= 2 * XmlMessages.PILLS[p] - before; // a kept record before a break has amount 1
      xmlExpected.put(
          Problems.message(XmlMessages.message(XmlMessages.PILLS[p])),
          XmlMessages.PILL_KINDS[p] + " " + before);
    }
    System.out.printf(
        "[MessageJobIT] XML beside it: %d records, %d error records%n",
        r.items.get("orders"), r.xmlErrors.size());
    Map<String, String> xmlKinds = new TreeMap<>();
    for (String[] e : r.xmlErrors) {
      assertEquals(
          null, xmlKinds.put(e[2], e[0] + " " + e[1]), "one error record per pill: " + e[2]);
    }
    assertEquals(xmlExpected, xmlKinds, "every XML pill on the side output: " + r.xmlErrors.size());
    assertEquals(orders, (long) r.items.get("orders"));
    assertEquals(orderSum, (long) r.items.get("orderAmounts"));
  }

  @Test
  void theSameJobOnAPlainObjectMapperRestartsOrDies() throws Exception {
    Path out = Path.of("target", "flink-it", "messages-plain.txt");
    Files.createDirectories(out.getParent());
    Files.deleteIfExists(out);
    Forked.Result f =
        Forked.start(JVM, 600, MessageJobMain.class, "plain", "" + COUNT, out.toString());
    if (f.exitCode() != 0) {
      System.out.printf(
          "[MessageJobIT] plain ObjectMapper, -Xmx256m: the JVM died (exit code %d) after %d ms%n",
          f.exitCode(), f.millis());
      assertTrue(f.output().contains("OutOfMemoryError"), f.output());
      return;
    }
    FeedJobIT.Result r = FeedJobIT.Result.read(out);
    System.out.printf(
        "[MessageJobIT] plain ObjectMapper, -Xmx256m: %s, a task ran %d more times, in %d ms: %s%n",
        r.status, r.restarts, r.millis, r.failures);
    assertEquals("FAILED", r.status);
    // Each subtask's pipeline is its own failover region, so the strategy's 3 restarts may be
    // spread
    // over them: some task ran again, and the job failed when the strategy gave up.
    assertTrue(r.restarts >= 1, "a task was restarted: " + r.failures);
    assertTrue(r.failures.toString().contains("Recovery is suppressed"), r.failures.toString());
  }
}
