package io.kvstore.sentinel;

import io.kvstore.core.config.Config;
import io.kvstore.core.config.ConfigFile;
import io.kvstore.core.sentinel.SentinelConfigFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads sentinel.conf (then the command-line overrides, as redis-sentinel appends them): the
 * {@code sentinel ...} lines are collected for the Sentinel state, every other line is a
 * server directive ({@code port}, {@code bind}, {@code logfile}, {@code requirepass}, ...)
 * handled by the core's redis.conf reader with its error texts. Line numbers in errors are the
 * file's. The sentinel's port defaults to 26379 and protected mode is off, as in Redis.
 */
public final class SentinelConfigLoader {
  /** The server options, the sentinel directives, and warnings to log. */
  public record Loaded(Config config, List<SentinelConfigFile.Directive> directives,
      List<String> warnings) {}

  private SentinelConfigLoader() {}

  /** Throws {@link ConfigFile.ConfigFileException} with Redis's fatal text on a bad line. */
  public static Loaded load(Path file, List<String> overrides) {
    String text;
    try {
      text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigFile.ConfigFileException("Fatal error, can't open config file '" + file
          + "': " + (e instanceof java.nio.file.NoSuchFileException ? "No such file or directory"
          : e.getMessage()));
    }
    return parse(text + "\n" + ConfigFile.optionsText(overrides), file);
  }

  static Loaded parse(String text, Path file) {
    Config config = new Config();
    config.set("port", "26379", true);
    config.set("protected-mode", "no", true);
    List<SentinelConfigFile.Directive> directives = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    StringBuilder others = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      List<String> argv = line.isEmpty() || line.startsWith("#") ? null : ConfigFile.splitArgs(line);
      if (argv != null && argv.size() >= 2 && argv.get(0).equalsIgnoreCase("sentinel")) {
        directives.add(new SentinelConfigFile.Directive(i + 1, line, argv.subList(1, argv.size())));
        others.append('\n');
      } else {
        others.append(lines[i]).append('\n');
      }
    }
    List<String> warnings = ConfigFile.apply(config, others.toString());
    if (file != null) config.setSourceFile(file.toAbsolutePath().normalize());
    return new Loaded(config, directives, warnings);
  }
}
