package io.kvstore.server.cli;

import java.util.List;

/**
 * redis-server's command line split into its parts: an optional config file first (any first
 * argument not starting with "-"), {@code -} (first or last) to read more configuration from
 * stdin, and the {@code --name value ...} overrides, which the config-file reader turns into
 * lines appended after the file.
 */
public record ServerArgs(String configFile, boolean configFromStdin, List<String> overrides) {

  public static ServerArgs parse(List<String> argv) {
    String file = null;
    int from = 0;
    if (!argv.isEmpty() && !argv.get(0).startsWith("-")) {
      file = argv.get(0);
      from = 1;
    }
    boolean stdin = false;
    int to = argv.size();
    if (from < to && argv.get(from).equals("-")) {
      stdin = true;
      from++;
    } else if (from < to && argv.get(to - 1).equals("-")) {
      stdin = true;
      to--;
    }
    return new ServerArgs(file, stdin, List.copyOf(argv.subList(from, to)));
  }
}
