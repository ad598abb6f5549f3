package dev.bounded.rss.internal;

import dev.bounded.core.MalformedDocumentException;
import dev.bounded.core.ParseLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Re-encodes a feed as UTF-8 without its XML declaration, in a streaming pass: the charset is the
 * HTTP one when given, else the byte-order mark's, else the declaration's, else UTF-8. Used in
 * tolerant mode (whitespace or a BOM before the declaration are skipped, invalid bytes become
 * U+FFFD, every charset the JDK knows is read, each fault a warning) and whenever an HTTP charset
 * must override the document's own (strictly: invalid bytes then fail, typed). The declaration is
 * replaced by spaces so lines and columns of the rest stay where they were.
 */
public final class Transcoder extends InputStream {
  /** Bytes read ahead to find the byte-order mark and the XML declaration. */
  public static final int HEAD = 1024;

  private static final Pattern ENCODING =
      Pattern.compile("encoding\\s*=\\s*[\"']([A-Za-z0-9._:\\-]{1,40})[\"']");

  private final InputStream in;
  private final CharsetDecoder decoder;
  private final CharsetEncoder encoder =
      StandardCharsets.UTF_8
          .newEncoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final boolean tolerant;
  private final Warnings warnings;
  private final String charsetName;
  private final ByteBuffer bytes = ByteBuffer.allocate(8192);
  private final CharBuffer chars = CharBuffer.allocate(8192);
  private final ByteBuffer out = ByteBuffer.allocate(8192 * 3 + 16);
  private long consumed; // input bytes decoded so far, for messages
  private long replaced;
  private boolean eof;
  private boolean flushed;
  private int skipChars; // chars of the declaration still to be blanked
  private final byte[] one = new byte[1];

  private Transcoder(
      InputStream in,
      byte[] head,
      int headLen,
      int start,
      Charset cs,
      int declChars,
      boolean tolerant,
      Warnings warnings) {
    this.in = in;
    this.charsetName = cs.name();
    this.decoder =
        cs.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    this.tolerant = tolerant;
    this.warnings = warnings;
    bytes.put(head, start, headLen - start);
    bytes.flip();
    consumed = start;
    skipChars = declChars;
    out.flip();
  }

  /**
   * A UTF-8 stream of the document in {@code in}.
   *
   * @param httpCharset the charset of the HTTP Content-Type, or null
   * @param tolerant replace what cannot be read and warn; else fail on it
   * @throws MalformedDocumentException (strict) for an unknown charset
   */
  public static InputStream open(InputStream in, String httpCharset, boolean tolerant, Warnings w)
      throws IOException {
    byte[] head = new byte[HEAD];
    int n = readHead(in, head);
    Head h = new Head(head, n);
    int start = h.start;
    Charset bom = h.bom;
    Charset family = h.family;
    int lead = h.lead;
    String declared = h.declared;
    int declChars = 0;
    if (h.declEnd > 0) {
      if (lead > 0) {
        if (!tolerant) {
          throw new MalformedDocumentException(
              lead
                  + " characters of whitespace or a byte-order mark precede the XML declaration;"
                  + " remove them so that <?xml is the first thing in the document"
                  + " (FeedLimits.tolerant(true) or --tolerant reads it anyway)",
              ParseLocation.of(1, 1, start, null),
              null);
        }
        w.add(
            "line 1, column 1: whitespace or a byte-order mark before the XML declaration, skipped");
      }
      declChars = 1; // counted below in the chosen charset
    }
    Charset cs = null;
    String wanted = httpCharset != null ? httpCharset : null;
    if (wanted == null && bom != null) {
      cs = bom;
    }
    if (cs == null) {
      if (wanted == null) {
        wanted = declared;
      }
      if (wanted == null) {
        cs = family == StandardCharsets.ISO_8859_1 ? StandardCharsets.UTF_8 : family;
      } else {
        cs = charset(wanted, family);
        if (cs == null) {
          if (!tolerant) {
            throw new MalformedDocumentException(
                "encoding \""
                    + wanted
                    + "\" is not a charset this JDK knows; declare the document's"
                    + " real encoding (UTF-8 is safest)",
                ParseLocation.of(1, 1, -1, null),
                null);
          }
          cs = family == StandardCharsets.ISO_8859_1 ? StandardCharsets.UTF_8 : family;
          w.add("line 1: unknown encoding \"" + wanted + "\", read as " + cs.name());
        }
      }
    }
    if (declChars > 0) {
      // the characters up to the end of the declaration, blanked, in the chosen charset
      String t = new String(head, start, n - start, cs);
      int end = t.indexOf("?>");
      declChars = end < 0 ? 0 : end + 2;
    }
    return new Transcoder(in, head, n, start, cs, declChars, tolerant, w);
  }

  private static int readHead(InputStream in, byte[] head) throws IOException {
    int n = 0;
    while (n < head.length) {
      int k = in.read(head, n, head.length - n);
      if (k < 0) {
        break;
      }
      n += k;
    }
    return n;
  }

  /**
   * Whether a document needs this transcoder even in strict mode: it declares a multi-byte legacy
   * charset (Big5, EUC-KR, GB2312, Shift_JIS, ...) that the XML layer does not decode. Reads the
   * first bytes and pushes them back.
   */
  public static boolean needed(PushbackInputStream in) throws IOException {
    byte[] head = new byte[HEAD];
    int n = readHead(in, head);
    in.unread(head, 0, n);
    Head h = new Head(head, n);
    if (h.bom != null || h.family != StandardCharsets.ISO_8859_1 || h.declared == null) {
      return false;
    }
    String upper = h.declared.toUpperCase(Locale.ROOT);
    if (upper.startsWith("UTF") || upper.startsWith("UCS")) {
      return false;
    }
    Charset cs = charset(h.declared, h.family);
    try {
      return cs != null && cs.canEncode() && cs.newEncoder().maxBytesPerChar() > 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** What the first bytes say: byte-order mark, width, whitespace before the declaration, label. */
  private static final class Head {
    int start;
    Charset bom;
    Charset family;
    int lead;
    String declared;
    int declEnd;

    Head(byte[] head, int n) {
      if (n >= 3
          && (head[0] & 0xFF) == 0xEF
          && (head[1] & 0xFF) == 0xBB
          && (head[2] & 0xFF) == 0xBF) {
        bom = StandardCharsets.UTF_8;
        start = 3;
      } else if (n >= 4
          && head[0] == 0
          && head[1] == 0
          && (head[2] & 0xFF) == 0xFE
          && (head[3] & 0xFF) == 0xFF) {
        bom = Charset.forName("UTF-32BE");
        start = 4;
      } else if (n >= 4
          && (head[0] & 0xFF) == 0xFF
          && (head[1] & 0xFF) == 0xFE
          && head[2] == 0
          && head[3] == 0) {
        bom = Charset.forName("UTF-32LE");
        start = 4;
      } else if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
        bom = StandardCharsets.UTF_16BE;
        start = 2;
      } else if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
        bom = StandardCharsets.UTF_16LE;
        start = 2;
      }
      // What family the declaration is written in: ASCII-compatible, or UTF-16/32 without a BOM.
      family = bom;
      if (family == null) {
        if (n >= 4 && head[0] == 0 && head[1] == 0 && head[2] == 0 && head[3] != 0) {
          family = Charset.forName("UTF-32BE");
        } else if (n >= 4 && head[0] != 0 && head[1] == 0 && head[2] == 0 && head[3] == 0) {
          family = Charset.forName("UTF-32LE");
        } else if (n >= 2 && head[0] == 0 && head[1] != 0) {
          family = StandardCharsets.UTF_16BE;
        } else if (n >= 2 && head[0] != 0 && head[1] == 0) {
          family = StandardCharsets.UTF_16LE;
        } else {
          family = StandardCharsets.ISO_8859_1;
        }
      }
      String text =
          new String(
              head,
              start,
              n - start,
              family == StandardCharsets.UTF_8 ? StandardCharsets.ISO_8859_1 : family);
      while (lead < text.length()
          && (Character.isWhitespace(text.charAt(lead))
              || text.charAt(lead) == '\uFEFF'
              || text.startsWith("\u00EF\u00BB\u00BF", lead))) {
        lead += text.startsWith("\u00EF\u00BB\u00BF", lead) ? 3 : 1;
      }
      if (!text.startsWith("<?xml", lead) && text.startsWith("<!--", lead)) {
        // comments before the declaration (a misplaced one): still the declaration, if no element
        // precedes it
        int decl = text.indexOf("<?xml", lead);
        int element = firstElement(text, lead);
        if (decl > 0 && (element < 0 || element > decl)) {
          lead = decl;
        }
      }
      if (text.startsWith("<?xml", lead)
          && text.length() > lead + 5
          && Character.isWhitespace(text.charAt(lead + 5))) {
        int end = text.indexOf("?>", lead);
        if (end > 0) {
          Matcher m = ENCODING.matcher(text.substring(lead, end + 2));
          if (m.find()) {
            declared = m.group(1);
          }
          declEnd = end + 2;
        }
      }
    }
  }

  /** Where the first start tag is (a '<' then a letter), or -1. */
  private static int firstElement(String text, int from) {
    for (int i = text.indexOf('<', from); i >= 0; i = text.indexOf('<', i + 1)) {
      if (i + 1 < text.length() && Character.isLetter(text.charAt(i + 1))) {
        return i;
      }
    }
    return -1;
  }

  private static Charset charset(String name, Charset family) {
    String n = name.toLowerCase(Locale.ROOT);
    if (family != StandardCharsets.ISO_8859_1
        && (n.startsWith("utf-16")
            || n.startsWith("utf16")
            || n.equals("u16")
            || n.startsWith("utf-32")
            || n.startsWith("utf32")
            || n.startsWith("ucs"))) {
      return family; // the byte-order mark or the zero bytes say which width and order
    }
    if (n.equals("u16") || n.equals("utf16")) {
      return null;
    }
    if (n.equals("gb2312") || n.equals("gbk") || n.equals("x-gbk")) {
      n = "gb18030"; // supersets: what gb2312-labelled feeds really hold
    }
    try {
      return Charset.forName(n);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return null;
    }
  }

  /** The charset in a Content-Type header value, or null. */
  public static String charsetOf(String contentType) {
    if (contentType == null) {
      return null;
    }
    for (String part : contentType.split(";")) {
      String p = part.strip();
      if (p.regionMatches(true, 0, "charset=", 0, 8)) {
        String v = p.substring(8).strip();
        if (v.length() >= 2
            && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
          v = v.substring(1, v.length() - 1);
        }
        return v.isEmpty() ? null : v;
      }
    }
    return null;
  }

  @Override
  public int read() throws IOException {
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (!out.hasRemaining()) {
      if (!fill()) {
        return -1;
      }
    }
    int n = Math.min(len, out.remaining());
    out.get(b, off, n);
    return n;
  }

  /** Decodes and re-encodes the next chunk; false at the end. */
  private boolean fill() throws IOException {
    if (flushed) {
      return false;
    }
    if (!eof && bytes.remaining() < 16) {
      bytes.compact();
      int k = in.read(bytes.array(), bytes.position(), bytes.remaining());
      if (k < 0) {
        eof = true;
      } else {
        bytes.position(bytes.position() + k);
      }
      bytes.flip();
    }
    chars.clear();
    while (true) {
      int before = bytes.position();
      CoderResult cr = decoder.decode(bytes, chars, eof);
      consumed += bytes.position() - before;
      if (cr.isError()) {
        if (!tolerant) {
          throw new MalformedDocumentException(
              "bytes invalid in the declared encoding "
                  + charsetName
                  + " at byte "
                  + consumed
                  + "; re-encode the feed, declare its real encoding, or read it with"
                  + " FeedLimits.tolerant(true) / --tolerant, which replaces them",
              ParseLocation.atByte(consumed),
              null);
        }
        if (replaced++ == 0) {
          warnings.add(
              "byte "
                  + consumed
                  + ": bytes invalid in "
                  + charsetName
                  + " replaced by U+FFFD (and any later ones)");
        }
        bytes.position(bytes.position() + cr.length());
        consumed += cr.length();
        if (!chars.hasRemaining()) {
          break;
        }
        chars.put('\uFFFD');
        continue;
      }
      break;
    }
    if (eof && !bytes.hasRemaining()) {
      decoder.flush(chars);
      flushed = true;
    }
    chars.flip();
    if (skipChars > 0) {
      int p = chars.position();
      while (skipChars > 0 && p < chars.limit()) {
        char c = chars.get(p);
        if (c != '\n' && c != '\r') {
          chars.put(p, ' ');
        }
        p++;
        skipChars--;
      }
    }
    out.clear();
    encoder.encode(chars, out, flushed);
    out.flip();
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
