package io.kvstore.core.cmd.tx;

import static io.kvstore.core.command.CommandFlag.ALLOW_BUSY;
import static io.kvstore.core.command.CommandFlag.FAST;
import static io.kvstore.core.command.CommandFlag.LOADING;
import static io.kvstore.core.command.CommandFlag.NOSCRIPT;
import static io.kvstore.core.command.CommandFlag.SKIP_SLOWLOG;
import static io.kvstore.core.command.CommandFlag.STALE;
import static io.kvstore.core.command.CommandFlag.TX_CONTROL;

import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.command.CommandTable;

/**
 * The transaction family's rows. MULTI, EXEC, DISCARD and WATCH carry TX_CONTROL so the engine
 * runs them inside MULTI; UNWATCH is queued like any other command, as in Redis.
 */
public final class TransactionCommands {
  private TransactionCommands() {}

  public static void register(CommandTable t) {
    t.register(CommandSpec.builder("multi", 1, new Multi())
        .flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY, TX_CONTROL)
        .group("transactions").summary("Mark the start of a transaction block").since("1.2.0")
        .build());
    t.register(CommandSpec.builder("exec", 1, new Exec())
        .flags(NOSCRIPT, LOADING, STALE, SKIP_SLOWLOG, TX_CONTROL)
        .group("transactions").summary("Execute all commands issued after MULTI").since("1.2.0")
        .build());
    t.register(CommandSpec.builder("discard", 1, new Discard())
        .flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY, TX_CONTROL)
        .group("transactions").summary("Discard all commands issued after MULTI").since("2.0.0")
        .build());
    t.register(CommandSpec.builder("watch", -2, new Watch())
        .flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY, TX_CONTROL).keys(1, -1, 1)
        .group("transactions")
        .summary("Watch the given keys to determine execution of the MULTI/EXEC block")
        .since("2.2.0").build());
    t.register(CommandSpec.builder("unwatch", 1, new Unwatch())
        .flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY)
        .group("transactions").summary("Forget about all watched keys").since("2.2.0").build());
  }
}
