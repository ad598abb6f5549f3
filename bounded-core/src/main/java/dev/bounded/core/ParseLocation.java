package dev.bounded.core;

import java.util.Objects;

/**
 * Where in the input something happened. Every field is optional: {@code -1} (or {@code null} for
 * the path) means unknown. Lines and columns count from 1, byte offsets from 0.
 */
public final class ParseLocation {
  /** A location that knows nothing. */
  public static final ParseLocation UNKNOWN = new ParseLocation(-1, -1, -1, null);

  private final long line;
  private final long column;
  private final long byteOffset;
  private final String path;

  private ParseLocation(long line, long column, long byteOffset, String path) {
    this.line = line;
    this.column = column;
    this.byteOffset = byteOffset;
    this.path = path;
  }

  /**
   * A location; pass {@code -1} for any unknown number and {@code null} for an unknown path.
   *
   * @param line 1-based line, or -1
   * @param column 1-based column, or -1
   * @param byteOffset 0-based offset of the byte in the raw input, or -1
   * @param path a path to the value ({@code /rss/channel/item} or a JSON Pointer), or null
   */
  public static ParseLocation of(long line, long column, long byteOffset, String path) {
    if (line < 0 && column < 0 && byteOffset < 0 && path == null) {
      return UNKNOWN;
    }
    return new ParseLocation(
        Math.max(-1, line), Math.max(-1, column), Math.max(-1, byteOffset), path);
  }

  /** A location known only by its byte offset. */
  public static ParseLocation atByte(long byteOffset) {
    return of(-1, -1, byteOffset, null);
  }

  /** 1-based line, or -1 if unknown. */
  public long line() {
    return line;
  }

  /** 1-based column, or -1 if unknown. */
  public long column() {
    return column;
  }

  /** 0-based byte offset in the raw input, or -1 if unknown. */
  public long byteOffset() {
    return byteOffset;
  }

  /** A path to the value where cheap to track, or null. */
  public String path() {
    return path;
  }

  /** This location with the path replaced. */
  public ParseLocation withPath(String newPath) {
    return of(line, column, byteOffset, newPath);
  }

  /** This location with the byte offset replaced. */
  public ParseLocation withByteOffset(long newByteOffset) {
    return of(line, column, newByteOffset, path);
  }

  /** True if nothing is known. */
  public boolean isUnknown() {
    return line < 0 && column < 0 && byteOffset < 0 && path == null;
  }

  /**
   * The location as a message suffix: {@code " at line 3, column 17, byte 52 (path /a/b)"}, or
   * empty when nothing is known.
   */
  public String describe() {
    if (isUnknown()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(48);
    String sep = " at ";
    if (line >= 0) {
      sb.append(sep).append("line ").append(line);
      sep = ", ";
    }
    if (column >= 0) {
      sb.append(sep).append("column ").append(column);
      sep = ", ";
    }
    if (byteOffset >= 0) {
      sb.append(sep).append("byte ").append(byteOffset);
    }
    if (path != null) {
      sb.append(sb.length() == 0 ? " at " : " ").append("(path ").append(path).append(')');
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ParseLocation)) {
      return false;
    }
    ParseLocation that = (ParseLocation) o;
    return line == that.line
        && column == that.column
        && byteOffset == that.byteOffset
        && Objects.equals(path, that.path);
  }

  @Override
  public int hashCode() {
    return Objects.hash(line, column, byteOffset, path);
  }

  @Override
  public String toString() {
    return isUnknown() ? "unknown location" : describe().substring(4);
  }
}
