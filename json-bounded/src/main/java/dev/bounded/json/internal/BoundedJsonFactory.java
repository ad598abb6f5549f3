package dev.bounded.json.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.TSFBuilder;
import com.fasterxml.jackson.core.io.IOContext;
import dev.bounded.json.JsonLimits;
import java.io.ByteArrayInputStream;
import java.io.CharArrayReader;
import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link JsonFactory} whose every parser is bounded. Every public {@code createParser} variant of
 * jackson-core 2.23 (File, URL, InputStream, Reader, byte[], byte[] slice, String, char[], char[]
 * slice) funnels into the protected {@code _createParser} hooks overridden here, which put the
 * exact byte (char) limit and the {@link Scanner} under Jackson's parser and the {@link
 * BoundedJsonParser} over it. The non-blocking parsers get a bounding feeder. {@link #copy()} and
 * {@link #rebuild()} give bounded factories with the same limits.
 *
 * <p>Refused, with {@link UnsupportedOperationException}: {@code createParser(DataInput)} (its
 * contract is to read no byte past the value, which leaves nothing to bound incrementally without
 * changing its behaviour), {@link #setStreamReadConstraints} (the limits come from {@link
 * JsonLimits}), and enabling the features that change tokenization (comments, unquoted names,
 * single quotes). Thread-safe, like any {@code JsonFactory}, once configured.
 */
public final class BoundedJsonFactory extends JsonFactory {
  private static final long serialVersionUID = 1L;
  private static final BoundedJsonFactory DEFAULT = new BoundedJsonFactory(JsonLimits.defaults());
  private static final ConcurrentHashMap<JsonLimits, BoundedJsonFactory> CACHE =
      new ConcurrentHashMap<>();
  private static final int MAX_CACHED = 32;

  private final JsonLimits limits;

  /** A new factory bounded by {@code limits}. */
  public BoundedJsonFactory(JsonLimits limits) {
    super();
    this.limits = Objects.requireNonNull(limits, "limits");
    init();
  }

  private BoundedJsonFactory(BoundedJsonFactory src) {
    super(src, null);
    this.limits = src.limits;
    init();
  }

  private BoundedJsonFactory(JsonFactoryBuilder b, JsonLimits limits) {
    super(b);
    this.limits = limits;
    init();
  }

  private void init() {
    super.setStreamReadConstraints(new BoundedConstraints(limits));
    Features.checkMask(_parserFeatures, _parserFeatures);
  }

  /** A shared factory for {@code limits}, for the facade's own parsers (not handed out). */
  public static BoundedJsonFactory shared(JsonLimits limits) {
    if (limits.equals(DEFAULT.limits)) {
      return DEFAULT;
    }
    BoundedJsonFactory f = CACHE.get(limits);
    if (f == null) {
      if (CACHE.size() >= MAX_CACHED) {
        CACHE.clear();
      }
      f = CACHE.computeIfAbsent(limits, BoundedJsonFactory::new);
    }
    return f;
  }

  /** The limits every parser of this factory enforces. */
  public JsonLimits limits() {
    return limits;
  }

  /** JSON: Jackson checks the format name before it hands out non-blocking parsers. */
  @Override
  public String getFormatName() {
    return FORMAT_NAME_JSON;
  }

  @Override
  public JsonFactory copy() {
    return new BoundedJsonFactory(this);
  }

  @Override
  public TSFBuilder<?, ?> rebuild() {
    JsonLimits l = limits;
    return new JsonFactoryBuilder(this) {
      @Override
      public JsonFactory build() {
        return new BoundedJsonFactory(this, l);
      }
    };
  }

  @Override
  public JsonFactory setStreamReadConstraints(StreamReadConstraints src) {
    throw new UnsupportedOperationException(
        "A bounded factory takes its limits from JsonLimits; use BoundedJson.newFactory(limits)");
  }

  @Override
  public JsonFactory enable(JsonParser.Feature f) {
    if (Features.isRefused(f)) {
      throw Features.refused(f);
    }
    return super.enable(f);
  }

  @Override
  protected JsonParser _createParser(InputStream in, IOContext ctxt) throws IOException {
    Features.checkMask(_parserFeatures, _parserFeatures);
    JsonParser p;
    ScanningInputStream s = new ScanningInputStream(in, limits);
    try {
      p = super._createParser(s, ctxt);
    } catch (IOException e) {
      throw Errors.translate(e, null);
    }
    s.opened();
    return new BoundedJsonParser(p, limits, null);
  }

  @Override
  protected JsonParser _createParser(Reader r, IOContext ctxt) throws IOException {
    Features.checkMask(_parserFeatures, _parserFeatures);
    JsonParser p;
    try {
      p = super._createParser(new ScanningReader(r, limits), ctxt);
    } catch (IOException e) {
      throw Errors.translate(e, null);
    }
    return new BoundedJsonParser(p, limits, null);
  }

  @Override
  protected JsonParser _createParser(byte[] data, int offset, int len, IOContext ctxt)
      throws IOException {
    return _createParser(new ByteArrayInputStream(data, offset, len), ctxt);
  }

  @Override
  protected JsonParser _createParser(
      char[] data, int offset, int len, IOContext ctxt, boolean recyclable) throws IOException {
    char[] own = data;
    if (recyclable) {
      // Jackson lent us its token buffer (createParser(String)); the Reader-based parser needs it.
      own = Arrays.copyOfRange(data, offset, offset + len);
      ctxt.releaseTokenBuffer(data);
      offset = 0;
    }
    return _createParser(new CharArrayReader(own, offset, len), ctxt);
  }

  @Override
  protected JsonParser _createParser(DataInput input, IOContext ctxt) throws IOException {
    throw new UnsupportedOperationException(
        "A bounded factory does not parse from DataInput: use an InputStream");
  }

  @Override
  public JsonParser createNonBlockingByteArrayParser() throws IOException {
    Features.checkMask(_parserFeatures, _parserFeatures);
    JsonParser p = super.createNonBlockingByteArrayParser();
    return new BoundedJsonParser(
        p, limits, new NonBlockingFeeder(p.getNonBlockingInputFeeder(), limits));
  }

  @Override
  public JsonParser createNonBlockingByteBufferParser() throws IOException {
    Features.checkMask(_parserFeatures, _parserFeatures);
    JsonParser p = super.createNonBlockingByteBufferParser();
    return new BoundedJsonParser(
        p, limits, new NonBlockingFeeder(p.getNonBlockingInputFeeder(), limits));
  }
}
