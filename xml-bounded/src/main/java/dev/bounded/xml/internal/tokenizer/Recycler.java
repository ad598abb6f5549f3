package dev.bounded.xml.internal.tokenizer;

/**
 * One thread's buffers and name tables, handed from one finished parse to the next (as Woodstox and
 * Jackson recycle theirs), so a small document does not pay for allocating them. A parse takes them
 * (a nested parse on the same thread then makes its own) and gives them back when it is closed;
 * only buffers of their initial size and name tables within {@link #MAX_KEPT_NAMES} names and
 * {@link #MAX_KEPT_NAME_CHARS} characters are kept, so what a thread keeps is small and bounded.
 */
final class Recycler {
  /** Most names a thread's kept table may hold. */
  static final int MAX_KEPT_NAMES = 512;

  /** Most characters, all names together, a thread's kept table may hold. */
  static final int MAX_KEPT_NAME_CHARS = 16 * 1024;

  static final int BUFFER = 8192;
  static final int VALUES = 256;

  private static final ThreadLocal<Recycler> LOCAL = ThreadLocal.withInitial(Recycler::new);

  private byte[] buf;
  private char[] tbuf;
  private char[] vbuf;
  private Object[] reused;
  private final NameTable[] tables = new NameTable[2];

  static Recycler get() {
    return LOCAL.get();
  }

  byte[] buffer() {
    byte[] b = buf;
    buf = null;
    return b != null ? b : new byte[BUFFER];
  }

  char[] textBuffer() {
    char[] t = tbuf;
    tbuf = null;
    return t != null ? t : new char[Tokenizer.TEXT_CHUNK + 2];
  }

  char[] valueBuffer() {
    char[] v = vbuf;
    vbuf = null;
    return v != null ? v : new char[VALUES];
  }

  /** The slots of {@link Tokenizer}'s reused attribute values, empty. */
  Object[] reusedValues() {
    Object[] r = reused;
    reused = null;
    return r != null ? r : new Object[Tokenizer.REUSED_SLOTS];
  }

  /** Keeps {@code r} (null if the parse took none), emptied: no value outlives its parse. */
  void releaseReused(Object[] r) {
    if (r != null) {
      java.util.Arrays.fill(r, null);
      reused = r;
    }
  }

  NameTable names(boolean namespaces) {
    int k = namespaces ? 1 : 0;
    NameTable t = tables[k];
    tables[k] = null;
    return t != null ? t : new NameTable();
  }

  void release(byte[] b, char[] t, char[] v, NameTable names, boolean namespaces) {
    if (b.length == BUFFER) {
      buf = b;
    }
    if (t.length == Tokenizer.TEXT_CHUNK + 2) {
      tbuf = t;
    }
    if (v.length == VALUES) {
      vbuf = v;
    }
    if (names.count() <= MAX_KEPT_NAMES && names.chars() <= MAX_KEPT_NAME_CHARS) {
      tables[namespaces ? 1 : 0] = names;
    }
  }
}
