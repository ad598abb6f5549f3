package dev.bounded.flink;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.ForbiddenConstructException;
import dev.bounded.core.LimitExceededException;
import java.util.Objects;

/**
 * An error record: one document (a file or a message) broke a limit or was malformed. It takes the
 * place of the exception that would otherwise fail the task, and is routed to a side output by
 * {@link ErrorRouter}. A Flink POJO (public no-argument constructor, getters and setters), so it
 * travels between tasks with Flink's own serializer.
 *
 * <p>{@link #getRecordsBefore()} says how many records the same document delivered before the
 * break: they are kept, downstream, and this record follows them.
 */
public final class ParseError {
  /** {@link #getKind()} of a document that is not well-formed (or not a feed). */
  public static final String MALFORMED = "MALFORMED";

  /** {@link #getKind()} of a document using something refused outright (a DOCTYPE, by default). */
  public static final String FORBIDDEN = "FORBIDDEN";

  private String source;
  private String kind;
  private String setting;
  private long maximum = -1;
  private long line = -1;
  private long column = -1;
  private long byteOffset = -1;
  private String message;
  private long recordsBefore;

  /** For Flink's POJO serializer; use {@link #of}. */
  public ParseError() {}

  /**
   * The error record for {@code e}, which stopped the parse of {@code source} after {@code
   * recordsBefore} records.
   */
  public static ParseError of(String source, BoundedParseException e, long recordsBefore) {
    ParseError r = new ParseError();
    r.source = source;
    if (e instanceof LimitExceededException) {
      LimitExceededException l = (LimitExceededException) e;
      r.kind = l.limit().name();
      r.setting = l.setting();
      r.maximum = l.maximum();
    } else {
      r.kind = e instanceof ForbiddenConstructException ? FORBIDDEN : MALFORMED;
    }
    r.line = e.line();
    r.column = e.column();
    r.byteOffset = e.byteOffset();
    r.message = excerpt(String.valueOf(e.getMessage()), 500);
    r.recordsBefore = recordsBefore;
    return r;
  }

  /** At most {@code max} characters of {@code m} (a surrogate pair is never cut), then "...". */
  static String excerpt(String m, int max) {
    if (m.length() <= max) {
      return m;
    }
    int end = Character.isHighSurrogate(m.charAt(max - 1)) ? max - 1 : max;
    return m.substring(0, end) + "...";
  }

  /** The file's path, or a description of the message. */
  public String getSource() {
    return source;
  }

  /** Sets {@link #getSource()}. */
  public void setSource(String source) {
    this.source = source;
  }

  /**
   * What broke: a {@link dev.bounded.core.Limit} name ({@code MAX_DEPTH}, {@code
   * MAX_EXPANSION_RATIO}, ...), {@link #MALFORMED} or {@link #FORBIDDEN}.
   */
  public String getKind() {
    return kind;
  }

  /** Sets {@link #getKind()}. */
  public void setKind(String kind) {
    this.kind = kind;
  }

  /** The setting that holds the limit ({@code "XmlLimits.maxDepth"}), or null. */
  public String getSetting() {
    return setting;
  }

  /** Sets {@link #getSetting()}. */
  public void setSetting(String setting) {
    this.setting = setting;
  }

  /** The limit's maximum, inclusive, in its unit; -1 when not a limit. */
  public long getMaximum() {
    return maximum;
  }

  /** Sets {@link #getMaximum()}. */
  public void setMaximum(long maximum) {
    this.maximum = maximum;
  }

  /** 1-based line of the break, or -1 if unknown. */
  public long getLine() {
    return line;
  }

  /** Sets {@link #getLine()}. */
  public void setLine(long line) {
    this.line = line;
  }

  /** 1-based column of the break, or -1 if unknown. */
  public long getColumn() {
    return column;
  }

  /** Sets {@link #getColumn()}. */
  public void setColumn(long column) {
    this.column = column;
  }

  /** 0-based byte offset of the break in the (decompressed) document, or -1 if unknown. */
  public long getByteOffset() {
    return byteOffset;
  }

  /** Sets {@link #getByteOffset()}. */
  public void setByteOffset(long byteOffset) {
    this.byteOffset = byteOffset;
  }

  /** The exception's message (at most 500 characters), naming the limit, maximum and place. */
  public String getMessage() {
    return message;
  }

  /** Sets {@link #getMessage()}. */
  public void setMessage(String message) {
    this.message = message;
  }

  /** Records the same document delivered before the break; they are kept. */
  public long getRecordsBefore() {
    return recordsBefore;
  }

  /** Sets {@link #getRecordsBefore()}. */
  public void setRecordsBefore(long recordsBefore) {
    this.recordsBefore = recordsBefore;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ParseError)) {
      return false;
    }
    ParseError x = (ParseError) o;
    return Objects.equals(source, x.source)
        && Objects.equals(kind, x.kind)
        && Objects.equals(setting, x.setting)
        && maximum == x.maximum
        && line == x.line
        && column == x.column
        && byteOffset == x.byteOffset
        && Objects.equals(message, x.message)
        && recordsBefore == x.recordsBefore;
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, kind, line, column, byteOffset, recordsBefore);
  }

  @Override
  public String toString() {
    return source
        + ": "
        + kind
        + (setting == null ? "" : " (" + setting + " = " + maximum + ")")
        + " after "
        + recordsBefore
        + " records (kept) at line "
        + line
        + ", column "
        + column
        + ", byte "
        + byteOffset
        + ": "
        + message;
  }
}
