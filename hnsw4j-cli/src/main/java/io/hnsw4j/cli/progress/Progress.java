package io.hnsw4j.cli.progress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Reports the progress of a long step: a bar redrawn in place with rate and ETA on a terminal,
 * plain lines every few seconds otherwise (logs and pipes do not understand carriage returns).
 * Methods may be called from several threads.
 */
public final class Progress {
  private static final int BAR_WIDTH = 30;
  private static final long TERMINAL_REDRAW_NANOS = 100_000_000L;
  private static final long PLAIN_LINE_NANOS = 10_000_000_000L;

  private final PrintStream out;
  private final boolean terminal;
  private final boolean quiet;
  private String label;
  private long total;
  private long done;
  private long startNanos;
  private long lastPrintNanos;

  private Progress(PrintStream out, boolean terminal, boolean quiet) {
    this.out = out;
    this.terminal = terminal;
    this.quiet = quiet;
  }

  /** A bar on stderr when the process runs on a terminal, plain lines otherwise. */
  public static Progress forStderr(boolean quiet) {
    // Since JDK 22 System.console() may exist without a terminal; isTerminal() tells.
    java.io.Console console = System.console();
    return new Progress(System.err, console != null && console.isTerminal(), quiet);
  }

  /** Reports to {@code out}, as a bar when {@code terminal}. */
  public static Progress to(PrintStream out, boolean terminal) {
    return new Progress(out, terminal, false);
  }

  /** Reports nothing. */
  public static Progress silent() {
    return new Progress(System.err, false, true);
  }

  /** Starts a step of {@code total} units. */
  public synchronized void start(String label, long total) {
    this.label = label;
    this.total = Math.max(total, 1);
    this.done = 0;
    this.startNanos = System.nanoTime();
    this.lastPrintNanos = startNanos;
    if (!quiet && !terminal) {
      out.println(label + ": started, " + total + " to do");
    }
  }

  /** Adds {@code units} finished units. */
  public synchronized void advance(long units) {
    done = Math.min(total, done + units);
    long now = System.nanoTime();
    long every = terminal ? TERMINAL_REDRAW_NANOS : PLAIN_LINE_NANOS;
    if (!quiet && now - lastPrintNanos >= every) {
      lastPrintNanos = now;
      print(now, false);
    }
  }

  /** Ends the step and prints its total time. */
  public synchronized void finish() {
    done = total;
    if (!quiet) {
      print(System.nanoTime(), true);
    }
  }

  /** Seconds since {@link #start}. */
  public synchronized double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private void print(long now, boolean last) {
    double seconds = Math.max((now - startNanos) / 1e9, 1e-9);
    double rate = done / seconds;
    double fraction = (double) done / total;
    String tail = last
        ? String.format(Locale.ROOT, "%d in %s (%s/s)", done, time(seconds), count(rate))
        : String.format(Locale.ROOT, "%d/%d %s/s ETA %s", done, total, count(rate),
            rate > 0 ? time((total - done) / rate) : "?");
    if (terminal) {
      int filled = (int) Math.round(fraction * BAR_WIDTH);
      String bar = "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled);
      out.print(String.format(Locale.ROOT, "\r%s [%s] %3d%% %s\u001b[K", label, bar,
          Math.round(fraction * 100), tail));
      if (last) {
        out.println();
      }
    } else {
      out.println(String.format(Locale.ROOT, "%s: %3d%% %s", label,
          Math.round(fraction * 100), tail));
    }
    out.flush();
  }

  static String time(double seconds) {
    long s = Math.round(seconds);
    if (seconds < 10) {
      return String.format(Locale.ROOT, "%.1fs", seconds);
    }
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  static String count(double value) {
    return value >= 1e6
        ? String.format(Locale.ROOT, "%.1fM", value / 1e6)
        : value >= 1e4
            ? String.format(Locale.ROOT, "%.1fk", value / 1e3)
            : String.format(Locale.ROOT, "%.0f", value);
  }
}
