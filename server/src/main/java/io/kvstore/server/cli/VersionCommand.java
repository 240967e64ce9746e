package io.kvstore.server.cli;

import io.kvstore.server.KvstoreVersion;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kvstore version}: one line, like {@code redis-server --version}. */
@Command(name = "version", description = "Print the version.")
public final class VersionCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().println(KvstoreVersion.describe());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
