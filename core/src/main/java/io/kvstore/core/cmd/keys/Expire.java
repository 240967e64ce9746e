package io.kvstore.core.cmd.keys;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.keyspace.Keyspace;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.RedisException;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.StoredValue;

/**
 * EXPIRE / PEXPIRE / EXPIREAT / PEXPIREAT key time [NX | XX | GT | LT].
 *
 * <p>Order of checks as in Redis's expireGenericCommand: options, the number, overflow of the
 * unit conversion or of adding "now" ({@code invalid expire time}), then the key. GT treats "no
 * TTL" as infinite (always fails); LT treats it as infinite too (always succeeds). A resulting
 * time at or before now deletes the key and propagates {@code DEL k}; a replica (which never
 * deletes by expiry) stores the past time and waits for the master's DEL. Otherwise the effect
 * is the absolute form {@code PEXPIREAT k <ms> [options as sent]}, so replicas and the log never
 * depend on their own clocks.
 */
public final class Expire implements Command {
  private static final int NX = 1;
  private static final int XX = 2;
  private static final int GT = 4;
  private static final int LT = 8;

  private final String name;
  private final boolean seconds;
  private final boolean relative;

  public Expire(String name, boolean seconds, boolean relative) {
    this.name = name;
    this.seconds = seconds;
    this.relative = relative;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    int flags = parseFlags(args);
    long when = args.longArg(2);
    if (seconds) {
      if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) throw invalidTime();
      when *= 1000;
    }
    long base = relative ? ctx.now() : 0;
    if (when > Long.MAX_VALUE - base) throw invalidTime();
    when += base;

    Keyspace db = ctx.db();
    byte[] key = args.get(1);
    StoredValue v = db.lookup(key);
    if (v == null) return Reply.ZERO;
    long current = v.expireAt();
    boolean hasTtl = v.hasExpiry();
    if ((flags & NX) != 0 && hasTtl) return Reply.ZERO;
    if ((flags & XX) != 0 && !hasTtl) return Reply.ZERO;
    if ((flags & GT) != 0 && (!hasTtl || when <= current)) return Reply.ZERO;
    if ((flags & LT) != 0 && hasTtl && when >= current) return Reply.ZERO;

    if (when <= ctx.now() && ctx.node().deletesExpiredKeys()) {
      db.delete(key);
      ctx.propagate(Ctx.bytes("DEL"), key);
      return Reply.ONE;
    }
    db.put(key, v.withExpireAt(when));
    byte[][] effect = args.raw().clone();
    effect[0] = Ctx.bytes("PEXPIREAT");
    effect[2] = Ctx.bytes(Long.toString(when));
    ctx.propagate(effect);
    return Reply.ONE;
  }

  private RedisException invalidTime() {
    return new RedisException(Errors.invalidExpire(name));
  }

  private static int parseFlags(Args args) {
    int flags = 0;
    for (int i = 3; i < args.size(); i++) {
      if (args.is(i, "NX")) flags |= NX;
      else if (args.is(i, "XX")) flags |= XX;
      else if (args.is(i, "GT")) flags |= GT;
      else if (args.is(i, "LT")) flags |= LT;
      else throw new RedisException(Errors.unsupportedOption(args.str(i)));
    }
    if ((flags & NX) != 0 && (flags & (XX | GT | LT)) != 0) {
      throw new RedisException(Errors.EXPIRE_NX_CONFLICT);
    }
    if ((flags & GT) != 0 && (flags & LT) != 0) {
      throw new RedisException(Errors.EXPIRE_GT_LT_CONFLICT);
    }
    return flags;
  }
}
