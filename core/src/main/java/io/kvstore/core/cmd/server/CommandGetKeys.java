package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * COMMAND GETKEYS command [arg ...]: the key arguments of a full command line, found from the
 * command's first/last/step key positions, with Redis's errors for an unknown command, one
 * without keys and a wrong argument count.
 */
public final class CommandGetKeys implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    Args target = args.slice(2);
    CommandSpec spec = ctx.node().commands().lookup(target.get(0));
    if (spec != null && spec.isContainer() && target.size() >= 2) {
      spec = spec.subcommands().get(target.str(1).toLowerCase(Locale.ROOT));
    }
    if (spec == null) return Reply.error(Errors.GETKEYS_INVALID_COMMAND);
    if (spec.firstKey() <= 0) return Reply.error(Errors.GETKEYS_NO_KEYS);
    int argc = target.size();
    if ((spec.arity() > 0 && spec.arity() != argc) || argc < -spec.arity()) {
      return Reply.error(Errors.GETKEYS_BAD_ARITY);
    }
    int last = spec.lastKey() < 0 ? argc + spec.lastKey() : spec.lastKey();
    int step = Math.max(1, spec.keyStep());
    List<Reply> keys = new ArrayList<>();
    for (int i = spec.firstKey(); i <= last && i < argc; i += step) keys.add(Reply.bulk(target.get(i)));
    if (keys.isEmpty()) return Reply.error(Errors.GETKEYS_INVALID_ARGS);
    return Reply.array(keys);
  }
}
