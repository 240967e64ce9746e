package io.kvstore.core.command;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one declarative command table: lookup by name, case-insensitive.
 *
 * <p>Every command's argv[0] is looked up, so {@link #lookup(byte[])} works on the bytes as they
 * arrived: an open-addressing table hashed over ASCII-case-folded bytes, no allocation.
 */
public final class CommandTable {
  private final Map<String, CommandSpec> byName = new HashMap<>();
  private final Map<String, CommandSpec> ordered = new LinkedHashMap<>();
  /** Lower-case names and their specs, open addressing, length a power of two (rebuilt on register). */
  private byte[][] names = new byte[1][];
  private CommandSpec[] specs = new CommandSpec[1];

  public CommandTable register(CommandSpec spec) {
    if (byName.putIfAbsent(spec.name(), spec) != null) {
      throw new IllegalStateException("duplicate command " + spec.name());
    }
    ordered.put(spec.name(), spec);
    rebuild();
    return this;
  }

  /** Looks up argv[0]; null when unknown. */
  public CommandSpec lookup(byte[] name) {
    int mask = specs.length - 1;
    for (int i = foldedHash(name) & mask; ; i = (i + 1) & mask) {
      byte[] n = names[i];
      if (n == null) return null;
      if (foldedEquals(name, n)) return specs[i];
    }
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

  private void rebuild() {
    int cap = Integer.highestOneBit(Math.max(4, byName.size() * 4) - 1) << 1;
    byte[][] n = new byte[cap][];
    CommandSpec[] sp = new CommandSpec[cap];
    for (Map.Entry<String, CommandSpec> e : byName.entrySet()) {
      byte[] key = e.getKey().toLowerCase(java.util.Locale.ROOT)
          .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      int i = foldedHash(key) & (cap - 1);
      while (n[i] != null) i = (i + 1) & (cap - 1);
      n[i] = key;
      sp[i] = e.getValue();
    }
    names = n;
    specs = sp;
  }

  private static int fold(byte b) {
    return b >= 'A' && b <= 'Z' ? b + 32 : b;
  }

  private static int foldedHash(byte[] b) {
    int h = b.length;
    for (byte x : b) h = 31 * h + fold(x);
    return h ^ (h >>> 16);
  }

  /** {@code a} equals the lower-case {@code lowerName} ignoring ASCII case. */
  private static boolean foldedEquals(byte[] a, byte[] lowerName) {
    if (a.length != lowerName.length) return false;
    for (int i = 0; i < a.length; i++) {
      if (fold(a[i]) != lowerName[i]) return false;
    }
    return true;
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
