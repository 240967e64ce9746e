package io.kvstore.core.cmd.string;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MultiKeyTest extends StringTestBase {

  @Test
  void mgetAnswersOneItemPerKeyInOrder() {
    given("SET a 1", "SET c 3", "SET gone x PX 1");
    advance(1);
    assertThat(run("MGET", "a", "b", "c", "a", "gone")).isEqualTo("[\"1\", (nil), \"3\", \"1\", (nil)]");
    assertThat(effects()).containsExactly("0:DEL gone");
    assertThat(run("MGET")).isEqualTo("-ERR wrong number of arguments for 'mget' command");
  }

  @Test
  void msetWritesAllAndDropsTtls() {
    given("SET a old EX 10");
    assertThat(run("mset", "a", "1", "b", "2")).isEqualTo("+OK");
    assertThat(run("MGET", "a", "b")).isEqualTo("[\"1\", \"2\"]");
    assertThat(storedExpiry("a")).isEqualTo(-1L);
    assertThat(effects()).containsExactly("0:mset a 1 b 2");
    assertThat(run("MSET", "a", "1", "a", "2")).isEqualTo("+OK");
    assertThat(run("GET", "a")).isEqualTo("\"2\"");
  }

  @Test
  void msetNeedsPairs() {
    assertThat(run("MSET", "a")).isEqualTo("-ERR wrong number of arguments for 'mset' command");
    assertThat(run("MSET", "a", "1", "b")).isEqualTo("-ERR wrong number of arguments for 'mset' command");
    assertThat(run("MSETNX", "a", "1", "b")).isEqualTo("-ERR wrong number of arguments for 'msetnx' command");
    assertThat(run("MSETNX", "a")).isEqualTo("-ERR wrong number of arguments for 'msetnx' command");
    assertThat(stored("a")).isFalse();
    assertThat(effects()).isEmpty();
  }

  @Test
  void msetnxIsAllOrNothing() {
    given("SET a 1");
    assertThat(run("MSETNX", "b", "2", "a", "x")).isEqualTo(":0");
    assertThat(stored("b")).isFalse();
    assertThat(effects()).isEmpty();
    assertThat(run("MSETNX", "b", "2", "c", "3")).isEqualTo(":1");
    assertThat(run("MGET", "a", "b", "c")).isEqualTo("[\"1\", \"2\", \"3\"]");
    assertThat(effects()).containsExactly("0:MSETNX b 2 c 3");
  }

  @Test
  void msetnxTreatsExpiredKeysAsMissing() {
    given("SET a 1 PX 5");
    advance(5);
    assertThat(run("MSETNX", "a", "2")).isEqualTo(":1");
    assertThat(effects()).containsExactly("0:MULTI", "0:DEL a", "0:MSETNX a 2", "0:EXEC");
  }
}
