package io.kvstore.core.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.cmd.CommandTables;
import io.kvstore.core.config.Config;
import io.kvstore.core.engine.Clock;
import io.kvstore.core.engine.Effect;
import io.kvstore.core.engine.Node;
import io.kvstore.core.store.Bytes;
import io.kvstore.core.store.MemoryStore;
import io.kvstore.core.store.StoredValue;
import io.kvstore.core.testing.TestNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ActiveExpiryTest {
  private final TestNode t = new TestNode();
  private final int cronsBefore = t.node.crons().size();
  private final ActiveExpiry cycle = ActiveExpiry.install(t.node);

  private void put(int db, String key, long expireAt) {
    t.store.put(db, key.getBytes(StandardCharsets.UTF_8),
        StoredValue.string("v".getBytes(StandardCharsets.UTF_8), expireAt));
  }

  private long now() {
    return t.clock.millis();
  }

  @Test
  void installRegistersACron() {
    assertThat(t.node.crons()).hasSize(cronsBefore + 1);
    put(0, "e", now() + 1);
    t.clock.advance(1);
    t.node.crons().get(cronsBefore).accept(now());
    assertThat(t.store.size(0)).isZero();
  }

  @Test
  void deletesOnlyExpiredKeysAndPropagatesEachDelOnItsOwn() {
    put(0, "a", now() + 10);
    put(0, "b", now() + 20);
    put(0, "live", now() + 10_000);
    put(0, "plain", StoredValue.NO_EXPIRY);
    put(3, "c", now() + 5);
    t.clock.advance(20);
    List<List<Effect>> batches = new ArrayList<>();
    t.node.setEffectSink(batches::add);

    assertThat(cycle.runOnce(now())).isEqualTo(3);

    assertThat(t.store.size(0)).isEqualTo(2);
    assertThat(t.store.size(3)).isZero();
    assertThat(batches).hasSize(3).allSatisfy(b -> assertThat(b).hasSize(1));
    assertThat(batches.stream().map(b -> b.get(0).toString()))
        .containsExactly("0:DEL a", "0:DEL b", "3:DEL c");
    assertThat(t.node.stats().expiredKeys).isEqualTo(3);
    assertThat(cycle.runOnce(now())).isZero();
  }

  @Test
  void keysNotYetExpiredSurvive() {
    put(0, "a", now() + 100);
    assertThat(cycle.runOnce(now() + 99)).isZero();
    assertThat(cycle.runOnce(now() + 100)).isEqualTo(1);
  }

  @Test
  void afterExpiryReadsSeeNothingAndTtlIsMinusTwo() {
    TestNode.Client c = t.client();
    put(0, "a", now() + 100);
    t.clock.advance(100);
    cycle.runOnce(now());
    t.takeEffects();
    assertThat(TestNode.text(c.exec("TTL", "a"))).isEqualTo(":-2");
    assertThat(t.takeEffects()).isEmpty();
  }

  @Test
  void replicasNeverDelete() {
    t.node.setDeletesExpiredKeys(false);
    put(0, "a", now() + 1);
    t.clock.advance(1);
    assertThat(cycle.runOnce(now())).isZero();
    assertThat(t.store.size(0)).isEqualTo(1);
    assertThat(t.takeEffects()).isEmpty();
  }

  @Test
  void manyExpiredKeysAreAllCollectedWhileTimeAllows() {
    for (int i = 0; i < 1000; i++) put(1, "k" + i, now() + 1);
    t.clock.advance(1);
    assertThat(cycle.runOnce(now())).isEqualTo(1000);
    assertThat(cycle.timeLimitExit()).isFalse();
    assertThat(t.store.size(1)).isZero();
  }

  @Test
  void watchersOfAnExpiringLiveKeyAreDirtied() {
    TestNode.Client w = t.client();
    put(0, "a", now() + 1);
    t.node.watches().watch(w.session, 0, Bytes.of("a"), false);
    t.clock.advance(1);
    cycle.runOnce(now());
    assertThat(w.session.watchDirty()).isTrue();
  }

  /** A clock whose nanosecond reading advances 1 ms every time it is read. */
  private static final class SlowClock implements Clock {
    long nanos;

    @Override
    public long millis() {
      return 1_700_000_000_000L;
    }

    @Override
    public long nanos() {
      nanos += 1_000_000;
      return nanos;
    }
  }

  @Test
  void theTimeBudgetBoundsOneTickAndTheNextTickResumes() {
    Config config = new Config();
    SlowClock clock = new SlowClock();
    MemoryStore store = new MemoryStore(16);
    Node node = new Node(config, clock, store, CommandTables.standard(), new SplittableRandom(1));
    List<Effect> effects = new ArrayList<>();
    node.setEffectSink(effects::addAll);
    for (int i = 0; i < 1000; i++) {
      store.put(0, ("k" + i).getBytes(StandardCharsets.UTF_8),
          StoredValue.string(new byte[] {1}, 5));
    }
    ActiveExpiry slow = new ActiveExpiry(node);
    // hz 10, effort 1: 25 ms budget; each sample of 20 keys "takes" 1 ms.
    int first = slow.runOnce(clock.millis());
    assertThat(first).isLessThan(1000).isGreaterThanOrEqualTo(20);
    assertThat(slow.timeLimitExit()).isTrue();
    int total = first;
    for (int i = 0; i < 100 && total < 1000; i++) total += slow.runOnce(clock.millis());
    assertThat(total).isEqualTo(1000);
    assertThat(store.size(0)).isZero();
    assertThat(effects).hasSize(1000);
  }

  @Test
  void effortRaisesTheSampleSize() {
    Config config = new Config();
    config.set("active-expire-effort", "10", false);
    SlowClock clock = new SlowClock();
    MemoryStore store = new MemoryStore(1);
    Node node = new Node(config, clock, store, CommandTables.standard(), new SplittableRandom(1));
    for (int i = 0; i < 10_000; i++) {
      store.put(0, ("k" + i).getBytes(StandardCharsets.UTF_8),
          StoredValue.string(new byte[] {1}, 5));
    }
    ActiveExpiry slow = new ActiveExpiry(node);
    int defaultEffort = new ActiveExpiry(new Node(new Config(), new SlowClock(),
        copyOf(store), CommandTables.standard(), new SplittableRandom(1))).runOnce(clock.millis());
    int maxEffort = slow.runOnce(clock.millis());
    assertThat(maxEffort).isGreaterThan(defaultEffort);
  }

  private static MemoryStore copyOf(MemoryStore src) {
    MemoryStore out = new MemoryStore(1);
    for (byte[] k : src.keysAfter(0, null, Integer.MAX_VALUE)) out.put(0, k, src.get(0, k));
    return out;
  }
}
