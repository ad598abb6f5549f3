package dev.bounded.rss;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.Control;
import dev.bounded.core.LimitedInputStream;
import dev.bounded.core.MalformedDocumentException;
import dev.bounded.core.ParseLocation;
import dev.bounded.core.internal.GuardedInputStream;
import dev.bounded.core.internal.InflatingInputStream;
import dev.bounded.core.internal.ParseErrors;
import dev.bounded.core.internal.ParseGuard;
import dev.bounded.rss.internal.FeedParser;
import dev.bounded.rss.internal.HtmlEntities;
import dev.bounded.rss.internal.HtmlEntityFilter;
import dev.bounded.rss.internal.Transcoder;
import dev.bounded.rss.internal.Warnings;
import dev.bounded.xml.BoundedXml;
import dev.bounded.xml.XmlLimits;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
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
 * {@link FeedLimits#decompressionLimits()} on both sides, so a gzip bomb, a flood of empty members
 * or compressed input that never produces output fails with a limit, and within {@code
 * maxParseMillis} of the XML limits), in any encoding xml-bounded reads (a byte-order mark or the
 * XML declaration says which: UTF-8, UTF-16, ISO-8859-1, windows-1252, ...). A DOCTYPE is skipped
 * and never fetched by default. The dialect is detected from the root element and its namespace;
 * any other root fails with a {@link MalformedDocumentException}.
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
  private final boolean tolerant;
  private final Warnings warnings;
  private HtmlEntityFilter entities; // tolerant mode: counted, reported at the end
  private FeedItem pending;
  private boolean closed;

  private FeedReader(
      InputStream source,
      XMLStreamReader xml,
      FeedParser parser,
      FeedLimits limits,
      Warnings warnings) {
    this.source = source;
    this.xml = xml;
    this.parser = parser;
    this.lenient = limits.lenientEntities() || limits.tolerant();
    this.tolerant = limits.tolerant();
    this.warnings = warnings;
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
    return open(in, limits, null, null);
  }

  /**
   * As {@link #open(InputStream, FeedLimits)}, with what the fetcher knows about the document, as
   * feedparser uses it. Nothing is fetched.
   *
   * @param location the document's address, or its HTTP {@code Content-Location} when the response
   *     has one: the base of relative addresses outside any xml:base; null if unknown
   * @param contentType the HTTP {@code Content-Type} header value, or null: its {@code charset}
   *     overrides the document's own encoding (RFC 7303), read strictly unless {@link
   *     FeedLimits#tolerant()}; a type that is not XML is a warning
   */
  public static FeedReader open(
      InputStream in, FeedLimits limits, String location, String contentType) throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(limits, "limits");
    XMLStreamReader xml = null;
    HtmlEntityFilter entities = null;
    boolean lenient = limits.lenientEntities() || limits.tolerant();
    try {
      XmlLimits xl = limits.xmlLimits();
      // The deadline and allocation cap also run inside the inflation loop, which the XML parse's
      // own checks cannot reach while compressed input produces nothing.
      InputStream s =
          InflatingInputStream.open(
              in,
              limits.decompressionLimits(),
              ParseGuard.start(xl.maxParseMillis(), xl.maxAllocatedBytes(), "XmlLimits"));
      Warnings warnings = new Warnings();
      String charset = Transcoder.charsetOf(contentType);
      if (contentType != null && !isXmlType(contentType)) {
        warnings.add(
            "Content-Type " + ParseErrors.excerpt(contentType, 80) + " is not an XML type");
      }
      boolean transcode = limits.tolerant() || charset != null;
      if (!transcode) {
        // A multi-byte legacy charset (Big5, EUC-KR, GB2312, Shift_JIS) is transcoded, strictly.
        PushbackInputStream head = new PushbackInputStream(s, Transcoder.HEAD);
        transcode = Transcoder.needed(head);
        s = head;
      }
      if (lenient || transcode) {
        // Count the document's own bytes before any rewrite, which may change its length.
        s = LimitedInputStream.of(s, xl.maxBytes(), "XmlLimits.maxBytes");
        xl = xl.toBuilder().maxBytes(XmlLimits.UNLIMITED).build();
        if (transcode) {
          s = Transcoder.open(s, charset, limits.tolerant(), warnings);
        }
        if (lenient) {
          s = entities = new HtmlEntityFilter(s);
        }
      }
      try {
        xml = BoundedXml.newReader(s, xl);
      } catch (XMLStreamException e) {
        throw translate(e, false);
      }
      FeedReader reader =
          new FeedReader(
              in, xml, new FeedParser(xml, limits, location, warnings), limits, warnings);
      reader.entities = limits.tolerant() ? entities : null;
      reader.pending = reader.advance();
      return reader;
    } catch (IOException e) {
      closeQuietly(xml);
      in.close();
      throw hint(e, lenient, limits.tolerant(), xml);
    } catch (RuntimeException e) {
      closeQuietly(xml);
      in.close();
      throw e;
    }
  }

  private static boolean isXmlType(String contentType) {
    String t = contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    return t.endsWith("/xml")
        || t.endsWith("+xml")
        || t.endsWith("/xml-dtd")
        || t.endsWith("/xml-external-parsed-entity")
        || t.isEmpty();
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
    return read(
        in,
        limits,
        new FeedFilter() {
          @Override
          public Control feed(FeedInfo info) throws IOException {
            handler.feed(info);
            return Control.CONTINUE;
          }

          @Override
          public Control item(FeedItem item) throws IOException {
            return handler.item(item) ? Control.CONTINUE : Control.STOP;
          }
        });
  }

  /**
   * As {@link #read(InputStream, FeedLimits, FeedHandler)}, with callbacks that return a {@link
   * Control}: {@link FeedFilter#feed} once, then {@link FeedFilter#item} per item until one returns
   * {@link Control#STOP} or the feed ends. Does not close {@code in}.
   *
   * @return the feed's metadata so far, including any that followed the items once the feed ended
   * @throws BoundedParseException if the input is not a feed, is malformed, or breaks a limit
   * @throws IOException the filter's own exception, unchanged, or a failure of the source
   */
  public static FeedInfo read(InputStream in, FeedLimits limits, FeedFilter filter)
      throws IOException {
    Objects.requireNonNull(filter, "filter");
    InputStream unclosed = GuardedInputStream.unclosed(Objects.requireNonNull(in, "in"));
    try (FeedReader reader = open(unclosed, limits)) {
      if (filter.feed(reader.info()) == Control.STOP) {
        return reader.info();
      }
      for (FeedItem item; (item = reader.next()) != null; ) {
        if (filter.item(item) == Control.STOP) {
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
   * once {@link #next()} has returned null, with the {@link FeedInfo#warnings() warnings} so far.
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
      FeedItem it = parser.next();
      if (it == null) {
        reportEntities();
      }
      return it;
    } catch (MalformedDocumentException e) {
      if (!tolerant) {
        throw hint(e, lenient, tolerant, xml);
      }
      // A document that breaks off (or turns to garbage): the items before the break stand.
      warnings.add(
          parser.position()
              + ": the document breaks off here ("
              + ParseErrors.excerpt(e.problem(), 200)
              + "); the items before it are delivered");
      parser.stop();
      reportEntities();
      return null;
    } catch (IOException e) {
      throw hint(e, lenient, tolerant, xml);
    }
  }

  /** At the end of a tolerant read: the HTML entities read without a DTD, once. */
  private void reportEntities() {
    if (entities != null && entities.rewritten() > 0) {
      warnings.add(
          entities.rewritten()
              + " HTML entity references (not XML without a DTD), the first &"
              + entities.firstRewritten()
              + ";, read as their characters");
    }
    entities = null;
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
      return hint(ours, lenient, false, null);
    }
    Throwable t = e.getCause();
    return t instanceof IOException ? (IOException) t : new IOException(e.getMessage(), e);
  }

  /** What a strict read's refusal says to change, keyed by the parser's words. */
  private static final String[][] ADVICE = {
    {
      "An XML declaration is allowed only at the very start", // the BOUNDED engine's words
      "the XML declaration <?xml ...?> is not the first thing in the document: remove the"
          + " whitespace or byte-order mark before it"
    },
    {
      "processing instruction target (\"xml\")", // the WOODSTOX engine's words
      "the XML declaration <?xml ...?> is not the first thing in the document: remove the"
          + " whitespace or byte-order mark before it"
    },
    {
      "Invalid byte sequence",
      "bytes invalid in the document's encoding: re-encode the feed or declare its real encoding"
    },
    {"Unsupported encoding", "declare an encoding the JDK knows, or re-encode the feed as UTF-8"},
    {"Unexpected end of", "the document breaks off: complete it"},
    {"Unexpected EOF", "the document breaks off: complete it"},
  };

  /**
   * Says what to change: how to read a feed whose only fault is an HTML entity, and for the faults
   * tolerant mode recovers, what is wrong and that {@code tolerant} reads it.
   */
  private static IOException hint(
      IOException e, boolean lenient, boolean tolerant, XMLStreamReader xml) {
    if (!(e instanceof MalformedDocumentException)) {
      return e;
    }
    MalformedDocumentException m = (MalformedDocumentException) e;
    ParseLocation where = m.location();
    if (where.line() < 0 && xml != null && xml.getLocation() != null) {
      where =
          ParseLocation.of(
              xml.getLocation().getLineNumber(),
              xml.getLocation().getColumnNumber(),
              where.byteOffset(),
              where.path());
    }
    Matcher x = UNDECLARED.matcher(m.problem());
    String name = !x.find() ? null : x.group(1) != null ? x.group(1) : x.group(2);
    if (!lenient && name != null && HtmlEntities.codePoints(name) != null) {
      return new MalformedDocumentException(
          "HTML entity &"
              + name
              + "; is not defined in XML (no DTD declares it); "
              + "FeedLimits.lenientEntities(true) or --lenient-entities accepts HTML entities",
          where,
          m);
    }
    for (String[] a : tolerant ? new String[0][] : ADVICE) {
      if (m.problem().contains(a[0])) {
        return new MalformedDocumentException(
            m.problem()
                + " ("
                + a[1]
                + "; FeedLimits.tolerant(true) or --tolerant reads such a feed and reports it)",
            where,
            m);
      }
    }
    return e;
  }
}
