package io.kvstore.core.cmd.tx;

import io.kvstore.core.command.CommandTable;

/** This family's rows of the command table. */
public final class TransactionCommands {
  private TransactionCommands() {}

  public static void register(CommandTable t) {
  }
}
