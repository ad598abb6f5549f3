package dev.bounded.rss;

import dev.bounded.core.internal.GuardedInputStream;
import java.io.PrintStream;
import java.util.Locale;

/** The command line's progress: a once-a-second line on stderr of the input bytes counted. */
final class CliProgress {
  private CliProgress() {}

  /** A once-a-second progress line on standard error. */
  static final class Progress implements Runnable {
    private final GuardedInputStream counted;
    private final long total;
    private final PrintStream err;
    private final long start = System.nanoTime();
    private Thread thread;
    private volatile boolean running = true;
    private boolean printed;

    Progress(GuardedInputStream counted, long total, PrintStream err) {
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
        long n = counted.count();
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
