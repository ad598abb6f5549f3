package dev.bounded.core.internal;

import dev.bounded.core.DecompressionLimits;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.core.ParseLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Gzip (RFC 1952, every member of a multi-member file) or zlib (RFC 1950) input, expanded by one
 * {@link Inflater} in one loop, under {@link DecompressionLimits} on both sides and a {@link
 * ParseGuard}. Members are read one after another (never by recursion, as the JDK's {@code
 * GZIPInputStream} does, one stack frame per member); every header field is bounded; the CRC-32 and
 * size of each member are checked; anything after the last member or the zlib trailer is refused.
 *
 * <p>Each limit has one check and one cold breach method. Compressed bytes are counted as they are
 * read from the source, which is never asked for more than one byte past {@link
 * DecompressionLimits#maxCompressedBytes()}. The guard is checked at every read from the source, so
 * input that never produces output (endless empty blocks, an endless header comment) still meets
 * the deadline and the allocation cap; a source blocked inside one read is not preempted.
 *
 * <p>A corrupt or truncated stream is a {@link MalformedDocumentException} at the compressed byte
 * offset where it was found. Not thread-safe, like any stream.
 */
public final class InflatingInputStream extends InputStream {
  private static final int BUFFER = 8192;
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final int FRESERVED = 0xe0;

  private enum State {
    FIRST_HEADER,
    NEXT_HEADER,
    DATA,
    END
  }

  private final InputStream source;
  private final boolean gzip;
  private final ParseGuard guard;
  private final long maxExpanded;
  private final long maxRatio;
  private final long maxCompressed;
  private final long maxMembers;
  private final Inflater inflater;
  private final CRC32 crc = new CRC32();
  private final byte[] buf = new byte[BUFFER];
  private final byte[] one = new byte[1];
  private int pos;
  private int lim;
  private long compressed; // bytes read from the source
  private long expanded; // bytes handed out, at most maxExpanded (+1 at a breach)
  private long members;
  private long memberOut; // bytes of the current member, for ISIZE
  private State state;
  private IOException pending;

  private InflatingInputStream(
      InputStream source, boolean gzip, DecompressionLimits limits, ParseGuard guard) {
    this.source = Objects.requireNonNull(source, "source");
    this.gzip = gzip;
    this.guard = Objects.requireNonNull(guard, "guard");
    this.maxExpanded = limits.maxExpandedBytes();
    this.maxRatio = limits.maxExpansionRatio();
    this.maxCompressed = limits.maxCompressedBytes();
    this.maxMembers = limits.maxMembers();
    this.inflater = new Inflater(gzip); // raw deflate inside gzip; zlib parses its own wrapper
    this.state = gzip ? State.FIRST_HEADER : State.DATA;
  }

  /**
   * Detects gzip (magic {@code 1f 8b}) or zlib (a valid two-byte zlib header) at the start of
   * {@code in} and expands it; any other input is returned as it is, with no limit applied.
   */
  public static InputStream open(InputStream in, DecompressionLimits limits, ParseGuard guard)
      throws IOException {
    PushbackInputStream head = new PushbackInputStream(Objects.requireNonNull(in, "in"), 2);
    int b0 = head.read();
    int b1 = b0 < 0 ? -1 : head.read();
    if (b1 >= 0) {
      head.unread(b1);
    }
    if (b0 >= 0) {
      head.unread(b0);
    }
    if (b0 == 0x1f && b1 == 0x8b) {
      return gzip(head, limits, guard);
    }
    if (b0 >= 0 && b1 >= 0 && (b0 & 0x0f) == 8 && (b0 >> 4) <= 7 && ((b0 << 8) | b1) % 31 == 0) {
      return zlib(head, limits, guard);
    }
    return head;
  }

  /** Expands gzip input, every member of it; the first header is read on the first read. */
  public static InflatingInputStream gzip(
      InputStream in, DecompressionLimits limits, ParseGuard guard) {
    return new InflatingInputStream(in, true, limits, guard);
  }

  /** Expands zlib-wrapped deflate input. */
  public static InflatingInputStream zlib(
      InputStream in, DecompressionLimits limits, ParseGuard guard) {
    return new InflatingInputStream(in, false, limits, guard);
  }

  /** Compressed bytes read from the source so far. */
  public long compressedBytes() {
    return compressed;
  }

  /** Gzip members begun so far (0 for zlib). */
  public long members() {
    return members;
  }

  @Override
  public int read() throws IOException {
    int n;
    do {
      n = read(one, 0, 1);
    } while (n == 0);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (pending != null) {
      throw pending;
    }
    if (len == 0) {
      return 0;
    }
    try {
      return inflate(b, off, len);
    } catch (IOException e) {
      pending = e;
      throw e;
    }
  }

  private int inflate(byte[] b, int off, int len) throws IOException {
    while (true) {
      switch (state) {
        case FIRST_HEADER:
        case NEXT_HEADER:
          if (!header()) {
            state = State.END;
            return -1;
          }
          state = State.DATA;
          break;
        case DATA:
          {
            int want =
                maxExpanded == DecompressionLimits.UNLIMITED
                    ? len
                    : (int) Math.min(len, maxExpanded - expanded + 1);
            int n;
            int before = inflater.getRemaining();
            try {
              n = inflater.inflate(b, off, want);
            } catch (DataFormatException e) {
              throw malformed("corrupt deflate data (" + e.getMessage() + ")", consumed(), e);
            }
            if (n > 0) {
              return produced(b, off, n);
            }
            if (inflater.finished()) {
              endOfMember();
            } else if (inflater.needsDictionary()) {
              throw malformed("zlib stream needs a preset dictionary", consumed());
            } else if (inflater.needsInput()) {
              if (fill() <= 0) {
                throw malformed("truncated: the stream ends inside compressed data", compressed);
              }
              inflater.setInput(buf, pos, lim - pos);
            } else if (inflater.getRemaining() == before) {
              // zlib neither consumed nor produced nor asks for anything: never spin on it
              throw malformed("deflate data makes no progress", consumed());
            }
            break;
          }
        default:
          return -1;
      }
    }
  }

  /** Accounts {@code n} inflated bytes; returns how many of them to hand out. */
  private int produced(byte[] b, int off, int n) throws IOException {
    if (gzip) {
      crc.update(b, off, n);
      memberOut += n;
    }
    expanded += n;
    if (expanded > maxExpanded) {
      int allowed = (int) (n - (expanded - maxExpanded));
      pending = expandedBreach();
      if (allowed <= 0) {
        throw pending;
      }
      return allowed;
    }
    checkRatio();
    return n;
  }

  /** Compressed bytes the inflater has taken so far: the offset of what it reports. */
  private long consumed() {
    return compressed - (state == State.DATA ? inflater.getRemaining() : lim - pos);
  }

  private void endOfMember() throws IOException {
    pos = lim - inflater.getRemaining();
    if (!gzip) {
      // zlib's own trailer (Adler-32) is checked by the inflater; nothing may follow it
      if (pos < lim || fill() > 0) {
        throw malformed("data after the end of the zlib stream", compressed - (lim - pos));
      }
      state = State.END;
      return;
    }
    long at = compressed - (lim - pos);
    long crc32 = u32("member trailer");
    long isize = u32("member trailer");
    if (crc32 != crc.getValue()) {
      throw malformed("gzip member " + members + " fails its CRC-32 check", at);
    }
    if (isize != (memberOut & 0xffffffffL)) {
      throw malformed(
          "gzip member " + members + " has the wrong size in its trailer (ISIZE)", at + 4);
    }
    state = State.NEXT_HEADER;
  }

  /**
   * Reads one member header; false at a clean end of input between members.
   *
   * @throws MalformedDocumentException if the header is not gzip's or is truncated
   */
  private boolean header() throws IOException {
    long at = compressed - (lim - pos);
    int id1 = nextOrEnd();
    if (id1 < 0) {
      if (state == State.FIRST_HEADER) {
        throw malformed("empty gzip input", at);
      }
      return false;
    }
    crc.reset();
    crc.update(id1);
    if (id1 != 0x1f || headerByte() != 0x8b) {
      throw malformed(
          state == State.FIRST_HEADER
              ? "not gzip (no 1f 8b magic)"
              : "data after the last gzip member",
          at);
    }
    if (++members > maxMembers) {
      throw membersBreach(at);
    }
    if (headerByte() != 8) {
      throw malformed("gzip member uses a compression method other than deflate", at + 2);
    }
    int flags = headerByte();
    if ((flags & FRESERVED) != 0) {
      throw malformed("gzip header sets reserved flag bits", at + 3);
    }
    for (int i = 0; i < 6; i++) { // MTIME, XFL, OS
      headerByte();
    }
    if ((flags & FEXTRA) != 0) {
      int xlen = headerByte() | headerByte() << 8;
      for (int i = 0; i < xlen; i++) {
        headerByte();
      }
    }
    if ((flags & FNAME) != 0) {
      skipZeroTerminated("file name (FNAME)");
    }
    if ((flags & FCOMMENT) != 0) {
      skipZeroTerminated("comment (FCOMMENT)");
    }
    if ((flags & FHCRC) != 0) {
      long expected = crc.getValue() & 0xffff;
      long hcrc = headerByte() | headerByte() << 8;
      if (hcrc != expected) {
        throw malformed("gzip header fails its CRC-16 check (FHCRC)", compressed - (lim - pos) - 2);
      }
    }
    crc.reset();
    memberOut = 0;
    inflater.reset();
    inflater.setInput(buf, pos, lim - pos);
    return true;
  }

  private void skipZeroTerminated(String field) throws IOException {
    long start = compressed - (lim - pos);
    for (int n = 0; headerByte() != 0; n++) {
      if (n >= DecompressionLimits.MAX_HEADER_FIELD_BYTES) {
        throw malformed(
            "gzip header "
                + field
                + " is longer than "
                + DecompressionLimits.MAX_HEADER_FIELD_BYTES
                + " bytes",
            start);
      }
    }
  }

  /** One byte of a member header, added to the header CRC. */
  private int headerByte() throws IOException {
    int b = nextOrEnd();
    if (b < 0) {
      throw malformed("truncated: the stream ends inside a gzip member header", compressed);
    }
    crc.update(b);
    return b;
  }

  private long u32(String where) throws IOException {
    long v = 0;
    for (int i = 0; i < 4; i++) {
      int b = nextOrEnd();
      if (b < 0) {
        throw malformed("truncated: the stream ends inside a gzip " + where, compressed);
      }
      v |= (long) b << (8 * i);
    }
    return v;
  }

  private int nextOrEnd() throws IOException {
    if (pos == lim && fill() <= 0) {
      return -1;
    }
    return buf[pos++] & 0xff;
  }

  /**
   * Refills the (fully used) buffer from the source, checking the guard and the compressed-bytes
   * limit; returns the bytes read, or -1 at the end of the source.
   */
  private int fill() throws IOException {
    guard.check();
    int want = BUFFER;
    if (maxCompressed != DecompressionLimits.UNLIMITED) {
      want = (int) Math.min(BUFFER, maxCompressed - compressed + 1);
    }
    int n;
    do {
      n = source.read(buf, 0, want);
    } while (n == 0);
    pos = 0;
    lim = Math.max(n, 0);
    if (n > 0) {
      compressed += n;
      if (compressed > maxCompressed) {
        throw compressedBreach();
      }
    }
    return n;
  }

  private void checkRatio() throws LimitExceededException {
    if (maxRatio != DecompressionLimits.UNLIMITED
        && expanded > DecompressionLimits.RATIO_GRACE_BYTES) {
      long in = Math.max(1, compressed);
      if (expanded / in > maxRatio || (expanded / in == maxRatio && expanded % in != 0)) {
        throw ratioBreach(in);
      }
    }
  }

  private LimitExceededException ratioBreach(long in) {
    return new LimitExceededException(
        Limit.MAX_EXPANSION_RATIO,
        maxRatio,
        expanded / in,
        "DecompressionLimits.maxExpansionRatio",
        ParseLocation.atByte(in));
  }

  private LimitExceededException expandedBreach() {
    return new LimitExceededException(
        Limit.MAX_EXPANDED_BYTES,
        maxExpanded,
        maxExpanded + 1,
        "DecompressionLimits.maxExpandedBytes",
        ParseLocation.atByte(consumed()));
  }

  private LimitExceededException compressedBreach() {
    return new LimitExceededException(
        Limit.MAX_COMPRESSED_BYTES,
        maxCompressed,
        maxCompressed + 1,
        "DecompressionLimits.maxCompressedBytes",
        ParseLocation.atByte(maxCompressed));
  }

  private LimitExceededException membersBreach(long at) {
    return new LimitExceededException(
        Limit.MAX_MEMBERS,
        maxMembers,
        members,
        "DecompressionLimits.maxMembers",
        ParseLocation.atByte(at));
  }

  private static MalformedDocumentException malformed(String problem, long at) {
    return malformed(problem, at, null);
  }

  private static MalformedDocumentException malformed(String problem, long at, Throwable cause) {
    return new MalformedDocumentException(
        "Corrupt or truncated compressed input: " + problem, ParseLocation.atByte(at), cause);
  }

  @Override
  public void close() throws IOException {
    state = State.END;
    inflater.end();
    source.close();
  }
}
