package io.kvstore.core.cmd.pubsub;

import io.kvstore.core.command.CommandTable;

/** This family's rows of the command table. */
public final class PubSubCommands {
  private PubSubCommands() {}

  public static void register(CommandTable t) {
  }
}
