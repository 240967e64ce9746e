package io.kvstore.raft;

import io.kvstore.core.reply.Reply;
import java.util.stream.Collectors;

/** Compact reply text for assertions: OK, "v", (nil), 3, ERR ..., [a, b]. */
final class Text {
  private Text() {}

  static String of(Reply r) {
    if (r instanceof Reply.Simple s) return s.text();
    if (r instanceof Reply.Error e) return e.text();
    if (r instanceof Reply.Int i) return Long.toString(i.value());
    if (r instanceof Reply.Bulk b) return "\"" + b.utf8() + "\"";
    if (r instanceof Reply.NullBulk || r instanceof Reply.NullArray) return "(nil)";
    if (r instanceof Reply.Array a) return a.items().stream().map(Text::of).collect(Collectors.joining(", ", "[", "]"));
    if (r instanceof Reply.Verbatim v) return v.text();
    return String.valueOf(r);
  }
}
