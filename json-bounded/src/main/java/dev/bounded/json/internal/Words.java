package dev.bounded.json.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes of JSON text at a time: the one place that reads them as a word and finds the bytes
 * that end a plain ASCII run inside a string. Used by the tokenizer ({@link Utf8Tokenizer}) and the
 * feed scanner ({@link FeedScanner}).
 */
final class Words {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long SPACES = 0x2020202020202020L;
  private static final long QUOTES = 0x2222222222222222L;
  private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

  private Words() {}

  /** The eight bytes at {@code p} ({@code p + 8 <= b.length}), the first in the lowest byte. */
  static long word(byte[] b, int p) {
    return (long) LONGS.get(b, p);
  }

  /**
   * The bytes of {@code w} that end a plain ASCII run in a string: a quote, a backslash, a control
   * character or a byte of a multi-byte sequence, each flagged by its top bit. Only the lowest flag
   * is exact (a flag can spill into the bytes above a true one): use it, or zero (none).
   */
  static long specials(long w) {
    long quote = w ^ QUOTES;
    long backslash = w ^ BACKSLASHES;
    return (w | ((w - SPACES) & ~w) | ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash))
        & HIGHS;
  }

  /** How many of the word's bytes, from its first, are spaces (1-8 when the first is one). */
  static int spaces(long w) {
    long x = w ^ SPACES;
    return x == 0 ? 8 : Long.numberOfTrailingZeros(x) >>> 3;
  }

  /** The index (0-7) of the byte of the lowest flag of {@code m} (not zero). */
  static int first(long m) {
    return Long.numberOfTrailingZeros(m) >>> 3;
  }

  /** The mask of the bytes below the lowest flag of {@code m}. */
  static long below(long m) {
    return (m & -m) - 1 >>> 7;
  }
}
