package dev.bounded.json.internal;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.async.NonBlockingInputFeeder;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import dev.bounded.core.internal.ParseGuard;
import dev.bounded.json.JsonLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The parser a bounded factory hands out for char input ({@code Reader}, {@code String}, {@code
 * char[]}; Jackson's char parser has a final {@code nextToken()}) and for the non-blocking parsers:
 * a {@link JsonParserDelegate} over Jackson's parser that makes every limit exact. Byte input gets
 * {@link BoundedUtf8Parser} instead, which runs the same checks with no delegate layer. On each
 * token it counts (skipped tokens included: every token-advancing method, {@link #skipChildren()}
 * too, runs through {@link #nextToken()}), materialises a string value and checks its length (so a
 * string the caller never reads is held to the limit like one it reads; Jackson's own constraints
 * stop a huge one within a text segment of the limit while it is being buffered), checks a name's
 * and a number's length, refuses lone surrogates and duplicate names when asked, refuses an empty
 * input and the features that change tokenization, and translates every failure into a Jackson
 * exception with our typed, located exception in its cause chain.
 *
 * <p>Internal: callers see it as a {@link JsonParser}. Not thread-safe, like any parser.
 */
final class BoundedJsonParser extends JsonParserDelegate implements BoundedParser {
  private final long maxTokens;
  private final LengthLimits lengths;
  private final TokenChecks.DuplicateNames duplicates;
  private final boolean rejectSurrogates;
  private final NonBlockingFeeder feeder;

  /** This parser's own constraints (blocking parsers), told when Jackson's nextToken runs. */
  private final BoundedConstraints constraints;

  /** The deadline and allocation cap; null when both are unlimited. */
  private final ParseGuard guard;

  /** The tree databind builds from this parser; null for a streaming parser (no codec). */
  private final TreeCharge tree;

  private long tokens;

  /** The token count past which the slow path runs: the token limit or the next guard check. */
  private long stop;

  private boolean sawToken;
  private boolean allowEmpty;

  /**
   * The current token is a string not yet checked. It is checked right after the caller's first
   * read of its text (so the text is decoded where the caller reads it, at the speed of raw
   * Jackson, and never handed out unchecked), or, if nobody reads it, before the next token.
   */
  private boolean pendingString;

  /** Names known to hold no lone surrogate (Jackson hands out one String per distinct name). */
  private String[] cleanNames;

  BoundedJsonParser(
      JsonParser d,
      JsonLimits limits,
      LengthLimits lengths,
      NonBlockingFeeder feeder,
      BoundedConstraints constraints,
      ParseGuard guard) {
    super(d);
    this.maxTokens = limits.maxTokens();
    this.lengths = lengths;
    this.duplicates = limits.rejectDuplicateNames() ? new TokenChecks.DuplicateNames() : null;
    this.rejectSurrogates = limits.rejectLoneSurrogates();
    this.feeder = feeder;
    this.constraints = constraints;
    this.guard = guard;
    this.tree = TreeCharge.forCodec(d.getCodec(), limits);
    this.stop = Math.min(nextStop(), TokenChecks.firstStop(maxTokens, guard, false));
    Features.checkMask(d.getFeatureMask(), d.getFeatureMask());
  }

  @Override
  public void resetTokenCount() {
    tokens = 0;
    stop = nextStop();
  }

  @Override
  public long tokenCount() {
    return tokens;
  }

  // The push loop's hooks (PushLoop): nextToken() has checked everything already.

  @Override
  public JsonToken pushNext() throws IOException {
    return nextToken();
  }

  @Override
  public String pushName() throws IOException {
    return delegate.currentName();
  }

  @Override
  public void pushNumber() {}

  @Override
  public void pushText(PushLoop v) throws IOException {
    char[] c = getTextCharacters(); // checks a pending string
    v.set(c, getTextOffset(), getTextLength());
  }

  /** The token count past which the slow path runs next. */
  private long nextStop() {
    long s = TokenChecks.nextStop(tokens, maxTokens, guard);
    return tree == null ? s : Math.min(s, tree.nextStop(tokens));
  }

  /** Closes the parser and releases what the tree was charged. */
  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      if (tree != null) {
        tree.close();
      }
    }
  }

  @Override
  public void allowEmpty() {
    allowEmpty = true;
  }

  @Override
  public JsonParser located() {
    return delegate;
  }

  @Override
  public JsonToken nextToken() throws IOException {
    if (pendingString) {
      checkString(); // a string nobody read: held to the limit all the same
    }
    JsonToken t;
    BoundedConstraints c = constraints;
    try {
      if (c != null) {
        c.tokenPhase = true;
      }
      t = delegate.nextToken();
    } catch (IOException e) {
      throw JacksonErrors.translate(e, delegate);
    } catch (RuntimeException e) {
      throw JacksonErrors.translate(e, delegate);
    } finally {
      if (c != null) {
        c.tokenPhase = false;
      }
    }
    if (t == null) {
      if (!sawToken && !allowEmpty) {
        sawToken = true; // report once
        throw TokenChecks.empty(delegate);
      }
      return null;
    }
    if (t == JsonToken.NOT_AVAILABLE) {
      if (feeder != null) {
        feeder.throwPending(delegate);
      }
      TokenChecks.guard(
          guard, delegate); // the parser ran out of fed input: as a read from the source
      return t;
    }
    sawToken = true;
    if (++tokens > stop) {
      if (tokens > maxTokens) {
        tokens = maxTokens; // stay failed at the same count
        throw TokenChecks.tooManyTokens(maxTokens, delegate);
      }
      if (tree != null) {
        try {
          tree.charge(tokens, delegate);
        } catch (IOException e) {
          tokens = Math.min(tokens - 1, tree.maxNodes); // stay failed
          throw e;
        }
      }
      stop = nextStop();
      TokenChecks.guard(guard, delegate);
    }
    if (t == JsonToken.FIELD_NAME) {
      checkName();
    } else if (t == JsonToken.VALUE_STRING) {
      pendingString = true;
    } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      checkNumber();
    }
    if (duplicates != null) {
      duplicates.track(t, delegate);
    }
    return t;
  }

  /**
   * Checks the current string exactly, decoding it if nobody has (Jackson bounds the buffer while
   * decoding). Stays pending if it fails, so that the parser stays failed.
   */
  private void checkString() throws IOException {
    int len;
    char[] text;
    int offset;
    try {
      len = delegate.getTextLength();
      if (lengths.stringOver(len)) {
        throw tooLong(lengths.stringBreach(len, TokenChecks.here(delegate)));
      }
      if (tree != null) {
        tree.text(len, delegate);
      }
      if (!rejectSurrogates || len == 0) {
        pendingString = false;
        return;
      }
      text = delegate.getTextCharacters();
      offset = delegate.getTextOffset();
    } catch (IOException e) {
      throw JacksonErrors.translate(e, delegate);
    } catch (RuntimeException e) {
      throw JacksonErrors.translate(e, delegate);
    }
    if (Surrogates.hasLone(text, offset, len)) {
      throw loneSurrogate();
    }
    pendingString = false;
  }

  private void checkName() throws IOException {
    String name = delegate.currentName();
    int len = name.length();
    if (lengths.nameOver(len)) {
      throw tooLong(lengths.nameBreach(len, TokenChecks.here(delegate)));
    }
    if (rejectSurrogates) {
      String[] clean = cleanNames;
      if (clean == null) {
        clean = cleanNames = new String[64];
      }
      int slot = name.hashCode() & 63;
      if (clean[slot] != name) {
        if (Surrogates.hasLone(name)) {
          throw loneSurrogate();
        }
        clean[slot] = name;
      }
    }
  }

  private void checkNumber() throws IOException {
    int len = read(JsonParser::getTextLength);
    if (lengths.numberOver(len)) {
      throw tooLong(lengths.numberBreach(len, TokenChecks.here(delegate)));
    }
  }

  private static IOException tooLong(dev.bounded.core.LimitExceededException e) {
    return JacksonErrors.toJackson(e);
  }

  private IOException loneSurrogate() {
    return TokenChecks.loneSurrogate(delegate);
  }

  // Every token-advancing method runs through nextToken(), so that every token is counted and
  // checked; Jackson's own versions would bypass this wrapper.

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

  @Override
  public void finishToken() throws IOException {
    checkFirst();
    read(
        d -> {
          d.finishToken();
          return null;
        });
  }

  // Text accessors. The hot ones let Jackson decode the string first, where the caller reads it,
  // and check it before returning; the rest check the string before Jackson touches it (base64
  // decoding, for one, reads an undecoded string straight from the input).

  @Override
  public String getText() throws IOException {
    return readThenCheck(d -> d.getText());
  }

  @Override
  public int getTextLength() throws IOException {
    return readThenCheck(d -> d.getTextLength());
  }

  @Override
  public char[] getTextCharacters() throws IOException {
    return readThenCheck(d -> d.getTextCharacters());
  }

  @Override
  public int getTextOffset() throws IOException {
    return readThenCheck(d -> d.getTextOffset());
  }

  @Override
  public String getValueAsString() throws IOException {
    return readThenCheck(d -> d.getValueAsString());
  }

  @Override
  public String getValueAsString(String defaultValue) throws IOException {
    return readThenCheck(d -> d.getValueAsString(defaultValue));
  }

  /** One call on the delegate. */
  @FunctionalInterface
  private interface Read<T> {
    T on(JsonParser delegate) throws IOException;
  }

  /** {@code r} on the delegate, its failures translated to ours. */
  private <T> T read(Read<T> r) throws IOException {
    try {
      return r.on(delegate);
    } catch (IOException e) {
      throw JacksonErrors.translate(e, delegate);
    } catch (RuntimeException e) {
      throw JacksonErrors.translate(e, delegate);
    }
  }

  /** As {@link #read}, then a string Jackson has just decoded for it is checked. */
  private <T> T readThenCheck(Read<T> r) throws IOException {
    T v = read(r);
    if (pendingString) {
      checkString();
    }
    return v;
  }

  /** Checks a pending string before Jackson reads it some other way. */
  private void checkFirst() throws IOException {
    if (pendingString) {
      checkString();
    }
  }

  @Override
  public int getText(Writer writer) throws IOException {
    checkFirst();
    return read(d -> d.getText(writer));
  }

  @Override
  public byte[] getBinaryValue(Base64Variant b64variant) throws IOException {
    checkFirst();
    return read(d -> d.getBinaryValue(b64variant));
  }

  @Override
  public int readBinaryValue(Base64Variant b64variant, OutputStream out) throws IOException {
    checkFirst();
    return read(d -> d.readBinaryValue(b64variant, out));
  }

  @Override
  public int getValueAsInt() throws IOException {
    checkFirst();
    try {
      return delegate.getValueAsInt();
    } catch (IOException | RuntimeException e) {
      throw JacksonErrors.number(e, delegate);
    }
  }

  @Override
  public int getValueAsInt(int defaultValue) throws IOException {
    checkFirst();
    try {
      return delegate.getValueAsInt(defaultValue);
    } catch (IOException | RuntimeException e) {
      throw JacksonErrors.number(e, delegate);
    }
  }

  @Override
  public long getValueAsLong() throws IOException {
    checkFirst();
    try {
      return delegate.getValueAsLong();
    } catch (IOException | RuntimeException e) {
      throw JacksonErrors.number(e, delegate);
    }
  }

  @Override
  public long getValueAsLong(long defaultValue) throws IOException {
    checkFirst();
    try {
      return delegate.getValueAsLong(defaultValue);
    } catch (IOException | RuntimeException e) {
      throw JacksonErrors.number(e, delegate);
    }
  }

  // Numbers: a value that does not fit the type asked for fails with Jackson's type and ours as its
  // cause; a coercion to BigInteger is held to maxNumberLength by BoundedConstraints.

  @Override
  public int getIntValue() throws IOException {
    try {
      return delegate.getIntValue();
    } catch (IOException | RuntimeException e) {
      throw JacksonErrors.number(e, delegate);
    }
  }

  @Override
  public long getLongValue() throws IOException {
    try {
      return delegate.getLongValue();
    } catch (IOException | RuntimeException e) {
      throw JacksonErrors.number(e, delegate);
    }
  }

  @Override
  public short getShortValue() throws IOException {
    return JacksonErrors.number(delegate::getShortValue, delegate);
  }

  @Override
  public byte getByteValue() throws IOException {
    return JacksonErrors.number(delegate::getByteValue, delegate);
  }

  @Override
  public BigInteger getBigIntegerValue() throws IOException {
    return JacksonErrors.number(delegate::getBigIntegerValue, delegate);
  }

  @Override
  public BigDecimal getDecimalValue() throws IOException {
    return JacksonErrors.number(delegate::getDecimalValue, delegate);
  }

  @Override
  public Number getNumberValue() throws IOException {
    return JacksonErrors.number(delegate::getNumberValue, delegate);
  }

  @Override
  public Number getNumberValueExact() throws IOException {
    return JacksonErrors.number(delegate::getNumberValueExact, delegate);
  }

  @Override
  public double getValueAsDouble() throws IOException {
    checkFirst();
    return delegate.getValueAsDouble();
  }

  @Override
  public double getValueAsDouble(double defaultValue) throws IOException {
    checkFirst();
    return delegate.getValueAsDouble(defaultValue);
  }

  @Override
  public boolean getValueAsBoolean() throws IOException {
    checkFirst();
    return delegate.getValueAsBoolean();
  }

  @Override
  public boolean getValueAsBoolean(boolean defaultValue) throws IOException {
    checkFirst();
    return delegate.getValueAsBoolean(defaultValue);
  }

  @Override
  public Object getEmbeddedObject() throws IOException {
    checkFirst();
    return delegate.getEmbeddedObject();
  }

  @Override
  public NonBlockingInputFeeder getNonBlockingInputFeeder() {
    return feeder;
  }

  @Override
  public boolean canParseAsync() {
    return feeder != null;
  }

  // Features that change tokenization would let the scanner lose track: refused.

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
