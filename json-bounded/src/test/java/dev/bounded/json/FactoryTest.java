package dev.bounded.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.async.ByteBufferFeeder;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactoryTest {
  private static final JsonLimits LIMITS = JsonLimits.builder().maxStringLength(3).build();
  private static final String OVER = "[\"abcd\"]";
  private static final byte[] OVER_BYTES = OVER.getBytes(StandardCharsets.UTF_8);

  private interface Open {
    JsonParser open(JsonFactory f) throws IOException;
  }

  private static void assertBounded(JsonFactory f, Open open) throws IOException {
    try (JsonParser p = open.open(f)) {
      StreamConstraintsException e =
          assertThrows(
              StreamConstraintsException.class,
              () -> {
                while (p.nextToken() != null) {
                  // values skipped
                }
              });
      LimitExceededException ours =
          BoundedParseException.find(e, LimitExceededException.class).orElseThrow();
      assertEquals(Limit.MAX_STRING_LENGTH, ours.limit());
    }
  }

  @Test
  @SuppressWarnings("deprecation") // createParser(URL) too: deprecated, but still a way in
  void everyCreateParserVariantIsBounded(@TempDir File dir) throws Exception {
    File file = new File(dir, "over.json");
    Files.write(file.toPath(), OVER_BYTES);
    Map<String, Open> variants = new LinkedHashMap<>();
    variants.put("InputStream", f -> f.createParser(new ByteArrayInputStream(OVER_BYTES)));
    variants.put("byte[]", f -> f.createParser(OVER_BYTES));
    byte[] padded = ("xx" + OVER + "yy").getBytes(StandardCharsets.UTF_8);
    variants.put("byte[] slice", f -> f.createParser(padded, 2, OVER_BYTES.length));
    variants.put("Reader", f -> f.createParser(new StringReader(OVER)));
    variants.put("String", f -> f.createParser(OVER));
    variants.put("char[]", f -> f.createParser(OVER.toCharArray()));
    char[] paddedChars = ("xx" + OVER + "yy").toCharArray();
    variants.put("char[] slice", f -> f.createParser(paddedChars, 2, OVER.length()));
    variants.put("File", f -> f.createParser(file));
    variants.put("URL", f -> f.createParser(file.toURI().toURL()));
    JsonFactory f = BoundedJson.newFactory(LIMITS);
    for (Map.Entry<String, Open> v : variants.entrySet()) {
      try {
        assertBounded(f, v.getValue());
        assertBounded(f.copy(), v.getValue());
        assertBounded(f.rebuild().build(), v.getValue());
      } catch (AssertionError e) {
        throw new AssertionError(v.getKey() + ": " + e.getMessage(), e);
      }
    }
  }

  @Test
  void theNonBlockingByteArrayParserIsBounded() throws Exception {
    JsonParser p = BoundedJson.newFactory(LIMITS).createNonBlockingByteArrayParser();
    ByteArrayFeeder feeder = (ByteArrayFeeder) p.getNonBlockingInputFeeder();
    feeder.feedInput(OVER_BYTES, 0, OVER_BYTES.length);
    assertEquals(JsonToken.START_ARRAY, p.nextToken());
    StreamConstraintsException e =
        assertThrows(
            StreamConstraintsException.class,
            () -> {
              while (p.nextToken() != null) {
                // drain
              }
            });
    assertEquals(
        Limit.MAX_STRING_LENGTH,
        BoundedParseException.find(e, LimitExceededException.class).orElseThrow().limit());
  }

  @Test
  void theNonBlockingByteBufferParserIsBounded() throws Exception {
    JsonParser p = BoundedJson.newFactory(LIMITS).createNonBlockingByteBufferParser();
    ((ByteBufferFeeder) p.getNonBlockingInputFeeder()).feedInput(ByteBuffer.wrap(OVER_BYTES));
    StreamConstraintsException e =
        assertThrows(
            StreamConstraintsException.class,
            () -> {
              while (p.nextToken() != null) {
                // drain
              }
            });
    assertTrue(BoundedParseException.find(e, LimitExceededException.class).isPresent());
  }

  @Test
  void theNonBlockingParserPassesAValidDocumentFedInPieces() throws Exception {
    JsonParser p = BoundedJson.newFactory(JsonLimits.defaults()).createNonBlockingByteArrayParser();
    ByteArrayFeeder feeder = (ByteArrayFeeder) p.getNonBlockingInputFeeder();
    byte[] doc = "{\"a\":[1,\"xy\",true]}".getBytes(StandardCharsets.UTF_8);
    int tokens = 0;
    for (int i = 0; i < doc.length; i++) {
      feeder.feedInput(doc, i, i + 1);
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.NOT_AVAILABLE && t != null) {
        tokens++;
      }
    }
    feeder.endOfInput();
    while (p.nextToken() != null) {
      tokens++;
    }
    assertEquals(8, tokens);
  }

  @Test
  void dataInputIsRefusedRatherThanLeftUnbounded() {
    JsonFactory f = BoundedJson.newFactory(LIMITS);
    assertThrows(
        UnsupportedOperationException.class,
        () ->
            f.createParser(
                (java.io.DataInput) new DataInputStream(new ByteArrayInputStream(OVER_BYTES))));
  }

  @Test
  void featuresThatChangeTokenizationAreRefused() throws Exception {
    JsonFactory f = BoundedJson.newFactory(LIMITS);
    assertThrows(
        UnsupportedOperationException.class, () -> f.enable(JsonParser.Feature.ALLOW_COMMENTS));
    assertThrows(
        UnsupportedOperationException.class,
        () -> f.configure(JsonParser.Feature.ALLOW_SINGLE_QUOTES, true));
    try (JsonParser p = f.createParser("[1]")) {
      assertThrows(
          UnsupportedOperationException.class,
          () -> p.enable(JsonParser.Feature.ALLOW_YAML_COMMENTS));
      assertThrows(
          UnsupportedOperationException.class,
          () ->
              p.overrideStdFeatures(
                  JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES.getMask(),
                  JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES.getMask()));
    }
  }

  @Test
  void theLimitsCannotBeReplacedThroughJacksonConstraints() {
    JsonFactory f = BoundedJson.newFactory(LIMITS);
    assertThrows(
        UnsupportedOperationException.class,
        () -> f.setStreamReadConstraints(StreamReadConstraints.defaults()));
  }

  @Test
  void malformedInputIsAJsonParseExceptionCarryingOurs() throws Exception {
    try (JsonParser p =
        BoundedJson.newParser("[1,]".getBytes(StandardCharsets.UTF_8), JsonLimits.defaults())) {
      JsonParseException e =
          assertThrows(
              JsonParseException.class,
              () -> {
                while (p.nextToken() != null) {
                  // drain
                }
              });
      MalformedDocumentException m =
          BoundedParseException.find(e, MalformedDocumentException.class).orElseThrow();
      assertEquals(1, m.line());
      assertEquals(4, m.column());
    }
  }

  @Test
  void anEmptyInputIsAnError() throws Exception {
    try (JsonParser p = BoundedJson.newParser(new byte[0], JsonLimits.defaults())) {
      JsonParseException e = assertThrows(JsonParseException.class, p::nextToken);
      assertTrue(BoundedParseException.find(e, MalformedDocumentException.class).isPresent());
    }
  }

  @Test
  void rootValuesFollowOneAnotherAsInJackson() throws Exception {
    try (JsonParser p = BoundedJson.newParser(new StringReader("1 2"), JsonLimits.defaults())) {
      assertEquals(JsonToken.VALUE_NUMBER_INT, p.nextToken());
      assertEquals(JsonToken.VALUE_NUMBER_INT, p.nextToken());
      assertNull(p.nextToken());
    }
  }
}
