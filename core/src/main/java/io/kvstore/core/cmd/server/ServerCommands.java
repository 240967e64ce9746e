package io.kvstore.core.cmd.server;

import static io.kvstore.core.command.CommandFlag.ADMIN;
import static io.kvstore.core.command.CommandFlag.ALLOW_BUSY;
import static io.kvstore.core.command.CommandFlag.FAST;
import static io.kvstore.core.command.CommandFlag.LOADING;
import static io.kvstore.core.command.CommandFlag.NOSCRIPT;
import static io.kvstore.core.command.CommandFlag.NO_MULTI;
import static io.kvstore.core.command.CommandFlag.STALE;

import io.kvstore.core.command.Command;
import io.kvstore.core.command.CommandFlag;
import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.command.CommandTable;

/** The server/admin family's rows of the command table (arity, flags, docs as Redis 7.0). */
public final class ServerCommands {
  private ServerCommands() {}

  public static void register(CommandTable t) {
    t.register(row("info", -1, new Info(), "Get information and statistics about the server",
        "1.0.0", LOADING, STALE));
    t.register(CommandSpec.builder("config", -2, null).group("server")
        .summary("A container for server configuration commands").since("2.0.0")
        .sub(row("config|get", -3, new ConfigGet(), "Get the values of configuration parameters",
            "2.0.0", ADMIN, NOSCRIPT, LOADING, STALE))
        .sub(row("config|help", 2, new ConfigHelp(),
            "Show helpful text about the different subcommands", "5.0.0", LOADING, STALE))
        .sub(row("config|resetstat", 2, new ConfigResetStat(), "Reset the stats returned by INFO",
            "2.0.0", ADMIN, NOSCRIPT, LOADING, STALE))
        .sub(row("config|rewrite", 2, new ConfigRewrite(),
            "Rewrite the configuration file with the in memory configuration", "2.8.0",
            ADMIN, NOSCRIPT, LOADING, STALE))
        .sub(row("config|set", -4, new ConfigSet(), "Set configuration parameters to the given values",
            "2.0.0", ADMIN, NOSCRIPT, LOADING, STALE))
        .build());
    t.register(CommandSpec.builder("command", -1, new CommandAll()).group("server")
        .flags(LOADING, STALE).summary("Get array of Redis command details").since("2.8.13")
        .sub(row("command|count", 2, new CommandCount(), "Get total number of Redis commands",
            "2.8.13", LOADING, STALE))
        .sub(row("command|docs", -2, new CommandDocs(),
            "Get array of specific Redis command documentation", "7.0.0", LOADING, STALE))
        .sub(row("command|getkeys", -4, new CommandGetKeys(),
            "Extract keys given a full Redis command", "2.8.13", LOADING, STALE))
        .sub(row("command|help", 2, new CommandHelp(),
            "Show helpful text about the different subcommands", "5.0.0", LOADING, STALE))
        .sub(row("command|info", -2, new CommandInfo(),
            "Get array of specific Redis command details, or all when no argument is given.",
            "2.8.13", LOADING, STALE))
        .sub(row("command|list", -2, new CommandList(), "Get an array of Redis command names",
            "7.0.0", LOADING, STALE))
        .build());
    t.register(CommandSpec.builder("client", -2, null).group("connection")
        .summary("A container for client connection commands").since("2.4.0")
        .sub(client("client|getname", 2, new ClientGetName(), "Get the current connection name",
            "2.6.9", NOSCRIPT, LOADING, STALE))
        .sub(client("client|help", 2, new ClientHelp(),
            "Show helpful text about the different subcommands", "5.0.0", LOADING, STALE))
        .sub(client("client|id", 2, new ClientId(), "Returns the client ID for the current connection",
            "5.0.0", NOSCRIPT, LOADING, STALE))
        .sub(client("client|info", 2, new ClientInfo(),
            "Returns information about the current client connection.", "6.2.0",
            NOSCRIPT, LOADING, STALE))
        .sub(client("client|kill", -3, new ClientKill(), "Kill the connection of a client", "2.4.0",
            ADMIN, NOSCRIPT, LOADING, STALE))
        .sub(client("client|list", -2, new ClientList(), "Get the list of client connections",
            "2.4.0", ADMIN, NOSCRIPT, LOADING, STALE))
        .sub(client("client|no-evict", 3, new ClientNoEvict(),
            "Set client eviction mode for the current connection", "7.0.0",
            ADMIN, NOSCRIPT, LOADING, STALE))
        .sub(client("client|setname", 3, new ClientSetName(), "Set the current connection name",
            "2.6.9", NOSCRIPT, LOADING, STALE))
        .build());
    t.register(row("time", 1, new Time(), "Return the current server time", "2.6.0",
        LOADING, STALE, FAST));
    t.register(row("lastsave", 1, new LastSave(),
        "Get the UNIX time stamp of the last successful save to disk", "1.0.0", LOADING, STALE, FAST));
    t.register(row("save", 1, new Save(), "Synchronously save the dataset to disk", "1.0.0",
        ADMIN, NOSCRIPT, NO_MULTI));
    t.register(row("bgsave", -1, new BgSave(), "Asynchronously save the dataset to disk", "1.0.0",
        ADMIN, NOSCRIPT));
    t.register(row("shutdown", -1, new Shutdown(),
        "Synchronously save the dataset to disk and then shut down the server", "1.0.0",
        ADMIN, NOSCRIPT, LOADING, STALE, NO_MULTI, ALLOW_BUSY));
    t.register(row("debug", -2, new Debug(), "A container for debugging commands", "1.0.0",
        ADMIN, NOSCRIPT, LOADING, STALE));
  }

  private static CommandSpec row(String name, int arity, Command impl, String summary, String since,
      CommandFlag... flags) {
    return CommandSpec.builder(name, arity, impl).flags(flags).group("server").summary(summary)
        .since(since).build();
  }

  private static CommandSpec client(String name, int arity, Command impl, String summary,
      String since, CommandFlag... flags) {
    return CommandSpec.builder(name, arity, impl).flags(flags).group("connection").summary(summary)
        .since(since).build();
  }
}
