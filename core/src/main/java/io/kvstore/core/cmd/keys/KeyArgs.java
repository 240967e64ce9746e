package io.kvstore.core.cmd.keys;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.RedisException;

/**
 * Argument helpers shared by the family: Redis's {@code getIntFromObjectOrReply} (two distinct
 * errors unless the caller supplies one), database-index checks, and the propagated argv with
 * the command name upper-cased and the other arguments as the client sent them.
 */
final class KeyArgs {
  private KeyArgs() {}

  /** A C int: not a number → {@code error} or NOT_INTEGER; outside int → {@code error} or the range text. */
  static int intArg(Args args, int i, String error) {
    long v = Args.parseLong(args.get(i), error != null ? error : Errors.NOT_INTEGER);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new RedisException(error != null ? error : Errors.INT_OUT_OF_RANGE);
    }
    return (int) v;
  }

  /** A database index argument that must name an existing database. */
  static int dbArg(Ctx ctx, Args args, int i) {
    int db = intArg(args, i, null);
    checkDb(ctx, db);
    return db;
  }

  static void checkDb(Ctx ctx, int db) {
    if (db < 0 || db >= ctx.node().databases()) throw new RedisException(Errors.DB_INDEX);
  }

  /** The client's argv with argv[0] replaced by {@code name}. */
  static byte[][] argvAs(String name, Args args) {
    byte[][] out = args.raw().clone();
    out[0] = Ctx.bytes(name);
    return out;
  }
}
