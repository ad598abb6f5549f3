package dev.bounded.json.internal;

import dev.bounded.core.MalformedDocumentException;
import dev.bounded.core.ParseLocation;
import java.io.IOException;
import java.io.InputStream;

/**
 * Jackson's encoding detection for byte input ({@code ByteSourceJsonBootstrapper.detectEncoding} in
 * jackson-core 2.23), rules and order unchanged, for our own parser construction: a byte order
 * mark, then NUL-byte patterns of UTF-32 and UTF-16 in the first four (or two) bytes. Only UTF-8 is
 * accepted (RFC 8259, section 8.1); its byte order mark is skipped.
 */
final class Utf8Bootstrap {
  private Utf8Bootstrap() {}

  /**
   * Reads from {@code in} into {@code buf} from {@code end} until {@code minimum} bytes are there
   * or the input ends (a read returning 0 ends it too, as in Jackson); returns the new end.
   */
  static int load(InputStream in, byte[] buf, int end, int minimum) throws IOException {
    while (end < minimum) {
      int n = in.read(buf, end, buf.length - end);
      if (n < 1) {
        break;
      }
      end += n;
    }
    return end;
  }

  /**
   * Where the UTF-8 content of {@code buf[start, end)} starts: after a UTF-8 byte order mark, or at
   * {@code start}.
   *
   * @throws IOException a Jackson exception carrying our malformed-document exception if the bytes
   *     are UTF-16 or UTF-32
   */
  static int utf8Start(byte[] b, int start, int end) throws IOException {
    if (end - start >= 4) {
      int quad =
          (b[start] << 24)
              | ((b[start + 1] & 0xFF) << 16)
              | ((b[start + 2] & 0xFF) << 8)
              | (b[start + 3] & 0xFF);
      switch (quad) {
        case 0x0000FEFF:
          throw refused("UTF-32BE");
        case 0xFFFE0000:
          throw refused("UTF-32LE");
        case 0x0000FFFE:
        case 0xFEFF0000:
          throw refused("UCS-4 in an unusual byte order");
        default:
          break;
      }
      int msw = quad >>> 16;
      if (msw == 0xFEFF) {
        throw refused("UTF-16BE");
      }
      if (msw == 0xFFFE) {
        throw refused("UTF-16LE");
      }
      if ((quad >>> 8) == 0xEFBBBF) {
        return start + 3; // the UTF-8 byte order mark
      }
      if ((quad >> 8) == 0) {
        throw refused("UTF-32BE");
      }
      if ((quad & 0x00FFFFFF) == 0) {
        throw refused("UTF-32LE");
      }
      if ((quad & ~0x00FF0000) == 0 || (quad & ~0x0000FF00) == 0) {
        throw refused("UCS-4 in an unusual byte order");
      }
      utf16(msw);
    } else if (end - start >= 2) {
      utf16(((b[start] & 0xFF) << 8) | (b[start + 1] & 0xFF));
    }
    return start;
  }

  private static void utf16(int i16) throws IOException {
    if ((i16 & 0xFF00) == 0) {
      throw refused("UTF-16BE");
    }
    if ((i16 & 0x00FF) == 0) {
      throw refused("UTF-16LE");
    }
  }

  /** The refusal of a non-UTF-8 encoding, as the Jackson exception the pull API throws. */
  static IOException refused(String encoding) {
    return JacksonErrors.toJackson(
        new MalformedDocumentException(
            "Unsupported encoding: JSON input must be UTF-8 (RFC 8259, section 8.1); found "
                + encoding
                + " (from a byte order mark or NUL bytes at the start)",
            ParseLocation.atByte(0),
            null));
  }
}
