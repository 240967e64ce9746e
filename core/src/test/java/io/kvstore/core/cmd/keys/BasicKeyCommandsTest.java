package io.kvstore.core.cmd.keys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BasicKeyCommandsTest extends KeyTestBase {

  @Test
  void delCountsRemovedKeysAndPropagatesArgvOnlyWhenSomethingWasDeleted() {
    put("a", "1");
    put("b", "2");
    expect(":2", "del", "a", "missing", "b");
    assertThat(t.takeEffects()).containsExactly("0:DEL a missing b");
    expect(":0", "DEL", "a");
    assertThat(t.takeEffects()).isEmpty();
    assertThat(stored(0, "b")).isNull();
  }

  @Test
  void delOfTheSameKeyTwiceCountsOnce() {
    put("a", "1");
    expect(":1", "DEL", "a", "a");
  }

  @Test
  void unlinkBehavesLikeDelUnderItsOwnName() {
    put("a", "1");
    expect(":1", "unlink", "a", "x");
    assertThat(t.takeEffects()).containsExactly("0:UNLINK a x");
    expect(":0", "UNLINK", "x");
    assertThat(t.takeEffects()).isEmpty();
  }

  @Test
  void delOfAnExpiredKeyCountsZeroAndPropagatesOnlyTheExpiryDel() {
    put("e", "v", now() + 10);
    t.clock.advance(10);
    expect(":0", "DEL", "e");
    assertThat(t.takeEffects()).containsExactly("0:DEL e");
    assertThat(t.node.stats().expiredKeys).isEqualTo(1);
  }

  @Test
  void arityErrors() {
    expect("-ERR wrong number of arguments for 'del' command", "DEL");
    expect("-ERR wrong number of arguments for 'exists' command", "EXISTS");
    expect("-ERR wrong number of arguments for 'type' command", "TYPE", "a", "b");
    expect("-ERR wrong number of arguments for 'dbsize' command", "DBSIZE", "x");
  }

  @Test
  void existsCountsRepeats() {
    put("a", "1");
    expect(":3", "EXISTS", "a", "a", "missing", "a");
    expect(":0", "EXISTS", "missing");
  }

  @Test
  void existsAndTypeCountKeyspaceHitsAndMisses() {
    put("a", "1");
    run("EXISTS", "a", "b");
    run("TYPE", "a");
    assertThat(t.node.stats().keyspaceHits).isEqualTo(2);
    assertThat(t.node.stats().keyspaceMisses).isEqualTo(1);
  }

  @Test
  void typeNamesStringOrNone() {
    put("a", "1");
    put("e", "1", now() + 5);
    expect("+string", "TYPE", "a");
    expect("+none", "TYPE", "missing");
    t.clock.advance(5);
    expect("+none", "TYPE", "e");
  }

  @Test
  void touchCountsExistingKeysAndIsNotPropagated() {
    put("a", "1");
    put("b", "1");
    expect(":3", "TOUCH", "a", "b", "c", "a");
    assertThat(t.takeEffects()).isEmpty();
  }

  @Test
  void dbsizeCountsStoredKeysIncludingNotYetDeletedExpiredOnes() {
    expect(":0", "DBSIZE");
    put("a", "1");
    put("e", "1", now() + 1);
    t.clock.advance(5);
    expect(":2", "DBSIZE");
    expect(":0", "EXISTS", "e");
    expect(":1", "DBSIZE");
  }

  @Test
  void readsOnAReplicaHideExpiredKeysWithoutDeletingThem() {
    t.node.setDeletesExpiredKeys(false);
    put("e", "1", now() + 1);
    t.clock.advance(1);
    expect(":0", "EXISTS", "e");
    expect(":-2", "TTL", "e");
    expect(":0", "DEL", "e");
    assertThat(stored(0, "e")).isNotNull();
    assertThat(t.takeEffects()).isEmpty();
  }
}
