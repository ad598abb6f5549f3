package dev.bounded.xml.internal;

import com.ctc.wstx.api.ReaderConfig;
import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import com.ctc.wstx.util.SymbolTable;
import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.core.ParseLocation;
import dev.bounded.core.internal.ParseErrors;
import dev.bounded.xml.XmlLimits;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamException;
import org.codehaus.stax2.XMLInputFactory2;

/**
 * Woodstox configured safely, for the WOODSTOX engine: one shared factory per setting of the limits
 * Woodstox enforces itself. Its symbol table is {@link WoodstoxSymbolTable}, its errors are
 * translated by {@link WoodstoxErrors}. Loaded only when the WOODSTOX engine parses (Woodstox is an
 * optional dependency).
 */
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
                    + ParseErrors.excerpt(String.valueOf(systemId), 100)
                    + "\" refused: Bounded never fetches external entities or DTDs",
                ParseLocation.UNKNOWN,
                null));
      };

  /** What a factory's settings depend on: the limits Woodstox enforces itself, and namespaces. */
  private record Key(
      long maxDepth, long maxAttributes, long maxAttributeLength, boolean namespaceAware) {
    Key(XmlLimits l, boolean namespaceAware) {
      this(l.maxDepth(), l.maxAttributes(), l.maxAttributeLength(), namespaceAware);
    }
  }

  /** The last factory handed out and what for: most callers parse under one limits instance. */
  private record Last(XmlLimits limits, boolean namespaceAware, XMLInputFactory factory) {}

  private static volatile Last last;

  /** A shared, safely configured factory for these limits (thread-safe once configured). */
  public static XMLInputFactory factory(XmlLimits limits, boolean namespaceAware) {
    Last l = last;
    if (l != null && l.limits() == limits && l.namespaceAware() == namespaceAware) {
      return l.factory();
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
   * Gives every reader its own capped symbol table, a child of this factory's shared one, and takes
   * a finished reader's table as the new shared one if it is small enough (see {@link
   * #MAX_SHARED_SYMBOLS}). The shared table is never Woodstox's process-wide, uncapped one.
   */
  static final class BoundedInputFactory extends WstxInputFactory {
    /** This factory's seed for name hashes, drawn once; its tables all use it. */
    private final int seed;

    private volatile WoodstoxSymbolTable shared;

    BoundedInputFactory(int seed) {
      this.seed = seed;
      this.shared = new WoodstoxSymbolTable(seed);
    }

    @Override
    public ReaderConfig createPrivateConfig() {
      return mConfig.createNonShared(new WoodstoxSymbolTable(shared, true));
    }

    @Override
    public synchronized void updateSymbolTable(SymbolTable t) {
      if (!(t instanceof WoodstoxSymbolTable)) {
        return;
      }
      WoodstoxSymbolTable table = (WoodstoxSymbolTable) t;
      if (table.parent != shared) {
        return; // a sibling's names were taken already
      }
      shared =
          table.size() <= WoodstoxSymbolTable.MAX_SHARED_SYMBOLS
                  && table.chars <= WoodstoxSymbolTable.MAX_SHARED_SYMBOL_CHARS
              ? table.freeze()
              : new WoodstoxSymbolTable(seed);
    }

    /** The table the next parse starts from. */
    WoodstoxSymbolTable shared() {
      return shared;
    }
  }

  static XMLInputFactory create(XmlLimits limits, boolean namespaceAware) {
    return create(limits, namespaceAware, ThreadLocalRandom.current().nextInt());
  }

  /** As {@link #create(XmlLimits, boolean)}, its names hashed with {@code seed} (tests). */
  static XMLInputFactory create(XmlLimits limits, boolean namespaceAware, int seed) {
    WstxInputFactory f = new BoundedInputFactory(seed);
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
}
