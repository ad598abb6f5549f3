package dev.bounded.rss;

import dev.bounded.rss.internal.PlainText;
import java.util.Objects;

/**
 * A text field of a feed or item with what the feed says about it: its {@link Type type}, language
 * and base address. Immutable. {@link #value()} is the text as feed readers give it: for {@link
 * Type#HTML} and {@link Type#XHTML} it is markup (not sanitised: see the package's README on
 * sanitising before rendering); {@link #plainText()} gives the readable text of any type.
 */
public final class FeedText {
  /** The kind of text, as Atom's {@code type} attribute or the element's convention says. */
  public enum Type {
    /** Plain text ({@code text/plain}): show as it is, escaping it for the display. */
    TEXT,
    /** HTML ({@code text/html}): markup, escaped in the feed or written inline. */
    HTML,
    /** XHTML ({@code application/xhtml+xml}): markup serialised with its namespaces. */
    XHTML;

    /**
     * The MIME type feed readers report for this kind: text/plain, text/html or
     * application/xhtml+xml.
     */
    public String mimeType() {
      return this == TEXT ? "text/plain" : this == HTML ? "text/html" : "application/xhtml+xml";
    }
  }

  private final String value;
  private final Type type;
  private final String language;
  private final String base;

  /**
   * @param value the text or markup, never null
   * @param type its kind, never null
   * @param language the xml:lang in scope (or the feed's language), or null
   * @param base the base address relative references in it resolve against, or null
   */
  public FeedText(String value, Type type, String language, String base) {
    this.value = Objects.requireNonNull(value, "value");
    this.type = Objects.requireNonNull(type, "type");
    this.language = language;
    this.base = base;
  }

  /** The text, or for HTML and XHTML the markup; never null. */
  public String value() {
    return value;
  }

  /** The kind of text; never null. */
  public Type type() {
    return type;
  }

  /** The language tag in scope (xml:lang, else the feed's language), or null. */
  public String language() {
    return language;
  }

  /** The base address in scope (xml:base, else the document's address), or null. */
  public String base() {
    return base;
  }

  /**
   * The readable text: {@link #value()} for {@link Type#TEXT}; for markup, the text with tags,
   * comments, scripts and styles removed, character references decoded and runs of whitespace made
   * one space. For display in a terminal or a search index, never for rendering as HTML.
   */
  public String plainText() {
    return type == Type.TEXT ? value : PlainText.of(value);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FeedText)) {
      return false;
    }
    FeedText x = (FeedText) o;
    return value.equals(x.value)
        && type == x.type
        && Objects.equals(language, x.language)
        && Objects.equals(base, x.base);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, type, language, base);
  }

  /** The type and the start of the value, for debugging. */
  @Override
  public String toString() {
    return type + ":" + (value.length() <= 80 ? value : value.substring(0, 80) + "...");
  }
}
