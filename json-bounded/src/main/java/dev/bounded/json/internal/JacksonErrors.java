package dev.bounded.json.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.core.ParseLocation;
import dev.bounded.core.internal.ParseErrors;
import java.io.IOException;

/**
 * Translation between our typed exceptions and the Jackson types the pull API must throw. Cold
 * code.
 */
final class JacksonErrors {
  private static final int MAX_MESSAGE = 256;

  private JacksonErrors() {}

  /** A limit breach as a Jackson {@link StreamConstraintsException} whose cause is ours. */
  static final class BoundedStreamConstraintsException extends StreamConstraintsException {
    private static final long serialVersionUID = 1L;
    private final LimitExceededException bounded;

    BoundedStreamConstraintsException(LimitExceededException bounded) {
      super(bounded.getMessage());
      this.bounded = bounded;
    }

    @Override
    public synchronized Throwable getCause() {
      return bounded;
    }

    BoundedParseException bounded() {
      return bounded;
    }
  }

  /** Malformed or forbidden input as a Jackson {@link JsonParseException} whose cause is ours. */
  static final class BoundedJsonParseException extends JsonParseException {
    private static final long serialVersionUID = 1L;
    private final BoundedParseException bounded;

    BoundedJsonParseException(BoundedParseException bounded) {
      super((JsonParser) null, bounded.getMessage(), bounded);
      this.bounded = bounded;
    }

    BoundedParseException bounded() {
      return bounded;
    }
  }

  /**
   * A number that does not fit the Java type asked for ({@code getIntValue()} of {@code 1e99999},
   * databind binding a 1,000-digit number to {@code long}): Jackson's own {@link
   * InputCoercionException}, which databind and callers expect, whose cause is our located {@link
   * MalformedDocumentException}.
   */
  static final class BoundedInputCoercionException extends InputCoercionException {
    private static final long serialVersionUID = 1L;
    private final MalformedDocumentException bounded;

    BoundedInputCoercionException(
        JsonParser p, String message, JsonToken inputType, Class<?> targetType) {
      super(p, message, inputType, targetType);
      this.bounded =
          new MalformedDocumentException(
              sanitize(message), locate(p, p.currentTokenLocation(), -1), null);
    }

    @Override
    public synchronized Throwable getCause() {
      return bounded;
    }

    BoundedParseException bounded() {
      return bounded;
    }
  }

  /** Jackson's coercion failure of the current number, with ours as its cause. */
  static InputCoercionException coercion(
      String message, JsonToken inputType, Class<?> targetType, JsonParser p) {
    return new BoundedInputCoercionException(p, message, inputType, targetType);
  }

  /**
   * A failure of a number accessor ({@code getIntValue()}, {@code getBigIntegerValue()}, ...) as
   * the pull API throws it: a coercion failure keeps Jackson's type with ours as its cause; a
   * {@code NumberFormatException} or {@code ArithmeticException} from the JDK's conversion (an
   * exponent past {@code int} range as a {@code BigDecimal}) becomes malformed input, located.
   */
  /** A number accessor of a bounded parser. */
  interface NumberCall<T> {
    T get() throws IOException;
  }

  /** {@code call}'s value; its failure as {@link #number(Exception, JsonParser)} makes it. */
  static <T> T number(NumberCall<T> call, JsonParser p) throws IOException {
    try {
      return call.get();
    } catch (IOException | RuntimeException e) {
      throw number(e, p);
    }
  }

  static IOException number(Exception e, JsonParser p) {
    if (e instanceof InputCoercionException && carried(e) == null) {
      InputCoercionException c = (InputCoercionException) e;
      return coercion(c.getOriginalMessage(), c.getInputType(), c.getTargetType(), p);
    }
    if (e instanceof IOException) {
      return translate((IOException) e, p);
    }
    return new BoundedJsonParseException(
        new MalformedDocumentException(
            "Number out of range of the type asked for: " + sanitize(e.getMessage()),
            locate(p, p.currentTokenLocation(), -1),
            e));
  }

  /** Ours as the Jackson type the pull API throws. */
  static IOException toJackson(BoundedParseException e) {
    if (e instanceof LimitExceededException) {
      return new BoundedStreamConstraintsException((LimitExceededException) e);
    }
    return new BoundedJsonParseException(e);
  }

  /** The BoundedParseException an exception from the bounded layers carries, or null. */
  static BoundedParseException carried(Throwable e) {
    if (e instanceof BoundedStreamConstraintsException) {
      return ((BoundedStreamConstraintsException) e).bounded();
    }
    if (e instanceof BoundedJsonParseException) {
      return ((BoundedJsonParseException) e).bounded();
    }
    if (e instanceof BoundedInputCoercionException) {
      return ((BoundedInputCoercionException) e).bounded();
    }
    if (e instanceof BoundedParseException) {
      return (BoundedParseException) e;
    }
    return null;
  }

  /**
   * Translates an exception thrown by Jackson (or by our layers beneath it) into the Jackson-typed
   * exception the pull API throws, with our exception located (line, column, offset, JSON Pointer)
   * in its cause chain. Real I/O errors of the source pass unchanged.
   */
  static IOException translate(IOException e, JsonParser p) {
    BoundedParseException ours = carried(e);
    if (ours != null) {
      if (ours.line() >= 0) {
        return e instanceof BoundedParseException ? toJackson(ours) : e;
      }
      return toJackson(ParseErrors.relocate(ours, where(p, ours)));
    }
    if (e instanceof StreamConstraintsException) {
      String m = ((StreamConstraintsException) e).getOriginalMessage();
      if (m != null && m.contains("hash collisions")) {
        // Jackson's own guard of its name table (FAIL_ON_SYMBOL_HASH_OVERFLOW): input built so that
        // many names share a hash. A parse failure, so ours like every other.
        return toJackson(
            new ForbiddenConstructException(
                "names sharing one hash",
                "Too many distinct names share a hash in the parser's name table (suspected hash"
                    + " flooding); refused by Jackson's JsonFactory.Feature.FAIL_ON_SYMBOL_HASH_OVERFLOW",
                locate(p, null, -1),
                e));
      }
      return e; // a Jackson check we do not map (number conversion scale): already Jackson-typed
    }
    if (e instanceof JsonParseException
        || e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
      com.fasterxml.jackson.core.JsonProcessingException j =
          (com.fasterxml.jackson.core.JsonProcessingException) e;
      MalformedDocumentException m =
          new MalformedDocumentException(
              sanitize(j.getOriginalMessage()), locate(p, j.getLocation(), -1), e);
      return new BoundedJsonParseException(m);
    }
    return e;
  }

  /** A runtime failure inside Jackson caused by input: never let it escape raw. */
  static IOException translate(RuntimeException e, JsonParser p) {
    return new BoundedJsonParseException(
        new MalformedDocumentException(
            "Parser failure on malformed input: " + sanitize(String.valueOf(e)),
            locate(p, null, -1),
            e));
  }

  /**
   * Where a breach found by Jackson's constraints (no location of its own) happened: a value too
   * deep or too long is located at its start, which Jackson has recorded before it parses the value
   * (the token location itself still names the property while the value after a name is parsed);
   * anything else where the parser stands.
   */
  private static ParseLocation where(JsonParser p, BoundedParseException ours) {
    // The non-blocking parsers' pre-scanner knows the offset of the breaching byte (scanned =
    // true),
    // and the parser has consumed every byte before it: a container too deep is located there; a
    // value or name too long at its start, as the blocking parsers locate it.
    boolean scanned = ours.byteOffset() >= 0;
    if (p instanceof ParserBase && ours instanceof LimitExceededException) {
      Limit l = ((LimitExceededException) ours).limit();
      if (l == Limit.MAX_DEPTH && !scanned
          || l == Limit.MAX_NUMBER_LENGTH
          || l == Limit.MAX_STRING_LENGTH
          || l == Limit.MAX_NAME_LENGTH && scanned) {
        // Jackson records the value's start just after its first character.
        ParserBase b = (ParserBase) p;
        long start = b.getTokenCharacterOffset() - 1;
        JsonLocation at =
            new JsonLocation(
                (com.fasterxml.jackson.core.io.ContentReference) null,
                start,
                start,
                b.getTokenLineNr(),
                b.getTokenColumnNr() - 1);
        return locate(p, at, -1);
      }
    }
    return locate(p, null, ours.byteOffset());
  }

  static MalformedDocumentException malformed(String problem, JsonParser p) {
    return new MalformedDocumentException(problem, locate(p, null, -1), null);
  }

  /** The location: line and column from Jackson, the offset ours if known, the JSON Pointer. */
  static ParseLocation locate(JsonParser p, JsonLocation at, long knownOffset) {
    if (p == null) {
      return knownOffset >= 0 ? ParseLocation.atByte(knownOffset) : ParseLocation.UNKNOWN;
    }
    JsonLocation loc = at != null ? at : p.currentLocation();
    long offset = knownOffset;
    long column = loc == null ? -1 : loc.getColumnNr();
    if (loc != null) {
      long reported = loc.getByteOffset() >= 0 ? loc.getByteOffset() : loc.getCharOffset();
      if (offset < 0) {
        offset = reported;
      } else if (reported > offset && column > 0) {
        // A read that failed mid-refill leaves Jackson's offset and column ahead by the size of
        // the previous buffer (it advances its counters before reading); our offset is exact.
        column = Math.max(1, column - (reported - offset));
      }
    }
    String path = null;
    try {
      JsonStreamContext ctx = p.getParsingContext();
      if (ctx != null) {
        String ptr = ctx.pathAsPointer().toString();
        // A name over its limit is part of the pointer: quote at most 256 characters of it.
        path = ptr.isEmpty() ? null : sanitize(ptr);
      }
    } catch (RuntimeException ignored) {
      // the path is a courtesy
    }
    return loc == null
        ? ParseLocation.of(-1, -1, offset, path)
        : ParseLocation.of(loc.getLineNr(), column, offset, path);
  }

  /** A Jackson message fit for ours: printable, at most 256 characters. */
  static String sanitize(String s) {
    if (s == null) {
      return "Malformed JSON";
    }
    StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_MESSAGE) + 8);
    int n = Math.min(s.length(), MAX_MESSAGE);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        sb.append(c);
      } else {
        sb.append(String.format("\\u%04x", (int) c));
      }
    }
    if (s.length() > MAX_MESSAGE) {
      sb.append("...");
    }
    return sb.toString();
  }
}
