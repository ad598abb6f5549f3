package dev.bounded.flink;

import dev.bounded.core.BoundedParseException;
import dev.bounded.rss.FeedItem;
import dev.bounded.rss.FeedLimits;
import dev.bounded.rss.FeedReader;
import java.io.IOException;
import java.io.InputStream;
import org.apache.flink.connector.file.src.reader.StreamFormat;

/**
 * One file's records: its items through {@link FeedReader}, one per {@link #read()}, then, if the
 * feed broke a limit or was malformed, one error record. An I/O failure of the file system itself
 * is not the document's fault and propagates (Flink retries the task).
 */
final class FeedRecords implements StreamFormat.Reader<Parsed<FeedEntry>> {
  private final InputStream in;
  private final FeedLimits limits;
  private final String source;
  private FeedReader reader;
  private long items;
  private boolean done;

  FeedRecords(InputStream in, FeedLimits limits, String source) {
    this.in = in;
    this.limits = limits;
    this.source = source;
  }

  @Override
  public Parsed<FeedEntry> read() throws IOException {
    if (done) {
      return null;
    }
    try {
      if (reader == null) {
        reader = FeedReader.open(in, limits);
      }
      FeedItem item = reader.next();
      if (item == null) {
        close();
        return null;
      }
      items++;
      return Parsed.value(FeedEntry.of(source, items, item));
    } catch (BoundedParseException e) {
      close();
      return Parsed.error(ParseError.of(source, e, items));
    }
  }

  /** Items delivered so far. */
  long items() {
    return items;
  }

  /** Bytes of feed read so far (after decompression); 0 before the first read. */
  long bytesRead() {
    return reader == null || done ? 0 : reader.bytesRead();
  }

  @Override
  public void close() throws IOException {
    if (!done) {
      done = true;
      if (reader != null) {
        reader.close();
      } else {
        in.close();
      }
    }
  }
}
