package io.kvstore.bench.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RespTargetTest {
  @Test
  void setAndGetGoToTheClientsNode() throws Exception {
    try (FakeResp a = new FakeResp(); FakeResp b = new FakeResp()) {
      RespTarget t = new RespTarget(Endpoints.parse("127.0.0.1:" + a.port() + ",127.0.0.1:" + b.port()), 5000);
      byte[] k = "key:0000001".getBytes(StandardCharsets.US_ASCII);
      try (Target.Session s1 = t.open(1)) {
        long before = a.commands.get();
        s1.put(k, new byte[] {1, 2, 3});
        assertThat(s1.get(k)).containsExactly(1, 2, 3);
        assertThat(s1.get("nope".getBytes(StandardCharsets.US_ASCII))).isNull();
        assertThat(a.commands.get()).isEqualTo(before);
      }
      try (Target.Session s0 = t.open(0)) {
        assertThat(s0.get(k)).as("node a has its own data").isNull();
      }
    }
  }
}
