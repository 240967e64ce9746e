package io.kvstore.core.cmd.string;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.store.StoredValue;
import io.kvstore.core.testing.Replies;
import io.kvstore.core.testing.TestNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** A fresh in-process node per test, with shorthands for commands, stored TTLs and effects. */
abstract class StringTestBase {
  /** The test clock's start, unix ms. */
  static final long T0 = 1_700_000_000_000L;

  TestNode node;
  TestNode.Client client;

  @BeforeEach
  void startNode() {
    node = new TestNode();
    client = node.client();
  }

  /** Runs a command, answers its reply as compact text. */
  String run(String... words) {
    return Replies.text(client.exec(words));
  }

  /** The stored absolute expiry of a key (-1 none), null when not stored at all. */
  Long storedExpiry(String key) {
    StoredValue v = node.store.get(0, key.getBytes(StandardCharsets.UTF_8));
    return v == null ? null : v.expireAt();
  }

  /** Whether the raw store holds the key (expired or not). */
  boolean stored(String key) {
    return node.store.get(0, key.getBytes(StandardCharsets.UTF_8)) != null;
  }

  List<String> effects() {
    return node.takeEffects();
  }

  /** Runs setup commands, checks they did not fail, and forgets their effects. */
  void given(String... commandLines) {
    for (String line : commandLines) {
      assertThat(run(line.split(" "))).as(line).doesNotStartWith("-");
    }
    node.takeEffects();
  }

  void advance(long ms) {
    node.clock.advance(ms);
  }
}
