package io.kvstore.bench.etcd;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** An in-memory target: a map shared by all sessions, counting calls and which clients opened. */
final class MemoryTarget implements Target {
  final Map<String, byte[]> data = new ConcurrentHashMap<>();
  final AtomicLong puts = new AtomicLong();
  final AtomicLong gets = new AtomicLong();
  final List<Integer> opened = new CopyOnWriteArrayList<>();
  final AtomicLong closed = new AtomicLong();
  volatile boolean failWrites;
  volatile boolean dropWrites;

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public Session open(int index) {
    opened.add(index);
    return new Session() {
      @Override
      public void put(byte[] key, byte[] value) {
        puts.incrementAndGet();
        if (failWrites) throw new IllegalStateException("write refused");
        if (!dropWrites) data.put(new String(key, StandardCharsets.US_ASCII), value.clone());
      }

      @Override
      public byte[] get(byte[] key) {
        gets.incrementAndGet();
        return data.get(new String(key, StandardCharsets.US_ASCII));
      }

      @Override
      public void close() {
        closed.incrementAndGet();
      }
    };
  }
}
