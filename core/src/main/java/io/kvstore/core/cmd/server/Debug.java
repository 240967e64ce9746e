package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;

/**
 * DEBUG SLEEP seconds | HELP. Like Redis 7.0, DEBUG is refused unless
 * {@code enable-debug-command} is {@code yes}, or {@code local} and the client is on loopback.
 * SLEEP blocks the engine thread, so the whole node stops answering, as Redis does.
 */
public final class Debug implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    if (!allowed(ctx)) return Reply.error(Errors.DEBUG_NOT_ALLOWED);
    if (args.size() == 2 && args.is(1, "help")) {
      return Help.reply(args,
          "SLEEP <seconds>",
          "    Stop the server for <seconds>. Decimals allowed.");
    }
    if (args.size() == 3 && args.is(1, "sleep")) {
      long micros = (long) (strtod(args.str(2)) * 1_000_000);
      if (micros > 0) {
        try {
          Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return Reply.OK;
    }
    return Reply.error(Errors.subcommandSyntax(args.str(1), args.str(0)));
  }

  private static boolean allowed(Ctx ctx) {
    String mode = ctx.node().config().get("enable-debug-command");
    if (mode.equals("yes")) return true;
    return mode.equals("local") && ClientLines.isLocal(ctx.session());
  }

  /** C strtod: the longest numeric prefix, 0 when there is none. */
  static double strtod(String s) {
    String t = s.stripLeading();
    for (int end = t.length(); end > 0; end--) {
      try {
        return Double.parseDouble(t.substring(0, end).replaceAll("[dDfF]$", "x"));
      } catch (NumberFormatException e) {
        // shorter prefix
      }
    }
    return 0;
  }
}
