package dev.bounded.rss;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.bounded.core.BoundedParseException;
import dev.bounded.core.LimitExceededException;
import dev.bounded.rss.internal.FeedGenerator;
import dev.bounded.rss.internal.SafeText;
import java.io.BufferedWriter;
import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The command-line tool: {@code java -jar rss-example.jar [options] FILE|-}. Prints one line per
 * item; see {@link #USAGE}. Exit status 0 on success, 1 for a usage error (or a file that cannot be
 * opened), 2 when the input breaks a limit or is malformed (one line on standard error says which
 * and where).
 */
public final class Main {
  /** The help text. */
  public static final String USAGE =
      String.join(
          "\n",
          "Usage: java -jar rss-example.jar [options] FILE|-",
          "Streams an RSS 0.9x/1.0/2.0 or Atom feed (FILE, or - for standard input; gzip is",
          "detected) and prints one line per item: published<TAB>title<TAB>link.",
          "",
          "Options:",
          "  --format tsv|jsonl     tsv (default): published (ISO-8601, else updated, else empty),",
          "                         title, link; jsonl: one JSON object per item with every field",
          "  --max-bytes SIZE       largest feed to read, after decompression: 123, 64k, 64m, 2g",
          "                         or unlimited (default 64m); document-wide counts scale with it,",
          "                         per-item and per-field limits hold whatever the size",
          "  --max-items N          fail if the feed has more than N items (default: no limit)",
          "  --max-field-length N   longest field in characters (default 1048576)",
          "  --lenient-entities     accept HTML entities such as &nbsp; used without a DTD",
          "  --generate SIZE        write a synthetic RSS 2.0 feed of about SIZE bytes to stdout",
          "  --progress             show a progress line on stderr even when it is not a console",
          "  --help                 show this help",
          "",
          "Output is terminal- and spreadsheet-safe: control characters (ANSI escapes included) are",
          "removed, tabs and newlines inside fields become spaces, and a TSV field starting with",
          "= + - @ gets a leading ' so spreadsheets do not run it as a formula.",
          "Exit status: 0 ok, 1 usage error, 2 limit exceeded or malformed input.",
          "");

  private Main() {}

  /** Runs the tool and exits with its status. */
  public static void main(String[] args) {
    int status;
    try {
      status = run(args, System.in, System.out, System.err, System.console() != null);
    } finally {
      System.out.flush();
    }
    System.exit(status);
  }

  /**
   * Runs the tool on the given streams, for embedding and tests.
   *
   * @param interactive whether standard error is a console (enables the progress line)
   * @return the exit status
   */
  public static int run(
      String[] args,
      InputStream stdin,
      OutputStream stdout,
      PrintStream stderr,
      boolean interactive) {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      stderr.println("rss-example: " + e.getMessage());
      stderr.println("Try --help.");
      return 1;
    }
    if (o.help) {
      PrintStream p = new PrintStream(stdout, true, StandardCharsets.UTF_8);
      p.print(USAGE);
      p.flush();
      return 0;
    }
    Sink sink = new Sink(stdout);
    if (o.generate >= 0) {
      try (InputStream g = new FeedGenerator(o.generate)) {
        g.transferTo(sink);
        sink.flush();
        return 0;
      } catch (IOException e) {
        return sink.failed ? 0 : fail(stderr, "cannot write: " + e.getMessage(), 1);
      }
    }
    InputStream raw;
    long total = -1;
    try {
      if (o.file.equals("-")) {
        raw =
            new FilterInputStream(stdin) {
              @Override
              public void close() {
                // standard input is not ours to close
              }
            };
      } else {
        Path p = Path.of(o.file);
        if (Files.isDirectory(p)) {
          return fail(stderr, "cannot open " + o.file + ": it is a directory", 1);
        }
        raw = Files.newInputStream(p);
        total = Files.isRegularFile(p) ? Files.size(p) : -1;
      }
    } catch (NoSuchFileException | FileNotFoundException e) {
      return fail(stderr, "no such file: " + o.file, 1);
    } catch (IOException | RuntimeException e) {
      return fail(stderr, "cannot open " + o.file + ": " + e.getMessage(), 1);
    }
    Counting counted = new Counting(raw);
    FeedLimits limits =
        FeedLimits.builder()
            .maxBytes(o.maxBytes)
            .maxItems(o.maxItems)
            .maxFieldLength(o.maxFieldLength)
            .lenientEntities(o.lenient)
            .build();
    Progress progress = interactive || o.progress ? new Progress(counted, total, stderr) : null;
    long start = System.nanoTime();
    long items = 0;
    Printer printer = null;
    try (FeedReader feed = FeedReader.open(counted, limits)) {
      if (progress != null) {
        progress.start();
      }
      Writer out =
          new BufferedWriter(new OutputStreamWriter(sink, StandardCharsets.UTF_8), 1 << 16);
      printer = o.jsonl ? new JsonPrinter(out) : new TsvPrinter(out);
      for (FeedItem item; (item = feed.next()) != null; ) {
        printer.print(item);
        items++;
      }
      printer.close();
      if (progress != null) {
        progress.stop();
      }
      summary(stderr, items, feed.skippedItems(), counted.count, feed.bytesRead(), start);
      return 0;
    } catch (BoundedParseException e) {
      stopQuietly(progress);
      closeQuietly(printer); // the items before the failure are printed
      flushQuietly(sink);
      String hint = "";
      if (e instanceof LimitExceededException) {
        String s = ((LimitExceededException) e).setting();
        if (s.endsWith("maxBytes")
            || s.endsWith("maxExpandedBytes")
            || s.endsWith("maxCompressedBytes")
            || s.endsWith("maxElements")) {
          hint = " (raise it with --max-bytes)";
        } else if (s.endsWith("maxItems")) {
          hint = " (raise it with --max-items)";
        } else if (s.endsWith("maxFieldLength")) {
          hint = " (raise it with --max-field-length)";
        }
      }
      return fail(stderr, "after " + items + " items: " + e.getMessage() + hint, 2);
    } catch (IOException e) {
      stopQuietly(progress);
      if (sink.failed) {
        return 0; // the reader of our output went away (| head): not an error
      }
      return fail(stderr, "cannot read " + o.file + ": " + e.getMessage(), 2);
    }
  }

  private static int fail(PrintStream stderr, String message, int status) {
    stderr.println("rss-example: " + SafeText.terminal(message));
    stderr.flush();
    return status;
  }

  private static void stopQuietly(Progress p) {
    if (p != null) {
      p.stop();
    }
  }

  private static void closeQuietly(Printer p) {
    if (p != null) {
      try {
        p.close();
      } catch (IOException ignored) {
        // the output is gone; the error line still goes to stderr
      }
    }
  }

  private static void flushQuietly(OutputStream out) {
    try {
      out.flush();
    } catch (IOException ignored) {
      // nothing more to say
    }
  }

  private static void summary(
      PrintStream stderr, long items, long skipped, long inBytes, long xmlBytes, long start) {
    double secs = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    StringBuilder sb = new StringBuilder("rss-example: ");
    sb.append(String.format(Locale.ROOT, "%,d items", items));
    if (skipped > 0) {
      sb.append(String.format(Locale.ROOT, " (%,d skipped)", skipped));
    }
    sb.append(String.format(Locale.ROOT, ", %,d bytes", inBytes));
    if (xmlBytes != inBytes) {
      sb.append(String.format(Locale.ROOT, " (%,d bytes of XML)", xmlBytes));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            " in %.1f s, %.1f MB/s, peak heap %d MB of %d MB max",
            secs,
            xmlBytes / 1e6 / secs,
            peak >> 20,
            Runtime.getRuntime().maxMemory() >> 20));
    stderr.println(sb);
    stderr.flush();
  }

  /**
   * Parses a size: digits with an optional binary suffix k, m, g or t (any case, an optional b), or
   * {@code unlimited}, which gives {@link Long#MAX_VALUE}.
   *
   * @throws IllegalArgumentException if {@code s} is not a size
   */
  public static long parseSize(String s) {
    String t = s.strip().toLowerCase(Locale.ROOT);
    if (t.equals("unlimited")) {
      return Long.MAX_VALUE;
    }
    if (t.endsWith("b") && t.length() > 1 && !Character.isDigit(t.charAt(t.length() - 2))) {
      t = t.substring(0, t.length() - 1);
    }
    int shift = 0;
    if (!t.isEmpty()) {
      switch (t.charAt(t.length() - 1)) {
        case 'k':
          shift = 10;
          break;
        case 'm':
          shift = 20;
          break;
        case 'g':
          shift = 30;
          break;
        case 't':
          shift = 40;
          break;
        default:
          break;
      }
    }
    String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
    if (digits.isEmpty() || digits.length() > 15 || !digits.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(
          "not a size: " + SafeText.terminal(s) + " (try 64m, 2g or unlimited)");
    }
    return Long.parseLong(digits) << shift;
  }

  /** Parsed command line. */
  private static final class Options {
    boolean help;
    boolean jsonl;
    boolean lenient;
    boolean progress;
    long maxBytes = FeedLimits.DEFAULT_XML_LIMITS.maxBytes();
    long maxItems = FeedLimits.UNLIMITED;
    long maxFieldLength = FeedLimits.DEFAULT_MAX_FIELD_LENGTH;
    long generate = -1;
    String file;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        String value = null;
        if (a.startsWith("--") && a.indexOf('=') > 0) {
          value = a.substring(a.indexOf('=') + 1);
          a = a.substring(0, a.indexOf('='));
        }
        switch (a) {
          case "--help":
          case "-h":
            o.help = true;
            break;
          case "--lenient-entities":
            o.lenient = true;
            break;
          case "--progress":
            o.progress = true;
            break;
          case "--format":
            {
              String f = value != null ? value : arg(args, ++i, a);
              if (!f.equals("tsv") && !f.equals("jsonl")) {
                throw new IllegalArgumentException(
                    "--format must be tsv or jsonl: " + SafeText.terminal(f));
              }
              o.jsonl = f.equals("jsonl");
              break;
            }
          case "--max-bytes":
            o.maxBytes = parseSize(value != null ? value : arg(args, ++i, a));
            break;
          case "--max-items":
            o.maxItems = count(value != null ? value : arg(args, ++i, a), a);
            break;
          case "--max-field-length":
            o.maxFieldLength = count(value != null ? value : arg(args, ++i, a), a);
            break;
          case "--generate":
            o.generate = parseSize(value != null ? value : arg(args, ++i, a));
            if (o.generate == Long.MAX_VALUE) {
              throw new IllegalArgumentException("--generate needs a finite size");
            }
            break;
          default:
            if (a.startsWith("-") && !a.equals("-")) {
              throw new IllegalArgumentException("unknown option: " + SafeText.terminal(a));
            }
            if (o.file != null) {
              throw new IllegalArgumentException("more than one FILE: " + SafeText.terminal(a));
            }
            o.file = a;
        }
      }
      if (!o.help && o.generate < 0 && o.file == null) {
        throw new IllegalArgumentException("no FILE given (use - for standard input)");
      }
      return o;
    }

    private static String arg(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }

    private static long count(String s, String option) {
      String t = s.strip();
      if (t.equalsIgnoreCase("unlimited")) {
        return FeedLimits.UNLIMITED;
      }
      if (t.isEmpty() || t.length() > 18 || !t.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException(
            option + " must be a number or unlimited: " + SafeText.terminal(s));
      }
      return Long.parseLong(t);
    }
  }

  private interface Printer {
    void print(FeedItem item) throws IOException;

    void close() throws IOException;
  }

  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private static String iso(OffsetDateTime d) {
    return d == null ? "" : ISO.format(d);
  }

  private static final class TsvPrinter implements Printer {
    private final Writer out;

    TsvPrinter(Writer out) {
      this.out = out;
    }

    @Override
    public void print(FeedItem item) throws IOException {
      OffsetDateTime d = item.published() != null ? item.published() : item.updated();
      out.write(iso(d));
      out.write('\t');
      out.write(SafeText.tsv(item.title()));
      out.write('\t');
      out.write(SafeText.tsv(item.link()));
      out.write('\n');
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }

  private static final class JsonPrinter implements Printer {
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
      field("title", item.title());
      field("link", item.link());
      field("id", item.id());
      field("author", item.author());
      if (!item.categories().isEmpty()) {
        g.writeArrayFieldStart("categories");
        for (String c : item.categories()) {
          g.writeString(c);
        }
        g.writeEndArray();
      }
      field("summary", item.summary());
      field("content", item.content());
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
  private static final class Sink extends FilterOutputStream {
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

  /** Counts the raw input bytes, for the summary and the progress line. */
  private static final class Counting extends FilterInputStream {
    volatile long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }

  /** A once-a-second progress line on standard error. */
  private static final class Progress implements Runnable {
    private final Counting counted;
    private final long total;
    private final PrintStream err;
    private final long start = System.nanoTime();
    private Thread thread;
    private volatile boolean running = true;
    private boolean printed;

    Progress(Counting counted, long total, PrintStream err) {
      this.counted = counted;
      this.total = total;
      this.err = err;
    }

    void start() {
      thread = new Thread(this, "rss-example-progress");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void run() {
      while (running) {
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          return;
        }
        if (!running) {
          return;
        }
        long n = counted.count;
        double secs = (System.nanoTime() - start) / 1e9;
        String pct = total > 0 ? String.format(Locale.ROOT, " (%d%%)", n * 100 / total) : "";
        synchronized (this) {
          err.print(
              String.format(
                  Locale.ROOT,
                  "\rread %,d MB%s, %.0f MB/s   ",
                  n / 1_000_000,
                  pct,
                  n / 1e6 / secs));
          err.flush();
          printed = true;
        }
      }
    }

    void stop() {
      running = false;
      if (thread != null) {
        thread.interrupt();
        try {
          thread.join(2000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      synchronized (this) {
        if (printed) {
          err.print("\r" + " ".repeat(60) + "\r");
          err.flush();
        }
      }
    }
  }
}
