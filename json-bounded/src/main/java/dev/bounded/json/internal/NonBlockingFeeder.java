package dev.bounded.json.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.async.ByteBufferFeeder;
import com.fasterxml.jackson.core.async.NonBlockingInputFeeder;
import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.ParseLocation;
import dev.bounded.json.JsonLimits;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The feeder of a bounded non-blocking parser: counts fed bytes against {@code maxBytes} and runs
 * the {@link FeedScanner} over them before Jackson sees them. A breach feeds Jackson the bytes
 * before it; the parser's next {@code nextToken()} (or the next feed) then fails. Implements both
 * feeder interfaces; the underlying parser accepts only its own kind.
 */
final class NonBlockingFeeder implements ByteArrayFeeder, ByteBufferFeeder {
  private final NonBlockingInputFeeder target;
  private final FeedScanner scanner;
  private final long maxBytes;
  private long fed;
  private BoundedParseException pending;
  private byte[] scratch;

  NonBlockingFeeder(NonBlockingInputFeeder target, JsonLimits limits) {
    this.target = target;
    this.scanner = new FeedScanner(limits);
    this.maxBytes = limits.maxBytes();
  }

  void throwPending(JsonParser p) throws IOException {
    if (pending != null) {
      throw JacksonErrors.translate(JacksonErrors.toJackson(pending), p);
    }
  }

  @Override
  public void feedInput(byte[] buf, int start, int end) throws IOException {
    if (pending != null) {
      throw JacksonErrors.toJackson(pending);
    }
    int stop = end;
    if (end - start > maxBytes - fed) {
      stop = (int) (start + (maxBytes - fed));
      pending =
          new LimitExceededException(
              Limit.MAX_BYTES,
              maxBytes,
              maxBytes + 1,
              "JsonLimits.maxBytes",
              ParseLocation.atByte(maxBytes));
    }
    int p = scanner.scan(buf, start, stop);
    if (p < stop) {
      pending = scanner.failure();
      stop = p;
    }
    fed += stop - start;
    if (stop > start || pending == null) {
      ((ByteArrayFeeder) target).feedInput(buf, start, stop);
    } else {
      throw JacksonErrors.toJackson(pending);
    }
  }

  @Override
  public void feedInput(ByteBuffer buffer) throws IOException {
    if (pending != null) {
      throw JacksonErrors.toJackson(pending);
    }
    int start = buffer.position();
    int n = buffer.remaining();
    int allowed = (int) Math.min(n, maxBytes - fed);
    int scanned = 0;
    if (scratch == null) {
      scratch = new byte[8192];
    }
    ByteBuffer view = buffer.duplicate();
    while (scanned < allowed) {
      int chunk = Math.min(scratch.length, allowed - scanned);
      view.get(scratch, 0, chunk);
      int p = scanner.scan(scratch, 0, chunk);
      scanned += p;
      if (p < chunk) {
        pending = scanner.failure();
        break;
      }
    }
    if (pending == null && allowed < n) {
      pending =
          new LimitExceededException(
              Limit.MAX_BYTES,
              maxBytes,
              maxBytes + 1,
              "JsonLimits.maxBytes",
              ParseLocation.atByte(maxBytes));
    }
    fed += scanned;
    if (scanned > 0 || pending == null) {
      ByteBuffer slice = buffer.duplicate();
      slice.limit(start + scanned);
      ((ByteBufferFeeder) target).feedInput(slice);
    } else {
      throw JacksonErrors.toJackson(pending);
    }
  }

  @Override
  public boolean needMoreInput() {
    return target.needMoreInput();
  }

  /**
   * Ends the input, unless a breach is pending: then the parser is never told, so its next token
   * reports the breach rather than the end of a document cut at the limit ({@code [1,2] } with a
   * trailing space under {@code maxBytes(5)} must fail, not parse as {@code [1,2]}).
   */
  @Override
  public void endOfInput() {
    if (pending == null) {
      target.endOfInput();
    }
  }
}
