package dev.bounded.bench.contender;

import dev.bounded.bench.input.Doc;
import java.io.InputStream;

/**
 * One way of parsing a document, as measured by every benchmark. Register new ones in {@link
 * Contenders}; the throughput benchmark, the memory runner, the report and the target checks pick
 * them up by id.
 */
public interface Contender {
  /** What a contender is, for the report. */
  enum Role {
    /** The raw parser every ratio of this format is taken against. */
    RAW,
    /** Another well-known parser, shown for reference (ratio to the raw parser). */
    REFERENCE,
    /** One of ours: its ratio to {@link #baseline()} is the figure we quote. */
    BOUNDED
  }

  /** The short name used in JMH parameters and reports, e.g. {@code bounded-push}. */
  String id();

  /** The document syntax it reads. */
  Doc.Format format();

  Role role();

  /** The contender this one's ratio is taken against (itself for a raw parser). */
  String baseline();

  /** A line for the report: what exactly is measured. */
  String description();

  /** Whether it reads {@code doc} (a feed reader reads only feeds). */
  default boolean reads(Doc doc) {
    return doc.format == format();
  }

  /** What {@link #view()} a contender of the whole document reports. */
  String DOCUMENT = "document";

  /**
   * What part of the document it touches, for {@code Check}: contenders of one format and one view
   * must report the same counts. {@link #DOCUMENT} (the default) for every element, attribute and
   * text segment; a narrower view, such as the RSS items only or the feed entries' title and
   * description, is compared only with contenders of the same view.
   */
  default String view() {
    return DOCUMENT;
  }

  /** Whether its memory is expected flat in document size (the memory runner's guess). */
  default boolean streaming() {
    return false;
  }

  /**
   * Parses the whole of {@code in}, touching every value the way its API delivers them, and records
   * what it touched. Set-up a real caller repeats per document (reader, builder) is included; what
   * a caller keeps across documents (a factory) is not.
   */
  void parse(InputStream in, Tally tally) throws Exception;
}
