package io.kvstore.server.cli;

import io.kvstore.core.config.ConfigFile;
import io.kvstore.core.sentinel.EventLevel;
import io.kvstore.sentinel.SentinelConfigLoader;
import io.kvstore.sentinel.SentinelServer;
import io.kvstore.server.KvstoreVersion;
import io.kvstore.server.ServerLog;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kvstore sentinel sentinel.conf [--name value ...]}: a Sentinel, as redis-sentinel
 * (or {@code redis-server --sentinel}) runs. The config file is required and must be writable:
 * the sentinel saves its state there (id, epochs, known replicas and sentinels). A bad file
 * prints Redis's FATAL CONFIG FILE ERROR text and exits 1. Runs until SHUTDOWN or SIGTERM.
 */
@Command(name = "sentinel", description = "Run a Sentinel: <sentinel.conf> [--<config-name> <value> ...]"
    + " as redis-sentinel takes them.")
public final class SentinelCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "ARGS",
      description = "A config file in sentinel.conf syntax, then --<name> <value> overrides.")
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
    List<String> overrides = new ArrayList<>(args);
    Path file = null;
    if (!overrides.isEmpty() && !overrides.get(0).startsWith("--")) {
      file = Path.of(overrides.remove(0)).toAbsolutePath().normalize();
    }
    ServerLog early = new ServerLog("", () -> "notice", System.out);
    early.setRole('X');
    if (file == null) {
      early.warning("Sentinel needs config file on disk to save state. Exiting...");
      return 1;
    }
    if (!Files.isWritable(file)) {
      early.warning("Sentinel config file " + file + " is not writable: "
          + (Files.exists(file) ? "Permission denied" : "No such file or directory") + ". Exiting...");
      return 1;
    }
    SentinelConfigLoader.Loaded loaded;
    try {
      loaded = SentinelConfigLoader.load(file, overrides);
    } catch (ConfigFile.ConfigFileException | IllegalArgumentException e) {
      err.print(e.getMessage().endsWith("\n") ? e.getMessage() : e.getMessage() + "\n");
      err.flush();
      return 1;
    }
    ServerLog log;
    try {
      log = new ServerLog(loaded.config().get("logfile"), () -> loaded.config().get("loglevel"),
          System.out);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.flush();
      return 1;
    }
    log.setRole('X');
    log.warning("oO0OoO0OoO0Oo kvstore sentinel is starting oO0OoO0OoO0Oo");
    log.warning("kvstore version=" + KvstoreVersion.version() + ", redis_version="
        + KvstoreVersion.REDIS_COMPAT + ", bits=64, pid=" + ProcessHandle.current().pid()
        + ", just started");
    for (String w : loaded.warnings()) log.warning(w);
    SentinelServer server;
    try {
      server = SentinelServer.start(loaded.config(), loaded.directives(),
          new SentinelServer.Options(file, (level, msg) -> log.log(level(level), msg), System::exit));
    } catch (ConfigFile.ConfigFileException e) {
      err.print(e.getMessage().endsWith("\n") ? e.getMessage() : e.getMessage() + "\n");
      err.flush();
      return 1;
    } catch (RuntimeException e) {
      log.warning("Failed to start the sentinel: " + (e.getMessage() == null ? e : e.getMessage()));
      return 1;
    }
    log.notice("Running mode=sentinel, port=" + server.port() + ".");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (server.closed()) return; // SHUTDOWN already stopped it
      log.warning("Received SIGTERM scheduling shutdown...");
      server.close();
      log.warning("Sentinel is now ready to exit, bye bye...");
    }, "kvstore-sentinel-sigterm"));
    server.awaitTermination();
    return 0;
  }

  private static ServerLog.Level level(EventLevel l) {
    return switch (l) {
      case DEBUG -> ServerLog.Level.DEBUG;
      case VERBOSE -> ServerLog.Level.VERBOSE;
      case NOTICE -> ServerLog.Level.NOTICE;
      case WARNING -> ServerLog.Level.WARNING;
    };
  }
}
