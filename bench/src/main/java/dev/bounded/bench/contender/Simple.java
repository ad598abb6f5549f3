package dev.bounded.bench.contender;

import dev.bounded.bench.input.Doc;
import java.io.InputStream;
import java.util.function.Predicate;

/** A {@link Contender} from its parts, so each registration is a few lines. */
final class Simple implements Contender {
  /** The parse itself. */
  @FunctionalInterface
  interface Parse {
    void parse(InputStream in, Tally tally) throws Exception;
  }

  private final String id;
  private final Doc.Format format;
  private final Role role;
  private final String baseline;
  private final String description;
  private final boolean streaming;
  private final Predicate<Doc> reads;
  private final Parse parse;
  private final String view;

  Simple(
      String id,
      Doc.Format format,
      Role role,
      String baseline,
      boolean streaming,
      Predicate<Doc> reads,
      String description,
      Parse parse) {
    this(id, format, role, baseline, streaming, reads, description, Contender.DOCUMENT, parse);
  }

  /**
   * As the other constructor, for a contender that touches only part of a document ({@link
   * #view()}).
   */
  Simple(
      String id,
      Doc.Format format,
      Role role,
      String baseline,
      boolean streaming,
      Predicate<Doc> reads,
      String description,
      String view,
      Parse parse) {
    this.view = view;
    this.id = id;
    this.format = format;
    this.role = role;
    this.baseline = baseline;
    this.streaming = streaming;
    this.reads = reads;
    this.description = description;
    this.parse = parse;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Doc.Format format() {
    return format;
  }

  @Override
  public Role role() {
    return role;
  }

  @Override
  public String baseline() {
    return baseline;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public String view() {
    return view;
  }

  @Override
  public boolean streaming() {
    return streaming;
  }

  @Override
  public boolean reads(Doc doc) {
    return doc.format == format && reads.test(doc);
  }

  @Override
  public void parse(InputStream in, Tally tally) throws Exception {
    parse.parse(in, tally);
  }

  @Override
  public String toString() {
    return id;
  }
}
