package dev.bounded.rss;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Decompression;
import dev.bounded.core.LimitedInputStream;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.core.ParseLocation;
import dev.bounded.rss.internal.FeedParser;
import dev.bounded.rss.internal.HtmlEntities;
import dev.bounded.rss.internal.HtmlEntityFilter;
import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.XmlLimits;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams the items of an RSS 0.9x, RSS 1.0 (RDF), RSS 2.0 or Atom feed, one at a time, in memory
 * that does not grow with the number of items. The entry point of this package.
 *
 * <pre>{@code
 * try (FeedReader feed = FeedReader.open(in, FeedLimits.defaults())) {
 *   System.out.println(feed.info().title());
 *   for (FeedItem item; (item = feed.next()) != null; ) {
 *     System.out.println(item.date() + " " + item.title() + " " + item.link());
 *   }
 * }
 * // or: feed.stream().filter(...).forEach(...), closing the stream closes the reader
 * // or push: FeedReader.read(in, limits, new FeedHandler() { ... });
 * }</pre>
 *
 * <p>The input may be gzip or zlib compressed (detected by its first bytes and expanded under
 * {@link FeedLimits#decompressionLimits()}, so a gzip bomb fails with a limit), in any encoding
 * xml-bounded reads (a byte-order mark or the XML declaration says which: UTF-8, UTF-16,
 * ISO-8859-1, windows-1252, ...). A DOCTYPE is skipped and never fetched by default. The dialect is
 * detected from the root element and its namespace; any other root fails with a {@link
 * MalformedDocumentException}.
 *
 * <p>Every failure caused by the input is a {@link BoundedParseException}: a {@link
 * dev.bounded.core.LimitExceededException} naming the {@code FeedLimits} or {@code XmlLimits}
 * setting, or a {@link MalformedDocumentException} saying what and where. Not thread-safe.
 */
public final class FeedReader implements Closeable {
  /** An undeclared entity, as either engine says it (Woodstox's wording, or our tokenizer's). */
  private static final Pattern UNDECLARED =
      Pattern.compile(
          "Undeclared general entity \"([A-Za-z0-9]{1,32})\"|Undeclared entity &([A-Za-z0-9]{1,32});");

  private final InputStream source;
  private final XMLStreamReader xml;
  private final FeedParser parser;
  private final boolean lenient;
  private FeedItem pending;
  private boolean closed;

  private FeedReader(InputStream source, XMLStreamReader xml, FeedParser parser, boolean lenient) {
    this.source = source;
    this.xml = xml;
    this.parser = parser;
    this.lenient = lenient;
  }

  /** As {@link #open(InputStream, FeedLimits)} with {@link FeedLimits#defaults()}. */
  public static FeedReader open(InputStream in) throws IOException {
    return open(in, FeedLimits.defaults());
  }

  /**
   * Opens a feed and reads ahead to its first item (or its end), so {@link #info()} already holds
   * the metadata that precedes the items. The reader owns {@code in} from here on: {@link #close()}
   * closes it (and so does a failure of this method).
   *
   * @throws BoundedParseException if the input is not a feed, is malformed, or breaks a limit
   */
  public static FeedReader open(InputStream in, FeedLimits limits) throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(limits, "limits");
    XMLStreamReader xml = null;
    try {
      InputStream s = Decompression.open(in, limits.decompressionLimits());
      XmlLimits xl = limits.xmlLimits();
      if (limits.lenientEntities()) {
        // Count the document's own bytes before the rewrite, which may lengthen it slightly.
        s = new HtmlEntityFilter(LimitedInputStream.of(s, xl.maxBytes(), "XmlLimits.maxBytes"));
        xl = xl.toBuilder().maxBytes(XmlLimits.UNLIMITED).build();
      }
      try {
        xml = BoundedXml.newReader(s, xl);
      } catch (XMLStreamException e) {
        throw translate(e, false);
      }
      FeedReader reader =
          new FeedReader(in, xml, new FeedParser(xml, limits), limits.lenientEntities());
      reader.pending = reader.advance();
      return reader;
    } catch (IOException e) {
      closeQuietly(xml);
      in.close();
      throw hint(e, limits.lenientEntities(), xml);
    } catch (RuntimeException e) {
      closeQuietly(xml);
      in.close();
      throw e;
    }
  }

  /**
   * Reads a whole feed, pushing it to {@code handler}: {@link FeedHandler#feed} once, then {@link
   * FeedHandler#item} per item until it returns false or the feed ends. Does not close {@code in}.
   *
   * @return the feed's metadata, including any that followed the items
   * @throws BoundedParseException if the input is not a feed, is malformed, or breaks a limit
   * @throws IOException the handler's own exception, unchanged, or a failure of the source
   */
  public static FeedInfo read(InputStream in, FeedLimits limits, FeedHandler handler)
      throws IOException {
    Objects.requireNonNull(handler, "handler");
    InputStream unclosed =
        new java.io.FilterInputStream(Objects.requireNonNull(in, "in")) {
          @Override
          public void close() {
            // the caller's stream stays open
          }
        };
    try (FeedReader reader = open(unclosed, limits)) {
      handler.feed(reader.info());
      for (FeedItem item; (item = reader.next()) != null; ) {
        if (!handler.item(item)) {
          break;
        }
      }
      return reader.info();
    }
  }

  /** The detected dialect. */
  public FeedFormat format() {
    return parser.format();
  }

  /**
   * The feed's metadata read so far: everything before the first item once open, and everything
   * once {@link #next()} has returned null.
   */
  public FeedInfo info() {
    return parser.info();
  }

  /**
   * The next item, or null at the end of the feed.
   *
   * @throws BoundedParseException if the input is malformed or breaks a limit; the reader is then
   *     unusable
   */
  public FeedItem next() throws IOException {
    if (closed) {
      throw new IOException("FeedReader is closed");
    }
    FeedItem it = pending;
    if (it != null) {
      pending = null;
      return it;
    }
    return advance();
  }

  private FeedItem advance() throws IOException {
    try {
      return parser.next();
    } catch (IOException e) {
      throw hint(e, lenient, xml);
    }
  }

  /**
   * The remaining items as a sequential stream; closing the stream closes this reader. A failure
   * surfaces as an {@link UncheckedIOException} whose cause is the {@link BoundedParseException}.
   */
  public Stream<FeedItem> stream() {
    Spliterator<FeedItem> items =
        new Spliterators.AbstractSpliterator<FeedItem>(
            Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
          @Override
          public boolean tryAdvance(Consumer<? super FeedItem> action) {
            FeedItem it;
            try {
              it = next();
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            if (it == null) {
              return false;
            }
            action.accept(it);
            return true;
          }
        };
    return StreamSupport.stream(items, false)
        .onClose(
            () -> {
              try {
                close();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  /** Items read so far, delivered or skipped. */
  public long itemCount() {
    return parser.items();
  }

  /** Items discarded under {@link FieldOverflow#SKIP_ITEM}. */
  public long skippedItems() {
    return parser.skipped();
  }

  /** Bytes of XML read so far (after decompression). */
  public long bytesRead() {
    return BoundedXml.stats(xml).bytes();
  }

  /** Closes the parser and the input stream; idempotent. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      closeQuietly(xml);
      source.close();
    }
  }

  private static void closeQuietly(XMLStreamReader xml) {
    if (xml != null) {
      try {
        xml.close();
      } catch (XMLStreamException ignored) {
        // nothing of the caller's is held by the parser
      }
    }
  }

  private static IOException translate(XMLStreamException e, boolean lenient) {
    BoundedParseException ours = BoundedParseException.find(e).orElse(null);
    if (ours != null) {
      return hint(ours, lenient, null);
    }
    Throwable t = e.getCause();
    return t instanceof IOException ? (IOException) t : new IOException(e.getMessage(), e);
  }

  /** Says how to read a feed whose only fault is an HTML entity. */
  private static IOException hint(IOException e, boolean lenient, XMLStreamReader xml) {
    if (lenient || !(e instanceof MalformedDocumentException)) {
      return e;
    }
    MalformedDocumentException m = (MalformedDocumentException) e;
    Matcher x = UNDECLARED.matcher(m.problem());
    String name = !x.find() ? null : x.group(1) != null ? x.group(1) : x.group(2);
    if (name != null && HtmlEntities.codePoints(name) != null) {
      ParseLocation where = m.location();
      if (where.line() < 0 && xml != null && xml.getLocation() != null) {
        where =
            ParseLocation.of(
                xml.getLocation().getLineNumber(), xml.getLocation().getColumnNumber(), -1, null);
      }
      return new MalformedDocumentException(
          "HTML entity &"
              + name
              + "; is not defined in XML (no DTD declares it); "
              + "FeedLimits.lenientEntities(true) or --lenient-entities accepts HTML entities",
          where,
          m);
    }
    return e;
  }
}
