package dev.bounded.json.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.bounded.core.BoundedParseException;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.json.JsonHandler;
import dev.bounded.json.JsonHandler.Control;
import dev.bounded.json.JsonNumber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The push loop behind {@code BoundedJson.parse}: iterative (no recursion, whatever the depth),
 * drives a bounded parser ({@link BoundedUtf8Parser} or {@link BoundedJsonParser}) and calls the
 * handler. Parser failures leave as our {@link
 * BoundedParseException} subtypes; handler exceptions propagate unchanged.
 */
public final class Push {
  private Push() {}

  /**
   * Runs one document ({@code sequence == false}: exactly one root value, then end of input) or a
   * sequence of root values; returns the number of root values completed.
   */
  public static long run(JsonParser parser, JsonHandler h, boolean sequence) throws IOException {
    if (!(parser instanceof BoundedParser)) {
      throw new IllegalArgumentException("not a bounded parser");
    }
    BoundedParser b = (BoundedParser) parser;
    JsonParser p = parser;
    if (sequence) {
      b.allowEmpty();
    }
    Views v = new Views(p);
    long values = 0;
    int depth = 0; // open containers, tracked here rather than asked of the parser per token
    boolean inHandler = false;
    try {
      JsonToken t = p.nextToken();
      while (t != null) {
        Control c;
        inHandler = true;
        switch (t) {
          case START_OBJECT:
            c = h.startObject();
            inHandler = false;
            if (c == Control.SKIP) {
              p.skipChildren();
            } else {
              depth++;
            }
            break;
          case END_OBJECT:
            depth--;
            c = h.endObject();
            break;
          case START_ARRAY:
            c = h.startArray();
            inHandler = false;
            if (c == Control.SKIP) {
              p.skipChildren();
            } else {
              depth++;
            }
            break;
          case END_ARRAY:
            depth--;
            c = h.endArray();
            break;
          case FIELD_NAME:
            c = h.fieldName(p.currentName());
            inHandler = false;
            if (c == Control.SKIP) {
              p.nextToken();
              p.skipChildren();
            }
            break;
          case VALUE_STRING:
            v.reset();
            c = h.string(v.string);
            break;
          case VALUE_NUMBER_INT:
            v.reset();
            v.integer = true;
            c = h.number(v.number);
            break;
          case VALUE_NUMBER_FLOAT:
            v.reset();
            v.integer = false;
            c = h.number(v.number);
            break;
          case VALUE_TRUE:
            c = h.bool(true);
            break;
          case VALUE_FALSE:
            c = h.bool(false);
            break;
          case VALUE_NULL:
            c = h.nullValue();
            break;
          default:
            inHandler = false;
            throw Errors.malformed("Unexpected token " + t, b.located());
        }
        inHandler = false;
        if (v.failure != null) {
          throw v.failure;
        }
        if (c == Control.STOP) {
          return values;
        }
        if (depth == 0 && t != JsonToken.FIELD_NAME) {
          values++;
          if (!sequence) {
            t = p.nextToken();
            if (t != null) {
              throw new MalformedDocumentException(
                  "Trailing content after the root value: a second value starts here",
                  Errors.locate(b.located(), p.currentTokenLocation(), -1),
                  null);
            }
            return values;
          }
          b.resetTokenCount();
        }
        t = p.nextToken();
      }
      return values;
    } catch (IOException e) {
      if (v.failure != null) {
        throw ours(v.failure, b);
      }
      if (inHandler) {
        throw e;
      }
      throw ours(e, b);
    } catch (RuntimeException e) {
      if (v.failure != null) {
        throw ours(v.failure, b);
      }
      if (inHandler) {
        throw e;
      }
      throw ours(Errors.translate(e, b.located()), b);
    }
  }

  /** The typed exception a parser failure carries; a real I/O error of the source unchanged. */
  public static IOException ours(IOException e) {
    BoundedParseException b = BoundedParseException.find(e).orElse(null);
    return b != null ? b : e;
  }

  private static IOException ours(IOException e, BoundedParser p) {
    BoundedParseException b = BoundedParseException.find(e).orElse(null);
    if (b != null) {
      return b;
    }
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
      return new MalformedDocumentException(
          Errors.sanitize(((com.fasterxml.jackson.core.JsonProcessingException) e).getOriginalMessage()),
          Errors.locate(p.located(), null, -1),
          e);
    }
    return e;
  }

  /**
   * The lazy views handed to the handler; one pair per parse. A view reads the parser's own text
   * buffer in place ({@code getTextCharacters}, as a raw Jackson loop does): {@code length()} and
   * {@code charAt} never build a {@code String}; only {@code toString()} and {@code subSequence}
   * do.
   */
  private static final class Views {
    final JsonParser p;
    /** The current value's text as a String, once asked for. */
    String text;
    /** The current value's chars in the parser's buffer, once loaded; null until then. */
    char[] chars;
    int offset;
    int len;
    boolean integer;
    IOException failure;
    final CharSequence string = new Text();
    final JsonNumber number = new Number();

    Views(JsonParser p) {
      this.p = p;
    }

    /** A new value: nothing loaded. */
    void reset() {
      text = null;
      chars = null;
    }

    /** Decodes (and so checks) the value if need be; its chars in place. */
    private void load() {
      try {
        char[] c = p.getTextCharacters();
        offset = p.getTextOffset();
        len = p.getTextLength();
        chars = c;
      } catch (IOException e) {
        failure = e;
        throw new UncheckedIOException(e);
      }
    }

    String text() {
      String s = text;
      if (s == null) {
        try {
          s = text = p.getText();
        } catch (IOException e) {
          failure = e;
          throw new UncheckedIOException(e);
        }
      }
      return s;
    }

    int length() {
      if (chars == null) {
        load();
      }
      return len;
    }

    char charAt(int index) {
      if (chars == null) {
        load();
      }
      if (index < 0 || index >= len) {
        throw new StringIndexOutOfBoundsException("index " + index + ", length " + len);
      }
      return chars[offset + index];
    }

    private final class Text implements CharSequence {
      @Override
      public int length() {
        return Views.this.length();
      }

      @Override
      public char charAt(int index) {
        return Views.this.charAt(index);
      }

      @Override
      public CharSequence subSequence(int start, int end) {
        return text().subSequence(start, end);
      }

      @Override
      public String toString() {
        return text();
      }
    }

    private final class Number implements JsonNumber {
      @Override
      public boolean isInteger() {
        return integer;
      }

      @Override
      public int length() {
        return Views.this.length();
      }

      @Override
      public char charAt(int index) {
        return Views.this.charAt(index);
      }

      @Override
      public CharSequence subSequence(int start, int end) {
        return text().subSequence(start, end);
      }

      @Override
      public String toString() {
        return text();
      }

      @Override
      public long longValue() {
        if (!integer) {
          throw new ArithmeticException("Not an integer: " + Errors.sanitize(text()));
        }
        try {
          return Long.parseLong(text());
        } catch (NumberFormatException e) {
          throw new ArithmeticException("Out of long range: " + Errors.sanitize(text()));
        }
      }

      @Override
      public double doubleValue() {
        return Double.parseDouble(text());
      }

      @Override
      public BigDecimal bigDecimalValue() {
        try {
          return new BigDecimal(text());
        } catch (NumberFormatException e) {
          throw new ArithmeticException("Exponent out of BigDecimal range: " + Errors.sanitize(text()));
        }
      }

      @Override
      public BigInteger bigIntegerValue() {
        if (!integer) {
          throw new ArithmeticException("Not an integer: " + Errors.sanitize(text()));
        }
        return new BigInteger(text());
      }
    }
  }
}
