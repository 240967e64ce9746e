package io.kvstore.core.replication;

import java.util.List;

/** Output lines of one block. */
final class ScriptOut {
  private final StringBuilder sb = new StringBuilder();

  void add(String line) {
    sb.append(line).append('\n');
  }

  boolean isEmpty() {
    return sb.length() == 0;
  }

  void ids(SimNode n) {
    ReplicationIds ids = n.log.ids();
    Backlog b = n.log.backlog();
    add(n.name + ": replid=" + ids.replid() + " offset=" + ids.masterReplOffset());
    add(n.name + ": replid2=" + ids.replid2() + " second=" + ids.secondReplOffset());
    add(n.name + ": backlog=" + (b == null ? "none" : "[" + b.firstByteOffset() + ", +" + b.histlen() + "]"));
  }

  /** Stream bytes, one RESP command per line. */
  void stream(byte[] bytes) {
    List<byte[]> cmds;
    try {
      cmds = Wire.commands(bytes);
    } catch (IllegalArgumentException e) {
      cmds = List.of();
    }
    if (cmds.stream().mapToInt(c -> c.length).sum() != bytes.length) {
      add("  " + shortEscape(bytes)); // not on a command boundary: shown raw
      return;
    }
    for (byte[] c : cmds) add("  " + shortEscape(c));
  }

  private static String shortEscape(byte[] c) {
    String e = Wire.escape(c);
    return e.length() <= 200 ? e : e.substring(0, 60) + "...(" + c.length + " bytes)";
  }

  void sendLines(byte[] bytes) {
    if (bytes.length > 0 && bytes[0] == '*') {
      for (byte[] c : Wire.commands(bytes)) add("send: " + Wire.escape(c));
    } else {
      add("send: " + Wire.escape(bytes));
    }
  }

  String text() {
    return sb.length() == 0 ? "ok\n" : sb.toString();
  }
}
