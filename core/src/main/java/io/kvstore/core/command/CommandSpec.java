package io.kvstore.core.command;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One row of the command table: what COMMAND INFO reports and what the engine's gates read.
 *
 * <p>{@code arity} follows Redis: positive = exact argc, negative = at least -arity. Key positions
 * are 1-based argv indexes ({@code lastKey} -1 = last argument, 0 = no keys). A container command
 * (CONFIG, CLIENT, ...) has {@code subcommands} and no implementation of its own.
 */
public record CommandSpec(
    String name,
    int arity,
    Set<CommandFlag> flags,
    int firstKey,
    int lastKey,
    int keyStep,
    String group,
    String summary,
    String since,
    Command impl,
    Map<String, CommandSpec> subcommands) {

  public boolean has(CommandFlag f) {
    return flags.contains(f);
  }

  public boolean isContainer() {
    return !subcommands.isEmpty();
  }

  public static Builder builder(String name, int arity, Command impl) {
    return new Builder(name, arity, impl);
  }

  /** Fluent construction so each command's registration reads as one line of the table. */
  public static final class Builder {
    private final String name;
    private final int arity;
    private final Command impl;
    private final EnumSet<CommandFlag> flags = EnumSet.noneOf(CommandFlag.class);
    private int firstKey;
    private int lastKey;
    private int step;
    private String group = "generic";
    private String summary = "";
    private String since = "1.0.0";
    private final Map<String, CommandSpec> subs = new LinkedHashMap<>();

    private Builder(String name, int arity, Command impl) {
      this.name = name.toLowerCase(Locale.ROOT);
      this.arity = arity;
      this.impl = impl;
    }

    public Builder flags(CommandFlag... fs) {
      for (CommandFlag f : fs) flags.add(f);
      return this;
    }

    public Builder keys(int first, int last, int step) {
      this.firstKey = first;
      this.lastKey = last;
      this.step = step;
      return this;
    }

    public Builder group(String g) {
      this.group = g;
      return this;
    }

    public Builder summary(String s) {
      this.summary = s;
      return this;
    }

    public Builder since(String s) {
      this.since = s;
      return this;
    }

    /** Adds a subcommand named {@code container|sub}, found by the part after the bar. */
    public Builder sub(CommandSpec spec) {
      subs.put(spec.name().substring(spec.name().indexOf('|') + 1), spec);
      return this;
    }

    public CommandSpec build() {
      return new CommandSpec(name, arity, Set.copyOf(flags.isEmpty() ? EnumSet.noneOf(CommandFlag.class) : flags),
          firstKey, lastKey, step, group, summary, since, impl, Map.copyOf(subs));
    }
  }
}
