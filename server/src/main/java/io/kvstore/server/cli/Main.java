package io.kvstore.server.cli;

import io.kvstore.server.KvstoreVersion;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code kvstore} executable. Each subcommand is its own class so new ones (sentinel,
 * cluster, gateway, bench) are added by listing them here.
 */
@Command(name = "kvstore", mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "A Redis-compatible key-value store.",
    subcommands = {ServerCommand.class, SentinelCommand.class, ClientCommand.class, ClusterCommand.class,
        BenchCommand.class, VersionCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @Spec
  CommandSpec spec;

  public static void main(String[] args) {
    int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    System.exit(code);
  }

  /** Runs the command line with the given output streams; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = commandLine();
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExpandAtFiles(false);
    // redis-server style "--any-config value" and redis-cli style raw command words pass
    // through untouched.
    CommandLine server = cl.getSubcommands().get("server");
    server.setUnmatchedOptionsArePositionalParams(true);
    cl.getSubcommands().get("sentinel").setUnmatchedOptionsArePositionalParams(true);
    cl.getSubcommands().get("cluster").getSubcommands().get("up").setUnmatchedOptionsArePositionalParams(true);
    CommandLine bench = cl.getSubcommands().get("bench");
    bench.setStopAtPositional(true);
    bench.setUnmatchedOptionsArePositionalParams(true);
    CommandLine client = cl.getSubcommands().get("client");
    client.setStopAtPositional(true);
    client.setUnmatchedOptionsArePositionalParams(true);
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code kvstore --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {KvstoreVersion.describe()};
    }
  }
}
