package dev.bounded.json.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.TSFBuilder;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.ByteSourceJsonBootstrapper;
import com.fasterxml.jackson.core.json.ReaderBasedJsonParser;
import com.fasterxml.jackson.core.json.async.NonBlockingByteBufferJsonParser;
import com.fasterxml.jackson.core.json.async.NonBlockingJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import com.fasterxml.jackson.core.sym.CharsToNameCanonicalizer;
import com.fasterxml.jackson.core.util.BufferRecycler;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.core.ParseLocation;
import dev.bounded.core.internal.GuardedInputStream;
import dev.bounded.core.internal.GuardedReader;
import dev.bounded.core.internal.ParseGuard;
import dev.bounded.json.JsonHandler;
import dev.bounded.json.JsonLimits;
import java.io.ByteArrayInputStream;
import java.io.CharArrayReader;
import java.io.CharConversionException;
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
 * slice) funnels into the protected {@code _createParser} hooks overridden here. Each parse starts
 * its deadline and allocation guard when its parser is created, gets its own {@link
 * BoundedConstraints}, and the exact byte (char) count under the parser when {@code maxBytes} can
 * be reached or the guard must see every read (an array that fits is parsed in place). Byte input
 * is parsed by {@link BoundedUtf8Parser}, a subclass of Jackson's {@code UTF8StreamJsonParser}
 * built here the way Jackson's bootstrapper builds its own ({@link Utf8Bootstrap}); char input gets
 * Jackson's char parser with the {@link BoundedJsonParser} delegate over it (its {@code
 * nextToken()} is final). The non-blocking parsers get the delegate and a feeder that counts and
 * runs the {@link FeedScanner}. {@link #copy()} and {@link #rebuild()} give bounded factories with
 * the same limits.
 *
 * <p>Refused, with {@link UnsupportedOperationException}: {@code createParser(DataInput)} (its
 * contract is to read no byte past the value, which leaves nothing to bound incrementally without
 * changing its behaviour), {@link #setStreamReadConstraints} (the limits come from {@link
 * JsonLimits}), and enabling the features that change tokenization (comments, unquoted names,
 * single quotes). Thread-safe, like any {@code JsonFactory}, once configured.
 */
public final class BoundedJsonFactory extends JsonFactory {
  private static final long serialVersionUID = 1L;

  /** The default limits' factory, made at first use (after the jackson-core check). */
  private static final class Default {
    static final BoundedJsonFactory F = new BoundedJsonFactory(JsonLimits.defaults());
  }

  private static final ConcurrentHashMap<JsonLimits, BoundedJsonFactory> CACHE =
      new ConcurrentHashMap<>();
  private static final int MAX_CACHED = 32;

  private final JsonLimits limits;

  /** Decides the text-length limits for every parser of this factory. */
  private transient LengthLimits lengths;

  /**
   * The byte name table shared by this factory's parsers, capped by count and characters (Jackson's
   * own root, {@code _byteSymbolCanonicalizer}, is never used: it keeps up to 6,000 names of any
   * length for the factory's life).
   */
  private final transient SharedNames names = new SharedNames();

  /**
   * A new factory bounded by {@code limits}; refuses a jackson-core outside the tested range with
   * {@link IllegalStateException} (decision 020). {@code INTERN_FIELD_NAMES} starts disabled:
   * Jackson's {@code InternCache} is one map for the whole process (180 names, of any length),
   * which documents would fill with their longest names; enabling it again is honoured.
   */
  public BoundedJsonFactory(JsonLimits limits) {
    super();
    this.limits = Objects.requireNonNull(limits, "limits");
    _factoryFeatures &= ~JsonFactory.Feature.INTERN_FIELD_NAMES.getMask();
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

  /**
   * @throws IllegalStateException if the jackson-core found is outside the tested range (see {@link
   *     JacksonVersionCheck})
   */
  private void init() {
    JacksonVersionCheck.require();
    lengths = new LengthLimits(limits);
    super.setStreamReadConstraints(new BoundedConstraints(limits, lengths, false));
    Features.checkMask(_parserFeatures, _parserFeatures);
  }

  /**
   * The factory {@link #shared} handed out last: repeat parses with one JsonLimits skip the map.
   */
  private static volatile BoundedJsonFactory last;

  /** A shared factory for {@code limits}, for the facade's own parsers (not handed out). */
  public static BoundedJsonFactory shared(JsonLimits limits) {
    BoundedJsonFactory f = last;
    if (f != null && f.limits == limits) {
      return f;
    }
    JacksonVersionCheck.require(); // a clear message, before the default factory's initializer
    if (limits.equals(JsonLimits.defaults())) {
      f = Default.F;
    } else {
      f = CACHE.get(limits);
      if (f == null) {
        if (CACHE.size() >= MAX_CACHED) {
          CACHE.clear();
        }
        f = CACHE.computeIfAbsent(limits, BoundedJsonFactory::new);
      }
    }
    last = f;
    return f;
  }

  /**
   * Pushes the events of byte input, {@code in} or else {@code data[offset, offset + len)}, to
   * {@code h} through our own tokenizer ({@link Utf8Tokenizer}): the blocking push parse of {@code
   * BoundedJson.parse} and {@code parseSequence}. Does not close {@code in}.
   */
  public PushLoop push(
      InputStream in, byte[] data, int offset, int len, JsonHandler h, boolean sequence)
      throws IOException {
    Utf8Tokenizer t;
    try {
      t = tokenizer(in, data, offset, len);
    } catch (IOException e) {
      throw PushLoop.ours(e);
    }
    try {
      return PushLoop.run(t, h, sequence);
    } finally {
      t.release();
    }
  }

  /**
   * Our tokenizer over {@code in} or else {@code data[offset, offset + len)}: counted and guarded
   * as Jackson's byte parsers are ({@link #_createParser(InputStream, IOContext)}), UTF-8 only (a
   * UTF-8 byte order mark skipped), its buffers the thread's.
   *
   * @throws IOException a Jackson exception carrying ours if the bytes are UTF-16 or UTF-32
   */
  private Utf8Tokenizer tokenizer(InputStream in, byte[] data, int offset, int len)
      throws IOException {
    ParseGuard guard = TokenChecks.startGuard(limits);
    if (in == null && len > limits.maxBytes()) {
      // Counted exactly, so that the bytes before the limit still parse and the breach is typed.
      in = new ByteArrayInputStream(data, offset, len);
    }
    ParseGuard readGuard = TokenChecks.readGuard(in, guard);
    GuardedInputStream counted =
        in == null || (limits.maxBytes() == JsonLimits.UNLIMITED && readGuard == null)
            ? null
            : GuardedInputStream.of(in, limits.maxBytes(), "JsonLimits.maxBytes", readGuard);
    InputStream source = counted != null ? counted : in;
    Utf8Tokenizer.Recycled recycled = Utf8Tokenizer.Recycled.take();
    byte[] buf;
    int start;
    int end;
    if (source != null) {
      buf = recycled.buffer();
      start = 0;
      // Encoding detection reads the first bytes: a breach among them reads as the end of the
      // input until then, and the tokenizer meets it on its next read.
      if (counted != null) {
        counted.hold(true);
      }
      try {
        end = Utf8Bootstrap.load(source, buf, 0, 4);
      } finally {
        if (counted != null) {
          counted.hold(false);
        }
      }
    } else {
      buf = data;
      start = offset;
      end = offset + len;
    }
    try {
      int first = Utf8Bootstrap.utf8Start(buf, start, end);
      return new Utf8Tokenizer(
          source,
          buf,
          first,
          end,
          first - start,
          limits,
          lengths,
          guard,
          source != null && readGuard != null,
          recycled);
    } catch (IOException | RuntimeException e) {
      recycled.give(source != null ? buf : null, null);
      throw e;
    }
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

  /**
   * Every blocking parser gets its own constraints instance ({@link BoundedConstraints}, per
   * parser), which tells numbers from strings by the parser's phase. The buffer recycler logic is
   * Jackson's own ({@code JsonFactory._createContext}).
   */
  @Override
  protected IOContext _createContext(ContentReference contentRef, boolean resourceManaged) {
    BufferRecycler br = null;
    boolean external = false;
    if (contentRef == null) {
      contentRef = ContentReference.unknown();
    } else {
      Object raw = contentRef.getRawContent();
      if (raw instanceof BufferRecycler.Gettable) {
        br = ((BufferRecycler.Gettable) raw).bufferRecycler();
        external = br != null;
      }
    }
    if (br == null) {
      br = _getBufferRecycler();
    }
    IOContext ctxt =
        new IOContext(
            new BoundedConstraints(limits, lengths, true),
            _streamWriteConstraints,
            _errorReportConfiguration,
            br,
            contentRef,
            resourceManaged);
    if (external) {
      ctxt.markBufferRecyclerReleased();
    }
    return ctxt;
  }

  @Override
  protected JsonParser _createParser(InputStream in, IOContext ctxt) throws IOException {
    ParseGuard guard = TokenChecks.startGuard(limits);
    ParseGuard readGuard = TokenChecks.readGuard(in, guard);
    GuardedInputStream counted =
        limits.maxBytes() == JsonLimits.UNLIMITED && readGuard == null
            ? null
            : GuardedInputStream.of(in, limits.maxBytes(), "JsonLimits.maxBytes", readGuard);
    if (counted == null) {
      return bytes(in, null, 0, 0, ctxt, guard, readGuard != null);
    }
    // Jackson's encoding detection reads the first bytes before the parser exists: a breach among
    // them reads as the end of the input until then, and the parser meets it on its next read.
    counted.hold(true);
    JsonParser p = bytes(counted, null, 0, 0, ctxt, guard, readGuard != null);
    counted.hold(false);
    return p;
  }

  @Override
  protected JsonParser _createParser(byte[] data, int offset, int len, IOContext ctxt)
      throws IOException {
    if (len > limits.maxBytes()) {
      // Counted exactly, so that the bytes before the limit still parse and the breach is typed.
      return _createParser(new ByteArrayInputStream(data, offset, len), ctxt);
    }
    // An array that fits needs no counting: Jackson reads it in place.
    return bytes(null, data, offset, len, ctxt, TokenChecks.startGuard(limits), false);
  }

  /**
   * Byte input: our {@link BoundedUtf8Parser}, built the way Jackson's {@code
   * ByteSourceJsonBootstrapper} builds its {@code UTF8StreamJsonParser} (encoding detection, UTF-8
   * byte order mark skipped, a child of the factory's byte symbol table), except that any encoding
   * but UTF-8 is refused. Without {@code CANONICALIZE_FIELD_NAMES} Jackson itself falls back to its
   * char parser over a decoding reader; so do we, with the delegate over it.
   */
  private JsonParser bytes(
      InputStream in,
      byte[] data,
      int offset,
      int len,
      IOContext ctxt,
      ParseGuard guard,
      boolean readsChecked)
      throws IOException {
    Features.checkMask(_parserFeatures, _parserFeatures);
    if (!JsonFactory.Feature.CANONICALIZE_FIELD_NAMES.enabledIn(_factoryFeatures)) {
      return delegated(in, data, offset, len, ctxt, guard);
    }
    byte[] buf;
    int start;
    int end;
    boolean recyclable;
    if (in != null) {
      buf = ctxt.allocReadIOBuffer();
      start = 0;
      end = 0;
      recyclable = true;
    } else {
      buf = data;
      start = offset;
      end = offset + len;
      recyclable = false;
    }
    int ptr;
    try {
      if (in != null) {
        end = Utf8Bootstrap.load(in, buf, end, 4);
      }
      ptr =
          JsonFactory.Feature.CHARSET_DETECTION.enabledIn(_factoryFeatures)
              ? Utf8Bootstrap.utf8Start(buf, start, end)
              : start;
    } catch (IOException | RuntimeException e) {
      if (recyclable) {
        ctxt.releaseReadIOBuffer(buf);
      }
      if (in != null && ctxt.isResourceManaged()) {
        try {
          in.close();
        } catch (IOException x) {
          e.addSuppressed(x);
        }
      }
      ctxt.close();
      if (e instanceof IOException) {
        throw JacksonErrors.translate((IOException) e, null);
      }
      throw (RuntimeException) e;
    }
    ctxt.setEncoding(JsonEncoding.UTF8);
    BoundedConstraints c = (BoundedConstraints) ctxt.streamReadConstraints();
    ByteQuadsCanonicalizer root = names.root();
    return new BoundedUtf8Parser(
        ctxt,
        _parserFeatures,
        in,
        _objectCodec,
        root.makeChild(_factoryFeatures),
        buf,
        ptr,
        end,
        ptr - start,
        recyclable,
        limits,
        c,
        guard,
        readsChecked,
        names,
        root);
  }

  /**
   * Jackson's own byte parser construction ({@code JsonFactory._createParser}), behind the delegate
   * (no field-name canonicalization), except that the name tables are roots of the parse's own:
   * Jackson's shared char root keeps the features of the factory's construction and would
   * canonicalize, and keep, every name.
   */
  private JsonParser delegated(
      InputStream in, byte[] data, int offset, int len, IOContext ctxt, ParseGuard guard)
      throws IOException {
    JsonParser p;
    try {
      ByteSourceJsonBootstrapper b =
          in != null
              ? new ByteSourceJsonBootstrapper(ctxt, in)
              : new ByteSourceJsonBootstrapper(ctxt, data, offset, len);
      p =
          b.constructParser(
              _parserFeatures,
              _objectCodec,
              ByteQuadsCanonicalizer.createRoot(),
              CharsToNameCanonicalizer.createRoot(this),
              _factoryFeatures);
    } catch (CharConversionException e) {
      // Jackson's encoding detection refuses NUL bytes at the start in a UCS-4 byte order it does
      // not support (2143, 3412): input-caused, so ours, like every other non-UTF-8 start.
      IOException t = JacksonErrors.translate(e, null);
      if (t != e) {
        throw t;
      }
      throw JacksonErrors.toJackson(
          new MalformedDocumentException(
              "Unsupported encoding: JSON input must be UTF-8 (RFC 8259, section 8.1); found NUL"
                  + " bytes at the start in an unsupported UCS-4 byte order ("
                  + JacksonErrors.sanitize(e.getMessage())
                  + ")",
              ParseLocation.atByte(0),
              e));
    } catch (IOException e) {
      throw JacksonErrors.translate(e, null);
    }
    JsonEncoding enc = ctxt.getEncoding();
    if (enc != null && enc != JsonEncoding.UTF8) {
      p.close();
      throw Utf8Bootstrap.refused(enc.getJavaName());
    }
    return wrap(p, ctxt, guard);
  }

  private JsonParser wrap(JsonParser p, IOContext ctxt, ParseGuard guard) {
    BoundedConstraints c = (BoundedConstraints) ctxt.streamReadConstraints();
    c.parser = p;
    return new BoundedJsonParser(p, limits, lengths, null, c, guard);
  }

  @Override
  protected JsonParser _createParser(Reader r, IOContext ctxt) throws IOException {
    ParseGuard guard = TokenChecks.startGuard(limits);
    Reader source =
        limits.maxBytes() == JsonLimits.UNLIMITED
            ? r
            : dev.bounded.core.LimitedReader.of(r, limits.maxBytes(), "JsonLimits.maxBytes");
    source = GuardedReader.of(source, guard);
    return chars(source, null, 0, 0, ctxt, false, guard);
  }

  @Override
  protected JsonParser _createParser(
      char[] data, int offset, int len, IOContext ctxt, boolean recyclable) throws IOException {
    if (len > limits.maxBytes()) {
      char[] own = data;
      if (recyclable) {
        // Jackson lent us its token buffer (createParser(String)); the Reader needs its own copy.
        own = Arrays.copyOfRange(data, offset, offset + len);
        ctxt.releaseTokenBuffer(data);
        offset = 0;
      }
      return _createParser(new CharArrayReader(own, offset, len), ctxt);
    }
    return chars(null, data, offset, len, ctxt, recyclable, TokenChecks.startGuard(limits));
  }

  private JsonParser chars(
      Reader r,
      char[] data,
      int offset,
      int len,
      IOContext ctxt,
      boolean recyclable,
      ParseGuard guard)
      throws IOException {
    Features.checkMask(_parserFeatures, _parserFeatures);
    // Jackson's own construction (JsonFactory._createParser), except that each parser's name table
    // is a child of a root of its own, not of the factory's shared root. Jackson 2.23 merges a
    // parser's table back into its root when the parser closes, also after the table's collision
    // guard refused a name, and that leaves the shared root inconsistent: every later parse of a
    // document with a few hundred names then fails ("Internal error on SymbolTable.rehash()").
    // One hostile document would break char input for the whole factory (HashFloodingTest).
    CharsToNameCanonicalizer names = CharsToNameCanonicalizer.createRoot(this).makeChild();
    JsonParser p =
        r != null
            ? new ReaderBasedJsonParser(ctxt, _parserFeatures, r, _objectCodec, names)
            : new ReaderBasedJsonParser(
                ctxt,
                _parserFeatures,
                null,
                _objectCodec,
                names,
                data,
                offset,
                offset + len,
                recyclable);
    return wrap(p, ctxt, guard);
  }

  @Override
  protected JsonParser _createParser(DataInput input, IOContext ctxt) throws IOException {
    throw new UnsupportedOperationException(
        "A bounded factory does not parse from DataInput: use an InputStream");
  }

  /**
   * Jackson's non-blocking parser ({@code JsonFactory.createNonBlockingByteArrayParser}), with a
   * name table that keeps nothing: the scanner in front of it costs more than decoding each name.
   */
  @Override
  public JsonParser createNonBlockingByteArrayParser() throws IOException {
    Features.checkMask(_parserFeatures, _parserFeatures);
    JsonParser p =
        new NonBlockingJsonParser(_createNonBlockingContext(null), _parserFeatures, noNames());
    return nonBlocking(p);
  }

  /** As {@link #createNonBlockingByteArrayParser()}, fed {@code ByteBuffer}s. */
  @Override
  public JsonParser createNonBlockingByteBufferParser() throws IOException {
    Features.checkMask(_parserFeatures, _parserFeatures);
    JsonParser p =
        new NonBlockingByteBufferJsonParser(
            _createNonBlockingContext(null), _parserFeatures, noNames());
    return nonBlocking(p);
  }

  /**
   * A table that only decodes: lookups find nothing and nothing is added (Jackson's placeholder for
   * {@code CANONICALIZE_FIELD_NAMES} off), so long names cost what long strings cost.
   */
  private ByteQuadsCanonicalizer noNames() {
    return ByteQuadsCanonicalizer.createRoot()
        .makeChildOrPlaceholder(
            _factoryFeatures & ~JsonFactory.Feature.CANONICALIZE_FIELD_NAMES.getMask());
  }

  private JsonParser nonBlocking(JsonParser p) {
    return new BoundedJsonParser(
        p,
        limits,
        lengths,
        new NonBlockingFeeder(p.getNonBlockingInputFeeder(), limits),
        null,
        TokenChecks.startGuard(limits));
  }
}
