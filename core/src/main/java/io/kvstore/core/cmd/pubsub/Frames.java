package io.kvstore.core.cmd.pubsub;

import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import java.util.List;

/**
 * Emits the confirmation frames of one (un)subscribe command: every frame but the last is
 * pushed, the last is the command's reply (see package docs for why).
 */
final class Frames {
  private final Ctx ctx;
  private Reply last;

  Frames(Ctx ctx) {
    this.ctx = ctx;
  }

  /** Adds {@code [kind, name-or-nil, count]}. */
  void add(String kind, byte[] name, int count) {
    if (last != null) ctx.push(last);
    last = new Reply.Push(List.of(Reply.bulk(kind), Reply.bulk(name), Reply.integer(count)));
  }

  boolean isEmpty() {
    return last == null;
  }

  Reply reply() {
    return last == null ? Reply.NONE : last;
  }
}
