package io.kvstore.core.cmd.keys;

import static io.kvstore.core.command.CommandFlag.DENYOOM;
import static io.kvstore.core.command.CommandFlag.FAST;
import static io.kvstore.core.command.CommandFlag.LOADING;
import static io.kvstore.core.command.CommandFlag.READONLY;
import static io.kvstore.core.command.CommandFlag.STALE;
import static io.kvstore.core.command.CommandFlag.WRITE;

import io.kvstore.core.command.Command;
import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.command.CommandTable;

/** This family's rows of the command table (arity, flags, key positions as Redis 7.0 reports them). */
public final class KeyCommands {
  private KeyCommands() {}

  public static void register(CommandTable t) {
    t.register(spec("del", -2, new Del("DEL"), "1.0.0", "Delete a key").flags(WRITE)
        .keys(1, -1, 1).build());
    t.register(spec("unlink", -2, new Del("UNLINK"), "4.0.0",
        "Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.")
        .flags(WRITE, FAST).keys(1, -1, 1).build());
    t.register(spec("exists", -2, new Exists(), "1.0.0", "Determine if a key exists")
        .flags(READONLY, FAST).keys(1, -1, 1).build());
    t.register(spec("type", 2, new Type(), "1.0.0", "Determine the type stored at key")
        .flags(READONLY, FAST).keys(1, 1, 1).build());
    t.register(spec("expire", -3, new Expire("expire", true, true), "1.0.0",
        "Set a key's time to live in seconds").flags(WRITE, FAST).keys(1, 1, 1).build());
    t.register(spec("pexpire", -3, new Expire("pexpire", false, true), "2.6.0",
        "Set a key's time to live in milliseconds").flags(WRITE, FAST).keys(1, 1, 1).build());
    t.register(spec("expireat", -3, new Expire("expireat", true, false), "1.2.0",
        "Set the expiration for a key as a UNIX timestamp").flags(WRITE, FAST).keys(1, 1, 1).build());
    t.register(spec("pexpireat", -3, new Expire("pexpireat", false, false), "2.6.0",
        "Set the expiration for a key as a UNIX timestamp specified in milliseconds")
        .flags(WRITE, FAST).keys(1, 1, 1).build());
    t.register(spec("ttl", 2, new Ttl(false, false), "1.0.0", "Get the time to live for a key in seconds")
        .flags(READONLY, FAST).keys(1, 1, 1).build());
    t.register(spec("pttl", 2, new Ttl(true, false), "2.6.0",
        "Get the time to live for a key in milliseconds").flags(READONLY, FAST).keys(1, 1, 1).build());
    t.register(spec("expiretime", 2, new Ttl(false, true), "7.0.0",
        "Get the expiration Unix timestamp for a key").flags(READONLY, FAST).keys(1, 1, 1).build());
    t.register(spec("pexpiretime", 2, new Ttl(true, true), "7.0.0",
        "Get the expiration Unix timestamp for a key in milliseconds")
        .flags(READONLY, FAST).keys(1, 1, 1).build());
    t.register(spec("persist", 2, new Persist(), "2.2.0", "Remove the expiration from a key")
        .flags(WRITE, FAST).keys(1, 1, 1).build());
    t.register(spec("keys", 2, new Keys(), "1.0.0", "Find all keys matching the given pattern")
        .flags(READONLY).build());
    t.register(spec("scan", -2, new Scan(), "2.8.0", "Incrementally iterate the keys space")
        .flags(READONLY).build());
    t.register(spec("randomkey", 1, new RandomKey(), "1.0.0", "Return a random key from the keyspace")
        .flags(READONLY).build());
    t.register(spec("rename", 3, new Rename(false), "1.0.0", "Rename a key").flags(WRITE)
        .keys(1, 2, 1).build());
    t.register(spec("renamenx", 3, new Rename(true), "1.0.0",
        "Rename a key, only if the new key does not exist").flags(WRITE, FAST).keys(1, 2, 1).build());
    t.register(spec("copy", -3, new Copy(), "6.2.0", "Copy a key").flags(WRITE, DENYOOM)
        .keys(1, 2, 1).build());
    t.register(spec("move", 3, new Move(), "1.0.0", "Move a key to another database")
        .flags(WRITE, FAST).keys(1, 1, 1).build());
    t.register(spec("touch", -2, new Touch(), "3.2.1",
        "Alters the last access time of a key(s). Returns the number of existing keys specified.")
        .flags(READONLY, FAST).keys(1, -1, 1).build());
    t.register(spec("dbsize", 1, new DbSize(), "1.0.0",
        "Return the number of keys in the selected database").flags(READONLY, FAST)
        .group("server").build());
    t.register(spec("flushdb", -1, new Flush(false), "1.0.0",
        "Remove all keys from the current database").flags(WRITE).group("server").build());
    t.register(spec("flushall", -1, new Flush(true), "1.0.0",
        "Remove all keys from all databases").flags(WRITE).group("server").build());
    t.register(spec("swapdb", 3, new SwapDb(), "4.0.0", "Swaps two Redis databases")
        .flags(WRITE, FAST).group("server").build());
    t.register(spec("select", 2, new Select(), "1.0.0",
        "Change the selected database for the current connection").flags(LOADING, STALE, FAST)
        .group("connection").build());
  }

  private static CommandSpec.Builder spec(String name, int arity, Command impl, String since,
      String summary) {
    return CommandSpec.builder(name, arity, impl).group("generic").since(since).summary(summary);
  }
}
