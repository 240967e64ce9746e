package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.engine.InfoSection;
import io.kvstore.core.engine.Node;
import io.kvstore.core.reply.Reply;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * INFO [section ...]: Redis 7.0's section selection. No argument or {@code default} gives the
 * default sections, {@code all} every built-in one, {@code everything} also the sections modules
 * registered; names are case-insensitive and unknown ones are ignored (an empty answer).
 *
 * <p>Each section is "# Title" and "field:value" lines, CRLF-terminated, sections separated by a
 * blank line, sent as one verbatim "txt" string (a plain bulk string to RESP2 clients). A section registered on the node under a built-in name
 * (the replication module's "replication") replaces the built-in one; other registered sections
 * behave like Redis module sections.
 */
public final class Info implements Command {
  /** Built-in sections in Redis's output order, with their titles. */
  private static final Map<String, String> TITLES = titles();

  private static final List<String> DEFAULTS = List.of("server", "clients", "memory",
      "persistence", "stats", "replication", "cpu", "module_list", "errorstats", "cluster", "keyspace");

  private static final Map<String, InfoSection> BUILTIN = builtins();

  private static Map<String, String> titles() {
    Map<String, String> m = new LinkedHashMap<>();
    String[][] t = {{"server", "Server"}, {"clients", "Clients"}, {"memory", "Memory"},
        {"persistence", "Persistence"}, {"stats", "Stats"}, {"replication", "Replication"},
        {"cpu", "CPU"}, {"modules", "Modules"}, {"commandstats", "Commandstats"},
        {"errorstats", "Errorstats"}, {"latencystats", "Latencystats"}, {"cluster", "Cluster"},
        {"keyspace", "Keyspace"}};
    for (String[] e : t) m.put(e[0], e[1]);
    return Collections.unmodifiableMap(m);
  }

  private static Map<String, InfoSection> builtins() {
    Map<String, InfoSection> m = new HashMap<>();
    add(m, "server", InfoSections::server);
    add(m, "clients", InfoSections::clients);
    add(m, "memory", InfoSections::memory);
    add(m, "persistence", InfoDataSections::persistence);
    add(m, "stats", InfoDataSections::stats);
    add(m, "replication", InfoDataSections::replication);
    add(m, "cpu", InfoSections::cpu);
    add(m, "modules", InfoDataSections::empty);
    add(m, "commandstats", InfoDataSections::empty);
    add(m, "errorstats", InfoDataSections::errorstats);
    add(m, "latencystats", InfoDataSections::empty);
    add(m, "cluster", InfoDataSections::cluster);
    add(m, "keyspace", InfoDataSections::keyspace);
    return Map.copyOf(m);
  }

  private static void add(Map<String, InfoSection> m, String name,
      Function<Node, Map<String, String>> fn) {
    m.put(name, new InfoSections.Builtin(name, fn));
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    Set<String> wanted = new LinkedHashSet<>();
    boolean all = false;
    boolean everything = false;
    if (args.size() == 1) wanted.addAll(DEFAULTS);
    for (int i = 1; i < args.size(); i++) {
      String s = args.str(i).toLowerCase(Locale.ROOT);
      switch (s) {
        case "default" -> wanted.addAll(DEFAULTS);
        case "all" -> all = true;
        case "everything" -> {
          all = true;
          everything = true;
        }
        default -> wanted.add(s);
      }
    }
    return new Reply.Verbatim("txt", render(ctx.node(), wanted, all, everything));
  }

  /** The INFO text for the given selection (also used by tools that want one section). */
  static String render(Node node, Set<String> wanted, boolean all, boolean everything) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : TITLES.entrySet()) {
      String name = e.getKey();
      boolean want = all || wanted.contains(name)
          || (name.equals("modules") && wanted.contains("module_list"));
      if (want) appendSection(out, e.getValue(), section(node, name).fields(node));
    }
    for (InfoSection s : node.infoSections().values()) {
      String name = s.name().toLowerCase(Locale.ROOT);
      if (TITLES.containsKey(name)) continue;
      if (everything || wanted.contains("modules") || wanted.contains(name)) {
        appendSection(out, Character.toUpperCase(name.charAt(0)) + name.substring(1), s.fields(node));
      }
    }
    return out.toString();
  }

  private static InfoSection section(Node node, String name) {
    InfoSection override = node.infoSections().get(name);
    return override != null ? override : BUILTIN.get(name);
  }

  private static void appendSection(StringBuilder out, String title, Map<String, String> fields) {
    if (out.length() > 0) out.append("\r\n");
    out.append("# ").append(title).append("\r\n");
    for (Map.Entry<String, String> f : fields.entrySet()) {
      out.append(f.getKey()).append(':').append(f.getValue()).append("\r\n");
    }
  }
}
