package io.kvstore.core.command;

import io.kvstore.core.reply.Reply;

/** One command's logic: parse {@code args}, act on the context's keyspace, return a reply. */
@FunctionalInterface
public interface Command {
  Reply execute(Ctx ctx, Args args);
}
