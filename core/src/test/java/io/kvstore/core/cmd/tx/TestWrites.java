package io.kvstore.core.cmd.tx;

import io.kvstore.core.command.CommandFlag;
import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.StoredValue;
import io.kvstore.core.testing.TestNode;

/**
 * Tiny test-only write/read commands (TSET key value [ttl-ms], TGET key) so transaction tests
 * do not depend on the string family: TSET stores a string and propagates {@code SET k v} or
 * {@code SET k v PXAT t}.
 */
final class TestWrites {
  private TestWrites() {}

  static TestNode install(TestNode t) {
    t.node.commands().register(CommandSpec.builder("tset", -3, (ctx, args) -> {
      long expireAt = StoredValue.NO_EXPIRY;
      if (args.size() == 4) expireAt = ctx.now() + args.longArg(3);
      ctx.db().put(args.get(1), StoredValue.string(args.get(2), expireAt));
      if (expireAt == StoredValue.NO_EXPIRY) {
        ctx.propagate(Ctx.bytes("SET"), args.get(1), args.get(2));
      } else {
        ctx.propagate(Ctx.bytes("SET"), args.get(1), args.get(2), Ctx.bytes("PXAT"),
            Ctx.bytes(Long.toString(expireAt)));
      }
      return Reply.OK;
    }).flags(CommandFlag.WRITE).keys(1, 1, 1).build());
    t.node.commands().register(CommandSpec.builder("tget", 2,
        (ctx, args) -> Reply.bulk(ctx.db().readString(args.get(1))))
        .flags(CommandFlag.READONLY).keys(1, 1, 1).build());
    return t;
  }
}
