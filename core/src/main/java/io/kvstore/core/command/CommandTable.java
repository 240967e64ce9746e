package io.kvstore.core.command;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one declarative command table: lookup by name, case-insensitive. */
public final class CommandTable {
  private final Map<String, CommandSpec> byName = new HashMap<>();
  private final Map<String, CommandSpec> ordered = new LinkedHashMap<>();

  public CommandTable register(CommandSpec spec) {
    if (byName.putIfAbsent(spec.name(), spec) != null) {
      throw new IllegalStateException("duplicate command " + spec.name());
    }
    ordered.put(spec.name(), spec);
    return this;
  }

  /** Looks up argv[0]; null when unknown. */
  public CommandSpec lookup(byte[] name) {
    return byName.get(lower(name));
  }

  public CommandSpec lookup(String name) {
    return byName.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  public Collection<CommandSpec> all() {
    return Collections.unmodifiableCollection(ordered.values());
  }

  public int size() {
    return ordered.size();
  }

  static String lower(byte[] b) {
    char[] c = new char[b.length];
    for (int i = 0; i < b.length; i++) {
      int x = b[i] & 0xff;
      if (x >= 'A' && x <= 'Z') x += 32;
      c[i] = (char) x;
    }
    return new String(c);
  }
}
