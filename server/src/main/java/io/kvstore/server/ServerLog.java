package io.kvstore.server;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The server log in Redis's line format, {@code <pid>:<role> <dd Mon yyyy HH:mm:ss.mmm> <level>
 * <message>}, level marks as Redis ({@code .} debug, {@code -} verbose, {@code *} notice,
 * {@code #} warning). Lines below the live {@code loglevel} are dropped; output goes to
 * {@code logfile} or, when that is empty, to the given stream (stdout for the process).
 * Wall-clock time here is for humans only; nothing in command logic reads it.
 */
public final class ServerLog implements AutoCloseable {
  /** Levels in increasing severity, as Redis's {@code loglevel} names them. */
  public enum Level {
    DEBUG('.'), VERBOSE('-'), NOTICE('*'), WARNING('#');

    final char mark;

    Level(char mark) {
      this.mark = mark;
    }

    static Level of(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS", Locale.ROOT);

  private final PrintStream out;
  private final boolean ownsStream;
  private final long pid = ProcessHandle.current().pid();
  private final Supplier<String> level;
  private volatile char role = 'M';

  /**
   * @param logfile path to append to, or empty for {@code console}
   * @param level the live minimum level name (read at every line, so CONFIG SET applies)
   */
  public ServerLog(String logfile, Supplier<String> level, PrintStream console) {
    this.level = level;
    if (logfile == null || logfile.isEmpty()) {
      this.out = console;
      this.ownsStream = false;
    } else {
      try {
        OutputStream f = new FileOutputStream(logfile, true);
        this.out = new PrintStream(f, true, StandardCharsets.UTF_8);
        this.ownsStream = true;
      } catch (IOException e) {
        throw new IllegalArgumentException("Can't open the log file: " + e.getMessage(), e);
      }
    }
  }

  /** The role letter Redis prints: M master, S replica, C child, X sentinel. */
  public void setRole(char role) {
    this.role = role;
  }

  public void debug(String msg) {
    log(Level.DEBUG, msg);
  }

  public void verbose(String msg) {
    log(Level.VERBOSE, msg);
  }

  public void notice(String msg) {
    log(Level.NOTICE, msg);
  }

  public void warning(String msg) {
    log(Level.WARNING, msg);
  }

  public void log(Level l, String msg) {
    Level min;
    try {
      min = Level.of(level.get());
    } catch (IllegalArgumentException e) {
      min = Level.NOTICE;
    }
    if (l.ordinal() < min.ordinal()) return;
    String line = pid + ":" + role + " " + TIME.format(ZonedDateTime.now()) + " " + l.mark + " " + msg;
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  @Override
  public void close() {
    if (ownsStream) out.close();
  }
}
