package dev.bounded.rss;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.bounded.rss.internal.SafeText;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** The command line's printers: TSV (plain text) and JSON Lines (every field, with text types). */
final class CliPrinters {
  private CliPrinters() {}

  /** One line per item on standard output, as TSV or JSON Lines. */
  interface Printer {
    void print(FeedItem item) throws IOException;

    void close() throws IOException;
  }

  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private static String iso(OffsetDateTime d) {
    return d == null ? "" : ISO.format(d);
  }

  static final class TsvPrinter implements Printer {
    private final Writer out;

    TsvPrinter(Writer out) {
      this.out = out;
    }

    @Override
    public void print(FeedItem item) throws IOException {
      OffsetDateTime d = item.published() != null ? item.published() : item.updated();
      out.write(iso(d));
      out.write('\t');
      out.write(SafeText.tsv(item.titleDetail() == null ? null : item.titleDetail().plainText()));
      out.write('\t');
      out.write(SafeText.tsv(item.link()));
      out.write('\n');
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }

  static final class JsonPrinter implements Printer {
    private final Writer out;
    private final JsonGenerator g;

    JsonPrinter(Writer out) throws IOException {
      this.out = out;
      this.g = new JsonFactory().createGenerator(out);
      g.setCharacterEscapes(new SafeText.JsonEscapes());
      g.setRootValueSeparator(new SerializedString(""));
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    @Override
    public void print(FeedItem item) throws IOException {
      g.writeStartObject();
      field("published", item.published() == null ? null : iso(item.published()));
      field("updated", item.updated() == null ? null : iso(item.updated()));
      text("title", item.titleDetail());
      field("link", item.link());
      field("id", item.id());
      field("author", item.author());
      field("comments", item.comments());
      field("duration", item.duration());
      field("thumbnail", item.thumbnail());
      if (!item.categories().isEmpty()) {
        g.writeArrayFieldStart("categories");
        for (String c : item.categories()) {
          g.writeString(c);
        }
        g.writeEndArray();
      }
      text("summary", item.summaryDetail());
      text("content", item.contentDetail());
      Enclosure e = item.enclosure();
      if (e != null) {
        g.writeObjectFieldStart("enclosure");
        g.writeStringField("url", e.url());
        field("type", e.type());
        if (e.length() >= 0) {
          g.writeNumberField("length", e.length());
        }
        g.writeEndObject();
      }
      if (item.truncated()) {
        g.writeBooleanField("truncated", true);
      }
      g.writeEndObject();
      g.writeRaw('\n');
    }

    /** The value, and beside it its type: text, html or xhtml. */
    private void text(String name, FeedText t) throws IOException {
      if (t != null) {
        g.writeStringField(name, t.value());
        g.writeStringField(name + "_type", t.type().name().toLowerCase(java.util.Locale.ROOT));
      }
    }

    private void field(String name, String value) throws IOException {
      if (value != null) {
        g.writeStringField(name, value);
      }
    }

    @Override
    public void close() throws IOException {
      g.flush();
      out.flush();
    }
  }

  /** Standard output that remembers whether writing to it failed (a closed pipe). */
  static final class Sink extends FilterOutputStream {
    volatile boolean failed;

    Sink(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
