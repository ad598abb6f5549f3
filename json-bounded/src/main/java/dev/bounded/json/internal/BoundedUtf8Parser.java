package dev.bounded.json.internal;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import dev.bounded.core.Limit;
import dev.bounded.core.internal.ParseGuard;
import dev.bounded.json.JsonLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The parser a bounded factory hands out for byte input: Jackson's own {@link
 * UTF8StreamJsonParser}, subclassed so that every limit is checked inside its {@code nextToken()}
 * with no delegate layer between the caller and Jackson (a delegate alone cost about 12% of
 * throughput: the JIT does not fold it into the caller's loop).
 *
 * <p>The checks are those of {@link BoundedJsonParser}, on the token: every token counted (every
 * token-advancing method, {@link #skipChildren()} too, runs through {@link #nextToken()}); a
 * name's and a number's length checked when the token is returned; a string's decoded length
 * right after the caller's first read of its text or, if nobody reads it, before the next token,
 * so skipped strings are held to the limit too (Jackson's constraints, {@link BoundedConstraints},
 * stop a huge one within a text segment while it is being decoded). The deadline and allocation
 * cap are checked every {@link Checks#GUARD_EVERY} tokens, on the same counter comparison as the
 * token limit, so they cost nothing between checks.
 *
 * <p>Lone surrogates cost nothing unless one is possible: from UTF-8 bytes a surrogate code unit
 * can only come from a {@code \}{@code u} escape (Jackson 2.23 refuses the CESU-8 byte sequences
 * {@code ED A0..BF xx} as invalid UTF-8 in strings and names, read or skipped; a four-byte
 * sequence always decodes to a valid pair), and every escape is decoded by {@link
 * #_decodeEscaped()}, which notes a surrogate. Only a string or name after such a note is scanned.
 *
 * <p>Internal: callers see it as a {@link JsonParser}. Not thread-safe, like any parser.
 */
final class BoundedUtf8Parser extends UTF8StreamJsonParser implements BoundedParser {
  private final long maxTokens;
  private final long maxString;
  private final long maxName;
  private final long maxNumber;
  private final boolean rejectSurrogates;
  private final Checks.DuplicateNames duplicates;
  /** This parser's own constraints, told when Jackson's nextToken runs. */
  private final BoundedConstraints constraints;
  /** The deadline and allocation cap; null when both are unlimited. */
  private final ParseGuard guard;

  private long tokens;
  /** The token count past which the slow path runs: the token limit or the next guard check. */
  private long stop;

  /**
   * True while Jackson's {@code nextToken()} runs: its constraints ({@link BoundedConstraints})
   * then know that a text buffer holds a number, never a string value (decoded lazily, later).
   */
  boolean inToken;

  private boolean allowEmpty;
  /** A {@code \}{@code u} escape decoded a surrogate since the last surrogate scan. */
  private boolean surrogateEscape;
  /**
   * The string check that failed, thrown again at every later attempt to read the string or
   * advance past it, so that the parser stays failed.
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
      ParseGuard guard) {
    super(ctxt, features, in, codec, symbols, buffer, start, end, bytesPreProcessed, recyclable);
    this.maxTokens = limits.maxTokens();
    this.maxString = limits.maxStringLength();
    this.maxName = limits.maxNameLength();
    this.maxNumber = limits.maxNumberLength();
    this.rejectSurrogates = limits.rejectLoneSurrogates();
    this.duplicates = limits.rejectDuplicateNames() ? new Checks.DuplicateNames() : null;
    this.constraints = constraints;
    this.guard = guard;
    this.stop = Checks.nextStop(0, maxTokens, guard);
    constraints.parser = this;
    constraints.utf8 = this;
    Features.checkMask(features, features);
  }

  @Override
  public void resetTokenCount() {
    tokens = 0;
    stop = Checks.nextStop(0, maxTokens, guard);
  }

  @Override
  public void allowEmpty() {
    allowEmpty = true;
  }

  @Override
  public JsonParser located() {
    return this;
  }

  @Override
  public JsonToken nextToken() throws IOException {
    // A string nobody read: held to the limit all the same. Only when the caller was handed the
    // string: after a property name Jackson keeps the value string pending (and returns it from
    // this call), so decoding it here would check it before it is a token of its own (located
    // at the name) and would pull the whole string decoder into this method, too big then for
    // the JIT to inline nextToken() into a caller's loop.
    if (_tokenIncomplete && _currToken == JsonToken.VALUE_STRING) {
      finishSkipped();
    }
    inToken = true;
    JsonToken t;
    try {
      t = super.nextToken();
    } catch (IOException e) {
      inToken = false;
      throw Errors.translate(e, this);
    } catch (RuntimeException e) {
      inToken = false;
      throw Errors.translate(e, this);
    }
    inToken = false;
    if (t == null) {
      // No token ever: tokens restart only for sequences, which allow an empty input anyway.
      if (tokens == 0 && !allowEmpty) {
        allowEmpty = true; // report once
        throw Checks.empty(this);
      }
      return null;
    }
    if (++tokens > stop) {
      slowCount();
    }
    if (t == JsonToken.FIELD_NAME) {
      checkName();
    } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      checkNumber();
    }
    if (duplicates != null) {
      duplicates.track(t, this);
    }
    return t;
  }

  /** Past the token limit, or time for the guard. */
  private void slowCount() throws IOException {
    if (tokens > maxTokens) {
      tokens = maxTokens; // stay failed at the same count
      allowEmpty = true; // and never report an empty input after this
      throw Checks.tooManyTokens(maxTokens, this);
    }
    stop = Checks.nextStop(tokens, maxTokens, guard);
    Checks.guard(guard, this);
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
   * after it is decoded, before any accessor hands it out, so no accessor needs a check of its
   * own.
   */
  @Override
  protected void _finishString() throws IOException {
    if (stringFailure != null) {
      throw failedAgain();
    }
    try {
      super._finishString();
    } catch (IOException e) {
      throw Errors.translate(e, this);
    } catch (RuntimeException e) {
      throw Errors.translate(e, this);
    }
    int len = _textBuffer.size();
    if (len > maxString || surrogateEscape) {
      checkDecoded(len);
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
      throw Errors.translate(e, this);
    } catch (RuntimeException e) {
      throw Errors.translate(e, this);
    }
    int len = s.length();
    if (len > maxString || surrogateEscape) {
      checkDecoded(len);
    }
    return s;
  }

  /** A decoded string over the limit or after a surrogate escape. Fails for good if it fails. */
  private void checkDecoded(int len) throws IOException {
    IOException failure = null;
    if (len > maxString) {
      failure = Checks.tooLong(Limit.MAX_STRING_LENGTH, maxString, len, "maxStringLength", this);
    } else if (rejectSurrogates
        && Surrogates.hasLone(_textBuffer.getTextBuffer(), _textBuffer.getTextOffset(), len)) {
      failure = Checks.loneSurrogate(this);
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
    if (len > maxName) {
      throw Checks.tooLong(Limit.MAX_NAME_LENGTH, maxName, len, "maxNameLength", this);
    }
    if (surrogateEscape) {
      surrogateEscape = false;
      if (rejectSurrogates && Surrogates.hasLone(name)) {
        throw Checks.loneSurrogate(this);
      }
    }
  }

  private void checkNumber() throws IOException {
    int len = _textBuffer.size();
    if (len > maxNumber) {
      throw Checks.tooLong(Limit.MAX_NUMBER_LENGTH, maxNumber, len, "maxNumberLength", this);
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

  // Base64 decoding reads an undecoded string straight from the input: decode and check it first.

  @Override
  public byte[] getBinaryValue(Base64Variant b64variant) throws IOException {
    if (_tokenIncomplete && _currToken == JsonToken.VALUE_STRING) {
      finishSkipped();
    }
    try {
      return super.getBinaryValue(b64variant);
    } catch (IOException e) {
      throw Errors.translate(e, this);
    } catch (RuntimeException e) {
      throw Errors.translate(e, this);
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
      throw Errors.translate(e, this);
    } catch (RuntimeException e) {
      throw Errors.translate(e, this);
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
