package dev.bounded.rss;

import dev.bounded.core.BoundedParseException;
import dev.bounded.core.LimitExceededException;
import dev.bounded.core.internal.GuardedInputStream;
import dev.bounded.rss.internal.FeedGenerator;
import dev.bounded.rss.internal.SafeText;
import java.io.BufferedWriter;
import java.io.FileNotFoundException;
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
import java.util.List;
import java.util.Locale;

/**
 * The command-line tool: {@code java -jar rss-example.jar [options] FILE|-}. Prints one line per
 * item; see {@code --help}. Exit status 0 on success, 1 for a usage error (or a file that cannot be
 * opened), 2 when the input breaks a limit or is malformed (one line on standard error says which
 * and where).
 */
public final class Main {
  /** The help text. */
  static final String USAGE =
      String.join(
          "\n",
          "Usage: java -jar rss-example.jar [options] FILE|-",
          "Streams an RSS 0.9x/1.0/2.0 or Atom feed (FILE, or - for standard input; gzip is",
          "detected) and prints one line per item: published<TAB>title<TAB>link (title as plain",
          "text).",
          "",
          "Options:",
          "  --format tsv|jsonl     tsv (default): published (ISO-8601, else updated, else empty),",
          "                         title, link; jsonl: one JSON object per item with every field",
          "                         (HTML and XHTML kept, with title_type, summary_type, ...)",
          "  --max-bytes SIZE       largest feed to read, after decompression: 123, 64k, 64m, 2g",
          "                         or unlimited (default 64m); document-wide counts scale with it,",
          "                         per-item and per-field limits hold whatever the size",
          "  --max-items N          fail if the feed has more than N items (default: no limit)",
          "  --max-field-length N   longest field in characters (default 1048576)",
          "  --strict               refuse any fault with its line, column and what to change",
          "                         (default: tolerant, as feed readers are: HTML entities,",
          "                         bytes invalid in the encoding, any JDK charset, whitespace",
          "                         before <?xml, a document that breaks off; each fault counted)",
          "  --warnings             list each tolerated fault on stderr",
          "  --lenient-entities     with --strict: accept HTML entities such as &nbsp;",
          "  --base URL             the feed's address (or Content-Location), to resolve links",
          "  --content-type TYPE    the HTTP Content-Type; its charset overrides the document's",
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
  static int run(
      String[] args,
      InputStream stdin,
      OutputStream stdout,
      PrintStream stderr,
      boolean interactive) {
    CliOptions o;
    try {
      o = CliOptions.parse(args);
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
    CliPrinters.Sink sink = new CliPrinters.Sink(stdout);
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
        raw = GuardedInputStream.unclosed(stdin); // standard input is not ours to close
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
    GuardedInputStream counted = GuardedInputStream.counting(raw);
    FeedLimits limits =
        FeedLimits.builder()
            .maxBytes(o.maxBytes)
            .maxItems(o.maxItems)
            .maxFieldLength(o.maxFieldLength)
            .lenientEntities(o.lenient)
            .tolerant(!o.strict)
            .build();
    CliProgress.Progress progress =
        interactive || o.progress ? new CliProgress.Progress(counted, total, stderr) : null;
    long start = System.nanoTime();
    long items = 0;
    CliPrinters.Printer printer = null;
    try (FeedReader feed = FeedReader.open(counted, limits, o.base, o.contentType)) {
      if (progress != null) {
        progress.start();
      }
      Writer out =
          new BufferedWriter(new OutputStreamWriter(sink, StandardCharsets.UTF_8), 1 << 16);
      printer = o.jsonl ? new CliPrinters.JsonPrinter(out) : new CliPrinters.TsvPrinter(out);
      for (FeedItem item; (item = feed.next()) != null; ) {
        printer.print(item);
        items++;
      }
      printer.close();
      if (progress != null) {
        progress.stop();
      }
      List<String> warnings = feed.info().warnings();
      if (o.warnings) {
        warnings.forEach(w -> stderr.println("rss-example: warning: " + SafeText.terminal(w)));
      }
      summary(
          stderr, items, feed.skippedItems(), counted.count(), feed.bytesRead(), start, warnings);
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

  private static void stopQuietly(CliProgress.Progress p) {
    if (p != null) {
      p.stop();
    }
  }

  private static void closeQuietly(CliPrinters.Printer p) {
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
      PrintStream stderr,
      long items,
      long skipped,
      long inBytes,
      long xmlBytes,
      long start,
      List<String> warnings) {
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
    if (!warnings.isEmpty()) {
      // the last kept entry counts any beyond the first 100
      String last = warnings.get(warnings.size() - 1);
      long n =
          last.startsWith("... and ")
              ? warnings.size() - 1 + Long.parseLong(last.split(" ")[2])
              : warnings.size();
      sb.append(String.format(Locale.ROOT, "; %,d warnings%s", n, " (--warnings lists them)"));
    }
    stderr.println(sb);
    stderr.flush();
  }
}
