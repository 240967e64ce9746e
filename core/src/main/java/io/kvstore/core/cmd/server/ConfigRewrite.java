package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** CONFIG REWRITE: rewrite the file the node was started from (see {@link ConfigRewriter}). */
public final class ConfigRewrite implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    Path file = ctx.node().config().sourceFile();
    if (file == null) return Reply.error(Errors.NO_CONFIG_FILE);
    try {
      ConfigRewriter.rewrite(ctx.node().config(), file);
      return Reply.OK;
    } catch (IOException e) {
      return Reply.error(Errors.configRewriteFailed(strerror(e)));
    }
  }

  private static String strerror(IOException e) {
    if (e instanceof AccessDeniedException) return "Permission denied";
    if (e instanceof NoSuchFileException) return "No such file or directory";
    return String.valueOf(e.getMessage());
  }
}
