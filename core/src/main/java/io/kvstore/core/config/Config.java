package io.kvstore.core.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The node's live configuration: a registry of {@link ConfigParam}s and their current values.
 * Values are read from any thread; changes go through {@link #set} which validates and notifies
 * listeners (e.g. appendfsync reconfigures the store's sync policy).
 *
 * <p>Reads are on hot paths (the protocol parser asks for {@code proto-max-bulk-len} per bulk
 * header), so each parameter's current value is kept with its integer form parsed once, when it
 * is set: {@link #getLong} is a map lookup and a field read, with no parsing and, for names
 * already in canonical lower case, no case folding.
 */
public final class Config {
  private final Map<String, ConfigParam> params = new LinkedHashMap<>();
  private final Map<String, ConfigParam> byAlias = new HashMap<>();
  /** Canonical names and aliases, exactly as registered (lower case), to each value holder. */
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();
  private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
  private volatile java.nio.file.Path sourceFile;

  public Config() {
    StandardParams.registerAll(this);
  }

  public Config register(ConfigParam p) {
    params.put(p.name(), p);
    byAlias.put(p.name(), p);
    for (String a : p.aliases()) byAlias.put(a, p);
    Slot slot = new Slot(p.defaultValue());
    slots.put(p.name(), slot);
    for (String a : p.aliases()) slots.put(a, slot);
    return this;
  }

  /** The parameter for a name or alias (case-insensitive), or null. */
  public ConfigParam param(String name) {
    return byAlias.get(name.toLowerCase(Locale.ROOT));
  }

  public Collection<ConfigParam> params() {
    return params.values();
  }

  public String get(String name) {
    return value(name).raw();
  }

  public long getLong(String name) {
    Value v = value(name);
    if (!v.numeric()) return Long.parseLong(v.raw()); // throws as before for non-numbers
    return v.number();
  }

  public int getInt(String name) {
    return Math.toIntExact(getLong(name));
  }

  public boolean getBool(String name) {
    return value(name).yes();
  }

  private Value value(String name) {
    Slot s = slots.get(name);
    if (s == null) {
      s = slots.get(name.toLowerCase(Locale.ROOT));
      if (s == null) throw new IllegalArgumentException("unknown config " + name);
    }
    return s.value;
  }

  /**
   * Validates and sets; throws {@link IllegalArgumentException} with Redis's reason text.
   * {@code fromFile} allows immutable parameters (startup).
   */
  public void set(String name, String raw, boolean fromFile) {
    ConfigParam p = param(name);
    if (p == null) throw new IllegalArgumentException("Bad directive or wrong number of arguments");
    if (!fromFile && !p.mutable()) throw new IllegalArgumentException("can't set immutable config");
    String v = p.normalize(raw);
    Slot slot = slots.get(p.name());
    String old;
    synchronized (slot) {
      old = slot.value.raw();
      slot.value = Value.of(v);
    }
    if (!v.equals(old)) {
      for (Consumer<String> l : listeners.getOrDefault(p.name(), List.of())) l.accept(v);
    }
  }

  public void onChange(String name, Consumer<String> listener) {
    ConfigParam p = param(name);
    if (p == null) throw new IllegalArgumentException("unknown config " + name);
    listeners.computeIfAbsent(p.name(), k -> new CopyOnWriteArrayList<>()).add(listener);
  }

  /** Current values of every parameter, by canonical name, in registration order. */
  public Map<String, String> snapshot() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String n : params.keySet()) out.put(n, slots.get(n).value.raw());
    return out;
  }

  /** The configuration file this config was loaded from (CONFIG REWRITE target), or null. */
  public java.nio.file.Path sourceFile() {
    return sourceFile;
  }

  public void setSourceFile(java.nio.file.Path file) {
    this.sourceFile = file;
  }

  public List<String> names() {
    return new ArrayList<>(params.keySet());
  }

  /** One parameter's current value (shared by its name and aliases). */
  private static final class Slot {
    volatile Value value;

    Slot(String raw) {
      value = Value.of(raw);
    }
  }

  /** A value with its integer form (when it has one) and boolean form, computed once. */
  private record Value(String raw, long number, boolean numeric, boolean yes) {
    static Value of(String raw) {
      if (looksNumeric(raw)) {
        try {
          return new Value(raw, Long.parseLong(raw), true, false);
        } catch (NumberFormatException e) {
          // too long or out of range: not a number after all
        }
      }
      return new Value(raw, 0, false, "yes".equals(raw));
    }

    private static boolean looksNumeric(String s) {
      if (s.isEmpty()) return false;
      char c = s.charAt(0);
      return (c >= '0' && c <= '9') || ((c == '-' || c == '+') && s.length() > 1);
    }
  }
}
