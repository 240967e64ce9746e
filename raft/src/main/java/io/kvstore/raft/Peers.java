package io.kvstore.raft;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code raft-peers} list: {@code id=host:port,id=host:port,...}, where host:port is each
 * node's Raft (Ratis gRPC) address. Order is kept; ids and addresses must be unique.
 */
public final class Peers {
  private Peers() {}

  /** Parses the list; an empty string gives an empty map. */
  public static Map<String, String> parse(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null || text.isBlank()) return out;
    for (String part : text.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) continue;
      int eq = p.indexOf('=');
      if (eq <= 0 || eq == p.length() - 1) {
        throw new IllegalArgumentException("raft-peers entry '" + p + "' is not id=host:port");
      }
      String id = p.substring(0, eq).trim();
      String address = p.substring(eq + 1).trim();
      checkId(id);
      checkAddress(address);
      if (out.containsKey(id)) throw new IllegalArgumentException("raft-peers lists '" + id + "' twice");
      if (out.containsValue(address)) {
        throw new IllegalArgumentException("raft-peers lists address " + address + " twice");
      }
      out.put(id, address);
    }
    return Collections.unmodifiableMap(out);
  }

  /** A node id: letters, digits, '-', '_' and '.', at most 64 characters. */
  public static void checkId(String id) {
    if (id.isEmpty() || id.length() > 64 || !id.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("invalid raft node id '" + id + "'");
    }
  }

  /** host:port with a port in 1..65535. */
  public static void checkAddress(String address) {
    int colon = address.lastIndexOf(':');
    if (colon <= 0) throw new IllegalArgumentException("invalid raft address '" + address + "' (host:port)");
    try {
      int port = Integer.parseInt(address.substring(colon + 1));
      if (port < 1 || port > 65535) throw new NumberFormatException();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid port in raft address '" + address + "'");
    }
  }

  public static String host(String address) {
    String h = address.substring(0, address.lastIndexOf(':'));
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }

  public static int port(String address) {
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
  }

  /** Renders a map back to the {@code raft-peers} syntax. */
  public static String format(Map<String, String> peers) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : peers.entrySet()) {
      if (sb.length() > 0) sb.append(',');
      sb.append(e.getKey()).append('=').append(e.getValue());
    }
    return sb.toString();
  }
}
