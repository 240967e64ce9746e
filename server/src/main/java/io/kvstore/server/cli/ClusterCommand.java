package io.kvstore.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code kvstore cluster up|down|status}: a local cluster of real kvstore processes for trying
 * either replication mode with redis-cli, {@code kvstore client} or any Redis client.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "Start, inspect and stop a local cluster of kvstore processes.",
    subcommands = {ClusterUp.class, ClusterStatus.class, ClusterDown.class})
public final class ClusterCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
