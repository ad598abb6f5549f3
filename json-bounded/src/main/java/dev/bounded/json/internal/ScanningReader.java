package dev.bounded.json.internal;

import dev.bounded.core.BoundedParseException;
import dev.bounded.json.JsonLimits;
import java.io.IOException;
import java.io.Reader;

/** The char source Jackson reads: {@link LimitedReader} under a {@link Scanner}; see {@link ScanningInputStream}. */
final class ScanningReader extends Reader {
  private final Reader in;
  private final Scanner scanner;
  private IOException pending;

  ScanningReader(Reader source, JsonLimits limits) {
    this.in = new LimitedReader(source, limits.maxBytes(), "JsonLimits.maxBytes");
    this.scanner = new Scanner(limits, false);
  }

  @Override
  public int read(char[] b, int off, int len) throws IOException {
    if (pending != null) {
      throw pending;
    }
    int n;
    try {
      n = in.read(b, off, len);
    } catch (BoundedParseException e) {
      throw pending = Errors.toJackson(e);
    }
    if (n <= 0) {
      return n;
    }
    int end = off + n;
    int stop = scanner.scan(b, off, end);
    if (stop == end) {
      return n;
    }
    pending = Errors.toJackson(scanner.failure());
    if (stop > off) {
      return stop - off;
    }
    throw pending;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
