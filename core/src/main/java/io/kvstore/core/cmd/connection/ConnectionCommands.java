package io.kvstore.core.cmd.connection;

import static io.kvstore.core.command.CommandFlag.FAST;
import static io.kvstore.core.command.CommandFlag.PUBSUB_CONTEXT;
import static io.kvstore.core.command.CommandFlag.STALE;

import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.command.CommandTable;

/** Connection commands' rows of the command table. */
public final class ConnectionCommands {
  private ConnectionCommands() {}

  public static void register(CommandTable t) {
    t.register(CommandSpec.builder("ping", -1, new Ping()).flags(FAST, STALE, PUBSUB_CONTEXT)
        .group("connection").summary("Ping the server").since("1.0.0").build());
  }
}
