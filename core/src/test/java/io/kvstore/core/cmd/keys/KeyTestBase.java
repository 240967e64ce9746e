package io.kvstore.core.cmd.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.store.StoredValue;
import io.kvstore.core.testing.TestNode;
import java.nio.charset.StandardCharsets;

/** Shared fixture: a test node, one client, and direct store writes (no dependency on SET). */
abstract class KeyTestBase {
  final TestNode t = new TestNode();
  final TestNode.Client c = t.client();

  long now() {
    return t.clock.millis();
  }

  void put(String key, String value) {
    put(0, key, value, StoredValue.NO_EXPIRY);
  }

  void put(String key, String value, long expireAt) {
    put(0, key, value, expireAt);
  }

  void put(int db, String key, String value, long expireAt) {
    t.store.put(db, bytes(key), StoredValue.string(bytes(value), expireAt));
  }

  StoredValue stored(int db, String key) {
    return t.store.get(db, bytes(key));
  }

  String value(int db, String key) {
    StoredValue v = stored(db, key);
    return v == null ? null : new String(v.data(), StandardCharsets.UTF_8);
  }

  String run(String... words) {
    return TestNode.text(c.exec(words));
  }

  void expect(String expected, String... words) {
    assertThat(run(words)).as(String.join(" ", words)).isEqualTo(expected);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
