package dev.bounded.xml.internal;

import com.ctc.wstx.api.ReaderConfig;
import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.exc.WstxEOFException;
import com.ctc.wstx.exc.WstxLazyException;
import com.ctc.wstx.stax.WstxInputFactory;
import com.ctc.wstx.util.SymbolTable;
import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.core.ParseLocation;
import dev.bounded.xml.XmlLimits;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamException;
import org.codehaus.stax2.XMLInputFactory2;

/** Woodstox configured safely, and Woodstox's errors translated into ours. */
public final class Woodstox {
  private Woodstox() {}

  private static final int MAX_CACHED = 64;
  private static final Map<Key, XMLInputFactory> FACTORIES = new ConcurrentHashMap<>();

  /** Never resolves anything: every external DTD, entity or XInclude request fails. */
  static final XMLResolver REFUSING =
      (publicId, systemId, baseUri, namespace) -> {
        throw new XMLStreamException(
            "External resource refused",
            null,
            new ForbiddenConstructException(
                "external reference",
                "External reference to \""
                    + BoundedParseException.excerpt(String.valueOf(systemId), 100)
                    + "\" refused: Bounded never fetches external entities or DTDs",
                ParseLocation.UNKNOWN,
                null));
      };

  private static final class Key {
    final long maxDepth;
    final long maxAttributes;
    final long maxAttributeLength;
    final boolean namespaceAware;

    Key(XmlLimits l, boolean namespaceAware) {
      maxDepth = l.maxDepth();
      maxAttributes = l.maxAttributes();
      maxAttributeLength = l.maxAttributeLength();
      this.namespaceAware = namespaceAware;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key)) {
        return false;
      }
      Key k = (Key) o;
      return maxDepth == k.maxDepth
          && maxAttributes == k.maxAttributes
          && maxAttributeLength == k.maxAttributeLength
          && namespaceAware == k.namespaceAware;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(maxDepth * 31 + maxAttributes) * 31
          + Long.hashCode(maxAttributeLength) * 2
          + (namespaceAware ? 1 : 0);
    }
  }

  /** The last factory handed out and what for: most callers parse under one limits instance. */
  private static final class Last {
    final XmlLimits limits;
    final boolean namespaceAware;
    final XMLInputFactory factory;

    Last(XmlLimits limits, boolean namespaceAware, XMLInputFactory factory) {
      this.limits = limits;
      this.namespaceAware = namespaceAware;
      this.factory = factory;
    }
  }

  private static volatile Last last;

  /** A shared, safely configured factory for these limits (thread-safe once configured). */
  public static XMLInputFactory factory(XmlLimits limits, boolean namespaceAware) {
    Last l = last;
    if (l != null && l.limits == limits && l.namespaceAware == namespaceAware) {
      return l.factory;
    }
    XMLInputFactory f = lookUp(limits, namespaceAware);
    last = new Last(limits, namespaceAware, f);
    return f;
  }

  private static XMLInputFactory lookUp(XmlLimits limits, boolean namespaceAware) {
    Key key = new Key(limits, namespaceAware);
    XMLInputFactory f = FACTORIES.get(key);
    if (f == null) {
      if (FACTORIES.size() >= MAX_CACHED) {
        FACTORIES.clear();
      }
      f = FACTORIES.computeIfAbsent(key, k -> create(limits, namespaceAware));
    }
    return f;
  }

  /** Woodstox's own settings as a second line: at least 1 (its minimum), at most int range. */
  private static int clamp(long v) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, v));
  }

  /**
   * Most distinct names (element, attribute, prefix, entity, PI target) one parse keeps in its
   * symbol table. Woodstox's per-parse table has no cap: about 400,000 distinct element names (a 4
   * MB document) exhaust a 32 MB heap. Past the cap, names are still interned (Woodstox compares
   * names by identity) but not kept, so the JVM can collect them. Real documents use well under
   * 1,000 names; at the cap the table holds at most 4,096 names of {@code maxNameLength}
   * characters.
   */
  static final int MAX_SYMBOLS = 4096;

  /**
   * Most names a factory's shared table keeps between parses: a parse whose table stays within this
   * and {@link #MAX_SHARED_SYMBOL_CHARS} hands its names on to the next parse (the next parse then
   * finds them instead of copying and interning each again, most of the set-up cost of a small
   * document). A larger table is not kept and the shared one is emptied, so one document of odd
   * names neither stays in memory nor keeps the next parses slow.
   */
  static final int MAX_SHARED_SYMBOLS = 512;

  /** Most characters, all names together, a factory's shared table keeps between parses. */
  static final int MAX_SHARED_SYMBOL_CHARS = 16 * 1024;

  /**
   * Most slots a look-up probes before it gives up on keeping a name: a name whose hash lands in a
   * run of this many taken slots is interned but not kept. Names built to share one hash (Woodstox
   * hashes names with a polynomial, and its seed does not change which names collide: {@code "Aa"}
   * and {@code "BB"} collide under every seed) then cost at most this many comparisons each, not a
   * walk of every name before them.
   */
  static final int MAX_PROBES = 32;

  /**
   * The symbol table every Bounded reader uses: our own open-addressing table (Woodstox's arrays
   * and chains are not used), which
   *
   * <ul>
   *   <li>stops growing at {@link #MAX_SYMBOLS} names (Woodstox's own table has no cap);
   *   <li>probes at most {@link #MAX_PROBES} slots per look-up (Woodstox's chains grow without
   *       bound, so a document of names with one hash made every look-up walk them all: a 4.6 MB
   *       document of 4,096 such names parsed 12 times slower than one of ordinary names);
   *   <li>is a copy-on-write child of its factory's shared table: it reads the shared arrays until
   *       it adds a name, and copies them first. Parent and children share the factory's hash seed
   *       ({@link #getHashSeed()}, with which Woodstox hashes the names it looks up), which
   *       Woodstox 7.2's own tables draw afresh for every table they construct.
   * </ul>
   *
   * Woodstox calls {@link #findSymbol(char[], int, int, int)} with the hash it computed, {@link
   * #getHashSeed()} and {@link #isDirty()}; the factory ({@link BoundedInputFactory}) does the
   * rest.
   */
  static final class CappedSymbolTable extends SymbolTable {
    /** The shared table this one started from; null for a shared table itself. */
    final CappedSymbolTable parent;

    /** The factory's seed, for Woodstox's hashes of names. */
    private final int seed;

    /** The names, by slot (a power-of-two length, at most half full); null for an empty slot. */
    private String[] names;

    /** Each slot's name's hash, to grow without hashing again. */
    private int[] hashes;

    private int count;

    /** True once this table added a name: Woodstox hands it to the factory when the parse ends. */
    private boolean added;

    /** Whether the arrays are this table's own (false while they are its parent's or shared). */
    private boolean owned;

    /** Characters of all the names held. */
    int chars;

    /** An empty shared table for a factory whose names are hashed with {@code seed}. */
    CappedSymbolTable(int seed) {
      super(true, 1);
      this.parent = null;
      this.seed = seed;
      this.names = new String[64];
      this.hashes = new int[64];
      this.owned = true;
    }

    /**
     * A table reading {@code from}'s arrays until it adds a name ({@code from} is never changed by
     * it): a parse's child of the shared table ({@code child}), or a frozen shared copy.
     */
    CappedSymbolTable(CappedSymbolTable from, boolean child) {
      super(true, 1);
      this.parent = child ? from : null;
      this.seed = from.seed;
      this.names = from.names;
      this.hashes = from.hashes;
      this.count = from.count;
      this.chars = from.chars;
      this.owned = false;
    }

    /** A frozen copy of this table's current names, to share; this table copies before changing. */
    CappedSymbolTable freeze() {
      CappedSymbolTable frozen = new CappedSymbolTable(this, false);
      owned = false;
      return frozen;
    }

    @Override
    public int getHashSeed() {
      return seed;
    }

    @Override
    public int size() {
      return count;
    }

    @Override
    public boolean isDirty() {
      return added;
    }

    @Override
    public String findSymbol(char[] buffer, int start, int len, int hash) {
      if (len < 1) {
        return "";
      }
      int at = probe(buffer, start, len, hash);
      if (at >= 0) {
        return names[at];
      }
      return at != FULL && count < MAX_SYMBOLS
          ? add(buffer, start, len, hash)
          : new String(buffer, start, len).intern(); // not kept: see MAX_SYMBOLS, MAX_PROBES
    }

    @Override
    public String findSymbolIfExists(char[] buffer, int start, int len, int hash) {
      int at = probe(buffer, start, len, hash);
      return at >= 0 ? names[at] : null;
    }

    /** {@link #probe}'s answer when {@link #MAX_PROBES} slots were taken by other names. */
    private static final int FULL = Integer.MIN_VALUE;

    /**
     * The slot holding the name, or {@code ~slot} of the empty slot that ends its probe (it is not
     * held), or {@link #FULL}.
     */
    private int probe(char[] buffer, int start, int len, int hash) {
      String[] t = names;
      int mask = t.length - 1;
      int i = hash & mask;
      for (int probe = 0; probe < MAX_PROBES; probe++) {
        String s = t[i];
        if (s == null) {
          return ~i;
        }
        if (s.length() == len && same(s, buffer, start, len)) {
          return i;
        }
        i = (i + 1) & mask;
      }
      return FULL;
    }

    @Override
    public String findSymbol(String s) {
      char[] c = s.toCharArray();
      return c.length == 0 ? "" : findSymbol(c, 0, c.length, hash(c, 0, c.length));
    }

    /**
     * The hash Woodstox computes for {@code buffer[start, start + len)} under this table's seed.
     */
    int hash(char[] buffer, int start, int len) {
      return calcHash(buffer, start, len, seed);
    }

    @Override
    public SymbolTable makeChild() {
      return new CappedSymbolTable(this, true);
    }

    @Override
    public void mergeChild(SymbolTable child) {
      // Bounded factories hand names on in BoundedInputFactory.updateSymbolTable, never here.
    }

    private static boolean same(String s, char[] buffer, int start, int len) {
      for (int k = 0; k < len; k++) {
        if (s.charAt(k) != buffer[start + k]) {
          return false;
        }
      }
      return true;
    }

    /** Adds a name known to be absent, whose probe ended at an empty slot. */
    private String add(char[] buffer, int start, int len, int hash) {
      if (!owned || (count + 1) * 2 > names.length) {
        // copy before the first change, growing as needed to stay at most half full
        int size = names.length;
        while ((count + 1) * 2 > size) {
          size <<= 1;
        }
        rehash(size);
      }
      String s = new String(buffer, start, len).intern();
      int mask = names.length - 1;
      int i = hash & mask;
      for (int probe = 0; probe < MAX_PROBES; probe++, i = (i + 1) & mask) {
        if (names[i] == null) {
          names[i] = s;
          hashes[i] = hash;
          count++;
          chars += len;
          added = true;
          return s;
        }
      }
      return s; // past MAX_PROBES in the grown table too: interned, not kept
    }

    private void rehash(int size) {
      String[] n = new String[size];
      int[] h = new int[size];
      int mask = size - 1;
      for (int j = 0; j < names.length; j++) {
        String s = names[j];
        if (s != null) {
          int i = hashes[j] & mask;
          while (n[i] != null) {
            i = (i + 1) & mask;
          }
          n[i] = s;
          h[i] = hashes[j];
        }
      }
      names = n;
      hashes = h;
      owned = true;
    }
  }

  /**
   * Gives every reader its own capped symbol table, a child of this factory's shared one, and takes
   * a finished reader's table as the new shared one if it is small enough (see {@link
   * #MAX_SHARED_SYMBOLS}). The shared table is never Woodstox's process-wide, uncapped one.
   */
  static final class BoundedInputFactory extends WstxInputFactory {
    /** This factory's seed for name hashes, drawn once; its tables all use it. */
    private final int seed = ThreadLocalRandom.current().nextInt();

    private volatile CappedSymbolTable shared = new CappedSymbolTable(seed);

    @Override
    public ReaderConfig createPrivateConfig() {
      return mConfig.createNonShared(new CappedSymbolTable(shared, true));
    }

    @Override
    public synchronized void updateSymbolTable(SymbolTable t) {
      if (!(t instanceof CappedSymbolTable)) {
        return;
      }
      CappedSymbolTable table = (CappedSymbolTable) t;
      if (table.parent != shared) {
        return; // a sibling's names were taken already
      }
      shared =
          table.size() <= MAX_SHARED_SYMBOLS && table.chars <= MAX_SHARED_SYMBOL_CHARS
              ? table.freeze()
              : new CappedSymbolTable(seed);
    }

    /** The table the next parse starts from. */
    CappedSymbolTable shared() {
      return shared;
    }
  }

  static XMLInputFactory create(XmlLimits limits, boolean namespaceAware) {
    WstxInputFactory f = new BoundedInputFactory();
    f.setProperty(XMLInputFactory2.P_INTERN_NAMES, true); // the capped table relies on it
    // Woodstox interns namespace URIs through a process-wide cache of 1,024 strings by default:
    // URIs are attribute values, up to maxAttributeLength characters each, so one document could
    // leave 1,024 of them (32 MB of 16,000-character URIs) on the heap for good. Per parse only.
    f.setProperty(XMLInputFactory2.P_INTERN_NS_URIS, false);
    // No DTD is ever read (SUPPORT_DTD is off), so nothing could be cached; say so anyway.
    f.setProperty(WstxInputProperties.P_CACHE_DTDS, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, namespaceAware);
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    f.setProperty(XMLInputFactory.IS_VALIDATING, false);
    // No DTD processing at all: Woodstox then never loads an external subset, declares no entity,
    // and reports references to undeclared entities as errors. The scanner refuses or skims
    // DOCTYPEs.
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
    f.setProperty(XMLInputFactory.RESOLVER, REFUSING);
    f.setProperty(WstxInputProperties.P_DTD_RESOLVER, REFUSING);
    f.setProperty(WstxInputProperties.P_ENTITY_RESOLVER, REFUSING);
    f.setProperty(WstxInputProperties.P_UNDECLARED_ENTITY_RESOLVER, null);
    // Woodstox's own limits as a second line; the scanner fires first at the same thresholds.
    f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, clamp(limits.maxDepth()));
    f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, clamp(limits.maxAttributes()));
    f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, clamp(limits.maxAttributeLength()));
    f.setProperty(WstxInputProperties.P_MAX_ELEMENT_COUNT, Long.MAX_VALUE);
    f.setProperty(WstxInputProperties.P_MAX_CHILDREN_PER_ELEMENT, Integer.MAX_VALUE);
    f.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, Integer.MAX_VALUE);
    f.setProperty(WstxInputProperties.P_MAX_CHARACTERS, Long.MAX_VALUE);
    return f;
  }

  /**
   * Our exception for a Woodstox failure: ours if one is in the cause chain (the scanner's, the
   * resolver's, the byte limit's), else a translation. A real I/O failure of the source, not caused
   * by the content, is returned as it is.
   */
  public static IOException translate(Throwable e, XmlScanner scanner, XmlLimits limits) {
    if (e instanceof WstxLazyException && e.getCause() != null) {
      // Lazy parsing wraps the real XMLStreamException (with its location) in a RuntimeException.
      e = e.getCause();
    }
    Optional<BoundedParseException> ours = BoundedParseException.find(e);
    if (ours.isPresent()) {
      BoundedParseException x = ours.get();
      if (x.location().isUnknown() && e instanceof XMLStreamException) {
        return x.relocate(location((XMLStreamException) e));
      }
      return x;
    }
    Throwable t = e;
    for (int i = 0; t != null && i < 16; i++, t = t.getCause()) {
      if (t instanceof CharConversionException || t instanceof CharacterCodingException) {
        return new MalformedDocumentException(
            "Invalid byte sequence for the document's encoding: "
                + BoundedParseException.excerpt(String.valueOf(t.getMessage()), 200),
            e instanceof XMLStreamException
                ? location((XMLStreamException) e)
                : ParseLocation.UNKNOWN,
            e);
      }
      if (t instanceof IOException
          && !(t instanceof BoundedParseException)
          && t != e
          && !(t.getClass().getName().startsWith("com.ctc.wstx"))) {
        return (IOException) t; // the source failed: not the document's fault
      }
    }
    ParseLocation where =
        e instanceof XMLStreamException ? location((XMLStreamException) e) : ParseLocation.UNKNOWN;
    String msg = woodstoxMessage(e);
    if (msg.startsWith("Maximum attribute size limit")) {
      return new LimitExceededException(
          Limit.MAX_ATTRIBUTE_LENGTH,
          limits.maxAttributeLength(),
          -1,
          "XmlLimits.maxAttributeLength",
          where);
    }
    if (msg.startsWith("Maximum Number of Attributes limit")) {
      return new LimitExceededException(
          Limit.MAX_ATTRIBUTES, limits.maxAttributes(), -1, "XmlLimits.maxAttributes", where);
    }
    if (msg.startsWith("Maximum Element Depth limit")) {
      return new LimitExceededException(
          Limit.MAX_DEPTH, limits.maxDepth(), -1, "XmlLimits.maxDepth", where);
    }
    if (msg.startsWith("Undeclared general entity") && scanner != null && scanner.sawDoctype()) {
      return new ForbiddenConstructException(
          "entity reference",
          msg + ": entities declared in a DTD are never expanded (XmlLimits.dtdPolicy is IGNORE)",
          where,
          e);
    }
    return new MalformedDocumentException(msg, where, e);
  }

  /** Woodstox's message without its location suffix, capped and escaped. */
  static String woodstoxMessage(Throwable e) {
    String m = e.getMessage();
    if (m == null) {
      return e.getClass().getSimpleName();
    }
    int at = m.indexOf("\n at [");
    if (at >= 0) {
      m = m.substring(0, at);
    }
    if (e instanceof WstxEOFException && m.startsWith(" in ")) {
      // Woodstox's bootstrapper reports the end of input with the bare suffix (" in xml
      // declaration") where its scanner says "Unexpected EOF in ...".
      m = "Unexpected end of input" + m;
    }
    return BoundedParseException.excerpt(m.replace('\n', ' '), 300);
  }

  static ParseLocation location(XMLStreamException e) {
    Location l = e.getLocation();
    return l == null
        ? ParseLocation.UNKNOWN
        : ParseLocation.of(l.getLineNumber(), l.getColumnNumber(), -1, null);
  }
}
