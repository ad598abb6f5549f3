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
 * handler. Parser failures leave as our {@link BoundedParseException} subtypes; handler exceptions
 * propagate unchanged.
 */
public final class PushLoop {
  private PushLoop() {}

  /**
   * Runs one document ({@code sequence == false}: exactly one root value, then end of input) or a
   * sequence of root values; returns the number of root values completed.
   *
   * <p>Parser failures are translated where the parser is called ({@link #next}, {@link #skip});
   * anything else leaving the loop is the handler's and propagates unchanged, unless a view failed
   * first (the handler may have wrapped or swallowed that failure). So the loop keeps no "in
   * handler" state per token.
   */
  public static long run(JsonParser parser, JsonHandler h, boolean sequence) throws IOException {
    if (!(parser instanceof BoundedParser)) {
      throw new IllegalArgumentException("not a bounded parser");
    }
    if (parser instanceof BoundedUtf8Parser) {
      return ((BoundedUtf8Parser) parser).push(h, sequence);
    }
    Loop loop = new Loop(parser, h, sequence);
    if (!loop.drive()) {
      throw JacksonErrors.malformed(
          "Unexpected token " + JsonToken.NOT_AVAILABLE, loop.b.located());
    }
    return loop.values;
  }

  /**
   * One push parse's loop over a {@link BoundedJsonParser}, resumable: {@link #drive()} runs until
   * the parse ends or a non-blocking parser has no more fed input ({@code NOT_AVAILABLE}), and
   * continues where it left off when called again. So the blocking loop (char input) and the feeder
   * ({@link FeedPush}) are one loop. Skipping is counted here, token by token, rather than by
   * {@code skipChildren()}, which cannot stop for input.
   */
  static final class Loop {
    final JsonParser p;
    final BoundedParser b;
    private final JsonHandler h;
    private final Views v;
    private final boolean sequence;

    /** Root values completed. */
    long values;

    /** Open containers, tracked here rather than asked of the parser per token. */
    private int depth;

    /** Open containers being skipped; 0 when not skipping. */
    private int skipping;

    /** A handler skipped a property: its value is skipped next. */
    private boolean skipValue;

    /** A document's root value is complete: only the end of input may follow. */
    private boolean rootDone;

    /** A handler returned STOP. */
    boolean stopped;

    Loop(JsonParser parser, JsonHandler h, boolean sequence) {
      this.p = parser;
      this.b = (BoundedParser) parser;
      this.h = h;
      this.v = new Views(parser);
      this.sequence = sequence;
      if (sequence) {
        b.allowEmpty();
      }
    }

    /**
     * Runs until the parse ends (true: end of input, or a handler stopped it) or the parser needs
     * more input (false). Parser failures are translated where the parser is called ({@link
     * #next}); anything else leaving the loop is the handler's and propagates unchanged, unless a
     * view failed first (the handler may have wrapped or swallowed that failure).
     */
    boolean drive() throws IOException {
      if (stopped) {
        return true;
      }
      try {
        return loop();
      } catch (IOException | RuntimeException e) {
        if (v.failure != null) {
          throw ours(v.failure, b);
        }
        throw e;
      }
    }

    private boolean loop() throws IOException {
      JsonToken t;
      while ((t = next(p, b)) != null) {
        if (t == JsonToken.NOT_AVAILABLE) {
          return false;
        }
        if (skipping > 0 || skipValue) {
          skipped(t);
          continue;
        }
        if (rootDone) {
          throw trailing(p, b);
        }
        Control c;
        switch (t) {
          case START_OBJECT:
            c = h.startObject();
            if (c == Control.SKIP) {
              skipping = 1;
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
            if (c == Control.SKIP) {
              skipping = 1;
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
            if (c == Control.SKIP) {
              skipValue = true;
            }
            break;
          case VALUE_STRING:
            v.reset();
            c = h.string(v.string);
            if (v.failure != null) {
              throw ours(v.failure, b);
            }
            break;
          case VALUE_NUMBER_INT:
            v.reset();
            v.integer = true;
            c = h.number(v.number);
            if (v.failure != null) {
              throw ours(v.failure, b);
            }
            break;
          case VALUE_NUMBER_FLOAT:
            v.reset();
            v.integer = false;
            c = h.number(v.number);
            if (v.failure != null) {
              throw ours(v.failure, b);
            }
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
            throw JacksonErrors.malformed("Unexpected token " + t, b.located());
        }
        if (c == Control.STOP) {
          stopped = true;
          return true;
        }
        if (skipping == 0 && t != JsonToken.FIELD_NAME) {
          valueEnded();
        }
      }
      return true;
    }

    /** A token passed over without an event (still counted and checked by the parser). */
    private void skipped(JsonToken t) {
      if (skipValue) {
        skipValue = false;
        if (t.isStructStart()) {
          skipping = 1;
        } else {
          valueEnded(); // a skipped scalar property value
        }
      } else if (t.isStructStart()) {
        skipping++;
      } else if (t.isStructEnd() && --skipping == 0) {
        valueEnded();
      }
    }

    /** A value (or a skipped one) ended: at depth 0 it was a root value. */
    private void valueEnded() {
      if (depth == 0) {
        values++;
        if (sequence) {
          b.resetTokenCount();
        } else {
          rootDone = true;
        }
      }
    }
  }

  /** The next token; a parser failure as ours. */
  private static JsonToken next(JsonParser p, BoundedParser b) throws IOException {
    try {
      return p.nextToken();
    } catch (IOException e) {
      throw ours(e, b);
    } catch (RuntimeException e) {
      throw ours(JacksonErrors.translate(e, b.located()), b);
    }
  }

  /** After the root value of a document: end of input, or the trailing content is refused. */
  static void end(JsonParser p, BoundedParser b) throws IOException {
    if (next(p, b) != null) {
      throw trailing(p, b);
    }
  }

  /** A second value where a document's root value has ended. */
  private static MalformedDocumentException trailing(JsonParser p, BoundedParser b) {
    return new MalformedDocumentException(
        "Trailing content after the root value: a second value starts here",
        JacksonErrors.locate(b.located(), p.currentTokenLocation(), -1),
        null);
  }

  /** The typed exception a parser failure carries; a real I/O error of the source unchanged. */
  public static IOException ours(IOException e) {
    BoundedParseException b = BoundedParseException.find(e).orElse(null);
    return b != null ? b : e;
  }

  static IOException ours(IOException e, BoundedParser p) {
    BoundedParseException b = BoundedParseException.find(e).orElse(null);
    if (b != null) {
      return b;
    }
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
      return new MalformedDocumentException(
          JacksonErrors.sanitize(
              ((com.fasterxml.jackson.core.JsonProcessingException) e).getOriginalMessage()),
          JacksonErrors.locate(p.located(), null, -1),
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

    /**
     * The current value's chars in the parser's buffer, valid when {@link #loaded}. Usually the
     * same array value after value (Jackson reuses its text segment), so it is stored only when it
     * changes: per value the views write only primitives, never a reference (no GC barrier).
     */
    char[] chars;

    int offset;
    int len;
    boolean loaded;
    boolean integer;
    IOException failure;
    final CharSequence string = new Text();
    final JsonNumber number = new Number();

    Views(JsonParser p) {
      this.p = p;
    }

    /** A new value: nothing loaded. */
    void reset() {
      loaded = false;
      if (text != null) {
        text = null;
      }
    }

    /** Decodes (and so checks) the value if need be; its chars in place. */
    private void load() {
      try {
        char[] c = p.getTextCharacters();
        offset = p.getTextOffset();
        len = p.getTextLength();
        if (c != chars) {
          chars = c;
        }
        loaded = true;
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
      if (!loaded) {
        load();
      }
      return len;
    }

    char charAt(int index) {
      if (!loaded) {
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
        return NumberText.longValue(text(), integer);
      }

      @Override
      public double doubleValue() {
        return NumberText.doubleValue(text());
      }

      @Override
      public BigDecimal bigDecimalValue() {
        return NumberText.bigDecimalValue(text());
      }

      @Override
      public BigInteger bigIntegerValue() {
        return NumberText.bigIntegerValue(text(), integer);
      }
    }
  }
}
