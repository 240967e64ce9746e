package io.kvstore.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.cmd.CommandTables;
import io.kvstore.core.config.Config;
import io.kvstore.core.engine.Engine;
import io.kvstore.core.engine.EngineLoop;
import io.kvstore.core.engine.ManualClock;
import io.kvstore.core.engine.Node;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.MemoryStore;
import io.kvstore.core.store.Store;
import io.kvstore.core.store.StoredValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gRPC path answers only after the engine's batch has committed, like RESP. */
class EngineCallerTest {
  /** A memory store whose commit can be held, to observe what happens before it completes. */
  static final class GatedStore implements Store {
    final MemoryStore inner = new MemoryStore(16);
    final Semaphore gate = new Semaphore(0);
    final CountDownLatch commitEntered = new CountDownLatch(1);
    volatile boolean hold;
    volatile int commits;
    volatile boolean dirty;

    @Override public int databases() { return inner.databases(); }
    @Override public StoredValue get(int db, byte[] key) { return inner.get(db, key); }
    @Override public void put(int db, byte[] key, StoredValue v) { dirty = true; inner.put(db, key, v); }
    @Override public boolean remove(int db, byte[] key) { return inner.remove(db, key); }
    @Override public long size(int db) { return inner.size(db); }
    @Override public long expiresCount(int db) { return inner.expiresCount(db); }
    @Override public void clear(int db) { inner.clear(db); }
    @Override public void swap(int a, int b) { inner.swap(a, b); }
    @Override public List<byte[]> keysAfter(int db, byte[] after, int count) { return inner.keysAfter(db, after, count); }
    @Override public byte[] randomKey(int db, RandomGenerator r) { return inner.randomKey(db, r); }
    @Override public List<byte[]> expiredKeys(int db, long now, int limit) { return inner.expiredKeys(db, now, limit); }
    @Override public byte[] getMeta(String name) { return inner.getMeta(name); }
    @Override public void putMeta(String name, byte[] value) { inner.putMeta(name, value); }
    @Override public void close() { inner.close(); }

    @Override
    public void commit() {
      if (hold && dirty) { // only the commit of a batch that wrote something
        commitEntered.countDown();
        gate.acquireUninterruptibly();
      }
      dirty = false;
      commits++;
    }
  }

  GatedStore store;
  EngineLoop loop;
  EngineCaller caller;

  @BeforeEach
  void start() {
    store = new GatedStore();
    Node node = new Node(new Config(), new ManualClock(1_700_000_000_000L), store,
        CommandTables.standard(), new SplittableRandom(1));
    loop = new EngineLoop(new Engine(node), "test-engine");
    loop.start();
    caller = new EngineCaller(loop);
  }

  @AfterEach
  void stop() {
    store.hold = false;
    store.gate.release();
    loop.close();
  }

  static byte[][] argv(String... words) {
    byte[][] a = new byte[words.length][];
    for (int i = 0; i < words.length; i++) a[i] = words[i].getBytes(StandardCharsets.UTF_8);
    return a;
  }

  @Test
  void replyIsDeliveredOnlyAfterTheBatchCommits() throws Exception {
    store.hold = true;
    CompletableFuture<Reply> reply = caller.call(CallIdentity.ANONYMOUS, 0, argv("SET", "k", "v"));
    assertThat(store.commitEntered.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(store.inner.get(0, "k".getBytes(StandardCharsets.UTF_8))).isNotNull(); // executed
    assertThat(reply).isNotDone(); // but not acknowledged before the commit finishes
    int before = store.commits;
    store.hold = false;
    store.gate.release();
    assertThat(reply.get(30, TimeUnit.SECONDS)).isEqualTo(Reply.OK);
    assertThat(store.commits).isGreaterThan(before);
  }

  @Test
  void sessionIsForgottenAfterTheCall() throws Exception {
    caller.call(CallIdentity.ANONYMOUS, 0, argv("PING")).get(30, TimeUnit.SECONDS);
    int clients = loop.call(e -> e.node().clients().size()).get(30, TimeUnit.SECONDS);
    assertThat(clients).isZero();
  }

  @Test
  void selectsTheRequestedDatabase() throws Exception {
    caller.call(CallIdentity.ANONYMOUS, 5, argv("SET", "k", "v")).get(30, TimeUnit.SECONDS);
    assertThat(store.inner.get(5, "k".getBytes(StandardCharsets.UTF_8))).isNotNull();
    assertThat(store.inner.get(0, "k".getBytes(StandardCharsets.UTF_8))).isNull();
  }
}
