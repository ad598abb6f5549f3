package dev.bounded.bench.input;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Every benchmark input, by the short name used in JMH parameters and reports. */
public enum Doc {
  RSS_1K(Format.XML, Kind.FEED, Feeds.RSS, 1_000),
  RSS_100K(Format.XML, Kind.FEED, Feeds.RSS, 100_000),
  RSS_10M(Format.XML, Kind.FEED, Feeds.RSS, 10_000_000),
  RSS_100M(Format.XML, Kind.FEED, Feeds.RSS, 100_000_000),
  ATOM_100K(Format.XML, Kind.FEED, Feeds.ATOM, 100_000),
  XML_DEEP(Format.XML, Kind.DEEP, Deep::xml),
  JSON_1K(Format.JSON, Kind.ARRAY, Json.ARRAY, 1_000),
  JSON_100K(Format.JSON, Kind.ARRAY, Json.ARRAY, 100_000),
  JSON_10M(Format.JSON, Kind.ARRAY, Json.ARRAY, 10_000_000),
  JSON_100M(Format.JSON, Kind.ARRAY, Json.ARRAY, 100_000_000),
  JSON_API(Format.JSON, Kind.PAYLOAD, Json::apiPayload),
  JSON_DEEP(Format.JSON, Kind.DEEP, Deep::json);

  /** The document's syntax. */
  public enum Format {
    XML,
    JSON
  }

  /** What the document is, for contenders that only read some kinds (a feed reader reads feeds). */
  public enum Kind {
    FEED,
    ARRAY,
    PAYLOAD,
    DEEP
  }

  private static final ConcurrentHashMap<Doc, byte[]> CACHE = new ConcurrentHashMap<>();

  public final Format format;
  public final Kind kind;
  private final Generator generator;
  private final long target;
  private final Supplier<String> fixed;

  Doc(Format format, Kind kind, Generator generator, long targetBytes) {
    this.format = format;
    this.kind = kind;
    this.generator = generator;
    this.target = targetBytes;
    this.fixed = null;
  }

  Doc(Format format, Kind kind, Supplier<String> fixed) {
    this.format = format;
    this.kind = kind;
    this.generator = null;
    this.target = -1;
    this.fixed = fixed;
  }

  /** The parameter name, e.g. {@code rss-10m}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The document for a parameter name. */
  public static Doc of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** A fresh stream of the document, generated as it is read (constant memory). */
  public InputStream stream() {
    return generator != null
        ? new GeneratingInputStream(generator, target)
        : new ByteArrayInputStream(fixed.get().getBytes(StandardCharsets.UTF_8));
  }

  /** The whole document (cached: generated once per JVM). */
  public byte[] bytes() {
    return CACHE.computeIfAbsent(
        this,
        d -> {
          try (InputStream in = d.stream()) {
            return in.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** Releases the cached bytes. */
  public void forget() {
    CACHE.remove(this);
  }

  /** True for the large inputs, where streaming throughput is the figure that matters. */
  public boolean large() {
    return target >= 10_000_000;
  }
}
