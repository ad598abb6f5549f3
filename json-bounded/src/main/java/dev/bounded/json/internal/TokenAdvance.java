package dev.bounded.json.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import java.io.IOException;

/**
 * Jackson's token-advancing conveniences written over {@code p.nextToken()}, so that every token a
 * bounded parser hands out (skipped ones included) is counted and checked there. Jackson's own
 * versions read tokens without going through an overridden {@code nextToken()}. Shared by both
 * bounded parsers ({@link BoundedUtf8Parser}, {@link BoundedJsonParser}).
 */
final class TokenAdvance {
  private TokenAdvance() {}

  static JsonToken nextValue(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    return t == JsonToken.FIELD_NAME ? p.nextToken() : t;
  }

  static boolean nextFieldName(JsonParser p, SerializableString str) throws IOException {
    return p.nextToken() == JsonToken.FIELD_NAME && str.getValue().equals(p.currentName());
  }

  static String nextFieldName(JsonParser p) throws IOException {
    return p.nextToken() == JsonToken.FIELD_NAME ? p.currentName() : null;
  }

  static String nextTextValue(JsonParser p) throws IOException {
    return p.nextToken() == JsonToken.VALUE_STRING ? p.getText() : null;
  }

  static int nextIntValue(JsonParser p, int defaultValue) throws IOException {
    return p.nextToken() == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : defaultValue;
  }

  static long nextLongValue(JsonParser p, long defaultValue) throws IOException {
    return p.nextToken() == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : defaultValue;
  }

  static Boolean nextBooleanValue(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    return t == JsonToken.VALUE_TRUE
        ? Boolean.TRUE
        : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
  }

  /** Skips to the end of the current array or object, one counted token at a time. */
  static JsonParser skipChildren(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
      return p;
    }
    int open = 1;
    while (true) {
      t = p.nextToken();
      if (t == null || t == JsonToken.NOT_AVAILABLE) {
        return p;
      }
      if (t.isStructStart()) {
        open++;
      } else if (t.isStructEnd() && --open == 0) {
        return p;
      }
    }
  }
}
