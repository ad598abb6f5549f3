package dev.bounded.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Feeds a document to a {@link JsonFeeder} in chunks, the way a network would. */
final class Chunks {
  /** Seeds of the random chunkings; printed so that a failure can be replayed. */
  static final AtomicLong SEED = new AtomicLong(Long.getLong("bounded.chunks.seed", 20261207));

  private Chunks() {}

  /**
   * Feeds {@code doc} in chunks of 1 to {@code maxChunk} bytes (exactly {@code maxChunk} if {@code
   * seed} is 0), cycling through a byte array slice, a heap buffer and a direct buffer, then ends
   * the input. Stops feeding once the feeder wants no more.
   */
  static void feed(JsonFeeder f, byte[] doc, int maxChunk, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    int pos = 0;
    int kind = 0;
    boolean more = true;
    while (more && pos < doc.length) {
      int n = Math.min(doc.length - pos, seed == 0 ? maxChunk : 1 + r.nextInt(maxChunk));
      switch (kind++ % 3) {
        case 0:
          byte[] padded = new byte[n + 6]; // the slice sits inside a larger array
          System.arraycopy(doc, pos, padded, 3, n);
          more = f.feed(padded, 3, n);
          break;
        case 1:
          ByteBuffer heap = ByteBuffer.wrap(doc, pos, n).slice();
          more = f.feed(heap);
          if (heap.hasRemaining()) {
            throw new AssertionError("a fed buffer must be consumed");
          }
          break;
        default:
          ByteBuffer direct = ByteBuffer.allocateDirect(n);
          direct.put(doc, pos, n).flip();
          more = f.feed(direct);
          break;
      }
      pos += n;
    }
    f.endOfInput();
  }

  /** The bounded factory's non-blocking parser, fed the whole document: the pull form. */
  static JsonParser nonBlocking(byte[] doc, JsonLimits limits) throws IOException {
    JsonParser p = BoundedJson.newFactory(limits).createNonBlockingByteArrayParser();
    ByteArrayFeeder in = (ByteArrayFeeder) p.getNonBlockingInputFeeder();
    in.feedInput(doc, 0, doc.length);
    in.endOfInput();
    return p;
  }
}
