package dev.bounded.json.internal;

import java.io.IOException;

/**
 * Strict UTF-8 decoding of one multi-byte sequence, the one place both byte readers that decode
 * without Jackson use ({@link Utf8Tokenizer}, and {@link BoundedUtf8Parser} for names it steers
 * past Jackson's table): no overlong forms, no encoded surrogates ({@code ED A0..BF}), nothing past
 * U+10FFFF, as Jackson 2.23 decodes.
 */
final class Utf8 {
  /** {@link #decode}'s answer for a byte that cannot start a sequence. */
  static final int BAD_LEAD = Integer.MIN_VALUE;

  private Utf8() {}

  /** The next byte of a sequence, 0-255, reading more input if need be. */
  interface Bytes {
    int next() throws IOException;
  }

  /**
   * The code point of the sequence whose first byte, {@code lead} (at least 0x80), was read, its
   * other bytes from {@code next}; {@link #BAD_LEAD} if {@code lead} cannot start one, or {@code -1
   * - b} for the first continuation byte {@code b} that cannot stand where it stands.
   */
  static int decode(int lead, Bytes next) throws IOException {
    int more;
    int cp;
    int lo = 0x80;
    int hi = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      more = 1;
      cp = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      more = 2;
      cp = lead & 0x0F;
      if (lead == 0xE0) {
        lo = 0xA0; // no overlong forms
      } else if (lead == 0xED) {
        hi = 0x9F; // no surrogates
      }
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      more = 3;
      cp = lead & 0x07;
      if (lead == 0xF0) {
        lo = 0x90;
      } else if (lead == 0xF4) {
        hi = 0x8F; // nothing past U+10FFFF
      }
    } else {
      return BAD_LEAD;
    }
    for (int i = 0; i < more; i++) {
      int b = next.next();
      if (b < lo || b > hi) {
        return -1 - b;
      }
      lo = 0x80;
      hi = 0xBF;
      cp = (cp << 6) | (b & 0x3F);
    }
    return cp;
  }
}
