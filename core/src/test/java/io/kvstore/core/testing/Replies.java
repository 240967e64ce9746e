package io.kvstore.core.testing;

import io.kvstore.core.reply.Reply;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/** Compact text for replies in assertions: {@code +OK}, {@code -ERR ...}, {@code :1}, {@code "v"}, {@code (nil)}, {@code [a, b]}. */
public final class Replies {
  private Replies() {}

  public static String text(Reply r) {
    if (r instanceof Reply.Simple s) return "+" + s.text();
    if (r instanceof Reply.Error e) return "-" + e.text();
    if (r instanceof Reply.Int i) return ":" + i.value();
    if (r instanceof Reply.Bulk b) return "\"" + new String(b.value(), StandardCharsets.UTF_8) + "\"";
    if (r instanceof Reply.NullBulk) return "(nil)";
    if (r instanceof Reply.NullArray) return "(nil-array)";
    if (r instanceof Reply.Array a) return join(a.items(), "[", "]");
    if (r instanceof Reply.MapReply m) return join(m.keyValues(), "{", "}");
    if (r instanceof Reply.SetReply s) return join(s.items(), "~[", "]");
    if (r instanceof Reply.Push p) return join(p.items(), ">[", "]");
    if (r instanceof Reply.DoubleReply d) return "," + d.value();
    if (r instanceof Reply.Bool b) return "#" + b.value();
    if (r instanceof Reply.Verbatim v) return "=" + v.text();
    return "(none)";
  }

  private static String join(java.util.List<Reply> items, String open, String close) {
    return items.stream().map(Replies::text).collect(Collectors.joining(", ", open, close));
  }
}
