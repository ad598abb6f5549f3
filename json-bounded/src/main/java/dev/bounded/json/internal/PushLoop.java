package dev.bounded.json.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
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
 * The one push loop behind {@code BoundedJson.parse}, {@code parseSequence}, the feeder and the
 * subscriber, for every parser: iterative (no recursion, whatever the depth), it drives a bounded
 * parser (our {@link Utf8Tokenizer} for bytes, {@link BoundedJsonParser} for chars and fed bytes)
 * through the {@link BoundedParser} hooks and calls the handler. Resumable: {@link #drive()} runs
 * until the parse ends or a non-blocking parser has no more fed input ({@code NOT_AVAILABLE}), and
 * continues where it left off when called again. Skipping is counted here, token by token, rather
 * than by {@code skipChildren()}, which cannot stop for input. Parser failures leave as our {@link
 * BoundedParseException} subtypes; handler exceptions propagate unchanged. Not thread-safe.
 */
public final class PushLoop {
  private final BoundedParser b;
  private final JsonHandler h;
  private final boolean sequence;

  /** Root values completed. */
  private long values;

  /** Open containers, tracked here rather than asked of the parser per token. */
  private int depth;

  /** The deepest nesting delivered so far. */
  private int maxDepth;

  /** Open containers being skipped; 0 when not skipping. */
  private int skipping;

  /** A handler skipped a property: its value is skipped next. */
  private boolean skipValue;

  /** A document's root value is complete: only the end of input may follow. */
  private boolean rootDone;

  /** The last token was a property name (its value must come next). */
  private boolean afterName;

  /** A handler returned STOP. */
  private boolean stopped;

  /** Tokens of the root values before the current one (a sequence counts tokens per value). */
  private long tokensBefore;

  /** Where the parse stood when {@link #run} returned. */
  private long bytes;

  private long tokens;

  PushLoop(BoundedParser parser, JsonHandler h, boolean sequence) {
    this.b = parser;
    this.h = h;
    this.sequence = sequence;
    if (sequence) {
      b.allowEmpty();
    } else {
      b.oneValue();
    }
  }

  /**
   * Runs one document ({@code sequence == false}: exactly one root value, then end of input) or a
   * sequence of root values over a blocking parser; returns the loop, for what it counted.
   */
  public static PushLoop run(JsonParser parser, JsonHandler h, boolean sequence)
      throws IOException {
    if (!(parser instanceof BoundedParser)) {
      throw new IllegalArgumentException("not a bounded parser");
    }
    return run((BoundedParser) parser, h, sequence);
  }

  /** As {@link #run(JsonParser, JsonHandler, boolean)}, over any bounded parser. */
  static PushLoop run(BoundedParser parser, JsonHandler h, boolean sequence) throws IOException {
    PushLoop loop = new PushLoop(parser, h, sequence);
    if (!loop.drive()) {
      throw new MalformedDocumentException(
          "Unexpected token " + JsonToken.NOT_AVAILABLE, loop.b.here(), null);
    }
    loop.count();
    return loop;
  }

  /** The parser errors are located at. */
  JsonParser located() {
    return b.located();
  }

  /** The bounded parser driven. */
  BoundedParser parser() {
    return b;
  }

  /** True once a handler returned STOP. */
  boolean stopped() {
    return stopped;
  }

  /** Root values completed. */
  public long values() {
    return values;
  }

  /** Notes where the parse stands: the figures {@link #bytes()} and {@link #tokens()} report. */
  private void count() {
    bytes = b.consumed();
    tokens = tokensBefore + b.tokenCount();
  }

  /** As {@link #count()} for a fed parse, whose {@code bytes} is what was fed. */
  void counted(long bytesFed) {
    count();
    bytes = bytesFed;
  }

  /** Bytes (chars for a Reader) parsed when {@link #run} returned. */
  public long bytes() {
    return bytes;
  }

  /** Tokens counted over every root value when {@link #run} returned. */
  public long tokens() {
    return tokens;
  }

  /** The deepest nesting delivered to the handler. */
  public int maxDepth() {
    return maxDepth;
  }

  /** False if a handler stopped the parse. */
  public boolean complete() {
    return !stopped;
  }

  /**
   * Runs until the parse ends (true: end of input, or a handler stopped it) or the parser needs
   * more input (false). Parser failures are translated where the parser is called; anything else
   * leaving the loop is the handler's and propagates unchanged, unless a view failed first (the
   * handler may have wrapped or swallowed that failure). So the loop keeps no "in handler" state
   * per token.
   */
  boolean drive() throws IOException {
    if (stopped) {
      return true;
    }
    try {
      return resume() && loop();
    } catch (IOException | RuntimeException e) {
      if (failure != null) {
        throw ours(failure, b);
      }
      throw e;
    }
  }

  /**
   * Finishes what ran out of fed input last time: a skip, or the check that nothing follows the
   * root value. False if it needs more input still.
   */
  private boolean resume() throws IOException {
    if (skipValue) {
      return skipPropertyValue();
    }
    if (skipping > 0) {
      return skipRest() && (depth != 0 || rootValueEnded());
    }
    if (rootDone) {
      return endOfDocument();
    }
    return true;
  }

  /**
   * The loop. Its per-token state lives in locals (written back when it returns: a failure ends the
   * parse); skips run in their own loops and the end of a document is checked when its root value
   * ends, so a plain token costs nothing beyond the dispatch and the handler call ({@code
   * NOT_AVAILABLE} is the switch's default).
   */
  private boolean loop() throws IOException {
    final JsonHandler h = this.h;
    int depth = this.depth;
    int maxDepth = this.maxDepth;
    try {
      JsonToken t;
      while ((t = next()) != null) {
        Control c;
        int id = t.id();
        if (afterName && id != JsonTokenId.ID_NOT_AVAILABLE) {
          afterName = false;
          if (id == JsonTokenId.ID_END_OBJECT) {
            throw noValue(b);
          }
        }
        switch (id) {
          case JsonTokenId.ID_START_OBJECT:
          case JsonTokenId.ID_START_ARRAY:
            c = id == JsonTokenId.ID_START_OBJECT ? h.startObject() : h.startArray();
            if (c == Control.SKIP) {
              c = Control.CONTINUE;
              skipping = 1;
              if (!skipRest()) {
                return false;
              }
            } else if (++depth > maxDepth) {
              maxDepth = depth;
            }
            break;
          case JsonTokenId.ID_END_OBJECT:
            depth--;
            c = h.endObject();
            break;
          case JsonTokenId.ID_END_ARRAY:
            depth--;
            c = h.endArray();
            break;
          case JsonTokenId.ID_FIELD_NAME:
            afterName = true;
            c = h.fieldName(name());
            if (c == Control.SKIP) {
              afterName = false; // the skip reads the value
              skipValue = true;
              if (!skipPropertyValue()) {
                return false;
              }
              continue; // a property value is never a root value
            }
            break;
          case JsonTokenId.ID_STRING:
            reset();
            c = h.string(string);
            if (failure != null) {
              throw ours(failure, b);
            }
            break;
          case JsonTokenId.ID_NUMBER_INT:
          case JsonTokenId.ID_NUMBER_FLOAT:
            number();
            reset();
            integer = id == JsonTokenId.ID_NUMBER_INT;
            c = h.number(number);
            if (failure != null) {
              throw ours(failure, b);
            }
            break;
          case JsonTokenId.ID_TRUE:
            c = h.bool(true);
            break;
          case JsonTokenId.ID_FALSE:
            c = h.bool(false);
            break;
          case JsonTokenId.ID_NULL:
            c = h.nullValue();
            break;
          default:
            if (t == JsonToken.NOT_AVAILABLE) {
              return false;
            }
            throw new MalformedDocumentException("Unexpected token " + t, b.here(), null);
        }
        if (c == Control.STOP) {
          stopped = true;
          return true;
        }
        if (depth == 0 && id != JsonTokenId.ID_FIELD_NAME && !rootValueEnded()) {
          return false;
        }
      }
      return true;
    } finally {
      this.depth = depth;
      this.maxDepth = maxDepth;
    }
  }

  /** Skips the value after a skipped property name; false if fed input ran out first. */
  private boolean skipPropertyValue() throws IOException {
    JsonToken t = next();
    if (t == JsonToken.NOT_AVAILABLE) {
      return false;
    }
    afterName = false;
    if (t == JsonToken.END_OBJECT) {
      throw noValue(b);
    }
    skipValue = false;
    if (t == null) {
      return true;
    }
    checkSkipped(t);
    if (t.isStructStart()) {
      skipping = 1;
      return skipRest();
    }
    return true;
  }

  /** Skips to the end of the containers being skipped; false if fed input ran out first. */
  private boolean skipRest() throws IOException {
    while (skipping > 0) {
      JsonToken t = next();
      if (t == JsonToken.NOT_AVAILABLE) {
        return false;
      }
      if (t == null) {
        return true;
      }
      if (t == JsonToken.END_OBJECT && afterName) {
        throw noValue(b);
      }
      afterName = t == JsonToken.FIELD_NAME;
      checkSkipped(t);
      if (t.isStructStart()) {
        skipping++;
      } else if (t.isStructEnd()) {
        skipping--;
      }
    }
    return true;
  }

  /** A token passed over without an event: counted by the parser, checked here as any other. */
  private void checkSkipped(JsonToken t) throws IOException {
    if (t == JsonToken.FIELD_NAME) {
      name();
    } else if (t.isNumeric()) {
      number();
    }
  }

  /**
   * A root value (or a skipped one) ended. A document then checks that nothing follows; false if
   * fed input ran out first.
   */
  private boolean rootValueEnded() throws IOException {
    values++;
    if (sequence) {
      tokensBefore += b.tokenCount();
      b.resetTokenCount();
      return true;
    }
    rootDone = true;
    return endOfDocument();
  }

  /** After a document's root value: end of input, or the trailing content is refused. */
  private boolean endOfDocument() throws IOException {
    JsonToken t = next();
    if (t == JsonToken.NOT_AVAILABLE) {
      return false;
    }
    if (t != null) {
      throw trailing(b);
    }
    return true;
  }

  /** The next token; a parser failure as ours. */
  private JsonToken next() throws IOException {
    try {
      return b.pushNext();
    } catch (IOException e) {
      throw ours(e, b);
    } catch (RuntimeException e) {
      throw ours(JacksonErrors.translate(e, b.located()), b);
    }
  }

  /** The current name, checked; a failure as ours. */
  private String name() throws IOException {
    try {
      return b.pushName();
    } catch (IOException e) {
      throw ours(e, b);
    }
  }

  /** Checks the current number; a failure as ours. */
  private void number() throws IOException {
    try {
      b.pushNumber();
    } catch (IOException e) {
      throw ours(e, b);
    }
  }

  /**
   * A property name followed by the object's end: Jackson's non-blocking parser hands that out when
   * the input is split right after the colon; every other path refuses it while reading.
   */
  private static MalformedDocumentException noValue(BoundedParser b) {
    return new MalformedDocumentException(
        "A property name without a value: the object ends after the colon", b.tokenStart(), null);
  }

  /** A second value where a document's root value has ended. */
  private static MalformedDocumentException trailing(BoundedParser b) {
    return new MalformedDocumentException(
        "Trailing content after the root value: a second value starts here", b.tokenStart(), null);
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
          p.here(),
          e);
    }
    return e;
  }

  // The lazy views handed to the handler, one pair per parse for every parser, their state in the
  // loop itself (no object reached per value): a view reads the parser's own text buffer in place
  // (BoundedParser.pushText, as a raw Jackson loop reads getTextCharacters); length() and charAt
  // never build a String; only toString() and subSequence do. The chars are usually the same array
  // value after value (Jackson reuses its text segment), so they are stored only when they change.

  /** The current value's text as a String, once asked for. */
  private String text;

  /** The current value's chars in the parser's buffer, valid when {@link #loaded}. */
  private char[] chars;

  /** Instead of {@link #chars}: the current value's plain ASCII bytes in place, or null. */
  private byte[] ascii;

  private int offset;
  private int len;
  private boolean loaded;
  private boolean integer;

  /** A view's failure: it wins over whatever the handler made of it. */
  private IOException failure;

  private final CharSequence string = new Text();
  private final JsonNumber number = new Number();

  /** Called by {@link BoundedParser#pushText}: the current value's chars in place. */
  void set(char[] c, int offset, int len) {
    this.offset = offset;
    this.len = len;
    ascii = null;
    if (c != chars) {
      chars = c;
    }
  }

  /**
   * Called by {@link BoundedParser#pushText}: the current value in place as plain ASCII bytes, one
   * char each (our tokenizer's unescaped strings and its numbers), so a read widens nothing.
   */
  void set(byte[] b, int offset, int len) {
    this.offset = offset;
    this.len = len;
    ascii = b;
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
      b.pushText(this);
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
        s = text = b.pushString();
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
    byte[] b = ascii;
    return b != null ? (char) b[offset + index] : chars[offset + index];
  }

  /** The string view (and the number view's characters). */
  private class Text implements CharSequence {
    @Override
    public int length() {
      return PushLoop.this.length();
    }

    @Override
    public char charAt(int index) {
      return PushLoop.this.charAt(index);
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

  /** The number view: the characters as {@link Text}, converted on request. */
  private final class Number extends Text implements JsonNumber {
    @Override
    public boolean isInteger() {
      return integer;
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
