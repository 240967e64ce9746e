package io.kvstore.bench.run;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The progress bar on stderr while a run goes: which mode, which phase, how far, and what the
 * fault injector is doing. On a terminal one line is redrawn five times a second; otherwise (CI
 * logs) a plain line is printed every ten seconds.
 */
public final class Progress implements AutoCloseable {
  private static final int WIDTH = 24;

  private final PrintStream out;
  private final boolean interactive;
  private final Thread ticker;
  private volatile String prefix = "";
  private volatile long startNs;
  private volatile long totalNs;
  private volatile Supplier<String> detail = () -> "";
  private volatile boolean active;
  private volatile boolean closed;
  private int lastLength;

  public Progress(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
    this.ticker = new Thread(this::tick, "progress");
    ticker.setDaemon(true);
    ticker.start();
  }

  /** Starts a bar for one phase of one mode. */
  public void begin(String label, String phase, long totalNanos, Supplier<String> detail) {
    synchronized (this) {
      this.prefix = label + " " + phase;
      this.startNs = System.nanoTime();
      this.totalNs = Math.max(1, totalNanos);
      this.detail = detail;
      this.active = true;
    }
    draw(true);
  }

  /** Ends the current bar, leaving its last state on screen. */
  public synchronized void end() {
    if (!active) {
      return;
    }
    draw(true);
    active = false;
    if (interactive) {
      out.println();
      lastLength = 0;
    }
  }

  /** Prints a message line (the bar is redrawn below it). */
  public synchronized void note(String line) {
    if (interactive && lastLength > 0) {
      out.print("\r" + " ".repeat(lastLength) + "\r");
      lastLength = 0;
    }
    out.println(line);
    out.flush();
  }

  private void tick() {
    long every = interactive ? 200 : 10_000;
    while (!closed) {
      try {
        Thread.sleep(every);
      } catch (InterruptedException e) {
        return;
      }
      draw(false);
    }
  }

  private synchronized void draw(boolean force) {
    if (!active || (!force && closed)) {
      return;
    }
    long elapsed = System.nanoTime() - startNs;
    double frac = Math.min(1.0, (double) elapsed / totalNs);
    int filled = (int) Math.round(frac * WIDTH);
    String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
    String line = String.format(Locale.ROOT, "%s [%s] %3d%% %4.0fs/%.0fs %s", prefix, bar, Math.round(frac * 100),
        elapsed / 1e9, totalNs / 1e9, detail.get());
    if (interactive) {
      String pad = line.length() < lastLength ? " ".repeat(lastLength - line.length()) : "";
      out.print("\r" + line + pad);
      lastLength = line.length();
    } else {
      out.println(line);
    }
    out.flush();
  }

  @Override
  public void close() {
    closed = true;
    ticker.interrupt();
    end();
  }
}
