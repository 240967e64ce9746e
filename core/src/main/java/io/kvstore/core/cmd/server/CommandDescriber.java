package io.kvstore.core.cmd.server;

import io.kvstore.core.command.CommandFlag;
import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.command.CommandTable;
import io.kvstore.core.reply.Reply;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns command-table rows into Redis 7.0's COMMAND INFO and COMMAND DOCS replies.
 *
 * <p>ACL categories follow Redis's rules: the categories a command declares (its group's, with
 * the exceptions Redis makes: containers, server and pub/sub commands declare none; a few
 * commands add @dangerous, @admin or @connection) plus those implied by its flags (@write,
 * @read, @admin+@dangerous, @pubsub, @fast, @blocking, and @slow when not @fast). A key spec is
 * derived from the row's first/last/step positions.
 */
final class CommandDescriber {
  private CommandDescriber() {}

  /** Redis's ACL category order. */
  private static final List<String> CATEGORY_ORDER = List.of("keyspace", "read", "write", "set",
      "sortedset", "list", "hash", "string", "bitmap", "hyperloglog", "geo", "stream", "pubsub",
      "admin", "fast", "slow", "blocking", "dangerous", "connection", "transaction", "scripting");

  /** Commands whose declared categories differ from their group's (Redis 7.0 command table). */
  private static final Map<String, String> DECLARED = Map.ofEntries(
      Map.entry("asking", "connection"), Map.entry("readonly", "connection"),
      Map.entry("readwrite", "connection"), Map.entry("wait", "connection"),
      Map.entry("keys", "keyspace dangerous"), Map.entry("migrate", "keyspace dangerous"),
      Map.entry("restore", "keyspace dangerous"), Map.entry("restore-asking", "keyspace dangerous"),
      Map.entry("flushall", "keyspace dangerous"), Map.entry("flushdb", "keyspace dangerous"),
      Map.entry("swapdb", "keyspace dangerous"), Map.entry("dbsize", "keyspace"),
      Map.entry("sort", "set sortedset list dangerous"),
      Map.entry("sort_ro", "set sortedset list dangerous"),
      Map.entry("info", "dangerous"), Map.entry("lastsave", "admin dangerous"),
      Map.entry("role", "admin dangerous"), Map.entry("command", "connection"));

  private static final Map<String, String> GROUP_CATEGORY = Map.ofEntries(
      Map.entry("generic", "keyspace"), Map.entry("string", "string"), Map.entry("list", "list"),
      Map.entry("set", "set"), Map.entry("sorted-set", "sortedset"), Map.entry("hash", "hash"),
      Map.entry("transactions", "transaction"), Map.entry("connection", "connection"),
      Map.entry("scripting", "scripting"), Map.entry("hyperloglog", "hyperloglog"),
      Map.entry("geo", "geo"), Map.entry("stream", "stream"), Map.entry("bitmap", "bitmap"));

  /** Looks up "name" or "container|sub" like Redis's lookupCommandBySds; null when unknown. */
  static CommandSpec lookup(CommandTable table, String name) {
    String[] parts = name.toLowerCase(Locale.ROOT).split("\\|", -1);
    if (parts.length > 2) return null;
    CommandSpec base = table.lookup(parts[0]);
    if (base == null || parts.length == 1) return base;
    return base.isContainer() ? base.subcommands().get(parts[1]) : null;
  }

  static Set<String> categories(CommandSpec spec) {
    Set<String> cats = new LinkedHashSet<>();
    String base = spec.name().contains("|") ? spec.name().substring(0, spec.name().indexOf('|')) : null;
    String declared = DECLARED.get(spec.name());
    if (declared == null && "command".equals(base)) declared = "connection";
    if (declared != null) {
      for (String c : declared.split(" ")) cats.add(c);
    } else if (!spec.isContainer() && GROUP_CATEGORY.containsKey(spec.group())) {
      cats.add(GROUP_CATEGORY.get(spec.group()));
    }
    if (spec.has(CommandFlag.WRITE)) cats.add("write");
    if (spec.has(CommandFlag.READONLY) && !cats.contains("scripting")) cats.add("read");
    if (spec.has(CommandFlag.ADMIN)) {
      cats.add("admin");
      cats.add("dangerous");
    }
    if (spec.has(CommandFlag.PUBSUB)) cats.add("pubsub");
    if (spec.has(CommandFlag.FAST)) cats.add("fast");
    if (spec.has(CommandFlag.BLOCKING)) cats.add("blocking");
    if (!cats.contains("fast")) cats.add("slow");
    Set<String> ordered = new LinkedHashSet<>();
    for (String c : CATEGORY_ORDER) if (cats.contains(c)) ordered.add(c);
    return ordered;
  }

  /** The 10-element COMMAND INFO entry. */
  static Reply info(CommandSpec spec) {
    List<Reply> flags = new ArrayList<>();
    for (CommandFlag f : CommandFlag.values()) {
      if (spec.has(f) && f.wireName() != null && f != CommandFlag.MAY_REPLICATE) {
        flags.add(Reply.simple(f.wireName()));
      }
    }
    List<Reply> cats = new ArrayList<>();
    for (String c : categories(spec)) cats.add(Reply.simple("@" + c));
    Reply subs;
    if (spec.isContainer()) {
      List<Reply> items = new ArrayList<>();
      for (CommandSpec sub : sortedSubs(spec)) items.add(info(sub));
      subs = Reply.array(items);
    } else {
      subs = new Reply.SetReply(List.of());
    }
    return Reply.array(
        Reply.bulk(spec.name()),
        Reply.integer(spec.arity()),
        new Reply.SetReply(flags),
        Reply.integer(spec.firstKey()),
        Reply.integer(spec.lastKey()),
        Reply.integer(spec.keyStep()),
        new Reply.SetReply(cats),
        new Reply.SetReply(List.of()),
        keySpecs(spec),
        subs);
  }

  private static Reply keySpecs(CommandSpec spec) {
    if (spec.firstKey() <= 0) return new Reply.SetReply(List.of());
    List<Reply> flags = spec.has(CommandFlag.WRITE)
        ? List.of(Reply.simple("RW"), Reply.simple("update"))
        : List.of(Reply.simple("RO"), Reply.simple("access"));
    long lastKey = spec.lastKey() < 0 ? spec.lastKey() : spec.lastKey() - spec.firstKey();
    Reply begin = map("type", Reply.bulk("index"), "spec", map("index", Reply.integer(spec.firstKey())));
    Reply find = map("type", Reply.bulk("range"), "spec", map(
        "lastkey", Reply.integer(lastKey), "keystep", Reply.integer(spec.keyStep()),
        "limit", Reply.ZERO));
    return new Reply.SetReply(List.of(
        map("flags", new Reply.SetReply(flags), "begin_search", begin, "find_keys", find)));
  }

  /** The COMMAND DOCS map of one command: summary, since, group, and its subcommands' docs. */
  static Reply docs(CommandSpec spec) {
    List<Reply> kv = new ArrayList<>();
    kv.add(Reply.bulk("summary"));
    kv.add(Reply.bulk(spec.summary()));
    kv.add(Reply.bulk("since"));
    kv.add(Reply.bulk(spec.since()));
    kv.add(Reply.bulk("group"));
    kv.add(Reply.bulk(spec.group()));
    if (spec.isContainer()) {
      List<Reply> subs = new ArrayList<>();
      for (CommandSpec sub : sortedSubs(spec)) {
        subs.add(Reply.bulk(sub.name()));
        subs.add(docs(sub));
      }
      kv.add(Reply.bulk("subcommands"));
      kv.add(new Reply.MapReply(subs));
    }
    return new Reply.MapReply(kv);
  }

  static List<CommandSpec> sortedSubs(CommandSpec spec) {
    List<CommandSpec> subs = new ArrayList<>(spec.subcommands().values());
    subs.sort((a, b) -> a.name().compareTo(b.name()));
    return subs;
  }

  private static Reply map(Object... kv) {
    List<Reply> items = new ArrayList<>(kv.length);
    for (int i = 0; i < kv.length; i += 2) {
      items.add(Reply.bulk((String) kv[i]));
      items.add((Reply) kv[i + 1]);
    }
    return new Reply.MapReply(items);
  }
}
