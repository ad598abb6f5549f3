package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Long property names (issue 14, finding 1): a document of new long names costs what the same text
 * in values costs (Jackson's byte name table made it quadratic), and once a parse has put {@code
 * 16,384} characters of long names into its table, later names are decoded without it ("steered"),
 * with the same results and the same refusals as Jackson's own decoding.
 */
class LongNamesTest {
  private static final JsonFactory RAW =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNameLength(1 << 20).build())
          .build();

  /** A name that switches steering on: 20,000 characters, new. */
  private static String trigger(Random rnd) {
    StringBuilder sb = new StringBuilder("\"t" + rnd.nextLong() + "_");
    while (sb.length() < 20_000) {
      sb.append('t');
    }
    return sb.append("\":0").toString();
  }

  private static final String[] PIECES = {
    "a",
    "Z",
    "_",
    "0",
    " ",
    "\\n",
    "\\\"",
    "\\\\",
    "\\u00e9",
    "\\ud83d\\ude00",
    "\u00e9",
    "\u20ac",
    "\ud83d\ude00",
    "\u0800",
    "\uffff",
    "/",
    "\\/"
  };

  private static String randomName(Random rnd) {
    StringBuilder sb = new StringBuilder();
    int len = rnd.nextInt(4) == 0 ? rnd.nextInt(9_000) : rnd.nextInt(40);
    for (int i = 0; i < len; i++) {
      sb.append(rnd.nextInt(3) == 0 ? PIECES[rnd.nextInt(PIECES.length)] : "x");
    }
    return sb.toString();
  }

  /** Nested objects and arrays with random names, after the trigger name. */
  private static String document(Random rnd) {
    StringBuilder sb = new StringBuilder("{").append(trigger(rnd));
    int n = 1 + rnd.nextInt(60);
    for (int i = 0; i < n; i++) {
      sb.append(rnd.nextBoolean() ? ", " : ",\n ")
          .append('"')
          .append(randomName(rnd))
          .append("\":");
      switch (rnd.nextInt(4)) {
        case 0:
          sb.append("{ \"").append(randomName(rnd)).append("\" :[1,{\"").append(randomName(rnd));
          sb.append("\":\"v\"}], \"").append(randomName(rnd)).append("\":{}}");
          break;
        case 1:
          sb.append('"').append(randomName(rnd)).append('"');
          break;
        case 2:
          sb.append("[{\"").append(randomName(rnd)).append("\":-1.5e3}]");
          break;
        default:
          sb.append("true");
      }
    }
    return sb.append('}').toString();
  }

  private static List<String> tokens(JsonParser p) throws IOException {
    List<String> out = new ArrayList<>();
    try (p) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        out.add(
            t
                + (t == JsonToken.FIELD_NAME ? ":" + p.currentName() : "")
                + (t.isScalarValue() ? "=" + p.getText() : ""));
      }
    }
    return out;
  }

  /** A generated family: steered names read exactly as Jackson reads them, in every input mode. */
  @Test
  void steeredNamesReadAsJacksonReadsThem() throws Exception {
    long seed = System.nanoTime();
    System.out.println("LongNamesTest seed " + seed);
    Random rnd = new Random(seed);
    JsonLimits limits = JsonLimits.defaults();
    for (int i = 0; i < 40; i++) {
      String doc = document(rnd);
      byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
      List<String> expected = tokens(RAW.createParser(bytes));
      for (InputMode mode : InputMode.values()) {
        assertEquals(expected, tokens(mode.newParser(doc, limits)), "seed " + seed + " " + mode);
      }
    }
  }

  /** Bytes Jackson refuses in a name are refused as ours in a steered name too, located. */
  @ParameterizedTest
  @EnumSource(
      value = InputMode.class,
      names = {"BYTES", "STREAM", "ONE_BYTE_AT_A_TIME"})
  void steeredNamesRefuseWhatJacksonRefuses(InputMode mode) throws Exception {
    Random rnd = new Random(1);
    byte[][] bad = {
      {(byte) 0xC0, (byte) 0x80}, // overlong
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a surrogate (CESU-8)
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // past U+10FFFF
      {(byte) 0xE2, (byte) 0x28, (byte) 0xA1}, // a bad continuation
      {(byte) 0xFF},
      {0x01}, // a control character
    };
    for (byte[] b : bad) {
      String head = "{" + trigger(rnd) + ",\"ab";
      byte[] h = head.getBytes(StandardCharsets.UTF_8);
      byte[] t = "cd\":1}".getBytes(StandardCharsets.UTF_8);
      byte[] doc = new byte[h.length + b.length + t.length];
      System.arraycopy(h, 0, doc, 0, h.length);
      System.arraycopy(b, 0, doc, h.length, b.length);
      System.arraycopy(t, 0, doc, h.length + b.length, t.length);
      assertThrows(JsonProcessingException.class, () -> tokens(RAW.createParser(doc)));
      JsonProcessingException e =
          assertThrows(JsonProcessingException.class, () -> tokens(parser(mode, doc)));
      MalformedDocumentException ours =
          BoundedParseException.find(e, MalformedDocumentException.class)
              .orElseThrow(() -> new AssertionError("not ours: " + e, e));
      assertTrue(ours.line() >= 1, ours::getMessage);
    }
    // End of input inside a steered name.
    byte[] eof = ("{" + trigger(rnd) + ",\"abc").getBytes(StandardCharsets.UTF_8);
    JsonProcessingException e =
        assertThrows(JsonProcessingException.class, () -> tokens(parser(mode, eof)));
    assertTrue(BoundedParseException.find(e, MalformedDocumentException.class).isPresent());
  }

  private static JsonParser parser(InputMode mode, byte[] doc) throws IOException {
    InputStream in = new ByteArrayInputStream(doc);
    switch (mode) {
      case BYTES:
        return BoundedJson.newParser(doc, JsonLimits.defaults());
      case STREAM:
        return BoundedJson.newParser(in, JsonLimits.defaults());
      default:
        return BoundedJson.newParser(new InputMode.Trickle(in), JsonLimits.defaults());
    }
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void aSteeredNameIsHeldToTheNameLimitExactly(InputMode mode) throws Exception {
    JsonLimits limits = JsonLimits.builder().maxNameLength(30_000).build();
    Random rnd = new Random(2);
    String exact = "{" + trigger(rnd) + ",\"" + "n".repeat(30_000) + "\":1}";
    assertEquals(6, tokens(mode.newParser(exact, limits)).size());
    String over = "{" + trigger(rnd) + ",\"" + "n".repeat(30_001) + "\":1}";
    JsonProcessingException e =
        assertThrows(JsonProcessingException.class, () -> tokens(mode.newParser(over, limits)));
    LimitExceededException ours =
        BoundedParseException.find(e, LimitExceededException.class).orElseThrow();
    assertEquals(Limit.MAX_NAME_LENGTH, ours.limit());
    assertEquals(30_001, ours.actual());
    // Far over the limit: stopped while buffering, within 64K chars.
    String huge = "{" + trigger(rnd) + ",\"" + "n".repeat(1_000_000) + "\":1}";
    JsonProcessingException h =
        assertThrows(JsonProcessingException.class, () -> tokens(mode.newParser(huge, limits)));
    LimitExceededException hl =
        BoundedParseException.find(h, LimitExceededException.class).orElseThrow();
    assertEquals(Limit.MAX_NAME_LENGTH, hl.limit());
    assertTrue(hl.actual() <= 30_000 + (1 << 17), () -> "stopped at " + hl.actual());
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  interface Run {
    void run(byte[] doc) throws IOException;
  }

  /** Best of {@code rounds}: thread CPU time of {@code r} over a fresh document each round. */
  private static long best(Run r, boolean names, int rounds, long salt) throws IOException {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < rounds; i++) {
      byte[] doc =
          names
              ? RetentionMain.longNames(salt * 100 + i, 100, 50_000)
              : RetentionMain.longValues(salt * 100 + i, 100, 50_000);
      long t0 = THREADS.getCurrentThreadCpuTime();
      r.run(doc);
      best = Math.min(best, THREADS.getCurrentThreadCpuTime() - t0);
    }
    return best;
  }

  /**
   * The shape, 100 new names of 50,000 characters (5 MB), against the same text in string
   * values, through every API: within 6x (best of five after a warm-up; it was about 60x through
   * the byte parser, and more on every later document as the shared table grew). A loaded machine
   * is ridden out by taking the best of five.
   */
  @Test
  void newLongNamesCostWhatTheSameTextInValuesCosts() throws Exception {
    JsonLimits limits = JsonLimits.defaults();
    ObjectMapper mapper = new ObjectMapper(BoundedJson.newFactory(limits));
    Run[] runs = {
      d -> BoundedJson.parse(d, limits, new JsonHandler() {}),
      d -> RetentionMain.drain(BoundedJson.newParser(d, limits)),
      d -> RetentionMain.drain(BoundedJson.newParser(new ByteArrayInputStream(d), limits)),
      d -> mapper.readTree(d),
      d ->
          RetentionMain.drain(
              BoundedJson.newParser(
                  new java.io.InputStreamReader(
                      new ByteArrayInputStream(d), StandardCharsets.UTF_8),
                  limits)),
    };
    String[] names = {"push", "pull bytes", "pull stream", "readTree", "Reader"};
    long salt = System.nanoTime() % 1_000_000;
    // Warm every API up before measuring any: measured first and cold, push once read 3.8x on an
    // idle machine where it reads 1.1-1.7x warm.
    for (int i = 0; i < runs.length; i++) {
      best(runs[i], true, 3, salt + 17 * i);
      best(runs[i], false, 3, salt + 17 * i + 5);
    }
    for (int i = 0; i < runs.length; i++) {
      best(runs[i], true, 2, salt + 17 * i + 7); // and once more right before its measurement
      best(runs[i], false, 2, salt + 17 * i + 8);
      long hostile = best(runs[i], true, 5, salt + 17 * i + 10);
      long plain = best(runs[i], false, 5, salt + 17 * i + 10);
      double ratio = hostile / (double) plain;
      System.out.printf(
          "LongNamesTest %s: names %.1f ms, values %.1f ms, ratio %.2f%n",
          names[i], hostile / 1e6, plain / 1e6, ratio);
      // The defect this guards against cost 60-670x (a shared table growing quadratically), so the
      // bar sits an order of magnitude below it, not at today's figure: names are hashed where
      // values are not (readTree hashes each 50,000-char key again for its map), and a loaded CI
      // machine read readTree at 3.0x where an idle one reads 1.5-2x. Jackson's char parser decodes
      // a name that crosses its buffer char by char (2-6x of values on its own, measured without
      // us): the Reader is held to 12x.
      double max = names[i].equals("Reader") ? 12 : 6;
      assertTrue(ratio <= max, names[i] + ": " + ratio);
    }
  }
}
