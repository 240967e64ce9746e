package io.kvstore.core.cmd.connection;

import static io.kvstore.core.command.CommandFlag.ALLOW_BUSY;
import static io.kvstore.core.command.CommandFlag.FAST;
import static io.kvstore.core.command.CommandFlag.LOADING;
import static io.kvstore.core.command.CommandFlag.NOSCRIPT;
import static io.kvstore.core.command.CommandFlag.NO_AUTH;
import static io.kvstore.core.command.CommandFlag.PUBSUB_CONTEXT;
import static io.kvstore.core.command.CommandFlag.STALE;
import static io.kvstore.core.command.CommandFlag.TX_CONTROL;

import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.command.CommandTable;

/**
 * Connection commands' rows of the command table. Wire flags are those Redis 7.0.15 reports in
 * COMMAND INFO; TX_CONTROL (runs inside MULTI instead of being queued) and PUBSUB_CONTEXT
 * (allowed while a RESP2 client is subscribed) are kvstore-internal.
 */
public final class ConnectionCommands {
  private ConnectionCommands() {}

  public static void register(CommandTable t) {
    t.register(CommandSpec.builder("ping", -1, new Ping()).flags(FAST, PUBSUB_CONTEXT)
        .group("connection").summary("Ping the server").since("1.0.0").build());
    t.register(CommandSpec.builder("echo", 2, new Echo()).flags(LOADING, STALE, FAST)
        .group("connection").summary("Echo the given string").since("1.0.0").build());
    t.register(CommandSpec.builder("quit", -1, new Quit())
        .flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY, TX_CONTROL, PUBSUB_CONTEXT)
        .group("connection").summary("Close the connection").since("1.0.0").build());
    t.register(CommandSpec.builder("hello", -1, new Hello())
        .flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY)
        .group("connection").summary("Handshake with Redis").since("6.0.0").build());
    t.register(CommandSpec.builder("auth", -2, new Auth())
        .flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY)
        .group("connection").summary("Authenticate to the server").since("1.0.0").build());
    t.register(CommandSpec.builder("reset", 1, new Reset())
        .flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY, TX_CONTROL, PUBSUB_CONTEXT)
        .group("connection").summary("Reset the connection").since("6.2.0").build());
  }
}
