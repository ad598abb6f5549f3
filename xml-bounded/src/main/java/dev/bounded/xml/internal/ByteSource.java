package dev.bounded.xml.internal;

import dev.bounded.core.internal.GuardedInputStream;
import dev.bounded.core.internal.ParseGuard;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The caller's stream as one parse reads it: core's {@link GuardedInputStream} (the byte limit,
 * exact at {@code maxBytes}, and the parse's {@link ParseGuard} checked at every read from the
 * source, so a trickling source breaks the deadline between two events; no guard for a source whose
 * reads cannot block, {@link ParseGuard#cannotBlock}), with the first bytes sniffed and handed on
 * again, and the caller's stream never closed (closing ends this view only). Not thread-safe: one
 * parse, one thread.
 */
final class ByteSource extends InputStream {
  private final GuardedInputStream in;
  private byte[] head;
  private int headPos;
  private boolean closed;

  ByteSource(InputStream in, long maxBytes, String setting, ParseGuard guard) {
    this.in = GuardedInputStream.of(in, maxBytes, setting, guard);
  }

  /**
   * Reads up to {@code n} bytes (fewer only at the end of the input) and hands them on again from
   * the next read.
   */
  byte[] sniff(int n) throws IOException {
    byte[] h = new byte[n];
    int got = 0;
    while (got < n) {
      int r = fill(h, got, n - got);
      if (r < 0) {
        break;
      }
      got += r;
    }
    if (got < n) {
      h = Arrays.copyOf(h, got);
    }
    head = got == 0 ? null : h;
    headPos = 0;
    return h;
  }

  /**
   * After {@link #sniff}, reads on until the bytes sniffed contain {@code "?>"} (the end of an XML
   * declaration), {@code max} bytes or the end of the input, and hands them all on again. Returns
   * them.
   */
  byte[] sniffDeclaration(int max) throws IOException {
    byte[] h = head == null ? new byte[0] : head;
    int got = h.length;
    while (got < max && !endsDeclaration(h, got)) {
      if (got == h.length) {
        h = Arrays.copyOf(h, Math.min(max, Math.max(64, got * 2)));
      }
      int r = fill(h, got, h.length - got);
      if (r < 0) {
        break;
      }
      got += r;
    }
    h = Arrays.copyOf(h, got);
    head = got == 0 ? null : h;
    headPos = 0;
    return h;
  }

  private static boolean endsDeclaration(byte[] h, int n) {
    for (int i = 1; i < n; i++) {
      if (h[i] == '>' && h[i - 1] == '?') {
        return true;
      }
    }
    return false;
  }

  /** Bytes read from the source so far, at most {@code maxBytes}. */
  long count() {
    return in.count();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n <= 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (closed) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    byte[] h = head;
    if (h == null) {
      return fill(b, off, len);
    }
    // The sniffed bytes, then as much from the source as fits (a full first buffer).
    int avail = Math.min(len, h.length - headPos);
    System.arraycopy(h, headPos, b, off, avail);
    headPos += avail;
    if (headPos == h.length) {
      head = null;
    }
    if (avail < len) {
      int n = fill(b, off + avail, len - avail);
      return n < 0 ? (avail == 0 ? -1 : avail) : avail + n;
    }
    return avail;
  }

  /** A read from the source, within the byte limit, the guard checked. */
  private int fill(byte[] b, int off, int len) throws IOException {
    return in.read(b, off, len);
  }

  @Override
  public int available() throws IOException {
    if (closed) {
      return 0;
    }
    int fromHead = head == null ? 0 : head.length - headPos;
    return (int) Math.min(Integer.MAX_VALUE, (long) fromHead + in.available());
  }

  /** Ends this view; the caller's stream stays open. */
  @Override
  public void close() {
    closed = true;
  }
}
