package io.kvstore.sentinel.cmd;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.sentinel.InstanceView;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * INFO on a sentinel: only the server, clients, cpu, stats and sentinel sections exist (the
 * default and "all" give all of them); the first four are the core's, with
 * {@code redis_mode:sentinel}, the last one lists the monitored masters.
 */
final class SentinelInfo implements Command {
  private static final List<String> CORE_SECTIONS = List.of("server", "clients", "stats", "cpu");

  private final SentinelContext sc;
  private final Command core = new io.kvstore.core.cmd.server.Info();

  SentinelInfo(SentinelContext sc) {
    this.sc = sc;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    Set<String> wanted = new LinkedHashSet<>();
    boolean sentinel = false;
    if (args.size() == 1) {
      wanted.addAll(CORE_SECTIONS);
      sentinel = true;
    }
    for (int i = 1; i < args.size(); i++) {
      String s = args.str(i).toLowerCase(Locale.ROOT);
      if (s.equals("all") || s.equals("everything") || s.equals("default")) {
        wanted.addAll(CORE_SECTIONS);
        sentinel = true;
      } else if (CORE_SECTIONS.contains(s)) {
        wanted.add(s);
      } else if (s.equals("sentinel")) {
        sentinel = true;
      }
    }
    StringBuilder out = new StringBuilder();
    if (!wanted.isEmpty()) {
      String[] words = new String[wanted.size() + 1];
      words[0] = "INFO";
      int i = 1;
      for (String w : wanted) words[i++] = w;
      Reply r = core.execute(ctx, Args.of(words));
      String text = r instanceof Reply.Verbatim v ? v.text()
          : r instanceof Reply.Bulk b ? b.utf8() : "";
      out.append(text.replace("redis_mode:standalone", "redis_mode:sentinel"));
    }
    if (sentinel) {
      if (out.length() > 0) out.append("\r\n");
      out.append("# Sentinel\r\n");
      for (Map.Entry<String, String> e : InstanceView.infoSection(sc.state()).entrySet()) {
        out.append(e.getKey()).append(':').append(e.getValue()).append("\r\n");
      }
    }
    return new Reply.Verbatim("txt", out.toString());
  }
}
