package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.config.Config;
import io.kvstore.core.config.ConfigParam;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.util.Glob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CONFIG GET pattern [pattern ...]: a map of parameter names to values. A plain name (no
 * {@code * ? [}) is looked up directly, by name or alias, and answered under the name as given;
 * a glob is matched case-insensitively against every name and alias, and a parameter already
 * answered under its canonical name is not repeated (Redis 7.0's rules).
 */
public final class ConfigGet implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    Config config = ctx.node().config();
    Map<String, String> matches = new LinkedHashMap<>();
    for (int i = 2; i < args.size(); i++) {
      String pattern = args.str(i);
      if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0 && pattern.indexOf('[') < 0) {
        if (matches.containsKey(pattern)) continue;
        ConfigParam p = config.param(pattern);
        if (p != null) matches.put(pattern, config.get(p.name()));
        continue;
      }
      for (ConfigParam p : config.params()) {
        List<String> keys = new ArrayList<>(p.aliases());
        keys.add(p.name());
        for (String key : keys) {
          if (matches.containsKey(p.name())) break;
          if (Glob.matches(pattern, key)) matches.put(key, config.get(p.name()));
        }
      }
    }
    List<Reply> kv = new ArrayList<>(matches.size() * 2);
    for (Map.Entry<String, String> e : matches.entrySet()) {
      kv.add(Reply.bulk(e.getKey()));
      kv.add(Reply.bulk(e.getValue()));
    }
    return new Reply.MapReply(kv);
  }
}
