package dev.bounded.json;

import com.fasterxml.jackson.core.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/** The ways a test feeds the same JSON text to the parser. */
enum InputMode {
  BYTES {
    @Override
    void parse(String json, JsonLimits limits, JsonHandler h) throws IOException {
      BoundedJson.parse(json.getBytes(StandardCharsets.UTF_8), limits, h);
    }

    @Override
    JsonParser newParser(String json, JsonLimits limits) throws IOException {
      return BoundedJson.newParser(json.getBytes(StandardCharsets.UTF_8), limits);
    }
  },
  STREAM {
    @Override
    void parse(String json, JsonLimits limits, JsonHandler h) throws IOException {
      BoundedJson.parse(stream(json), limits, h);
    }

    @Override
    JsonParser newParser(String json, JsonLimits limits) throws IOException {
      return BoundedJson.newParser(stream(json), limits);
    }
  },
  ONE_BYTE_AT_A_TIME {
    @Override
    void parse(String json, JsonLimits limits, JsonHandler h) throws IOException {
      BoundedJson.parse(new Trickle(stream(json)), limits, h);
    }

    @Override
    JsonParser newParser(String json, JsonLimits limits) throws IOException {
      return BoundedJson.newParser(new Trickle(stream(json)), limits);
    }
  },
  READER {
    @Override
    void parse(String json, JsonLimits limits, JsonHandler h) throws IOException {
      BoundedJson.parse(new StringReader(json), limits, h);
    }

    @Override
    JsonParser newParser(String json, JsonLimits limits) throws IOException {
      return BoundedJson.newParser(new StringReader(json), limits);
    }
  };

  abstract void parse(String json, JsonLimits limits, JsonHandler h) throws IOException;

  abstract JsonParser newParser(String json, JsonLimits limits) throws IOException;

  /** Pulls every token, reading the text of none (every value skipped). */
  void pullAll(String json, JsonLimits limits) throws IOException {
    try (JsonParser p = newParser(json, limits)) {
      while (p.nextToken() != null) {
        // skip
      }
    }
  }

  /** Pulls the root token and skips its children. */
  void skipRoot(String json, JsonLimits limits) throws IOException {
    try (JsonParser p = newParser(json, limits)) {
      p.nextToken();
      p.skipChildren();
      p.nextToken();
    }
  }

  static InputStream stream(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Hands out one byte per read, like a slow network. */
  static final class Trickle extends FilterInputStream {
    Trickle(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return super.read(b, off, Math.min(len, 1));
    }
  }
}
