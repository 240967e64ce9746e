package io.kvstore.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.StoredValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reply transport, peer lists, applied state and watch fingerprints. */
class CodecTest {
  @Test
  void everyReplyKindSurvivesTheTripFromTheLeader() {
    Reply r = Reply.array(Reply.OK, Reply.error("ERR x"), Reply.integer(-7), Reply.bulk("v"), Reply.NULL,
        Reply.NULL_ARRAY, new Reply.MapReply(List.of(Reply.bulk("k"), new Reply.DoubleReply(1.5))),
        new Reply.SetReply(List.of(new Reply.Bool(true))), new Reply.Verbatim("txt", "hello"),
        new Reply.Push(List.of(Reply.bulk(new byte[] {0, (byte) 0xff}))), Reply.EMPTY_ARRAY);
    ReplyCodec.Result back = ReplyCodec.decode(ReplyCodec.encode(new ReplyCodec.Result(5, r)));
    assertThat(back.db()).isEqualTo(5);
    assertThat(back.reply()).usingRecursiveComparison().isEqualTo(r);
  }

  @Test
  void peerListsAreParsedStrictly() {
    assertThat(Peers.parse("n1=127.0.0.1:7200, n2=host:7201")).containsExactly(
        java.util.Map.entry("n1", "127.0.0.1:7200"), java.util.Map.entry("n2", "host:7201"));
    assertThat(Peers.parse("")).isEmpty();
    assertThatThrownBy(() -> Peers.parse("n1=a:1,n1=b:2")).hasMessageContaining("twice");
    assertThatThrownBy(() -> Peers.parse("n1=a:1,n2=a:1")).hasMessageContaining("twice");
    assertThatThrownBy(() -> Peers.parse("n1=a")).hasMessageContaining("host:port");
    assertThatThrownBy(() -> Peers.parse("n 1=a:1")).hasMessageContaining("invalid raft node id");
    assertThatThrownBy(() -> Peers.parse("n1=a:70000")).hasMessageContaining("invalid port");
    assertThat(Peers.host("[::1]:7000")).isEqualTo("::1");
    assertThat(Peers.port("[::1]:7000")).isEqualTo(7000);
  }

  @Test
  void appliedStateRoundTrips() {
    AppliedState a = new AppliedState(3, 1234, 1_700_000_000_000L);
    assertThat(AppliedState.decode(a.encode())).isEqualTo(a);
    assertThat(AppliedState.decode(null)).isEqualTo(AppliedState.NONE);
  }

  @Test
  void fingerprintsSeeValueExpiryAndTime() {
    StoredValue v = StoredValue.string("x".getBytes(StandardCharsets.UTF_8), 1000);
    assertThat(Fingerprint.of(v, 999)).hasSize(16).isEqualTo(Fingerprint.of(v, 500));
    assertThat(Fingerprint.of(v, 1000)).isEmpty(); // expired
    assertThat(Fingerprint.of(null, 0)).isEmpty();
    assertThat(Fingerprint.of(v.withExpireAt(2000), 999)).isNotEqualTo(Fingerprint.of(v, 999));
    assertThat(Fingerprint.of(v.withData("y".getBytes(StandardCharsets.UTF_8)), 999))
        .isNotEqualTo(Fingerprint.of(v, 999));
  }

  @Test
  void ratisMetricsAreSwitchedOff() {
    assertThat(org.apache.ratis.metrics.MetricRegistries.global()).isInstanceOf(NoRatisMetrics.class);
  }
}
