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
 */
public final class Config {
  private final Map<String, ConfigParam> params = new LinkedHashMap<>();
  private final Map<String, ConfigParam> byAlias = new HashMap<>();
  private final Map<String, String> values = new ConcurrentHashMap<>();
  private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
  private volatile java.nio.file.Path sourceFile;

  public Config() {
    StandardParams.registerAll(this);
  }

  public Config register(ConfigParam p) {
    params.put(p.name(), p);
    byAlias.put(p.name(), p);
    for (String a : p.aliases()) byAlias.put(a, p);
    values.put(p.name(), p.defaultValue());
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
    ConfigParam p = param(name);
    if (p == null) throw new IllegalArgumentException("unknown config " + name);
    return values.get(p.name());
  }

  public long getLong(String name) {
    return Long.parseLong(get(name));
  }

  public int getInt(String name) {
    return Math.toIntExact(getLong(name));
  }

  public boolean getBool(String name) {
    return "yes".equals(get(name));
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
    String old = values.put(p.name(), v);
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
    for (String n : params.keySet()) out.put(n, values.get(n));
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
}
