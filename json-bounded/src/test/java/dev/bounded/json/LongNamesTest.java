package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Long property names (issue 14, finding 1): a document of new long names costs what the same text
 * in values costs (Jackson's byte name table made it quadratic; timed in {@link LongNamesCostIT}),
 * and once a parse has put {@code 16,384} characters of long names into its table, later names are
 * decoded without it ("steered"), with the same results and the same refusals as Jackson's own
 * decoding.
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
}
