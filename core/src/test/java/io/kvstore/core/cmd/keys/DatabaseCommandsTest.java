package io.kvstore.core.cmd.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.store.Bytes;
import io.kvstore.core.testing.TestNode;
import org.junit.jupiter.api.Test;

class DatabaseCommandsTest extends KeyTestBase {

  private void watch(TestNode.Client client, int db, String key) {
    boolean expired = t.store.get(db, bytes(key)) != null
        && t.store.get(db, bytes(key)).isExpiredAt(now());
    t.node.watches().watch(client.session, db, Bytes.of(key), expired);
  }

  @Test
  void selectSwitchesAndIsolatesDatabases() {
    put(0, "k", "zero", -1);
    expect("+OK", "SELECT", "5");
    assertThat(c.session.db()).isEqualTo(5);
    expect(":0", "EXISTS", "k");
    expect(":0", "DEL", "k");
    expect("+OK", "SELECT", "0");
    expect(":1", "EXISTS", "k");
  }

  @Test
  void effectsCarryTheSelectedDatabase() {
    put(4, "k", "v", -1);
    run("SELECT", "4");
    run("DEL", "k");
    assertThat(t.takeEffects()).containsExactly("4:DEL k");
  }

  @Test
  void selectErrors() {
    expect("-ERR DB index is out of range", "SELECT", "16");
    expect("-ERR DB index is out of range", "SELECT", "-1");
    expect("-ERR value is not an integer or out of range", "SELECT", "1.5");
    expect("-ERR value is not an integer or out of range", "SELECT", "x");
    expect("-ERR value is out of range, value must between -2147483648 and 2147483647",
        "SELECT", "99999999999");
    assertThat(c.session.db()).isZero();
  }

  @Test
  void swapdbExchangesContentsForEveryClient() {
    TestNode.Client other = t.client();
    put(0, "a", "zero", -1);
    put(1, "b", "one", -1);
    other.exec("SELECT", "1");
    expect("+OK", "SWAPDB", "0", "1");
    expect(":1", "EXISTS", "b");
    expect(":0", "EXISTS", "a");
    assertThat(TestNode.text(other.exec("EXISTS", "a"))).isEqualTo(":1");
    assertThat(t.takeEffects()).containsExactly("0:SWAPDB 0 1");
    expect("+OK", "SWAPDB", "3", "3");
    assertThat(t.takeEffects()).containsExactly("0:SWAPDB 3 3");
  }

  @Test
  void swapdbErrors() {
    expect("-ERR invalid first DB index", "SWAPDB", "a", "1");
    expect("-ERR invalid second DB index", "SWAPDB", "1", "a");
    expect("-ERR invalid first DB index", "SWAPDB", "99999999999", "1");
    expect("-ERR DB index is out of range", "SWAPDB", "1", "16");
    expect("-ERR DB index is out of range", "SWAPDB", "-1", "0");
    expect("-ERR wrong number of arguments for 'swapdb' command", "SWAPDB", "1");
    assertThat(t.takeEffects()).isEmpty();
  }

  @Test
  void swapdbDirtiesWatchersOfKeysOnEitherSide() {
    TestNode.Client w1 = t.client();
    TestNode.Client w2 = t.client();
    TestNode.Client w3 = t.client();
    put(0, "a", "1", -1);
    put(1, "b", "1", -1);
    watch(w1, 0, "a");
    watch(w2, 0, "b");
    watch(w3, 0, "nowhere");
    run("SWAPDB", "0", "1");
    assertThat(w1.session.watchDirty()).isTrue();
    assertThat(w2.session.watchDirty()).isTrue();
    assertThat(w3.session.watchDirty()).isFalse();
  }

  @Test
  void swapdbKeepsExpiredWatchedKeysClean() {
    TestNode.Client w1 = t.client();
    TestNode.Client w2 = t.client();
    put(0, "e", "1", now() + 1);
    put(1, "f", "1", now() + 1);
    t.clock.advance(1);
    watch(w1, 0, "e"); // expired at WATCH, replaced by nothing: no logical change
    watch(w2, 0, "f"); // missing at WATCH, replaced by an expired key: still missing
    run("SWAPDB", "0", "1");
    assertThat(w1.session.watchDirty()).isFalse();
    assertThat(w2.session.watchDirty()).isFalse();
    assertThat(w2.session.watched().get(0).expiredAtWatch).isTrue();
  }

  @Test
  void flushdbEmptiesOnlyTheSelectedDatabaseAndDirtiesWatchers() {
    TestNode.Client w = t.client();
    TestNode.Client w2 = t.client();
    put(0, "a", "1", -1);
    put(1, "b", "1", -1);
    watch(w, 0, "a");
    watch(w2, 1, "b");
    expect("+OK", "FLUSHDB");
    assertThat(t.store.size(0)).isZero();
    assertThat(t.store.size(1)).isEqualTo(1);
    assertThat(w.session.watchDirty()).isTrue();
    assertThat(w2.session.watchDirty()).isFalse();
    assertThat(t.takeEffects()).containsExactly("0:FLUSHDB");
  }

  @Test
  void flushOfAnExpiredWatchedKeyIsNoChange() {
    TestNode.Client w = t.client();
    put(0, "e", "1", now() + 1);
    t.clock.advance(1);
    watch(w, 0, "e");
    run("FLUSHDB");
    assertThat(w.session.watchDirty()).isFalse();
  }

  @Test
  void flushallEmptiesEverythingAndAlwaysPropagates() {
    expect("+OK", "FLUSHALL");
    assertThat(t.takeEffects()).containsExactly("0:FLUSHALL");
    put(0, "a", "1", -1);
    put(7, "b", "1", -1);
    expect("+OK", "flushall", "async");
    expect("+OK", "FLUSHDB", "SYNC");
    assertThat(t.store.size(0) + t.store.size(7)).isZero();
    assertThat(t.takeEffects()).containsExactly("0:FLUSHALL async", "0:FLUSHDB SYNC");
  }

  @Test
  void flushErrors() {
    expect("-ERR syntax error", "FLUSHDB", "foo");
    expect("-ERR syntax error", "FLUSHALL", "SYNC", "x");
    assertThat(t.takeEffects()).isEmpty();
  }

  @Test
  void writesDirtyWatchersThroughTheKeyspace() {
    TestNode.Client w = t.client();
    put(0, "a", "1", -1);
    watch(w, 0, "a");
    run("EXPIRE", "a", "100");
    assertThat(w.session.watchDirty()).isTrue();
  }

  @Test
  void execFailsAfterSwapdbOrFlushdbTouchedAWatchedKey() {
    put(0, "a", "1", -1);
    TestNode.Client other = t.client();
    expect("+OK", "WATCH", "a");
    other.exec("SWAPDB", "0", "1");
    expect("+OK", "MULTI");
    expect("+QUEUED", "DBSIZE");
    expect("(nil-array)", "EXEC");

    expect("+OK", "SELECT", "1");
    expect("+OK", "WATCH", "a");
    other.exec("FLUSHALL");
    expect("+OK", "MULTI");
    expect("+QUEUED", "DBSIZE");
    expect("(nil-array)", "EXEC");

    expect("+OK", "WATCH", "a");
    other.exec("FLUSHDB");
    expect("+OK", "MULTI");
    expect("+QUEUED", "DBSIZE");
    expect("[:0]", "EXEC");
  }
}
