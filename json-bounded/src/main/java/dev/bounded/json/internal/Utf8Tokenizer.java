package dev.bounded.json.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.core.ParseLocation;
import dev.bounded.core.internal.ParseErrors;
import dev.bounded.core.internal.ParseGuard;
import dev.bounded.json.JsonLimits;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Our own single-pass JSON tokenizer over UTF-8 bytes, for the blocking push parse ({@code
 * BoundedJson.parse} and {@code parseSequence} over bytes and byte streams): RFC 8259 exactly, no
 * Jackson parser underneath, every limit checked in the loop that already looks at the bytes. The
 * push loop ({@link PushLoop}) drives it through {@link BoundedParser}, as it drives Jackson's
 * parsers for chars and fed input.
 *
 * <p>Each state is one method: {@link #pushNext()} reads the structure (commas, colons, brackets,
 * the root), {@link #string}, {@link #name}, {@link #number} and {@link #literal} one token each.
 * Strings are decoded as they are scanned, into one recycled char buffer: a plain ASCII run is
 * copied with one comparison per byte; escapes and multi-byte sequences leave the run. Short ASCII
 * names come from a small per-thread cache keyed by their bytes, so a repeated name costs no
 * allocation; the cache is a fixed number of slots (a collision replaces), so no input can grow it
 * or slow its look-ups.
 *
 * <p>Checks: {@code maxTokens} and the guard (deadline, allocation cap) on one counter comparison
 * per token; {@code maxDepth} when a container opens; {@code maxNameLength}, {@code
 * maxStringLength} and {@code maxNumberLength} ({@link LengthLimits} decides) on the finished token
 * and, for a token still being read, whenever its buffer must grow, so no token buffers far past
 * its limit; lone surrogates only after a {@code \}{@code u} escape decoded a surrogate; duplicate
 * names when asked. Every breach and every malformed byte is a {@link BoundedParseException}
 * located at line, column (in bytes) and byte offset, with the JSON Pointer of where it happened.
 * Not thread-safe.
 */
final class Utf8Tokenizer implements BoundedParser {
  // The structural states: what may come next.
  private static final int ROOT = 0;
  private static final int OBJECT_FIRST = 1;
  private static final int OBJECT_NEXT = 2;
  private static final int ARRAY_FIRST = 3;
  private static final int ARRAY_NEXT = 4;
  private static final int VALUE = 5;

  /** A document's root value is complete: only whitespace may follow. */
  private static final int ROOT_DONE = 6;

  /** A name of at most this many bytes, plain ASCII, is looked up in the cache. */
  static final int CACHED_NAME_BYTES = 32;

  private final InputStream in;
  private final Recycled recycled;
  private byte[] buf;
  private int ptr;
  private int end;

  /** Document offset of {@code buf[0]}. */
  private long base;

  private long line = 1;

  /** Document offset just past the last CR (where its LF, if any, stands). */
  private long crEnd = -1;

  /** Document offset of the current line's first byte. */
  private long lineStart;

  // Where the current token starts.
  private long tokenOffset;
  private long tokenLine = 1;
  private long tokenLineStart;

  private int state = ROOT;

  /**
   * The state after a root value: {@link #ROOT} (another may follow: a sequence, or a pull parser)
   * or {@link #ROOT_DONE} (a document: refused before its second value is read).
   */
  private int rootDone = ROOT;

  /** Per open container: 1 for an object, 0 for an array. */
  private byte[] kinds;

  /** Per open container: the current name (objects) for the JSON Pointer. */
  private String[] names;

  /** Per open container: the current index (arrays) for the JSON Pointer. */
  private int[] indexes;

  private int depth;

  /** Where the innermost container opened: until its first value, its pointer has no index. */
  private long openedAt = -1;

  private final long maxDepth;
  private final long maxTokens;
  private final LengthLimits lengths;
  private final boolean rejectSurrogates;
  private final TokenChecks.DuplicateNames duplicates;

  /** The deadline and allocation cap; null when both are unlimited. */
  private final ParseGuard guard;

  private long tokens;

  /** The token count past which the slow path runs: the token limit or the next guard check. */
  private long stop;

  private boolean allowEmpty;

  /** The decoded current string or name (slow path), or number. */
  private char[] text;

  private int textLength;

  /**
   * Where the current string starts in {@link #buf} when it was scanned in place (plain ASCII, no
   * escape, wholly in the buffer) and not widened yet; else -1, and the string is in {@link #text}.
   */
  private int bytesAt = -1;

  private String name;

  /** A {@code \}{@code u} escape decoded a surrogate in the current string or name. */
  private boolean surrogateEscape;

  /**
   * A tokenizer of {@code in} (read through, never closed here: the caller closes it) or of {@code
   * data[start, end)} when {@code in} is null. {@code buf[0, end)} holds what encoding detection
   * already read, its content from {@code start} (after a byte order mark). {@code readsChecked}:
   * the reads from {@code in} check {@code guard}, so the first of them started its clock ({@link
   * TokenChecks#firstStop}).
   */
  Utf8Tokenizer(
      InputStream in,
      byte[] data,
      int start,
      int end,
      long firstOffset,
      JsonLimits limits,
      LengthLimits lengths,
      ParseGuard guard,
      boolean readsChecked,
      Recycled recycled) {
    this.in = in;
    this.recycled = recycled;
    this.buf = data;
    this.ptr = start;
    this.end = end;
    this.base = firstOffset - start;
    this.lineStart = firstOffset;
    this.tokenLineStart = firstOffset;
    this.text = recycled.text();
    this.kinds = recycled.kinds();
    this.names = recycled.names();
    this.indexes = recycled.indexes();
    this.maxDepth = limits.maxDepth();
    this.maxTokens = limits.maxTokens();
    this.lengths = lengths;
    this.rejectSurrogates = limits.rejectLoneSurrogates();
    this.duplicates = limits.rejectDuplicateNames() ? new TokenChecks.DuplicateNames() : null;
    this.guard = guard;
    this.stop = TokenChecks.firstStop(maxTokens, guard, readsChecked);
  }

  // ---- BoundedParser

  @Override
  public void resetTokenCount() {
    tokens = 0;
    stop = TokenChecks.nextStop(0, maxTokens, guard);
  }

  @Override
  public long tokenCount() {
    return tokens;
  }

  @Override
  public void allowEmpty() {
    allowEmpty = true;
  }

  @Override
  public void oneValue() {
    rootDone = ROOT_DONE;
  }

  @Override
  public JsonParser located() {
    return null;
  }

  @Override
  public String pushName() {
    return name;
  }

  @Override
  public void pushNumber() {
    // Checked when read.
  }

  @Override
  public void pushText(PushLoop v) {
    if (bytesAt >= 0) {
      v.set(buf, bytesAt, textLength);
    } else {
      v.set(text, 0, textLength);
    }
  }

  @Override
  public String pushString() {
    return bytesAt >= 0
        ? new String(buf, bytesAt, textLength, StandardCharsets.ISO_8859_1)
        : new String(text, 0, textLength);
  }

  @Override
  public ParseLocation here() {
    long offset = base + ptr;
    return ParseLocation.of(line, offset - lineStart + 1, offset, pointer());
  }

  @Override
  public ParseLocation tokenStart() {
    return ParseLocation.of(tokenLine, tokenOffset - tokenLineStart + 1, tokenOffset, pointer());
  }

  @Override
  public long consumed() {
    return Math.max(0, base + ptr);
  }

  /** Hands the recycled buffers back; the tokenizer is done. */
  void release() {
    if (buf != null) {
      recycled.give(in != null ? buf : null, text, kinds, names, indexes);
      buf = null;
      text = null;
    }
  }

  // ---- The structure

  @Override
  public JsonToken pushNext() throws IOException {
    JsonToken t = token();
    if (t != null && ++tokens > stop) {
      slowCount();
    }
    return t;
  }

  /**
   * The next token, by the structural state: each call site below appears once, so that the JIT can
   * inline the common paths into one loop.
   */
  private JsonToken token() throws IOException {
    int c = nonSpace();
    switch (state) {
      case VALUE:
        break;
      case OBJECT_NEXT:
        if (c == ',') {
          c = nonSpace();
          if (c == '"') {
            return name();
          }
          throw unexpected(c, "a property name");
        }
        return closing(c);
      case ARRAY_NEXT:
        if (c == ',') {
          indexes[depth - 1]++;
          c = nonSpace();
          break;
        }
        return closing(c);
      case OBJECT_FIRST:
        if (c == '"') {
          return name();
        }
        return closing(c);
      case ARRAY_FIRST:
        if (c == ']') {
          return closing(c);
        }
        break;
      case ROOT_DONE:
        if (c < 0) {
          return endOfInput();
        }
        throw malformed(
            "Trailing content after the root value: a second value starts here", tokenStart());
      default:
        if (c < 0) {
          return endOfInput();
        }
        break;
    }
    return value(c);
  }

  /** {@code c} where the innermost container may close: its closing bracket, or an error. */
  private JsonToken closing(int c) throws IOException {
    int d = depth - 1;
    if (kinds[d] == 1) {
      if (c == '}') {
        return close(JsonToken.END_OBJECT);
      }
    } else if (c == ']') {
      return close(JsonToken.END_ARRAY);
    }
    throw notClosing(c);
  }

  private MalformedDocumentException notClosing(int c) {
    if (kinds[depth - 1] == 0) {
      return unexpected(c, "',' or ']'");
    }
    return unexpected(c, state == OBJECT_FIRST ? "a property name or '}'" : "',' or '}'");
  }

  /** Past the token limit, or time for the guard. */
  private void slowCount() throws IOException {
    if (tokens > maxTokens) {
      tokens = maxTokens; // stay failed at the same count
      allowEmpty = true;
      throw new LimitExceededException(
          Limit.MAX_TOKENS, maxTokens, maxTokens + 1, "JsonLimits.maxTokens", tokenStart());
    }
    stop = TokenChecks.nextStop(tokens, maxTokens, guard);
    if (guard != null) {
      try {
        guard.check();
      } catch (LimitExceededException e) {
        throw ParseErrors.relocate(e, tokenStart());
      }
    }
  }

  private JsonToken endOfInput() throws IOException {
    if (tokens == 0 && !allowEmpty) {
      allowEmpty = true; // report once
      throw new MalformedDocumentException(
          "No JSON value: the input is empty or only whitespace", here(), null);
    }
    return null;
  }

  /** The value whose first byte is {@code c}, just read. */
  private JsonToken value(int c) throws IOException {
    if (c == '"') {
      string();
      state = after();
      return JsonToken.VALUE_STRING;
    }
    if (c == '{' || c == '[') {
      return open(c == '{' ? 1 : 0);
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number(c);
    }
    return literal(c);
  }

  /** The state after a value: what its container (or the root) expects next. */
  private int after() {
    int d = depth;
    return d == 0 ? rootDone : kinds[d - 1] == 1 ? OBJECT_NEXT : ARRAY_NEXT;
  }

  private JsonToken open(int kind) throws IOException {
    int d = depth;
    if (d >= maxDepth) {
      throw new LimitExceededException(
          Limit.MAX_DEPTH, maxDepth, d + 1L, "JsonLimits.maxDepth", tokenStart());
    }
    if (d == kinds.length) {
      int n = d * 2;
      kinds = Arrays.copyOf(kinds, n);
      names = Arrays.copyOf(names, n);
      indexes = Arrays.copyOf(indexes, n);
    }
    kinds[d] = (byte) kind;
    openedAt = tokenOffset;
    names[d] = null;
    indexes[d] = 0;
    depth = d + 1;
    if (kind == 1) {
      state = OBJECT_FIRST;
      if (duplicates != null) {
        duplicates.open();
      }
      return JsonToken.START_OBJECT;
    }
    state = ARRAY_FIRST;
    return JsonToken.START_ARRAY;
  }

  private JsonToken close(JsonToken t) {
    --depth;
    if (duplicates != null && t == JsonToken.END_OBJECT) {
      duplicates.close();
    }
    state = after();
    return t;
  }

  /**
   * The next byte that is not whitespace, the token's start noted there; -1 at the end of input.
   * Lines are counted here: a line break can only appear in whitespace.
   */
  private int nonSpace() throws IOException {
    int p = ptr;
    if (p + 1 < end) {
      byte[] b = buf;
      int c = b[p];
      // compact JSON, or one space (after a comma or colon): the token starts right here
      if (c > ' ' || (c == ' ' && (c = b[++p]) > ' ')) {
        ptr = p + 1;
        tokenOffset = base + p;
        tokenLine = line;
        tokenLineStart = lineStart;
        return c & 0xFF;
      }
    }
    return spaced();
  }

  /**
   * As {@link #nonSpace}, past whitespace or a buffer's end: pretty-printed JSON's line breaks and
   * indentation, a run of spaces eight bytes at a time. A byte at a time, this loop (inlined at the
   * token method's call sites) compiled four times slower in some JVMs on indented input (decision
   * 025).
   */
  private int spaced() throws IOException {
    while (true) {
      byte[] b = buf;
      int p = ptr;
      int e = end;
      while (p < e) {
        int c = b[p];
        if (c == ' ') {
          p += p + 8 <= e ? Words.spaces(Words.word(b, p)) : 1;
          continue;
        }
        if (c > ' ') {
          ptr = p + 1;
          tokenOffset = base + p;
          tokenLine = line;
          tokenLineStart = lineStart;
          return c;
        }
        p++;
        if (c == '\n') {
          if (base + p - 1 != crEnd) { // the LF of a CRLF was counted with its CR
            line++;
          }
          lineStart = base + p;
        } else if (c == '\r') { // a lone CR ends a line too, as in Jackson and XML
          line++;
          lineStart = crEnd = base + p;
        } else if (c != '\t') {
          ptr = p;
          tokenOffset = base + p - 1;
          tokenLine = line;
          tokenLineStart = lineStart;
          return c & 0xFF; // not whitespace, not a token: the caller refuses it
        }
      }
      ptr = p;
      if (!load()) {
        tokenOffset = base + ptr;
        tokenLine = line;
        tokenLineStart = lineStart;
        return -1;
      }
    }
  }

  /**
   * Reads more input into the buffer, which the tokenizer has consumed; false at the end. A read
   * that returns nothing ends the input, as in Jackson.
   */
  private boolean load() throws IOException {
    if (in == null) {
      return false;
    }
    int n;
    try {
      n = in.read(buf, 0, buf.length);
    } catch (BoundedParseException e) {
      throw ParseErrors.relocate(e, here());
    }
    if (n < 1) {
      return false;
    }
    base += end;
    ptr = 0;
    end = n;
    return true;
  }

  // ---- Literals and numbers

  private static final byte[] TRUE = {'r', 'u', 'e'};
  private static final byte[] FALSE = {'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'u', 'l', 'l'};

  /**
   * {@code true}, {@code false} or {@code null} (its first byte {@code c} read), then a delimiter.
   */
  private JsonToken literal(int c) throws IOException {
    int p = ptr - 1; // the first byte
    if (p + 5 <= end) { // the word and the byte after it are in the buffer
      int w = (int) INTS.get(buf, p);
      JsonToken t =
          w == TRUE_WORD
              ? JsonToken.VALUE_TRUE
              : w == NULL_WORD
                  ? JsonToken.VALUE_NULL
                  : w == FALS_WORD && buf[p + 4] == 'e' ? JsonToken.VALUE_FALSE : null;
      if (t != null) {
        ptr = t == JsonToken.VALUE_FALSE ? p + 5 : p + 4;
        delimiter();
        state = after();
        return t;
      }
    }
    return slowLiteral(c);
  }

  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int TRUE_WORD = 't' | 'r' << 8 | 'u' << 16 | 'e' << 24;
  private static final int NULL_WORD = 'n' | 'u' << 8 | 'l' << 16 | 'l' << 24;
  private static final int FALS_WORD = 'f' | 'a' << 8 | 'l' << 16 | 's' << 24;

  /** As {@link #literal}, a byte at a time: near the buffer's end, or an error to report. */
  private JsonToken slowLiteral(int c) throws IOException {
    byte[] rest;
    JsonToken t;
    if (c == 't') {
      rest = TRUE;
      t = JsonToken.VALUE_TRUE;
    } else if (c == 'f') {
      rest = FALSE;
      t = JsonToken.VALUE_FALSE;
    } else if (c == 'n') {
      rest = NULL;
      t = JsonToken.VALUE_NULL;
    } else {
      throw unexpected(c, "a value");
    }
    for (byte r : rest) {
      if (ptr >= end && !load()) {
        throw malformed("Unrecognized token: the input ends inside a literal", here());
      }
      if (buf[ptr] != r) {
        throw malformed("Unrecognized token: expected 'true', 'false' or 'null'", tokenStart());
      }
      ptr++;
    }
    delimiter();
    state = after();
    return t;
  }

  /**
   * After a number or literal: whitespace, a comma, a closing bracket or the end of input must
   * follow ({@code truex}, {@code 1true} and {@code 0x1} are refused, as Jackson refuses them).
   */
  private void delimiter() throws IOException {
    if (ptr >= end && !load()) {
      return;
    }
    int c = buf[ptr];
    if (c == ' '
        || c == '\n'
        || c == '\r'
        || c == '\t'
        || ((c == ',' || c == ']' || c == '}') && depth > 0)) {
      return;
    }
    throw malformed(
        "Unexpected character "
            + describe(c & 0xFF)
            + " right after a value: expected whitespace"
            + (depth > 0 ? ", ',', ']' or '}'" : " or the end"),
        here());
  }

  /**
   * A number, its text into {@link #text}: {@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}
   * exactly, held to {@code maxNumberLength} while it is read.
   */
  private JsonToken number(int first) throws IOException {
    // The common forms, -?(0|[1-9][0-9]*)(.[0-9]+)? followed by a delimiter in the buffer, are read
    // in place; anything else (an exponent, the buffer's end, an error) by the general path.
    byte[] b = buf;
    int start = ptr - 1;
    int p = first == '-' ? ptr + 1 : ptr;
    int e = end;
    int lead = first == '-' ? p - 1 : start; // the first digit
    if (lead < e && b[lead] >= '0' && b[lead] <= '9') {
      while (p < e && b[p] >= '0' && b[p] <= '9') {
        p++;
      }
      boolean integer = true;
      if (p < e && b[p] == '.') {
        integer = false;
        int f = ++p;
        while (p < e && b[p] >= '0' && b[p] <= '9') {
          p++;
        }
        if (p == f) {
          p = e; // no fraction digit: the general path reports it
        }
      }
      if (p < e && (b[lead] != '0' || p - lead == 1 || b[lead + 1] == '.')) {
        int c = b[p];
        if (c == ' '
            || c == '\n'
            || c == '\r'
            || c == '\t'
            || ((c == ',' || c == '}' || c == ']') && depth > 0)) {
          int len = p - start;
          if (lengths.numberOver(len)) {
            throw lengths.numberBreach(len, tokenStart());
          }
          ptr = p;
          bytesAt = start;
          textLength = len;
          state = after();
          return integer ? JsonToken.VALUE_NUMBER_INT : JsonToken.VALUE_NUMBER_FLOAT;
        }
      }
    }
    return generalNumber(first);
  }

  /**
   * A number, its text into {@link #text}: {@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}
   * exactly, held to {@code maxNumberLength} while it is read.
   */
  private JsonToken generalNumber(int first) throws IOException {
    bytesAt = -1;
    char[] t = text;
    int n = 0;
    t[n++] = (char) first;
    int c = first;
    if (c == '-') {
      c = numberByte();
      if (c < '0' || c > '9') {
        throw malformed("Invalid number: '-' must be followed by a digit", tokenStart());
      }
      t[n++] = (char) c;
      ptr++;
    }
    boolean integer = true;
    if (c == '0') {
      c = numberByte();
      if (c >= '0' && c <= '9') {
        throw malformed("Invalid number: leading zeroes are not allowed", tokenStart());
      }
    } else {
      // The integer digits: the common case, a run in the buffer.
      while (true) {
        byte[] b = buf;
        int p = ptr;
        int e = Math.min(end, p + t.length - n);
        while (p < e) {
          int d = b[p];
          if (d < '0' || d > '9') {
            break;
          }
          t[n++] = (char) d;
          p++;
        }
        ptr = p;
        if (p < e) {
          break; // a byte that is not a digit
        }
        if (n == t.length) {
          int next = numberByte();
          if (next < '0' || next > '9') {
            break;
          }
          t = grownNumber(n); // one more digit: the buffer grows, or the number breaks its limit
        } else if (!load()) {
          break;
        }
      }
      c = numberByte();
    }
    if (c == '.') {
      integer = false;
      n = numberChar(n, c);
      c = numberByte();
      if (c < '0' || c > '9') {
        throw malformed("Invalid number: '.' must be followed by a digit", tokenStart());
      }
      do {
        n = numberChar(n, c);
        c = numberByte();
      } while (c >= '0' && c <= '9');
    }
    if (c == 'e' || c == 'E') {
      integer = false;
      n = numberChar(n, c);
      c = numberByte();
      if (c == '+' || c == '-') {
        n = numberChar(n, c);
        c = numberByte();
      }
      if (c < '0' || c > '9') {
        throw malformed("Invalid number: the exponent needs a digit", tokenStart());
      }
      do {
        n = numberChar(n, c);
        c = numberByte();
      } while (c >= '0' && c <= '9');
    }
    textLength = n;
    if (lengths.numberOver(n)) {
      throw lengths.numberBreach(n, tokenStart());
    }
    delimiter();
    state = after();
    return integer ? JsonToken.VALUE_NUMBER_INT : JsonToken.VALUE_NUMBER_FLOAT;
  }

  /** The byte at the read position without consuming it; -1 at the end of input. */
  private int numberByte() throws IOException {
    if (ptr >= end && !load()) {
      return -1;
    }
    return buf[ptr];
  }

  /** Appends {@code c} (the byte at the read position) to a number; consumes it. */
  private int numberChar(int n, int c) throws IOException {
    char[] t = n == text.length ? grownNumber(n) : text;
    t[n] = (char) c;
    ptr++;
    return n + 1;
  }

  /**
   * The number's full buffer ({@code n} chars), larger for one more char, unless that char breaks
   * the limit: the buffer never grows past the limit, so the breach is found at exactly {@code max
   * + 1} chars, before anything after them.
   */
  private char[] grownNumber(int n) throws IOException {
    if (lengths.numberOver(n + 1)) {
      throw lengths.numberBreach(n + 1, tokenStart());
    }
    return text = recycled.grow(text, lengths.maxNumber);
  }

  // ---- Strings and names

  /** A property name (its opening quote read), then the colon. */
  private JsonToken name() throws IOException {
    String s = cachedName();
    if (s == null) {
      s = decodedName();
    }
    name = s;
    names[depth - 1] = s;
    if (duplicates != null && !duplicates.isNew(s)) {
      throw TokenChecks.DuplicateNames.duplicate(s, tokenStart());
    }
    if (ptr < end && buf[ptr] == ':') {
      ptr++;
    } else {
      colon();
    }
    state = VALUE;
    return JsonToken.FIELD_NAME;
  }

  /** The colon after a name, past whitespace; the name stays the token. */
  private void colon() throws IOException {
    long offset = tokenOffset;
    long tl = tokenLine;
    long tls = tokenLineStart;
    int c = nonSpace();
    if (c != ':') {
      throw unexpected(c, "':'");
    }
    tokenOffset = offset;
    tokenLine = tl;
    tokenLineStart = tls;
  }

  /**
   * A short plain ASCII name wholly in the buffer, from the cache (added if missing); null, reading
   * nothing, for any other name. Reads eight bytes at a time: the name's words, masked past its
   * closing quote, are its cache key.
   */
  private String cachedName() {
    byte[] b = buf;
    int start = ptr;
    if (start + CACHED_NAME_BYTES > end) {
      return null;
    }
    long w0 = Words.word(b, start);
    long m = Words.specials(w0);
    if (m != 0) {
      return cachedName(start, m, w0 & Words.below(m), 0, 0, 0, 0);
    }
    long w1 = Words.word(b, start + 8);
    m = Words.specials(w1);
    if (m != 0) {
      return cachedName(start, m, w0, w1 & Words.below(m), 0, 0, 8);
    }
    long w2 = Words.word(b, start + 16);
    m = Words.specials(w2);
    if (m != 0) {
      return cachedName(start, m, w0, w1, w2 & Words.below(m), 0, 16);
    }
    long w3 = Words.word(b, start + 24);
    m = Words.specials(w3);
    if (m != 0) {
      return cachedName(start, m, w0, w1, w2, w3 & Words.below(m), 24);
    }
    return null;
  }

  /** The name whose first special byte is flagged in {@code m}, in the word at {@code at}. */
  private String cachedName(int start, long m, long w0, long w1, long w2, long w3, int at) {
    int len = at + (Words.first(m));
    if (buf[start + len] != '"' || lengths.nameOver(len)) {
      return null; // an escape, a multi-byte sequence or a control character; or too long
    }
    ptr = start + len + 1;
    return recycled.name(buf, start, len, w0, w1, w2, w3);
  }

  private String decodedName() throws IOException {
    decode(true, plainRun(ptr));
    return new String(text, 0, textLength);
  }

  /**
   * Where the plain ASCII run from {@code p} ends, eight bytes at a time: the first byte a string
   * must stop at (a quote, a backslash, a control or non-ASCII byte), or where fewer than eight
   * bytes were left to read as a word. Every byte before it is plain.
   */
  private int plainRun(int p) {
    byte[] b = buf;
    int last = end - 8;
    while (p <= last) {
      long m = Words.specials(Words.word(b, p));
      if (m != 0) {
        return p + Words.first(m);
      }
      p += 8;
    }
    return p;
  }

  /** A string value (its opening quote read), decoded into {@link #text} and checked. */
  private void string() throws IOException {
    int start = ptr;
    int p = plainRun(start);
    if (p < end && buf[p] == '"' && !lengths.stringOver(p - start)) {
      ptr = p + 1;
      bytesAt = start;
      textLength = p - start;
      return;
    }
    decode(false, p); // the plain run so far is copied, not scanned again; a breach reported
  }

  /**
   * Decodes a string or name up to its closing quote into {@link #text}: UTF-8 strictly (no
   * overlong forms, no encoded surrogates, nothing past U+10FFFF), no unescaped control character,
   * the eight JSON escapes and {@code \}{@code u}. Checked against its limit when finished and
   * whenever the buffer must grow; lone surrogates when an escape decoded one.
   */
  private void decode(boolean isName, int plainEnd) throws IOException {
    bytesAt = -1;
    char[] t = text;
    int n = plainEnd - ptr; // plain ASCII already scanned: copied as it is
    if (n > 0) {
      boolean over = lengths.textOver(isName, n); // then the breach is at the char past the limit
      if (over) {
        n = (int) Math.min(n, lengths.room(isName, 0) + 1);
      }
      if (t.length < n + 2) {
        t = text = recycled.grown(t, n + 2);
      }
      byte[] b = buf;
      int from = ptr;
      for (int i = 0; i < n; i++) {
        t[i] = (char) b[from + i];
      }
      if (over) {
        throw tooLong(isName, n); // a name's first chars name it in the pointer
      }
      ptr = plainEnd;
    }
    surrogateEscape = false;
    byte[] b = buf;
    int p = ptr;
    int e = Math.min(end, p + t.length - n - 2); // room for a pair past the byte at e - 1
    while (true) {
      if (p >= e) {
        ptr = p;
        if (t.length - n - 2 <= 0) {
          t = grow(isName, n);
        } else if (!load()) {
          throw malformed("The input ends inside a " + (isName ? "name" : "string"), here());
        }
        b = buf;
        p = ptr;
        e = Math.min(end, p + t.length - n - 2);
        continue;
      }
      int c;
      while ((c = b[p]) >= 0x20 && c != '"' && c != '\\') { // negative: a multi-byte sequence
        t[n++] = (char) c;
        if (++p == e) {
          break;
        }
      }
      if (p == e) {
        continue;
      }
      if (c == '"') {
        p++;
        break;
      }
      if (c == '\\') {
        if (p + 5 < end) { // the escape is in the buffer: the common ones here
          int x = b[p + 1];
          char plain = x > 0 ? ESCAPES[x] : 0;
          int v;
          if (plain != 0) {
            t[n++] = plain;
            p += 2;
            e = Math.min(end, p + t.length - n - 2);
            continue;
          }
          if (x == 'u'
              && (v =
                      HEX[b[p + 2] & 0xFF] << 12
                          | HEX[b[p + 3] & 0xFF] << 8
                          | HEX[b[p + 4] & 0xFF] << 4
                          | HEX[b[p + 5] & 0xFF])
                  >= 0) {
            if (Character.isSurrogate((char) v)) {
              surrogateEscape = true;
            }
            t[n++] = (char) v;
            p += 6;
            e = Math.min(end, p + t.length - n - 2);
            continue;
          }
        }
        ptr = p + 1;
        n = escape(t, n); // near the buffer's end, or an error to report
      } else if (c < 0) {
        int lead = c & 0xFF;
        int x;
        if (lead >= 0xC2 && lead <= 0xDF && p + 1 < end && ((x = b[p + 1]) & 0xC0) == 0x80) {
          t[n++] = (char) ((lead & 0x1F) << 6 | (x & 0x3F)); // two bytes, the common case
          p += 2;
          e = Math.min(end, p + t.length - n - 2);
          continue;
        }
        ptr = p + 1;
        n = utf8(t, n, lead);
      } else {
        throw malformed(
            "Unescaped control character "
                + describe(c)
                + " in a "
                + (isName ? "name" : "string")
                + ": it must be escaped",
            ParseLocation.of(line, base + p - lineStart + 1, base + p, pointer()));
      }
      b = buf;
      p = ptr;
      e = Math.min(end, p + t.length - n - 2);
    }
    ptr = p;
    textLength = n;
    if (lengths.textOver(isName, n)) {
      throw tooLong(isName, n);
    }
    if (surrogateEscape && (isName || rejectSurrogates) && Surrogates.hasLone(t, 0, n)) {
      throw loneSurrogate(isName);
    }
  }

  /**
   * A lone surrogate: refused in a string by {@code rejectLoneSurrogates}; malformed in a name
   * whatever the setting, as Jackson's parsers have it, so that every input mode agrees.
   */
  private BoundedParseException loneSurrogate(boolean isName) {
    if (isName) {
      return malformed(
          "Lone surrogate in a property name: a name must be valid Unicode", tokenStart());
    }
    return new ForbiddenConstructException(
        "lone surrogate",
        "Lone surrogate in a string (refused by JsonLimits.rejectLoneSurrogates)",
        tokenStart(),
        null);
  }

  /** A name or string over its limit ({@code n} chars so far); a name is part of the pointer. */
  private LimitExceededException tooLong(boolean isName, int n) {
    if (isName) {
      names[depth - 1] = new String(text, 0, Math.min(n, 256));
    }
    return lengths.textBreach(isName, n, tokenStart());
  }

  /**
   * The text buffer is full: larger, unless the text already breaks its limit; never more than two
   * chars past the limit's room, so a text one char over is caught exactly and a huge one never
   * buffers past its limit.
   */
  private char[] grow(boolean isName, int n) throws IOException {
    if (lengths.textOver(isName, n)) {
      throw tooLong(isName, n);
    }
    return text = recycled.grow(text, n + lengths.room(isName, n) + 3);
  }

  /** The escape after a backslash; returns the new length. */
  private int escape(char[] t, int n) throws IOException {
    int c = next("an escape");
    if (c == 'u') {
      int v;
      if (end - ptr >= 4) {
        byte[] b = buf;
        int p = ptr;
        v = HEX[b[p] & 0xFF] << 12 | HEX[b[p + 1] & 0xFF] << 8 | HEX[b[p + 2] & 0xFF] << 4;
        v |= HEX[b[p + 3] & 0xFF];
        if (v < 0) {
          throw badHex();
        }
        ptr = p + 4;
      } else {
        v = 0;
        for (int i = 0; i < 4; i++) {
          int d = HEX[next("a \\u escape") & 0xFF];
          if (d < 0) {
            throw badHex();
          }
          v = v << 4 | d;
        }
      }
      if (Character.isSurrogate((char) v)) {
        surrogateEscape = true;
      }
      t[n] = (char) v;
      return n + 1;
    }
    char e = c > 0 ? ESCAPES[c] : 0;
    if (e == 0) {
      throw malformed("Invalid escape \\" + describeBare(c), lastByte());
    }
    t[n] = e;
    return n + 1;
  }

  private MalformedDocumentException badHex() {
    return malformed("Invalid \\u escape: four hex digits expected", here());
  }

  /** Per byte: its value as a hex digit, or a negative number (its bits all set past 15). */
  private static final int[] HEX = new int[256];

  /** Per ASCII byte after a backslash: the char it stands for, or 0 (not an escape, or u). */
  private static final char[] ESCAPES = new char[128];

  static {
    Arrays.fill(HEX, -1 << 16);
    for (int d = 0; d < 10; d++) {
      HEX['0' + d] = d;
    }
    for (int d = 0; d < 6; d++) {
      HEX['a' + d] = 10 + d;
      HEX['A' + d] = 10 + d;
    }
    ESCAPES['"'] = '"';
    ESCAPES['\\'] = '\\';
    ESCAPES['/'] = '/';
    ESCAPES['b'] = '\b';
    ESCAPES['f'] = '\f';
    ESCAPES['n'] = '\n';
    ESCAPES['r'] = '\r';
    ESCAPES['t'] = '\t';
  }

  /** The code point whose UTF-8 sequence starts with {@code lead} (at least 0x80). */
  private int utf8(char[] t, int n, int lead) throws IOException {
    int cp = Utf8.decode(lead, () -> next("a UTF-8 sequence") & 0xFF);
    if (cp < 0) {
      throw malformed(
          cp == Utf8.BAD_LEAD
              ? "Invalid UTF-8 start byte 0x" + Integer.toHexString(lead)
              : "Invalid UTF-8 byte 0x" + Integer.toHexString(-1 - cp),
          lastByte());
    }
    if (cp >= 0x10000) {
      t[n] = Character.highSurrogate(cp);
      t[n + 1] = Character.lowSurrogate(cp);
      return n + 2;
    }
    t[n] = (char) cp;
    return n + 1;
  }

  /** The next byte inside a string ({@code what}: where, for the error at the end of input). */
  private int next(String what) throws IOException {
    if (ptr >= end && !load()) {
      throw malformed("The input ends inside " + what, here());
    }
    return buf[ptr++];
  }

  // ---- Errors

  /** The location of the byte just consumed. */
  private ParseLocation lastByte() {
    long offset = base + ptr - 1;
    return ParseLocation.of(line, offset - lineStart + 1, offset, pointer());
  }

  private static MalformedDocumentException malformed(String problem, ParseLocation at) {
    return new MalformedDocumentException(problem, at, null);
  }

  /** {@code c} (the token's first byte, or -1 at the end) where {@code expected} should be. */
  private MalformedDocumentException unexpected(int c, String expected) {
    if (c < 0) {
      return malformed("Unexpected end of input: expected " + expected, tokenStart());
    }
    return malformed(
        "Unexpected character " + describe(c) + ": expected " + expected, tokenStart());
  }

  private static String describe(int c) {
    return "'" + describeBare(c) + "' (code " + c + ")";
  }

  private static String describeBare(int c) {
    c &= 0xFF;
    return c >= 0x21 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02X", c);
  }

  /** The JSON Pointer of the current position: the open containers' names and indexes. */
  private String pointer() {
    if (depth == 0) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      if (kinds[i] == 1) {
        if (names[i] == null) {
          continue;
        }
        sb.append('/');
        String n = names[i];
        for (int k = 0; k < n.length() && k < 256; k++) {
          char ch = n.charAt(k);
          if (ch == '~') {
            sb.append("~0");
          } else if (ch == '/') {
            sb.append("~1");
          } else {
            sb.append(ch);
          }
        }
      } else if (i < depth - 1 || state != ARRAY_FIRST || tokenOffset != openedAt) {
        sb.append('/').append(indexes[i]);
      }
    }
    return sb.length() == 0 ? null : JacksonErrors.sanitize(sb.toString());
  }

  // ---- Per-thread buffers and name cache

  /**
   * A thread's buffers and its short-name cache, taken by one tokenizer at a time (a parse started
   * from a handler gets fresh ones). The cache holds at most {@link #NAME_SLOTS} names of at most
   * {@link #CACHED_NAME_BYTES} bytes: a fixed size no input can grow; a collision replaces the
   * slot's name.
   */
  static final class Recycled {
    static final int BUFFER = 8000;
    static final int TEXT = 256;

    /** A text buffer grown past this many chars is not kept for the next parse. */
    static final int KEPT_TEXT = 1 << 16;

    static final int NAME_SLOTS = 512;

    private static final ThreadLocal<Recycled> LOCAL = new ThreadLocal<>();

    private byte[] buffer;
    private char[] text;
    private static final int SET_BITS = 8;

    /** Per slot: the name's four words; its length (-1: empty); the name. */
    private final long[] keys = new long[NAME_SLOTS * 4];

    private final int[] lens = filled(NAME_SLOTS);
    private final String[] values = new String[NAME_SLOTS];

    private static int[] filled(int n) {
      int[] a = new int[n];
      Arrays.fill(a, -1);
      return a;
    }

    /** This thread's, or a fresh one if a tokenizer holds it. */
    static Recycled take() {
      Recycled r = LOCAL.get();
      if (r == null) {
        return new Recycled();
      }
      LOCAL.set(null);
      return r;
    }

    byte[] buffer() {
      byte[] b = buffer;
      buffer = null;
      return b != null ? b : new byte[BUFFER];
    }

    char[] text() {
      char[] t = text;
      text = null;
      return t != null ? t : new char[TEXT];
    }

    /** {@code t}, twice as long but at most {@code cap} chars (at least one more). */
    char[] grow(char[] t, long cap) {
      long n = Math.min(t.length * 2L, Math.min(cap, Integer.MAX_VALUE - 16));
      return Arrays.copyOf(t, (int) Math.max(n, t.length + 1L));
    }

    /** A buffer of at least {@code len} chars (the current content is not kept). */
    char[] grown(char[] t, int len) {
      return new char[Math.max(len, t.length * 2)];
    }

    /** The open containers' stacks: kept for the next parse up to this depth, names cleared. */
    static final int KEPT_DEPTH = 64;

    private byte[] kinds;
    private String[] names;
    private int[] indexes;

    byte[] kinds() {
      byte[] k = kinds;
      kinds = null;
      return k != null ? k : new byte[16];
    }

    String[] names() {
      String[] n = names;
      names = null;
      return n != null ? n : new String[16];
    }

    int[] indexes() {
      int[] i = indexes;
      indexes = null;
      return i != null ? i : new int[16];
    }

    /** Back to the thread, with the buffers (null: not recyclable). */
    void give(byte[] buffer, char[] text) {
      give(buffer, text, null, null, null);
    }

    /** Back to the thread, with the buffers and stacks (null: not recyclable). */
    void give(byte[] buffer, char[] text, byte[] kinds, String[] names, int[] indexes) {
      if (buffer != null) {
        this.buffer = buffer;
      }
      if (text != null && text.length <= KEPT_TEXT) {
        this.text = text;
      }
      if (kinds != null && kinds.length <= KEPT_DEPTH) {
        Arrays.fill(names, null); // no name outlives its parse
        this.kinds = kinds;
        this.names = names;
        this.indexes = indexes;
      }
      LOCAL.set(this);
    }

    /**
     * The name of {@code b[start, start + len)}, plain ASCII, at most 31 bytes, whose words (masked
     * past its end) are {@code w0..w3}: the words and the length are the key. Two ways per set: a
     * miss puts the name in the first way and moves the first way's name to the second.
     */
    String name(byte[] b, int start, int len, long w0, long w1, long w2, long w3) {
      long h = (w0 + len) * 0x9E3779B97F4A7C15L + w1 * 0xC2B2AE3D27D4EB4FL + w2 + (w3 << 7);
      int set = (int) ((h ^ (h >>> 29)) * 0x9E3779B97F4A7C15L >>> (64 - SET_BITS)) << 1;
      long[] k = keys;
      int i = set << 2;
      if (lens[set] == len && k[i] == w0 && k[i + 1] == w1 && k[i + 2] == w2 && k[i + 3] == w3) {
        return values[set];
      }
      if (lens[set + 1] == len
          && k[i + 4] == w0
          && k[i + 5] == w1
          && k[i + 6] == w2
          && k[i + 7] == w3) {
        return values[set + 1];
      }
      String s = new String(b, start, len, StandardCharsets.ISO_8859_1);
      System.arraycopy(k, i, k, i + 4, 4);
      lens[set + 1] = lens[set];
      values[set + 1] = values[set];
      k[i] = w0;
      k[i + 1] = w1;
      k[i + 2] = w2;
      k[i + 3] = w3;
      lens[set] = len;
      values[set] = s;
      return s;
    }
  }
}
