package io.kvstore.it.sentinel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/** Every event a sentinel publishes (PSUBSCRIBE *), collected in order by a background thread. */
final class Events implements AutoCloseable {
  /** One published event: channel (the event type) and payload. */
  record Event(String type, String payload) {
    @Override
    public String toString() {
      return type + " " + payload;
    }
  }

  private final List<Event> events = new ArrayList<>();
  private final JedisPubSub sub = new JedisPubSub() {
    @Override
    public void onPMessage(String pattern, String channel, String message) {
      synchronized (events) {
        events.add(new Event(channel, message));
      }
    }

    @Override
    public void onPSubscribe(String pattern, int count) {
      subscribed.countDown();
    }
  };
  private final CountDownLatch subscribed = new CountDownLatch(1);
  private final Thread thread;

  Events(SentinelNode sentinel) throws InterruptedException {
    thread = new Thread(() -> {
      try (Jedis j = new Jedis("127.0.0.1", sentinel.port, 0)) {
        j.psubscribe(sub, "*");
      } catch (RuntimeException closed) {
        // sentinel killed or subscription ended
      }
    }, "events-" + sentinel.name);
    thread.setDaemon(true);
    thread.start();
    if (!subscribed.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("no subscription");
  }

  List<Event> all() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  List<Event> of(String type) {
    List<Event> out = new ArrayList<>();
    for (Event e : all()) if (e.type().equals(type)) out.add(e);
    return out;
  }

  boolean seen(String type) {
    return !of(type).isEmpty();
  }

  @Override
  public void close() {
    try {
      if (sub.isSubscribed()) sub.punsubscribe();
    } catch (RuntimeException ignored) {
      // connection already gone
    }
  }
}
