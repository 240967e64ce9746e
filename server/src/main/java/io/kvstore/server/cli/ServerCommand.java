package io.kvstore.server.cli;

import io.kvstore.server.KvstoreServer;
import io.kvstore.server.KvstoreVersion;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kvstore server [config-file] [--name value ...]}: exactly redis-server's command line.
 * A bad configuration prints Redis's FATAL CONFIG FILE ERROR text to stderr and exits 1; a
 * failed startup (port in use...) exits 1 after logging why. Runs until SHUTDOWN or SIGTERM.
 */
@Command(name = "server", description = "Run a kvstore node: [config-file] [--<config-name> <value> ...]"
    + " as redis-server takes them.")
public final class ServerCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "ARGS",
      description = "A config file in redis.conf syntax, then --<name> <value> overrides.")
  List<String> args = new ArrayList<>();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (args.size() == 1 && (args.get(0).equals("-h") || args.get(0).equals("--help"))) {
      spec.commandLine().usage(out);
      return 0;
    }
    if (args.size() == 1 && (args.get(0).equals("-v") || args.get(0).equals("--version"))) {
      out.println(KvstoreVersion.describe());
      out.flush();
      return 0;
    }
    ServerArgs parsed = ServerArgs.parse(args);
    ServerConfig.Loaded config;
    try {
      config = ServerConfig.load(parsed, System.in);
    } catch (ServerConfig.ConfigException e) {
      err.print(e.getMessage());
      err.flush();
      return 1;
    }
    KvstoreServer server;
    try {
      server = KvstoreServer.start(config.config(),
          KvstoreServer.Options.process(parsed.configFile(), config.warnings()));
    } catch (KvstoreServer.StartupException e) {
      return 1; // already logged
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::closeOnSignal, "kvstore-sigterm"));
    server.awaitTermination();
    return 0;
  }
}
