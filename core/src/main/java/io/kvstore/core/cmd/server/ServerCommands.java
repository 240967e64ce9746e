package io.kvstore.core.cmd.server;

import io.kvstore.core.command.CommandTable;

/** This family's rows of the command table. */
public final class ServerCommands {
  private ServerCommands() {}

  public static void register(CommandTable t) {
  }
}
