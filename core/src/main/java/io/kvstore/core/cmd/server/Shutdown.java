package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;

/**
 * SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]. Without NOSAVE the node saves when SAVE is
 * given, save points are configured or the append-only log is on, as Redis decides. On success
 * there is no reply: the lifecycle stops the node and this connection is closed. kvstore never
 * waits for replicas before stopping, so there is never a shutdown in progress to ABORT.
 */
public final class Shutdown implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    boolean nosave = false;
    boolean save = false;
    boolean flags = false;
    boolean abort = false;
    for (int i = 1; i < args.size(); i++) {
      if (args.is(i, "nosave")) {
        nosave = true;
        flags = true;
      } else if (args.is(i, "save")) {
        save = true;
        flags = true;
      } else if (args.is(i, "now") || args.is(i, "force")) {
        flags = true;
      } else if (args.is(i, "abort")) {
        abort = true;
      } else {
        return Reply.error(Errors.SYNTAX);
      }
    }
    if ((abort && flags) || (nosave && save)) return Reply.error(Errors.SYNTAX);
    if (abort) return Reply.error(Errors.NO_SHUTDOWN_IN_PROGRESS);
    boolean doSave = !nosave && (save || !ctx.node().config().get("save").isEmpty()
        || ctx.node().config().getBool("appendonly"));
    ctx.node().lifecycle().shutdown(doSave);
    ctx.session().setCloseAfterReply();
    ctx.node().deliver(ctx.session(), Reply.NONE);
    return Reply.NONE;
  }
}
