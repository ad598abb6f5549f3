package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushApiTest {
  @Test
  void anEmptyHandlerCompilesAndParses() throws Exception {
    BoundedJson.parse(
        "{\"a\":[1,\"x\",null,true]}".getBytes(StandardCharsets.UTF_8),
        JsonLimits.defaults(),
        new JsonHandler() {});
  }

  @Test
  void skipPassesOverAContainerOrAPropertyValue() throws Exception {
    Recorder r =
        new Recorder() {
          @Override
          public Control fieldName(String name) {
            super.fieldName(name);
            return name.equals("skip") ? Control.SKIP : Control.CONTINUE;
          }

          @Override
          public Control startArray() {
            super.startArray();
            return events.size() > 4 ? Control.SKIP : Control.CONTINUE;
          }
        };
    BoundedJson.parse(
        new StringReader("{\"skip\":{\"x\":[1]},\"keep\":[[9],2]}"), JsonLimits.defaults(), r);
    assertEquals(List.of("{", "name:skip", "name:keep", "[", "[", "number:2", "]", "}"), r.events);
  }

  @Test
  void stopEndsTheParseWithoutReadingFurther() throws Exception {
    List<String> seen = new ArrayList<>();
    JsonHandler h =
        new JsonHandler() {
          @Override
          public Control number(JsonNumber value) {
            seen.add(value.toString());
            return Control.STOP;
          }
        };
    // What follows the first number is garbage, never read.
    BoundedJson.parse(
        new ByteArrayInputStream("[1, 2 garbage".getBytes(StandardCharsets.UTF_8)),
        JsonLimits.defaults(),
        h);
    assertEquals(List.of("1"), seen);
  }

  @Test
  void handlerExceptionsPropagateUnchanged() {
    IOException io = new IOException("mine");
    IllegalStateException rt = new IllegalStateException("mine too");
    assertSame(
        io,
        assertThrows(
            IOException.class,
            () ->
                BoundedJson.parse(
                    new StringReader("[1]"),
                    JsonLimits.defaults(),
                    new JsonHandler() {
                      @Override
                      public Control startArray() throws IOException {
                        throw io;
                      }
                    })));
    assertSame(
        rt,
        assertThrows(
            IllegalStateException.class,
            () ->
                BoundedJson.parse(
                    new StringReader("[1]"),
                    JsonLimits.defaults(),
                    new JsonHandler() {
                      @Override
                      public Control number(JsonNumber n) {
                        throw rt;
                      }
                    })));
  }

  @Test
  void hugeExponentsAreNeverExpanded() throws Exception {
    List<JsonNumber> kept = new ArrayList<>();
    List<BigDecimal> values = new ArrayList<>();
    BoundedJson.parse(
        new StringReader("[1e1000000000, 12345678901234567890, -0.5]"),
        JsonLimits.defaults(),
        new JsonHandler() {
          @Override
          public Control number(JsonNumber n) {
            values.add(n.bigDecimalValue());
            if (n.isInteger()) {
              assertEquals(new java.math.BigInteger("12345678901234567890"), n.bigIntegerValue());
              assertThrows(ArithmeticException.class, n::longValue);
            } else {
              assertThrows(ArithmeticException.class, n::bigIntegerValue);
            }
            kept.add(n);
            return Control.CONTINUE;
          }
        });
    assertEquals(-1_000_000_000, values.get(0).scale());
    assertEquals(Double.POSITIVE_INFINITY, new BigDecimal("1e1000000000").doubleValue());
    assertEquals(3, kept.size());
  }

  @Test
  void aSequenceOfValuesIsParsedWithPerValueTokenLimits() throws Exception {
    JsonLimits five = JsonLimits.builder().maxTokens(5).build();
    String ndjson = "{\"a\":1}\n[1,2,3]\n\"x\"\n7\n";
    Recorder r = new Recorder();
    assertEquals(
        4,
        BoundedJson.parseSequence(
            new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)), five, r));
    assertEquals(0, BoundedJson.parseSequence(new StringReader(" \n"), five, new Recorder()));
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () ->
                BoundedJson.parseSequence(
                    new StringReader("[1]\n[1,2,3,4]\n"), five, new Recorder()));
    assertEquals(Limit.MAX_TOKENS, e.limit());
  }

  @Test
  void maxBytesBoundsTheWholeSequence() {
    JsonLimits ten = JsonLimits.builder().maxBytes(10).build();
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () ->
                BoundedJson.parseSequence(
                    new StringReader("[1]\n[2]\n[3]\n"), ten, new Recorder()));
    assertEquals(Limit.MAX_BYTES, e.limit());
    assertTrue(e.getMessage().contains("JsonLimits.maxBytes"));
  }
}
