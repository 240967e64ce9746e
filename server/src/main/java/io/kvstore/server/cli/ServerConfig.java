package io.kvstore.server.cli;

import io.kvstore.core.config.Config;
import io.kvstore.core.config.ConfigFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the node's {@link Config} from the server command line, in redis-server's order: the
 * config file, then stdin (with {@code -}), then the {@code --name value} overrides. Errors
 * carry Redis's FATAL CONFIG FILE ERROR text.
 */
public final class ServerConfig {
  /** The configuration cannot be used; the message is what to print before exiting 1. */
  public static final class ConfigException extends Exception {
    ConfigException(String message) {
      super(message);
    }
  }

  /** A loaded configuration and the warnings to log at startup. */
  public record Loaded(Config config, List<String> warnings) {}

  private ServerConfig() {}

  public static Loaded load(ServerArgs args, InputStream stdin) throws ConfigException {
    Config config = new Config();
    List<String> warnings = new ArrayList<>();
    Path file = args.configFile() == null ? null : Path.of(args.configFile());
    try {
      if (!args.configFromStdin()) {
        warnings.addAll(ConfigFile.load(config, file, args.overrides()));
      } else {
        warnings.addAll(ConfigFile.load(config, file, List.of()));
        warnings.addAll(ConfigFile.apply(config, readAll(stdin)));
        warnings.addAll(ConfigFile.apply(config, ConfigFile.optionsText(args.overrides())));
      }
    } catch (ConfigFile.ConfigFileException e) {
      String text = e.getMessage();
      throw new ConfigException(text.endsWith("\n") ? text : text + "\n");
    }
    return new Loaded(config, warnings);
  }

  private static String readAll(InputStream in) throws ConfigException {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("Fatal error, can't read the config from stdin: " + e.getMessage() + "\n");
    }
  }
}
