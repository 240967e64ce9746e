package io.kvstore.core.sentinel;

import io.kvstore.core.reply.Reply;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** A recording {@link SentinelIo}: connections succeed unless refused, commands wait for a scripted reply. */
final class FakeIo implements SentinelIo {
  record Sent(Instance to, LinkKind kind, List<String> argv, Consumer<Reply> onReply) {
    String line() {
      return String.join(" ", argv);
    }
  }

  record Event(EventLevel level, String type, String message) {
    @Override
    public String toString() {
      return type + " " + message;
    }
  }

  final List<Sent> pending = new ArrayList<>();
  final List<Sent> sent = new ArrayList<>();
  final List<Event> events = new ArrayList<>();
  final List<String> logs = new ArrayList<>();
  final Set<String> refused = new HashSet<>();
  int flushes;
  boolean crashed;

  @Override
  public boolean connect(Instance ri, LinkKind kind) {
    return !refused.contains(ri.addr().ip() + ":" + ri.addr().port());
  }

  @Override
  public void close(Instance ri, LinkKind kind) {
    pending.removeIf(s -> s.to == ri && s.kind == kind);
  }

  @Override
  public boolean send(Instance ri, LinkKind kind, List<String> argv, Consumer<Reply> onReply) {
    Sent s = new Sent(ri, kind, List.copyOf(argv), onReply);
    pending.add(s);
    sent.add(s);
    return true;
  }

  @Override
  public String localIp(Instance ri) {
    return "127.0.0.1";
  }

  @Override
  public void event(EventLevel level, String type, String message) {
    events.add(new Event(level, type, message));
  }

  @Override
  public void log(EventLevel level, String message) {
    logs.add(message);
  }

  @Override
  public boolean flushConfig() {
    flushes++;
    return true;
  }

  @Override
  public void simulatedCrash() {
    crashed = true;
  }

  /** Answers every pending command to {@code ri} whose first word is {@code cmd}. */
  int reply(Instance ri, String cmd, Reply r) {
    int n = 0;
    for (Iterator<Sent> it = new ArrayList<>(pending).iterator(); it.hasNext(); ) {
      Sent s = it.next();
      if (s.to == ri && s.argv.get(0).equalsIgnoreCase(cmd)) {
        pending.remove(s);
        s.onReply.accept(r);
        n++;
      }
    }
    return n;
  }

  /** Answers every pending command with its usual success reply (+OK, PONG...) except INFO / SENTINEL. */
  void ackAll(Instance ri) {
    for (Sent s : new ArrayList<>(pending)) {
      if (s.to != ri) continue;
      String c = s.argv.get(0).toUpperCase();
      if (c.equals("INFO") || c.equals("SENTINEL") || c.equals("SUBSCRIBE")) continue;
      pending.remove(s);
      s.onReply.accept(c.equals("PING") ? Reply.PONG : c.equals("PUBLISH") ? Reply.ONE : Reply.OK);
    }
  }

  List<String> eventTypes() {
    List<String> out = new ArrayList<>();
    for (Event e : events) out.add(e.type);
    return out;
  }

  List<String> sentLines(Instance ri) {
    List<String> out = new ArrayList<>();
    for (Sent s : sent) {
      if (s.to == ri) out.add(s.line());
    }
    return out;
  }

  void clear() {
    events.clear();
    sent.clear();
  }
}
