package io.kvstore.bench.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** KeySpace, Endpoints and StepResult: the small value types both systems share. */
class ValuesTest {
  @Test
  void keysAreFixedWidthAndTheValueHasTheAskedSize() {
    KeySpace k = new KeySpace(10_000, 100);
    assertThat(new String(k.key(0), StandardCharsets.US_ASCII)).isEqualTo("key:0000000");
    assertThat(new String(k.key(9_999), StandardCharsets.US_ASCII)).isEqualTo("key:0009999");
    assertThat(k.value()).hasSize(100);
    assertThat(k.isValue(k.value().clone())).isTrue();
    assertThat(k.isValue(new byte[100])).isFalse();
    assertThat(k.isValue(null)).isFalse();
    Set<String> seen = new HashSet<>();
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 2000; i++) seen.add(new String(k.randomKey(new SplittableRandom(i)), StandardCharsets.US_ASCII));
    assertThat(seen).hasSizeGreaterThan(1000).allMatch(s -> s.matches("key:000\\d{4}"));
    assertThat(r.nextInt(1)).isZero();
    assertThatThrownBy(() -> new KeySpace(0, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void clientsGoRoundRobinOverTheEndpoints() {
    Endpoints e = Endpoints.parse("127.0.0.1:23791, 127.0.0.1:23792,127.0.0.1:23793");
    assertThat(e.nodes()).hasSize(3);
    assertThat(e.forClient(0).getPort()).isEqualTo(23791);
    assertThat(e.forClient(4).getPort()).isEqualTo(23792);
    assertThat(e.forClient(255).getPort()).isEqualTo(23791);
    assertThat(e.forClient(0).getHostString()).isEqualTo("127.0.0.1");
    assertThatThrownBy(() -> Endpoints.parse("127.0.0.1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Endpoints.parse("h:0")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Endpoints.parse(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aStepResultSurvivesItsLine() {
    StepResult r = new StepResult("etcd", "read", 16, 10.0, 12345, 3, 1500, 9100);
    assertThat(StepResult.parse(r.toLine())).isEqualTo(r);
    assertThat(r.perSecond()).isEqualTo(1234.5);
    assertThatThrownBy(() -> StepResult.parse("etcd\twrite")).isInstanceOf(IllegalArgumentException.class);
  }
}
