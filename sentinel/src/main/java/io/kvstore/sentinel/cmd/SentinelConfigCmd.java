package io.kvstore.sentinel.cmd;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.sentinel.SentinelState;
import io.kvstore.core.util.Glob;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SENTINEL CONFIG GET pattern / SET option value: the global options resolve-hostnames,
 * announce-hostnames, announce-ip, announce-port, sentinel-user, sentinel-pass. A SET is saved
 * at once.
 */
final class SentinelConfigCmd implements Command {
  private final SentinelContext sc;

  SentinelConfigCmd(SentinelContext sc) {
    this.sc = sc;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    if (args.is(2, "set") && args.size() == 5) return set(args.str(3), args.str(4));
    if (args.is(2, "get") && args.size() == 4) return get(args.str(3));
    return Reply.error(Errors.SENTINEL_CONFIG_USAGE);
  }

  private Reply get(String pattern) {
    SentinelState st = sc.state();
    Map<String, String> all = new LinkedHashMap<>();
    all.put("resolve-hostnames", st.resolveHostnames() ? "yes" : "no");
    all.put("announce-hostnames", st.announceHostnames() ? "yes" : "no");
    all.put("announce-ip", st.announceIp() == null ? "" : st.announceIp());
    all.put("announce-port", Integer.toString(st.announcePort()));
    all.put("sentinel-user", st.sentinelAuthUser() == null ? "" : st.sentinelAuthUser());
    all.put("sentinel-pass", st.sentinelAuthPass() == null ? "" : st.sentinelAuthPass());
    List<Reply> kv = new ArrayList<>();
    byte[] p = pattern.getBytes(StandardCharsets.UTF_8);
    for (Map.Entry<String, String> e : all.entrySet()) {
      if (!Glob.matches(p, e.getKey().getBytes(StandardCharsets.UTF_8), true)) continue;
      kv.add(Reply.bulk(e.getKey()));
      kv.add(Reply.bulk(e.getValue()));
    }
    return new Reply.MapReply(kv);
  }

  private Reply set(String option, String value) {
    SentinelState st = sc.state();
    boolean dropLinks = false;
    switch (option.toLowerCase(java.util.Locale.ROOT)) {
      case "resolve-hostnames", "announce-hostnames" -> {
        Boolean b = value.equalsIgnoreCase("yes") ? Boolean.TRUE
            : value.equalsIgnoreCase("no") ? Boolean.FALSE : null;
        if (b == null) return Reply.error(Errors.sentinelConfigSetInvalid(value, option));
        if (option.equalsIgnoreCase("resolve-hostnames")) st.setResolveHostnames(b);
        else st.setAnnounceHostnames(b);
      }
      case "announce-ip" -> st.setAnnounceIp(value);
      case "announce-port" -> {
        Long v = Args.tryParseLong(value.getBytes(StandardCharsets.UTF_8));
        if (v == null || v < 0 || v > 65535) {
          return Reply.error(Errors.sentinelConfigSetInvalid(value, option));
        }
        st.setAnnouncePort(v.intValue());
      }
      case "sentinel-user" -> {
        st.setSentinelAuthUser(value);
        dropLinks = true;
      }
      case "sentinel-pass" -> {
        st.setSentinelAuthPass(value);
        dropLinks = true;
      }
      default -> {
        return Reply.error(Errors.sentinelConfigSetUnknown(option));
      }
    }
    Reply r = Replies.flushed(sc);
    if (dropLinks) st.dropSentinelLinks();
    return r;
  }
}
