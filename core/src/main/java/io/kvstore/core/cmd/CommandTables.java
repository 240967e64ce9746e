package io.kvstore.core.cmd;

import io.kvstore.core.cmd.connection.ConnectionCommands;
import io.kvstore.core.cmd.keys.KeyCommands;
import io.kvstore.core.cmd.pubsub.PubSubCommands;
import io.kvstore.core.cmd.server.ServerCommands;
import io.kvstore.core.cmd.string.StringCommands;
import io.kvstore.core.cmd.tx.TransactionCommands;
import io.kvstore.core.command.CommandTable;

/** Builds the command table from the command families, each registering its own rows. */
public final class CommandTables {
  private CommandTables() {}

  public static CommandTable standard() {
    CommandTable t = new CommandTable();
    StringCommands.register(t);
    KeyCommands.register(t);
    ConnectionCommands.register(t);
    TransactionCommands.register(t);
    PubSubCommands.register(t);
    ServerCommands.register(t);
    return t;
  }
}
