package dev.bounded.json.internal;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.PackageVersion;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ParseLocation;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The pull parser {@code BoundedJson.newParser} hands out for byte input: a Jackson {@link
 * JsonParser} over our own tokenizer ({@link Utf8Tokenizer}), which has checked every limit by the
 * time a token is returned. Jackson's {@link ParserBase} keeps what callers read besides the token:
 * the parsing context (names, indexes, the JSON Pointer), number conversion from the token's text,
 * the base64 decoder. Every failure caused by the input is a Jackson exception with ours as its
 * cause, as from the other bounded parsers.
 *
 * <p>It reads JSON as RFC 8259 writes it: the Jackson features that change tokenization (comments,
 * lenient numbers, missing values, trailing commas, unescaped control characters, any-character
 * escapes, strict duplicate detection) are refused with {@link UnsupportedOperationException}. A
 * parser that needs them comes from {@code BoundedJson.newFactory}, whose parsers are Jackson's
 * own.
 *
 * <p>Internal: callers see it as a {@link JsonParser}. Not thread-safe, like any parser.
 */
final class TokenizerParser extends ParserBase {
  private final Utf8Tokenizer t;
  private final InputStream in;
  private ObjectCodec codec;

  /** The current string value as a String, once asked for; null otherwise. */
  private String string;

  /** The input's failure: thrown again at every later call, so the parser stays failed. */
  private IOException failure;

  /** The current name's chars, for {@link #getTextCharacters()} on a name. */
  private char[] nameChars;

  TokenizerParser(IOContext ctxt, int features, InputStream in, Utf8Tokenizer t) {
    super(ctxt, features);
    this.in = in;
    this.t = t;
    t.decodeStrings();
    Features.TOKENIZER.check(features, features);
    ((BoundedConstraints) ctxt.streamReadConstraints()).parser = this;
  }

  @Override
  public JsonToken nextToken() throws IOException {
    if (_closed) {
      return null;
    }
    _numTypesValid = NR_UNKNOWN;
    _binaryValue = null;
    string = null;
    numberPending = false;
    JsonToken prev = _currToken;
    if (failure != null) {
      throw failure;
    }
    JsonToken tok;
    try {
      tok = t.pushNext();
    } catch (BoundedParseException e) {
      throw failure = JacksonErrors.toJackson(e);
    } catch (RuntimeException e) {
      throw failure = JacksonErrors.translate(e, this);
    }
    if (tok == null) {
      close();
      return _currToken = null;
    }
    switch (tok.id()) {
      case JsonTokenId.ID_END_OBJECT:
      case JsonTokenId.ID_END_ARRAY:
        _parsingContext = _parsingContext.clearAndGetParent();
        break;
      case JsonTokenId.ID_START_OBJECT:
        newEntry(prev);
        _parsingContext =
            _parsingContext.createChildObjectContext((int) t.tokenLine(), (int) t.tokenColumn());
        break;
      case JsonTokenId.ID_START_ARRAY:
        newEntry(prev);
        _parsingContext =
            _parsingContext.createChildArrayContext((int) t.tokenLine(), (int) t.tokenColumn());
        break;
      case JsonTokenId.ID_FIELD_NAME:
        newEntry(prev);
        _parsingContext.setCurrentName(t.pushName());
        break;
      case JsonTokenId.ID_NUMBER_INT:
      case JsonTokenId.ID_NUMBER_FLOAT:
        newEntry(prev);
        numberPending = true; // its text goes to Jackson's buffer when asked for
        break;
      default:
        newEntry(prev);
        break;
    }
    return _currToken = tok;
  }

  /** A value or name that starts an entry (not the value after a name): the index moves on. */
  private void newEntry(JsonToken prev) {
    if (prev != JsonToken.FIELD_NAME) {
      _parsingContext.expectComma();
    }
  }

  /** The current number's text is not in Jackson's text buffer yet. */
  private boolean numberPending;

  /** The current number, ready for ParserBase's conversions and text accessors. */
  private void number() throws IOException {
    if (numberPending) {
      numberPending = false;
      loadNumber();
    }
  }

  /** The number's text into Jackson's text buffer, with its parts. */
  private void loadNumber() throws IOException {
    char[] c = t.chars();
    int len = t.textLength();
    boolean negative = c[0] == '-';
    int i = negative ? 1 : 0;
    int intStart = i;
    while (i < len && c[i] >= '0' && c[i] <= '9') {
      i++;
    }
    int intLen = i - intStart;
    int fractLen = 0;
    int expLen = 0;
    if (i < len && c[i] == '.') {
      int f = ++i;
      while (i < len && c[i] >= '0' && c[i] <= '9') {
        i++;
      }
      fractLen = i - f;
    }
    if (i < len) { // an exponent
      i++;
      if (c[i] == '+' || c[i] == '-') {
        i++;
      }
      expLen = len - i;
    }
    _textBuffer.resetWithShared(c, 0, len);
    reset(negative, intLen, fractLen, expLen);
  }

  @Override
  public String getText() throws IOException {
    JsonToken tok = _currToken;
    if (tok == JsonToken.VALUE_STRING) {
      String s = string;
      return s != null ? s : (string = t.pushString());
    }
    if (tok == JsonToken.FIELD_NAME) {
      return _parsingContext.getCurrentName();
    }
    if (tok == JsonToken.VALUE_NUMBER_INT || tok == JsonToken.VALUE_NUMBER_FLOAT) {
      number();
      return _textBuffer.contentsAsString();
    }
    return tok == null ? null : tok.asString();
  }

  @Override
  public char[] getTextCharacters() throws IOException {
    JsonToken tok = _currToken;
    if (tok == JsonToken.VALUE_STRING) {
      return t.chars();
    }
    if (tok == JsonToken.FIELD_NAME) {
      String name = _parsingContext.getCurrentName();
      int n = name.length();
      char[] c = nameChars;
      if (c == null || c.length < n) {
        c = nameChars = new char[Math.max(n, 64)];
      }
      name.getChars(0, n, c, 0);
      return c;
    }
    if (tok == JsonToken.VALUE_NUMBER_INT || tok == JsonToken.VALUE_NUMBER_FLOAT) {
      number();
      return _textBuffer.getTextBuffer();
    }
    return tok == null ? null : tok.asCharArray();
  }

  @Override
  public int getTextLength() throws IOException {
    JsonToken tok = _currToken;
    if (tok == JsonToken.VALUE_STRING) {
      return t.textLength();
    }
    if (tok == JsonToken.FIELD_NAME) {
      return _parsingContext.getCurrentName().length();
    }
    if (tok == JsonToken.VALUE_NUMBER_INT || tok == JsonToken.VALUE_NUMBER_FLOAT) {
      number();
      return _textBuffer.size();
    }
    return tok == null ? 0 : tok.asCharArray().length;
  }

  @Override
  public int getTextOffset() throws IOException {
    JsonToken tok = _currToken;
    if (tok == JsonToken.VALUE_NUMBER_INT || tok == JsonToken.VALUE_NUMBER_FLOAT) {
      number();
      return _textBuffer.getTextOffset();
    }
    return 0;
  }

  @Override
  public boolean hasTextCharacters() {
    return false; // a string's chars may still be bytes in the buffer: getText() costs the same
  }

  @Override
  public byte[] getBinaryValue(Base64Variant b64variant) throws IOException {
    if (_currToken != JsonToken.VALUE_STRING) {
      _reportError("Current token (" + _currToken + ") not VALUE_STRING, can not access as binary");
    }
    if (_binaryValue == null) {
      ByteArrayBuilder b = _getByteArrayBuilder();
      _decodeBase64(getText(), b, b64variant);
      _binaryValue = b.toByteArray();
    }
    return _binaryValue;
  }

  @Override
  public ObjectCodec getCodec() {
    return codec;
  }

  @Override
  public void setCodec(ObjectCodec c) {
    codec = c;
  }

  @Override
  public Version version() {
    return PackageVersion.VERSION;
  }

  // Locations: bytes, lines and columns (in bytes) from the tokenizer.

  @Override
  public JsonLocation currentTokenLocation() {
    return location(t.tokenStart());
  }

  @Override
  @Deprecated
  public JsonLocation getTokenLocation() {
    return currentTokenLocation();
  }

  @Override
  public JsonLocation currentLocation() {
    return location(t.here());
  }

  @Override
  @Deprecated
  public JsonLocation getCurrentLocation() {
    return currentLocation();
  }

  private JsonLocation location(ParseLocation at) {
    return new JsonLocation(
        _contentReference(), at.byteOffset(), -1L, (int) at.line(), (int) at.column());
  }

  @Override
  protected void _closeInput() throws IOException {
    if (in != null && (_ioContext.isResourceManaged() || isEnabled(Feature.AUTO_CLOSE_SOURCE))) {
      in.close();
    }
  }

  @Override
  protected void _releaseBuffers() throws IOException {
    super._releaseBuffers();
    t.release();
  }

  // Numbers: ParserBase converts from its text buffer, loaded at the first conversion. A value that
  // does not fit the type asked for fails with Jackson's type and ours as its cause; a coercion to
  // BigInteger is held to maxNumberLength by BoundedConstraints.

  @Override
  protected void _parseNumericValue(int expType) throws IOException {
    number();
    super._parseNumericValue(expType);
  }

  @Override
  protected int _parseIntValue() throws IOException {
    number();
    return super._parseIntValue();
  }

  @Override
  public Object getNumberValueDeferred() throws IOException {
    number();
    return super.getNumberValueDeferred();
  }

  @Override
  public NumberTypeFP getNumberTypeFP() throws IOException {
    number();
    return super.getNumberTypeFP();
  }

  @Override
  public boolean isNaN() throws IOException {
    number();
    return super.isNaN();
  }

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
  public Number getNumberValue() throws IOException {
    return JacksonErrors.number(super::getNumberValue, this);
  }

  @Override
  public Number getNumberValueExact() throws IOException {
    return JacksonErrors.number(super::getNumberValueExact, this);
  }

  // Features that change tokenization are refused.

  @Override
  public JsonParser enable(JsonParser.Feature f) {
    Features.TOKENIZER.check(f);
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
    Features.TOKENIZER.check(mask, mask);
    return super.setFeatureMask(mask);
  }

  @Override
  public JsonParser overrideStdFeatures(int values, int mask) {
    Features.TOKENIZER.check(values, mask);
    return super.overrideStdFeatures(values, mask);
  }
}
