package io.kvstore.core.cmd.string;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.keyspace.Keyspace;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.StoredValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The write path SET, SETNX, SETEX and PSETEX share (Redis's {@code setGenericCommand}) and the
 * words of the rewritten forms they propagate.
 *
 * <p>Order matters and follows Redis: the expiry was validated by the caller, then GET reads the
 * old value (possibly expiring it, which propagates a DEL first), then NX/XX decide. A SET with
 * an expiry propagates as {@code SET k v PXAT <abs ms>} so replicas and replays land on the same
 * instant; a SET ... GET without expiry propagates its argv minus the GET words; anything that
 * did not write propagates nothing.
 */
final class StringWrites {
  static final byte[] SET = Ctx.bytes("SET");
  static final byte[] PXAT = Ctx.bytes("PXAT");
  static final byte[] KEEPTTL = Ctx.bytes("KEEPTTL");
  static final byte[] PEXPIREAT = Ctx.bytes("PEXPIREAT");
  static final byte[] PERSIST = Ctx.bytes("PERSIST");
  static final byte[] DEL = Ctx.bytes("DEL");
  static final byte[] UNLINK = Ctx.bytes("UNLINK");

  private StringWrites() {}

  /**
   * Sets {@code key} to {@code value}. {@code flags} are {@link StringOptions} bits (NX, XX, GET,
   * KEEPTTL); {@code expireAt} is the validated absolute expiry, or {@link StoredValue#NO_EXPIRY}
   * when the command gave none.
   */
  static Reply set(Ctx ctx, Args a, int flags, byte[] key, byte[] value, long expireAt,
      Reply ok, Reply abort) {
    boolean get = (flags & StringOptions.GET) != 0;
    Keyspace db = ctx.db();
    Reply old = get ? Reply.bulk(db.readString(key)) : null;
    StoredValue current = db.lookup(key);
    boolean found = current != null;
    if (((flags & StringOptions.NX) != 0 && found) || ((flags & StringOptions.XX) != 0 && !found)) {
      return get ? old : abort;
    }
    boolean expire = expireAt != StoredValue.NO_EXPIRY;
    long ttl = expire ? expireAt
        : (flags & StringOptions.KEEPTTL) != 0 && found ? current.expireAt() : StoredValue.NO_EXPIRY;
    db.put(key, StoredValue.string(value, ttl));
    if (expire) {
      ctx.propagate(SET, key, value, PXAT, Ctx.bytes(Long.toString(expireAt)));
    } else if (get) {
      ctx.propagate(withoutGet(a));
    } else {
      ctx.propagate(a.raw());
    }
    return get ? old : ok;
  }

  /** The argv minus every GET word after the value, as Redis rewrites SET ... GET. */
  private static byte[][] withoutGet(Args a) {
    List<byte[]> out = new ArrayList<>(a.size());
    for (int j = 0; j < a.size(); j++) {
      if (j >= 3 && a.is(j, "GET")) continue;
      out.add(a.get(j));
    }
    return out.toArray(new byte[0][]);
  }

  /** Whether an absolute expiry already passed deletes the key now (Redis checkAlreadyExpired). */
  static boolean alreadyExpired(Ctx ctx, long when) {
    return when <= ctx.now() && ctx.node().deletesExpiredKeys();
  }

  /** DEL, or UNLINK when the named lazyfree option is on. */
  static byte[] deleteWord(Ctx ctx, String lazyfreeParam) {
    var config = ctx.node().config();
    return config.param(lazyfreeParam) != null && config.getBool(lazyfreeParam) ? UNLINK : DEL;
  }
}
