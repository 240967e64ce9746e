package io.kvstore.core.pubsub;

import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.Bytes;
import io.kvstore.core.util.Glob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Channel and pattern subscriptions. Messages are delivered through {@code deliver}, which the
 * engine wires to its outbox so pushes leave after the batch they were published in commits.
 */
public final class PubSub {
  private final Map<Bytes, Set<ClientSession>> channels = new LinkedHashMap<>();
  private final Map<Bytes, Set<ClientSession>> patterns = new LinkedHashMap<>();
  private final BiConsumer<ClientSession, Reply> deliver;

  public PubSub(BiConsumer<ClientSession, Reply> deliver) {
    this.deliver = deliver;
  }

  /** True when newly subscribed. */
  public boolean subscribe(ClientSession s, Bytes channel) {
    if (!s.channels().add(channel)) return false;
    channels.computeIfAbsent(channel, k -> new LinkedHashSet<>()).add(s);
    return true;
  }

  public boolean unsubscribe(ClientSession s, Bytes channel) {
    if (!s.channels().remove(channel)) return false;
    Set<ClientSession> set = channels.get(channel);
    if (set != null) {
      set.remove(s);
      if (set.isEmpty()) channels.remove(channel);
    }
    return true;
  }

  public boolean psubscribe(ClientSession s, Bytes pattern) {
    if (!s.patterns().add(pattern)) return false;
    patterns.computeIfAbsent(pattern, k -> new LinkedHashSet<>()).add(s);
    return true;
  }

  public boolean punsubscribe(ClientSession s, Bytes pattern) {
    if (!s.patterns().remove(pattern)) return false;
    Set<ClientSession> set = patterns.get(pattern);
    if (set != null) {
      set.remove(s);
      if (set.isEmpty()) patterns.remove(pattern);
    }
    return true;
  }

  /** Drops every subscription of a closing session. */
  public void removeAll(ClientSession s) {
    for (Bytes c : List.copyOf(s.channels())) unsubscribe(s, c);
    for (Bytes p : List.copyOf(s.patterns())) punsubscribe(s, p);
  }

  /** Publishes and returns the number of receivers (channel + pattern matches). */
  public int publish(Bytes channel, byte[] message) {
    int n = 0;
    Set<ClientSession> subs = channels.get(channel);
    if (subs != null) {
      for (ClientSession s : subs) {
        deliver.accept(s, new Reply.Push(List.of(
            Reply.bulk("message"), new Reply.Bulk(channel.bytes()), new Reply.Bulk(message))));
        n++;
      }
    }
    for (Map.Entry<Bytes, Set<ClientSession>> e : patterns.entrySet()) {
      if (!Glob.matches(e.getKey().bytes(), channel.bytes(), false)) continue;
      for (ClientSession s : e.getValue()) {
        deliver.accept(s, new Reply.Push(List.of(Reply.bulk("pmessage"),
            new Reply.Bulk(e.getKey().bytes()), new Reply.Bulk(channel.bytes()),
            new Reply.Bulk(message))));
        n++;
      }
    }
    return n;
  }

  /** Active channels, optionally filtered by a glob (PUBSUB CHANNELS). */
  public List<Bytes> activeChannels(byte[] pattern) {
    List<Bytes> out = new ArrayList<>();
    for (Bytes c : channels.keySet()) {
      if (pattern == null || Glob.matches(pattern, c.bytes(), false)) out.add(c);
    }
    return out;
  }

  public int subscriberCount(Bytes channel) {
    Set<ClientSession> s = channels.get(channel);
    return s == null ? 0 : s.size();
  }

  public int patternCount() {
    return patterns.size();
  }

  public int channelCount() {
    return channels.size();
  }
}
