package io.kvstore.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads redis.conf syntax into a {@link Config}, as redis-server 7.0 does: one directive per line,
 * arguments split by Redis's {@code sdssplitargs} rules ("double quotes" with {@code \n},
 * {@code \x41}... escapes, 'single quotes', a closing quote must end the argument), {@code #}
 * comments, {@code include} (with wildcards), several arguments joined into one value for
 * {@code save}, {@code client-output-buffer-limit}, {@code bind}, {@code replicaof}.
 *
 * <p>Command-line overrides ({@code --port 6380 --save ""}) are turned into extra lines appended
 * after the file, exactly like redis-server, so an error in one is reported with its line number
 * past the end of the file. Errors throw {@link ConfigFileException} whose message is Redis's
 * fatal text; the caller prints it and exits with status 1. Directives kvstore cannot honour
 * ({@code rename-command}, {@code user}) are skipped with a warning.
 *
 * <p>Text is handled as bytes (ISO-8859-1 internally) so {@code \xNN} escapes and UTF-8 in the
 * file round-trip; each argument is decoded as UTF-8 at the end.
 */
public final class ConfigFile {
  /** The Redis version named in the fatal error banner. */
  public static final String REDIS_VERSION = "7.0.15";

  private static final int MAX_INCLUDE_DEPTH = 32;
  private static final Set<String> DEPRECATED = Set.of(
      "list-max-ziplist-entries", "list-max-ziplist-value", "lua-replicate-commands");

  /** A configuration error that must stop the server; the message is what Redis prints. */
  public static final class ConfigFileException extends RuntimeException {
    public ConfigFileException(String message) {
      super(message, null, false, false);
    }
  }

  private final Config config;
  private final List<String> warnings = new ArrayList<>();
  private boolean saveSeen;

  private ConfigFile(Config config) {
    this.config = config;
  }

  /**
   * Loads {@code file} (null: none) and then the command-line {@code overrides}
   * ({@code --name value ...}) into {@code config}, remembering the file for CONFIG REWRITE.
   * Returns warnings to log.
   */
  public static List<String> load(Config config, Path file, List<String> overrides) {
    ConfigFile loader = new ConfigFile(config);
    StringBuilder text = new StringBuilder();
    if (file != null) text.append(readLatin1(file));
    text.append('\n').append(toLatin1(optionsText(overrides)));
    loader.applyLatin1(text.toString(), 0);
    if (file != null) config.setSourceFile(file.toAbsolutePath().normalize());
    return loader.warnings;
  }

  /** Applies redis.conf text (no file remembered); returns warnings. */
  public static List<String> apply(Config config, String text) {
    ConfigFile loader = new ConfigFile(config);
    loader.applyLatin1(toLatin1(text), 0);
    return loader.warnings;
  }

  /**
   * The config lines redis-server builds from its command line: {@code --name} starts a line,
   * the following arguments are appended quoted; {@code --save} with no value means "".
   */
  public static String optionsText(List<String> args) {
    StringBuilder options = new StringBuilder();
    boolean handledLast = true;
    for (int j = 0; j < args.size(); j++) {
      String a = args.get(j);
      boolean last = j == args.size() - 1;
      if (handledLast && a.startsWith("--")) {
        if (options.length() > 0) options.append('\n');
        options.append(a.substring(2)).append(' ');
        List<String> words = splitArgs(a);
        if (words != null && words.size() == 1) {
          handledLast = false;
          boolean nextIsOption = !last && args.get(j + 1).startsWith("--");
          if (a.equalsIgnoreCase("--save") && (nextIsOption || last)) {
            options.append("\"\"");
            handledLast = nextIsOption;
          } else if (a.equalsIgnoreCase("--sentinel") && nextIsOption) {
            handledLast = true;
          }
        } else {
          handledLast = true;
        }
      } else {
        options.append(repr(a)).append(' ');
        handledLast = true;
      }
    }
    return options.toString();
  }

  private void applyLatin1(String text, int depth) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = trim(lines[i]);
      if (line.isEmpty() || line.charAt(0) == '#') continue;
      try {
        applyLine(line, depth);
      } catch (IllegalArgumentException e) {
        throw fatal(i + 1, line, e.getMessage());
      }
    }
  }

  private void applyLine(String line, int depth) {
    List<String> argv = splitLatin1(line);
    if (argv == null) throw new IllegalArgumentException("Unbalanced quotes in configuration line");
    if (argv.isEmpty()) return;
    String directive = argv.get(0).toLowerCase(Locale.ROOT);
    int argc = argv.size();
    ConfigParam param = config.param(directive);
    if (param != null) {
      setParam(param, argv);
      return;
    }
    if (DEPRECATED.contains(directive) && argc == 2) return;
    if (directive.equals("include") && argc == 2) {
      if (depth >= MAX_INCLUDE_DEPTH) throw new IllegalArgumentException("include nesting is too deep");
      applyLatin1(readIncluded(fromLatin1(argv.get(1))), depth + 1);
    } else if (directive.equals("rename-command") && argc == 3) {
      warnings.add("rename-command is not supported, ignoring: " + fromLatin1(line));
    } else if (directive.equals("user") && argc >= 2) {
      warnings.add("ACL users are not supported, ignoring: user " + fromLatin1(argv.get(1)));
    } else if (directive.equals("loadmodule") && argc >= 2) {
      throw new IllegalArgumentException("Modules are not supported");
    } else if (directive.indexOf('.') >= 0) {
      if (argc < 2) throw new IllegalArgumentException("Module config specified without value");
      throw new ConfigFileException(
          "Module Configuration detected without loadmodule directive or no ApplyConfig call: aborting");
    } else if (directive.equals("sentinel")) {
      if (argc != 1) throw new IllegalArgumentException("sentinel directive while not in sentinel mode");
    } else {
      throw new IllegalArgumentException("Bad directive or wrong number of arguments");
    }
  }

  private void setParam(ConfigParam param, List<String> argv) {
    String name = param.name();
    boolean multi = SpecialValues.isMultiArg(name);
    if (!multi && argv.size() != 2) throw new IllegalArgumentException("wrong number of arguments");
    List<String> args;
    if (multi && argv.size() == 2 && !argv.get(1).isEmpty()) {
      args = splitLatin1(argv.get(1));
      if (args == null) throw new IllegalArgumentException("Unbalanced quotes in configuration line");
    } else {
      args = argv.subList(1, argv.size());
    }
    List<String> values = new ArrayList<>(args.size());
    for (String a : args) values.add(fromLatin1(a));
    String value;
    if (SpecialValues.isSpecial(name)) {
      value = SpecialValues.normalize(name, values, config.get(name), name.equals("save") && saveSeen);
      if (name.equals("save")) saveSeen = true;
    } else {
      value = values.get(0);
    }
    config.set(name, value, true);
  }

  private static ConfigFileException fatal(int lineNumber, String line, String reason) {
    return new ConfigFileException("\n*** FATAL CONFIG FILE ERROR (Redis " + REDIS_VERSION + ") ***\n"
        + "Reading the configuration file, at line " + lineNumber + "\n"
        + ">>> '" + fromLatin1(line) + "'\n"
        + reason);
  }

  // ---- files ----

  private static String readLatin1(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new ConfigFileException("Fatal error, can't open config file '" + file + "': " + strerror(e));
    }
  }

  /** An include: a path, or a pattern with wildcards in its last part (no match: nothing). */
  private static String readIncluded(String name) {
    Path path = Path.of(name);
    String last = path.getFileName() == null ? "" : path.getFileName().toString();
    if (!(name.contains("*") || name.contains("?") || name.contains("["))) return readLatin1(path);
    Path dir = path.getParent() == null ? Path.of(".") : path.getParent();
    List<Path> matches = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, last)) {
      for (Path p : ds) matches.add(p);
    } catch (IOException | RuntimeException e) {
      return "";
    }
    matches.sort(null);
    StringBuilder sb = new StringBuilder();
    for (Path p : matches) sb.append(readLatin1(p));
    return sb.toString();
  }

  static String strerror(IOException e) {
    if (e instanceof NoSuchFileException) return "No such file or directory";
    if (e instanceof AccessDeniedException) return "Permission denied";
    return e.getMessage();
  }

  // ---- Redis's sdssplitargs and sdscatrepr ----

  /**
   * Splits one line into arguments with Redis's rules; null when quotes are unbalanced or a
   * closing quote is not followed by a space.
   */
  public static List<String> splitArgs(String line) {
    List<String> raw = splitLatin1(toLatin1(line));
    if (raw == null) return null;
    List<String> out = new ArrayList<>(raw.size());
    for (String a : raw) out.add(fromLatin1(a));
    return out;
  }

  private static List<String> splitLatin1(String line) {
    List<String> out = new ArrayList<>();
    int p = 0;
    int n = line.length();
    while (true) {
      while (p < n && isSpace(line.charAt(p))) p++;
      if (p >= n) return out;
      StringBuilder cur = new StringBuilder();
      boolean inq = false;
      boolean insq = false;
      boolean done = false;
      while (!done) {
        char c = p < n ? line.charAt(p) : '\0';
        if (inq) {
          if (c == '\\' && p + 3 < n && line.charAt(p + 1) == 'x'
              && isHex(line.charAt(p + 2)) && isHex(line.charAt(p + 3))) {
            cur.append((char) (Character.digit(line.charAt(p + 2), 16) * 16
                + Character.digit(line.charAt(p + 3), 16)));
            p += 3;
          } else if (c == '\\' && p + 1 < n) {
            p++;
            char e = line.charAt(p);
            cur.append(switch (e) {
              case 'n' -> '\n';
              case 'r' -> '\r';
              case 't' -> '\t';
              case 'b' -> '\b';
              case 'a' -> (char) 7;
              default -> e;
            });
          } else if (c == '"') {
            if (p + 1 < n && !isSpace(line.charAt(p + 1))) return null;
            done = true;
          } else if (p >= n) {
            return null;
          } else {
            cur.append(c);
          }
        } else if (insq) {
          if (c == '\\' && p + 1 < n && line.charAt(p + 1) == '\'') {
            p++;
            cur.append('\'');
          } else if (c == '\'') {
            if (p + 1 < n && !isSpace(line.charAt(p + 1))) return null;
            done = true;
          } else if (p >= n) {
            return null;
          } else {
            cur.append(c);
          }
        } else {
          switch (c) {
            case ' ', '\n', '\r', '\t', '\0' -> done = true;
            case '"' -> inq = true;
            case '\'' -> insq = true;
            default -> cur.append(c);
          }
        }
        if (p < n) p++;
      }
      out.add(cur.toString());
    }
  }

  /** Redis sdscatrepr: a double-quoted string with escapes, readable back by splitArgs. */
  public static String repr(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(b.length + 2).append('"');
    for (byte x : b) {
      int c = x & 0xff;
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 7 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        default -> {
          if (c >= 32 && c <= 126) sb.append((char) c);
          else sb.append(String.format("\\x%02x", c));
        }
      }
    }
    return sb.append('"').toString();
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0 && c < 128;
  }

  /** sdstrim(line, " \t\r\n"). */
  private static String trim(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && " \t\r\n".indexOf(s.charAt(a)) >= 0) a++;
    while (b > a && " \t\r\n".indexOf(s.charAt(b - 1)) >= 0) b--;
    return s.substring(a, b);
  }

  private static String toLatin1(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  private static String fromLatin1(String s) {
    return new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }
}
