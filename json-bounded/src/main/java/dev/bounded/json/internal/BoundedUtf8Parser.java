package dev.bounded.json.internal;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import dev.bounded.core.internal.ParseGuard;
import dev.bounded.json.JsonLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The parser a bounded factory hands out for byte input: Jackson's own {@link
 * UTF8StreamJsonParser}, subclassed so that every limit is checked inside its {@code nextToken()}
 * with no delegate layer between the caller and Jackson (a delegate alone cost about 12% of
 * throughput: the JIT does not fold it into the caller's loop).
 *
 * <p>The checks are those of {@link BoundedJsonParser}, on the token: every token counted (every
 * token-advancing method, {@link #skipChildren()} too, runs through {@link #nextToken()}); a name's
 * length checked when the token is returned, a number's when it is returned if Jackson's own count
 * of its digits says it may be over ({@link #numberNear()}); a string's decoded length right after
 * the caller's first read of its text or, if nobody reads it, before the next token, so skipped
 * strings are held to the limit too (Jackson's constraints, {@link BoundedConstraints}, stop a huge
 * one within a text segment while it is being decoded). The deadline and allocation cap are checked
 * every {@link TokenChecks#GUARD_EVERY} tokens, on the same counter comparison as the token limit,
 * so they cost nothing between checks.
 *
 * <p>Lone surrogates cost nothing unless one is possible: from UTF-8 bytes a surrogate code unit
 * can only come from a {@code \}{@code u} escape (Jackson 2.23 refuses the CESU-8 byte sequences
 * {@code ED A0..BF xx} as invalid UTF-8 in strings and names, read or skipped; a four-byte sequence
 * always decodes to a valid pair), and every escape is decoded by {@link #_decodeEscaped()}, which
 * notes a surrogate. Only a string or name after such a note is scanned.
 *
 * <p>Internal: callers see it as a {@link JsonParser}. Not thread-safe, like any parser.
 */
final class BoundedUtf8Parser extends UTF8StreamJsonParser {
  private final long maxTokens;
  private final LengthLimits lengths;
  private final boolean rejectSurrogates;
  private final TokenChecks.DuplicateNames duplicates;

  /** Names longer than this take the slow check: over the limit, or long (counted). */
  private final long nameQuiet;

  /** The factory's shared name table, told what this parse merged; null if the table is private. */
  private final SharedNames names;

  /** The shared root this parser's table is a child of. */
  private final ByteQuadsCanonicalizer namesRoot;

  /** The table's size at the last long name. */
  private int namesSeen;

  /** Characters of long names this parse may have added to its table (see SharedNames). */
  private long longNameChars;

  /**
   * Long names this parse added to its table past which every later name is decoded without the
   * table: 16,384 characters. Jackson's byte table grows the area that holds long names by exactly
   * what each new one needs, copying the whole table every time, so a document of new long names
   * cost the square of its size (100 names of 50,000 characters: about 60 times the same text in
   * values). Up to here the copies are small.
   */
  static final long STEER_AFTER = 1 << 14;

  /** Every name from here on is decoded without the table ({@link #decodeName()}). */
  private boolean steer;

  /** While a name is steered: the real end of the input buffer, else -1. */
  private int realEnd = -1;

  /** The stream under Jackson once names are steered, so that a name can start a read. */
  private SteeredStream steeredStream;

  /** The chars of a name being decoded without the table. */
  private char[] nameChars;

  /** This parser's own constraints, told when Jackson's nextToken runs. */
  private final BoundedConstraints constraints;

  /** The deadline and allocation cap; null when both are unlimited. */
  private final ParseGuard guard;

  /** The tree databind builds from this parser; null for a streaming parser (no codec). */
  private final TreeCharge tree;

  private long tokens;

  /**
   * The token count past which the slow path runs: the token limit, the next guard check or the
   * number near its limit ({@link #numberAt}), whichever comes first.
   */
  private long stop;

  /** The token count past which the token limit or the next guard check is due. */
  private long guardStop;

  /**
   * The token count past which a number near {@code maxNumberLength} is due for its exact check
   * ({@link #numberNear()}); {@link Long#MAX_VALUE} when none is.
   */
  private long numberAt = Long.MAX_VALUE;

  /**
   * True while Jackson's {@code nextToken()} runs: its constraints ({@link BoundedConstraints})
   * then know that a text buffer holds a number, never a string value (decoded lazily, later).
   */
  boolean inToken;

  private boolean allowEmpty;

  /** A {@code \}{@code u} escape decoded a surrogate since the last surrogate scan. */
  private boolean surrogateEscape;

  /**
   * The string check that failed, thrown again at every later attempt to read the string or advance
   * past it, so that the parser stays failed.
   */
  private IOException stringFailure;

  BoundedUtf8Parser(
      IOContext ctxt,
      int features,
      InputStream in,
      ObjectCodec codec,
      ByteQuadsCanonicalizer symbols,
      byte[] buffer,
      int start,
      int end,
      int bytesPreProcessed,
      boolean recyclable,
      JsonLimits limits,
      BoundedConstraints constraints,
      ParseGuard guard,
      boolean readsChecked,
      SharedNames names,
      ByteQuadsCanonicalizer namesRoot) {
    super(ctxt, features, in, codec, symbols, buffer, start, end, bytesPreProcessed, recyclable);
    this.names = names;
    this.namesRoot = namesRoot;
    this.namesSeen = symbols.size();
    this.nameQuiet = Math.min(limits.maxNameLength(), SharedNames.LONG_NAME);
    this.maxTokens = limits.maxTokens();
    this.lengths = constraints.lengths();
    this.rejectSurrogates = limits.rejectLoneSurrogates();
    this.duplicates = limits.rejectDuplicateNames() ? new TokenChecks.DuplicateNames() : null;
    this.constraints = constraints;
    this.guard = guard;
    this.tree = TreeCharge.forCodec(codec, limits);
    this.stop =
        this.guardStop =
            Math.min(nextStop(), TokenChecks.firstStop(maxTokens, guard, readsChecked));
    constraints.parser = this;
    constraints.utf8 = this;
    Features.checkMask(features, features);
  }

  /** The token count past which the slow path runs next. */
  private long nextStop() {
    long s = TokenChecks.nextStop(tokens, maxTokens, guard);
    return tree == null ? s : Math.min(s, tree.nextStop(tokens));
  }

  @Override
  public JsonToken nextToken() throws IOException {
    JsonToken t = advance();
    if (t == null) {
      return null;
    }
    if (t == JsonToken.FIELD_NAME) {
      checkName();
    }
    if (duplicates != null) {
      duplicates.track(t, this);
    }
    return t;
  }

  /**
   * The next token, counted (and the skipped string before it checked, and a number near its limit
   * checked), but a name not yet checked: {@link #nextToken()} and the push loop check that.
   */
  private JsonToken advance() throws IOException {
    // A string nobody read: held to the limit all the same. Only when the caller was handed the
    // string: after a property name Jackson keeps the value string pending (and returns it from
    // this call), so decoding it here would check it before it is a token of its own (located
    // at the name) and would pull the whole string decoder into this method, too big then for
    // the JIT to inline nextToken() into a caller's loop.
    if (_tokenIncomplete && _currToken == JsonToken.VALUE_STRING) {
      finishSkipped();
    }
    JsonToken t = steer ? steeredNextToken() : jacksonNextToken();
    if (t == null) {
      // No token ever: tokens restart only for sequences, which allow an empty input anyway.
      if (tokens == 0 && !allowEmpty) {
        allowEmpty = true; // report once
        throw TokenChecks.empty(this);
      }
      return null;
    }
    if (++tokens > stop) {
      slowCount();
    }
    return t;
  }

  /** Jackson's nextToken, its failures translated; the token phase flagged for the constraints. */
  private JsonToken jacksonNextToken() throws IOException {
    inToken = true;
    JsonToken t;
    try {
      t = super.nextToken();
    } catch (IOException e) {
      inToken = false;
      throw JacksonErrors.translate(e, this);
    } catch (RuntimeException e) {
      inToken = false;
      throw JacksonErrors.translate(e, this);
    }
    inToken = false;
    return t;
  }

  /** As {@link #jacksonNextToken()}, a name that comes next steered past the table. */
  private JsonToken steeredNextToken() throws IOException {
    if (_currToken != JsonToken.FIELD_NAME && _parsingContext.inObject()) {
      steerName();
    }
    try {
      return jacksonNextToken();
    } finally {
      unsteer();
    }
  }

  /** Past the token limit, time for the guard, or a number near its limit. */
  private void slowCount() throws IOException {
    boolean number = tokens > numberAt;
    if (number) {
      numberAt = Long.MAX_VALUE;
    }
    if (tokens > guardStop) {
      if (tokens > maxTokens) {
        tokens = maxTokens; // stay failed at the same count
        allowEmpty = true; // and never report an empty input after this
        throw TokenChecks.tooManyTokens(maxTokens, this);
      }
      if (tree != null) {
        try {
          tree.charge(tokens, this);
        } catch (IOException e) {
          tokens = Math.min(tokens - 1, tree.maxNodes); // stay failed
          allowEmpty = true;
          throw e;
        }
      }
      guardStop = nextStop();
      stop = Math.min(guardStop, numberAt);
      TokenChecks.guard(guard, this);
    } else {
      stop = Math.min(guardStop, numberAt);
    }
    if (number
        && (_currToken == JsonToken.VALUE_NUMBER_INT
            || _currToken == JsonToken.VALUE_NUMBER_FLOAT)) {
      checkNumber();
    }
  }

  /**
   * Jackson has just parsed a number whose length may be over {@code maxNumberLength} ({@link
   * BoundedConstraints#validateIntegerLength}): its exact check runs when it is the token, in the
   * slow path of the count, so that the number costs nothing per token. Inside {@code nextToken()}
   * a number is the token of the same call, or of the next one after a property name (Jackson
   * parses the value with the name, and has already made the name the current token). A call from
   * anywhere else (Jackson's {@code getValueAsDouble()} of a string) only brings an exact check of
   * whatever number comes next forward: harmless.
   */
  void numberNear() {
    long at = _currToken == JsonToken.FIELD_NAME ? tokens + 1 : tokens;
    if (at < numberAt) {
      numberAt = at;
      stop = Math.min(stop, at);
    }
  }

  /** Notes a surrogate decoded from an escape: the only way one gets into text from UTF-8. */
  @Override
  protected char _decodeEscaped() throws IOException {
    char c = super._decodeEscaped();
    if (Character.isSurrogate(c)) {
      surrogateEscape = true;
    }
    return c;
  }

  /**
   * Decodes the string the caller skipped, so that it is checked like one it reads (Jackson bounds
   * the buffer while decoding: {@link BoundedConstraints}).
   */
  private void finishSkipped() throws IOException {
    _tokenIncomplete = false;
    _finishString();
  }

  /**
   * Every string Jackson decodes (the caller's first read of its text, or {@link #finishSkipped})
   * comes through here or {@link #_finishAndReturnString()}: the string is checked exactly right
   * after it is decoded, before any accessor hands it out, so no accessor needs a check of its own.
   */
  @Override
  protected void _finishString() throws IOException {
    if (stringFailure != null) {
      throw failedAgain();
    }
    try {
      super._finishString();
    } catch (IOException e) {
      throw JacksonErrors.translate(e, this);
    } catch (RuntimeException e) {
      throw JacksonErrors.translate(e, this);
    }
    int len = _textBuffer.size();
    if (lengths.stringOver(len) || surrogateEscape) {
      checkDecoded(len);
    }
    if (tree != null) {
      tree.text(len, this);
    }
  }

  @Override
  protected String _finishAndReturnString() throws IOException {
    if (stringFailure != null) {
      throw failedAgain();
    }
    String s;
    try {
      s = super._finishAndReturnString();
    } catch (IOException e) {
      throw JacksonErrors.translate(e, this);
    } catch (RuntimeException e) {
      throw JacksonErrors.translate(e, this);
    }
    int len = s.length();
    if (lengths.stringOver(len) || surrogateEscape) {
      checkDecoded(len);
    }
    if (tree != null) {
      tree.text(len, this);
    }
    return s;
  }

  /** A decoded string over the limit or after a surrogate escape. Fails for good if it fails. */
  private void checkDecoded(int len) throws IOException {
    IOException failure = null;
    if (lengths.stringOver(len)) {
      failure = JacksonErrors.toJackson(lengths.stringBreach(len, TokenChecks.here(this)));
    } else if (rejectSurrogates
        && Surrogates.hasLone(_textBuffer.getTextBuffer(), _textBuffer.getTextOffset(), len)) {
      failure = TokenChecks.loneSurrogate(this);
    }
    surrogateEscape = false;
    if (failure != null) {
      stringFailure = failure;
      _tokenIncomplete = true; // every later read or advance comes back here and fails again
      throw failure;
    }
  }

  private IOException failedAgain() {
    _tokenIncomplete = true;
    return stringFailure;
  }

  private void checkName() throws IOException {
    String name = _parsingContext.getCurrentName();
    int len = name.length();
    if (len > nameQuiet) {
      longName(len);
    }
    if (surrogateEscape) {
      surrogateEscape = false;
      if (rejectSurrogates && Surrogates.hasLone(name)) {
        throw TokenChecks.loneSurrogate(this);
      }
    }
  }

  /** A name over the limit, or a long one: counted if the table grew (see SharedNames). */
  private void longName(int len) throws IOException {
    if (lengths.nameOver(len)) {
      throw JacksonErrors.toJackson(lengths.nameBreach(len, TokenChecks.here(this)));
    }
    if (len > SharedNames.LONG_NAME) {
      int size = _symbols.size();
      if (size != namesSeen) {
        namesSeen = size;
        longNameChars += len;
        if (longNameChars > STEER_AFTER && !steer) {
          startSteering();
        }
      }
    }
  }

  // Steering: once a parse has put more than STEER_AFTER characters of long names into its table,
  // every later name is decoded here, without the table, so that a document of new long names costs
  // what the same text in values costs. Jackson's name parsing (private) goes through the table;
  // its one overridable way in is slowParseName(), which it calls when fewer than 13 bytes follow
  // a name's opening quote in the buffer. So before Jackson parses a name, the buffer's end is set
  // just after that quote (everything before it is whitespace and a comma, which Jackson reads as
  // usual), and slowParseName() restores it and decodes the name. If the quote is not in the buffer
  // yet, the stream under Jackson hands out one byte per read until it is.

  private void startSteering() {
    steer = true;
    if (_inputStream != null) {
      _inputStream = steeredStream = new SteeredStream(_inputStream);
    }
  }

  /** Before Jackson's nextToken, when a name (or the object's end) comes next. */
  private void steerName() {
    byte[] b = _inputBuffer;
    int end = _inputEnd;
    boolean comma = _currToken == JsonToken.START_OBJECT; // none expected: a comma stops the scan
    for (int p = _inputPtr; p < end; p++) {
      int c = b[p] & 0xFF;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        continue;
      }
      if (c == ',' && !comma) {
        comma = true;
        continue;
      }
      if (c == '"') {
        realEnd = end;
        _inputEnd = p + 1;
      }
      return; // the quote, or anything else: Jackson's own path (the object's end, or an error)
    }
    if (steeredStream != null) {
      steeredStream.oneByte = true; // the quote is not in the buffer yet
    }
  }

  /** After Jackson's nextToken: the buffer and the stream as they are. */
  private void unsteer() {
    if (realEnd >= 0) {
      _inputEnd = realEnd;
      realEnd = -1;
    }
    if (steeredStream != null) {
      steeredStream.oneByte = false;
    }
  }

  @Override
  protected String slowParseName() throws IOException {
    if (steer && (realEnd >= 0 || (steeredStream != null && steeredStream.oneByte))) {
      unsteer();
      return decodeName();
    }
    return super.slowParseName();
  }

  /**
   * The name whose opening quote was just read, decoded from the input without the name table, with
   * the checks Jackson makes: strict UTF-8 (no overlong forms, no surrogates, nothing past
   * U+10FFFF), no unescaped control character, escapes through {@link #_decodeEscaped()}; held to
   * the name limit while buffered (past 64K characters or the limit, as {@link
   * BoundedConstraints}).
   */
  private String decodeName() throws IOException {
    char[] buf = nameChars;
    if (buf == null) {
      buf = nameChars = new char[256];
    }
    int n = 0;
    while (true) {
      if (buf.length - n < 3) { // room for a pair and the run below
        if (lengths.nameOverWhileBuffering(n)) {
          throw JacksonErrors.toJackson(lengths.nameBreach(n, TokenChecks.here(this)));
        }
        buf = nameChars = java.util.Arrays.copyOf(buf, buf.length * 2);
      }
      if (_inputPtr >= _inputEnd) {
        _loadMoreGuaranteed();
      }
      // A run of plain ASCII, as far as the buffer and the char array go.
      byte[] in = _inputBuffer;
      int ptr = _inputPtr;
      int end = Math.min(_inputEnd, ptr + buf.length - 2 - n);
      int[] codes = INPUT_CODES_UTF8; // 0 for a byte that stands for itself in a string
      int c = 0;
      while (ptr < end) {
        c = in[ptr] & 0xFF;
        if (codes[c] != 0) {
          break;
        }
        buf[n++] = (char) c;
        ptr++;
      }
      _inputPtr = ptr;
      if (ptr == end) {
        continue; // the buffer or the array ran out: load or grow
      }
      _inputPtr++;
      if (c == '"') {
        return new String(buf, 0, n);
      }
      if (c == '\\') {
        buf[n++] = _decodeEscaped();
      } else if (c < 0x20) {
        _throwUnquotedSpace(c, "name");
      } else {
        int cp = decodeUtf8(c);
        if (cp >= 0x10000) {
          buf[n++] = Character.highSurrogate(cp);
          buf[n++] = Character.lowSurrogate(cp);
        } else {
          buf[n++] = (char) cp;
        }
      }
    }
  }

  /** The code point whose UTF-8 sequence starts with {@code lead} (at least 0x80). */
  private int decodeUtf8(int lead) throws IOException {
    int cp = Utf8.decode(lead, this::nextByte);
    if (cp == Utf8.BAD_LEAD) {
      _reportInvalidInitial(lead);
    } else if (cp < 0) {
      _reportInvalidOther(-1 - cp, _inputPtr);
    }
    return cp;
  }

  private int nextByte() throws IOException {
    if (_inputPtr >= _inputEnd) {
      _loadMoreGuaranteed();
    }
    return _inputBuffer[_inputPtr++] & 0xFF;
  }

  /** The source under Jackson once names are steered: one byte per read when asked. */
  private static final class SteeredStream extends java.io.FilterInputStream {
    boolean oneByte;

    SteeredStream(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return in.read(b, off, oneByte ? Math.min(len, 1) : len);
    }
  }

  /** Releases the name table as Jackson does (a merge into the root), then caps the root. */
  @Override
  protected void _releaseBuffers() throws IOException {
    super._releaseBuffers();
    if (tree != null) {
      tree.close();
    }
    if (names != null) {
      names.released(namesRoot, longNameChars);
      longNameChars = 0;
    }
  }

  private void checkNumber() throws IOException {
    int len = _textBuffer.size();
    if (lengths.numberOver(len)) {
      throw JacksonErrors.toJackson(lengths.numberBreach(len, TokenChecks.here(this)));
    }
  }

  // Every token-advancing method runs through nextToken(), so that every token is counted and
  // checked; Jackson's own versions bypass it.

  @Override
  public JsonToken nextValue() throws IOException {
    return TokenAdvance.nextValue(this);
  }

  @Override
  public boolean nextFieldName(SerializableString str) throws IOException {
    return TokenAdvance.nextFieldName(this, str);
  }

  @Override
  public String nextFieldName() throws IOException {
    return TokenAdvance.nextFieldName(this);
  }

  @Override
  public String nextTextValue() throws IOException {
    return TokenAdvance.nextTextValue(this);
  }

  @Override
  public int nextIntValue(int defaultValue) throws IOException {
    return TokenAdvance.nextIntValue(this, defaultValue);
  }

  @Override
  public long nextLongValue(long defaultValue) throws IOException {
    return TokenAdvance.nextLongValue(this, defaultValue);
  }

  @Override
  public Boolean nextBooleanValue() throws IOException {
    return TokenAdvance.nextBooleanValue(this);
  }

  @Override
  public JsonParser skipChildren() throws IOException {
    return TokenAdvance.skipChildren(this);
  }

  // Numbers: a value that does not fit the type asked for fails with Jackson's type and ours as its
  // cause; a coercion to BigInteger is held to maxNumberLength by BoundedConstraints.

  @Override
  protected void _reportInputCoercion(String msg, JsonToken inputType, Class<?> targetType)
      throws InputCoercionException {
    throw JacksonErrors.coercion(msg, inputType, targetType, this);
  }

  @Override
  public short getShortValue() throws IOException {
    return JacksonErrors.number(super::getShortValue, this);
  }

  @Override
  public byte getByteValue() throws IOException {
    return JacksonErrors.number(super::getByteValue, this);
  }

  @Override
  public BigInteger getBigIntegerValue() throws IOException {
    return JacksonErrors.number(super::getBigIntegerValue, this);
  }

  @Override
  public BigDecimal getDecimalValue() throws IOException {
    return JacksonErrors.number(super::getDecimalValue, this);
  }

  @Override
  public java.lang.Number getNumberValue() throws IOException {
    return JacksonErrors.number(super::getNumberValue, this);
  }

  @Override
  public java.lang.Number getNumberValueExact() throws IOException {
    return JacksonErrors.number(super::getNumberValueExact, this);
  }

  // Base64 decoding reads an undecoded string straight from the input: decode and check it first.

  @Override
  public byte[] getBinaryValue(Base64Variant b64variant) throws IOException {
    if (_tokenIncomplete && _currToken == JsonToken.VALUE_STRING) {
      finishSkipped();
    }
    try {
      return super.getBinaryValue(b64variant);
    } catch (IOException e) {
      throw JacksonErrors.translate(e, this);
    } catch (RuntimeException e) {
      throw JacksonErrors.translate(e, this);
    }
  }

  @Override
  public int readBinaryValue(Base64Variant b64variant, OutputStream out) throws IOException {
    if (_tokenIncomplete && _currToken == JsonToken.VALUE_STRING) {
      finishSkipped();
    }
    try {
      return super.readBinaryValue(b64variant, out);
    } catch (IOException e) {
      throw JacksonErrors.translate(e, this);
    } catch (RuntimeException e) {
      throw JacksonErrors.translate(e, this);
    }
  }

  // Features that change tokenization are refused.

  @Override
  public JsonParser enable(JsonParser.Feature f) {
    if (Features.isRefused(f)) {
      throw Features.refused(f);
    }
    return super.enable(f);
  }

  @Override
  public JsonParser configure(JsonParser.Feature f, boolean state) {
    if (state) {
      enable(f);
    } else {
      disable(f);
    }
    return this;
  }

  @Override
  @Deprecated
  public JsonParser setFeatureMask(int mask) {
    Features.checkMask(mask, mask);
    return super.setFeatureMask(mask);
  }

  @Override
  public JsonParser overrideStdFeatures(int values, int mask) {
    Features.checkMask(values, mask);
    return super.overrideStdFeatures(values, mask);
  }
}
