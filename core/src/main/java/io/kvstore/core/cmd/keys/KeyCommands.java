package io.kvstore.core.cmd.keys;

import io.kvstore.core.command.CommandTable;

/** This family's rows of the command table. */
public final class KeyCommands {
  private KeyCommands() {}

  public static void register(CommandTable t) {
  }
}
