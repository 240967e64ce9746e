package io.kvstore.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigTest {
  @Test
  void typedReadsFollowEverySetThroughNamesAliasesAndAnyCase() {
    Config c = new Config();
    assertThat(c.getLong("proto-max-bulk-len")).isEqualTo(512L * 1024 * 1024);
    c.set("proto-max-bulk-len", "1mb", false);
    assertThat(c.getLong("proto-max-bulk-len")).isEqualTo(1024 * 1024);
    assertThat(c.getLong("PROTO-MAX-BULK-LEN")).isEqualTo(1024 * 1024);
    assertThat(c.get("proto-max-bulk-len")).isEqualTo("1048576");
    c.set("min-slaves-to-write", "3", false);
    assertThat(c.getInt("min-replicas-to-write")).isEqualTo(3);
    assertThat(c.getInt("Min-Slaves-To-Write")).isEqualTo(3);
    assertThat(c.snapshot()).containsEntry("min-replicas-to-write", "3");
  }

  @Test
  void booleansStringsAndUnknownNames() {
    Config c = new Config();
    c.set("protected-mode", "NO", false);
    assertThat(c.getBool("protected-mode")).isFalse();
    c.set("protected-mode", "yes", false);
    assertThat(c.getBool("protected-mode")).isTrue();
    assertThat(c.getBool("appendfsync")).isFalse();
    assertThatThrownBy(() -> c.getLong("appendfsync")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> c.getLong("no-such-param")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown config");
    assertThatThrownBy(() -> c.get("no-such-param")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void listenersHearOnlyRealChanges() {
    Config c = new Config();
    List<String> heard = new ArrayList<>();
    c.onChange("hz", heard::add);
    c.set("hz", "10", false);
    c.set("HZ", "20", false);
    c.set("hz", "20", false);
    assertThat(heard).containsExactly("20");
    assertThat(c.getInt("hz")).isEqualTo(20);
  }

  @Test
  void theCacheSizeParameterTakesMemoryUnits() {
    Config c = new Config();
    assertThat(c.getLong("kvstore-cache-size")).isEqualTo(128L << 20);
    c.set("kvstore-cache-size", "64mb", false);
    assertThat(c.getLong("kvstore-cache-size")).isEqualTo(64L << 20);
    c.set("kvstore-cache-size", "0", false);
    assertThat(c.getLong("kvstore-cache-size")).isZero();
  }
}
