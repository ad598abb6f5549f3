package dev.bounded.json.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.ReaderBasedJsonParser;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.ParseLocation;
import dev.bounded.json.JsonLimits;

/**
 * Jackson's own constraints, set from our limits, throwing our typed exception whichever Jackson
 * method triggered the check. They are what keeps memory bounded while a value is still being
 * buffered: Jackson checks nesting depth exactly on every open, and a string, number or (for char
 * input) name at every text segment it fills (segments grow to 64K chars), so a value is stopped
 * within one segment of its limit, never after it is buffered whole. The exact, inclusive check of
 * every complete string, name and number is the bounded parser's ({@link BoundedUtf8Parser}, {@link
 * BoundedJsonParser}), on the token.
 *
 * <p>Two modes:
 *
 * <ul>
 *   <li><b>Per parser</b> ({@link #BoundedConstraints(JsonLimits, boolean)} with {@code true}), for
 *       the blocking parsers: Jackson reports a text segment only as "string length", whatever it
 *       holds, so this instance tells numbers from strings by when the check runs. Inside {@code
 *       nextToken()} ({@link #tokenPhase}, or the byte parser's own flag) Jackson buffers numbers
 *       (and, for char input, long names) but never a string value, which our parser materialises
 *       afterwards; outside it, the current token says what is materialised. So a 100-million-digit
 *       number fails just past {@code maxNumberLength}, not at the string limit.
 *   <li><b>Shared</b> ({@code false}), for the non-blocking parsers, which decode every value
 *       inside {@code nextToken()} and have the {@link FeedScanner} in front of them: checks here
 *       are a lenient second line that the scanner always beats.
 * </ul>
 *
 * <p>Document length and token count are left to our layers (exact, and per value for sequences).
 */
final class BoundedConstraints extends StreamReadConstraints {
  private static final long serialVersionUID = 1L;
  private final LengthLimits lengths;

  private final long maxDepth;

  /**
   * Text up to this length never needs a closer look: a pre-filter at or below every limit that may
   * apply ({@link LengthLimits} decides the rest). Shared mode: the largest text limit, a lenient
   * second line behind the scanner.
   */
  private final long quiet;

  private final boolean perParser;

  /**
   * The characters of a number Jackson does not count as its length: a sign, a point, an {@code e}
   * and the exponent's sign (a leading plus or point, where enabled, is among them).
   */
  static final int NUMBER_MARKS = 4;

  /**
   * A number of at most this length by Jackson's count is within {@code maxNumberLength} whatever
   * its marks. Shared mode: the limit itself.
   */
  private final long numberQuiet;

  /** Per parser: the raw Jackson parser whose text this instance checks. */
  transient JsonParser parser;

  /** Per parser: true while the raw parser's {@code nextToken()} runs (delegate parsers). */
  transient boolean tokenPhase;

  /** Per parser: the byte parser, which keeps its own token-phase flag. */
  transient BoundedUtf8Parser utf8;

  BoundedConstraints(JsonLimits limits, LengthLimits lengths, boolean perParser) {
    super(
        clamp(limits.maxDepth()),
        -1L,
        clamp(limits.maxNumberLength()),
        clamp(Math.max(limits.maxStringLength(), limits.maxNumberLength())),
        clamp(limits.maxNameLength()),
        -1L);
    this.lengths = lengths;
    this.maxDepth = limits.maxDepth();
    this.perParser = perParser;
    long nameStop = Math.max(lengths.maxName, LengthLimits.NAME_SEGMENT);
    long lenient = Math.max(lengths.maxName, Math.max(lengths.maxString, lengths.maxNumber));
    this.quiet =
        perParser ? Math.min(nameStop, Math.min(lengths.maxString, lengths.maxNumber)) : lenient;
    this.numberQuiet = perParser ? lengths.maxNumber - NUMBER_MARKS : lengths.maxNumber;
  }

  private static int clamp(long v) {
    return (int) Math.min(v, Integer.MAX_VALUE);
  }

  @Override
  public void validateNestingDepth(int depth) throws StreamConstraintsException {
    if (depth > _maxNestingDepth) {
      throw tooDeep(depth);
    }
  }

  /** Jackson's check of a text buffer: a string, a number, or a name (char input only). */
  @Override
  public void validateStringLength(int length) throws StreamConstraintsException {
    if (length <= quiet) {
      return;
    }
    slowStringLength(length);
  }

  private void slowStringLength(int length) throws StreamConstraintsException {
    if (!perParser) {
      throw jackson(lengths.stringBreach(length, ParseLocation.UNKNOWN));
    }
    if (tokenPhase || (utf8 != null && utf8.inToken)) {
      if (inName()) {
        checkName(length);
      } else {
        checkNumber(length);
      }
      return;
    }
    JsonToken t = parser == null ? null : parser.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      checkNumber(length);
    } else if (lengths.stringOver(length)) {
      throw jackson(lengths.stringBreach(length, ParseLocation.UNKNOWN));
    }
  }

  /**
   * Inside {@code nextToken()}: a name is parsed when an object expects one. Jackson sets the
   * current token to FIELD_NAME before it parses the value after the name, so a number after a name
   * is not mistaken for the name.
   */
  private boolean inName() {
    JsonParser p = parser;
    if (p == null) {
      return false;
    }
    JsonStreamContext ctx = p.getParsingContext();
    return ctx != null && ctx.inObject() && p.currentToken() != JsonToken.FIELD_NAME;
  }

  private void checkNumber(int length) throws StreamConstraintsException {
    if (lengths.numberOver(length)) {
      throw jackson(lengths.numberBreach(length, ParseLocation.UNKNOWN));
    }
  }

  /**
   * A name Jackson is buffering, {@code length} long: chars from its char parser, but UTF-8 bytes
   * from its byte parsers (and the non-blocking one), which count the name's quads before decoding
   * it. A char takes at most three bytes, so only a third of a byte count is certainly chars: a
   * name within its limit in chars is never stopped for its bytes, and a huge one is still stopped
   * after at most three times its limit's bytes. The exact check, in chars, runs on the finished
   * name.
   */
  private void checkName(int length) throws StreamConstraintsException {
    long chars = parser instanceof ReaderBasedJsonParser ? length : length / 3;
    if (lengths.nameOverWhileBuffering(chars)) {
      throw jackson(lengths.nameBreach(chars, ParseLocation.UNKNOWN));
    }
  }

  @Override
  public void validateNameLength(int length) throws StreamConstraintsException {
    checkName(length);
  }

  /**
   * Jackson's length of every number it parses (from {@code resetInt}/{@code resetFloat}): the
   * digits only, without the sign, the point, the {@code e} and the exponent's sign, so at most
   * {@link #NUMBER_MARKS} under the token's length. A number that may be over {@code
   * maxNumberLength} is handed to the byte parser for the exact check of its whole text, on the
   * token ({@link BoundedUtf8Parser#numberNear()}); every other number costs this one comparison.
   * The delegate parser checks every number itself; the shared mode keeps a second line.
   */
  @Override
  public void validateIntegerLength(int length) throws StreamConstraintsException {
    if (length > numberQuiet) {
      slowNumberLength(length);
    }
  }

  @Override
  public void validateFPLength(int length) throws StreamConstraintsException {
    if (length > numberQuiet) {
      slowNumberLength(length);
    }
  }

  private void slowNumberLength(int length) throws StreamConstraintsException {
    if (!perParser) {
      checkNumber(length);
    } else if (utf8 != null) {
      utf8.numberNear();
    }
  }

  /**
   * The one check of a number's coercion to {@code BigInteger} from a number with a fraction or an
   * exponent (Jackson's {@code getBigIntegerValue()} and databind's {@code BigInteger} binding both
   * call it before {@code BigDecimal.toBigInteger()}): the scale's magnitude, the digits the
   * exponent adds or divides away, is at most {@code maxNumberLength}, so the coerced value has at
   * most twice that many digits and costs what a number of that length costs. {@code 1e99999} would
   * otherwise expand to 100,000 digits (and {@code 1e-99999} divide by 10^99999), about a second
   * each. A breach is a {@link Limit#MAX_NUMBER_LENGTH} breach (its measure the scale's magnitude,
   * the length the exponent would add) located at the number.
   */
  @Override
  public void validateBigIntegerScale(int scale) throws StreamConstraintsException {
    long magnitude = Math.abs((long) scale);
    if (lengths.numberOver(magnitude)) {
      throw coerced(magnitude);
    }
  }

  private StreamConstraintsException coerced(long magnitude) {
    JsonParser p = parser;
    ParseLocation at =
        p == null ? ParseLocation.UNKNOWN : JacksonErrors.locate(p, p.currentTokenLocation(), -1);
    return jackson(lengths.numberBreach(magnitude, at));
  }

  @Override
  public void validateDocumentLength(long len) {
    // Exact in our byte (char) counting layer.
  }

  @Override
  public void validateTokenCount(long count) {
    // Exact in BoundedJsonParser.
  }

  /** The one place that decides the text lengths, for the parser this instance serves. */
  LengthLimits lengths() {
    return lengths;
  }

  private StreamConstraintsException tooDeep(long depth) {
    return jackson(
        new LimitExceededException(
            Limit.MAX_DEPTH, maxDepth, depth, "JsonLimits.maxDepth", ParseLocation.UNKNOWN));
  }

  private static StreamConstraintsException jackson(LimitExceededException e) {
    return new JacksonErrors.BoundedStreamConstraintsException(e);
  }
}
