package io.kvstore.core.cmd.string;

import static io.kvstore.core.command.CommandFlag.DENYOOM;
import static io.kvstore.core.command.CommandFlag.FAST;
import static io.kvstore.core.command.CommandFlag.READONLY;
import static io.kvstore.core.command.CommandFlag.WRITE;

import io.kvstore.core.command.Command;
import io.kvstore.core.command.CommandFlag;
import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.command.CommandTable;

/** The string family's rows of the command table (arity, flags, keys as Redis 7.0 COMMAND INFO reports them). */
public final class StringCommands {
  private StringCommands() {}

  public static void register(CommandTable t) {
    GetRange getRange = new GetRange();
    row(t, "get", 2, new Get(), 1, 1, 1, "Get the value of a key", "1.0.0", READONLY, FAST);
    row(t, "set", -3, new Set(), 1, 1, 1, "Set the string value of a key", "1.0.0", WRITE, DENYOOM);
    row(t, "setnx", 3, new SetNx(), 1, 1, 1,
        "Set the value of a key, only if the key does not exist", "1.0.0", WRITE, DENYOOM, FAST);
    row(t, "setex", 4, new SetEx(), 1, 1, 1,
        "Set the value and expiration of a key", "2.0.0", WRITE, DENYOOM);
    row(t, "psetex", 4, new PSetEx(), 1, 1, 1,
        "Set the value and expiration in milliseconds of a key", "2.6.0", WRITE, DENYOOM);
    row(t, "getset", 3, new GetSet(), 1, 1, 1,
        "Set the string value of a key and return its old value", "1.0.0", WRITE, DENYOOM, FAST);
    row(t, "getdel", 2, new GetDel(), 1, 1, 1,
        "Get the value of a key and delete the key", "6.2.0", WRITE, FAST);
    row(t, "getex", -2, new GetEx(), 1, 1, 1,
        "Get the value of a key and optionally set its expiration", "6.2.0", WRITE, FAST);
    row(t, "mget", -2, new MGet(), 1, -1, 1,
        "Get the values of all the given keys", "1.0.0", READONLY, FAST);
    row(t, "mset", -3, new MSet(), 1, -1, 2,
        "Set multiple keys to multiple values", "1.0.1", WRITE, DENYOOM);
    row(t, "msetnx", -3, new MSetNx(), 1, -1, 2,
        "Set multiple keys to multiple values, only if none of the keys exist", "1.0.1", WRITE, DENYOOM);
    row(t, "append", 3, new Append(), 1, 1, 1,
        "Append a value to a key", "2.0.0", WRITE, DENYOOM, FAST);
    row(t, "strlen", 2, new StrLen(), 1, 1, 1,
        "Get the length of the value stored in a key", "2.2.0", READONLY, FAST);
    row(t, "getrange", 4, getRange, 1, 1, 1,
        "Get a substring of the string stored at a key", "2.4.0", READONLY);
    row(t, "substr", 4, getRange, 1, 1, 1,
        "Get a substring of the string stored at a key", "1.0.0", READONLY);
    row(t, "setrange", 4, new SetRange(), 1, 1, 1,
        "Overwrite part of a string at key starting at the specified offset", "2.2.0", WRITE, DENYOOM);
    row(t, "incr", 2, new Incr(), 1, 1, 1,
        "Increment the integer value of a key by one", "1.0.0", WRITE, DENYOOM, FAST);
    row(t, "decr", 2, new Decr(), 1, 1, 1,
        "Decrement the integer value of a key by one", "1.0.0", WRITE, DENYOOM, FAST);
    row(t, "incrby", 3, new IncrBy(), 1, 1, 1,
        "Increment the integer value of a key by the given amount", "1.0.0", WRITE, DENYOOM, FAST);
    row(t, "decrby", 3, new DecrBy(), 1, 1, 1,
        "Decrement the integer value of a key by the given number", "1.0.0", WRITE, DENYOOM, FAST);
    row(t, "incrbyfloat", 3, new IncrByFloat(), 1, 1, 1,
        "Increment the float value of a key by the given amount", "2.6.0", WRITE, DENYOOM, FAST);
  }

  private static void row(CommandTable t, String name, int arity, Command impl, int firstKey,
      int lastKey, int step, String summary, String since, CommandFlag... flags) {
    t.register(CommandSpec.builder(name, arity, impl).flags(flags).keys(firstKey, lastKey, step)
        .group("string").summary(summary).since(since).build());
  }
}
