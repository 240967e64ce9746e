package io.kvstore.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReplicationIdsTest {

  @Test
  void freshIdsAreFortyHexWithClearedSecondId() {
    ReplicationIds ids = new ReplicationIds(new SplittableRandom(1));
    assertThat(ids.replid()).matches("[0-9a-f]{40}");
    assertThat(ids.replid2()).isEqualTo("0".repeat(40));
    assertThat(ids.secondReplOffset()).isEqualTo(-1);
    assertThat(ids.masterReplOffset()).isZero();
    assertThat(new ReplicationIds(new SplittableRandom(2)).replid()).isNotEqualTo(ids.replid());
  }

  @Test
  void promotionKeepsOldIdValidUpToOffsetPlusOne() {
    ReplicationIds ids = new ReplicationIds(new SequenceRandom());
    ids.advance(500);
    ids.shiftOnPromotion();
    assertThat(ids.replid()).isEqualTo(SequenceRandom.id('2'));
    assertThat(ids.replid2()).isEqualTo(SequenceRandom.id('1'));
    assertThat(ids.secondReplOffset()).isEqualTo(501);
    assertThat(ids.masterReplOffset()).isEqualTo(500);
  }

  @Test
  void adoptingMasterClearsSecondId() {
    ReplicationIds ids = new ReplicationIds(new SequenceRandom());
    ids.advance(10);
    ids.shiftOnPromotion();
    ids.adoptMaster(SequenceRandom.id('9'), 1234);
    assertThat(ids.replid()).isEqualTo(SequenceRandom.id('9'));
    assertThat(ids.masterReplOffset()).isEqualTo(1234);
    assertThat(ids.replid2()).isEqualTo(ReplicationIds.CLEARED_ID);
    assertThat(ids.secondReplOffset()).isEqualTo(-1);
  }

  @Test
  void continueWithNewIdShiftsOnlyWhenDifferent() {
    ReplicationIds ids = new ReplicationIds(new SequenceRandom());
    ids.advance(77);
    assertThat(ids.onContinue(SequenceRandom.id('1'))).isFalse();
    assertThat(ids.onContinue(null)).isFalse();
    assertThat(ids.replid2()).isEqualTo(ReplicationIds.CLEARED_ID);
    assertThat(ids.onContinue(SequenceRandom.id('7'))).isTrue();
    assertThat(ids.replid()).isEqualTo(SequenceRandom.id('7'));
    assertThat(ids.replid2()).isEqualTo(SequenceRandom.id('1'));
    assertThat(ids.secondReplOffset()).isEqualTo(78);
  }

  @Test
  void metaRoundTripsExactly() {
    ReplicationIds ids = new ReplicationIds(new SequenceRandom());
    ids.advance(41);
    ids.shiftOnPromotion();
    ids.advance(9);
    Map<String, byte[]> meta = ids.toMeta(3);
    assertThat(meta).containsOnlyKeys("repl-id", "repl-id2", "repl-second-offset", "repl-offset",
        "repl-stream-db");
    assertThat(new String(meta.get("repl-offset"), StandardCharsets.US_ASCII)).isEqualTo("50");
    assertThat(new String(meta.get("repl-second-offset"), StandardCharsets.US_ASCII)).isEqualTo("42");

    ReplicationIds.Meta parsed = ReplicationIds.Meta.parse(meta);
    assertThat(parsed).isEqualTo(new ReplicationIds.Meta(SequenceRandom.id('2'),
        SequenceRandom.id('1'), 42, 50, 3));
    ReplicationIds other = new ReplicationIds(new SplittableRandom(5));
    other.restore(parsed);
    assertThat(other.toString()).isEqualTo(ids.toString());
  }

  @Test
  void invalidOrMissingMetaIsIgnored() {
    assertThat(ReplicationIds.Meta.parse(Map.of())).isNull();
    assertThat(ReplicationIds.Meta.parse(Map.of("repl-id", bytes("short"), "repl-offset", bytes("1"))))
        .isNull();
    assertThat(ReplicationIds.Meta.parse(Map.of("repl-id", bytes(SequenceRandom.id('3')),
        "repl-offset", bytes("x")))).isNull();
  }

  @Test
  void restartAsReplicaUsesStoredIdAndOffset() {
    ReplicationIds ids = new ReplicationIds(new SequenceRandom());
    assertThat(ids.restartAsReplica(new ReplicationIds.Meta(SequenceRandom.id('9'),
        ReplicationIds.CLEARED_ID, -1, 300, 0))).isTrue();
    assertThat(ids.replid()).isEqualTo(SequenceRandom.id('9'));
    assertThat(ids.masterReplOffset()).isEqualTo(300);
    // Redis ignores stored info with a stream db of -1
    ReplicationIds fresh = new ReplicationIds(new SequenceRandom());
    assertThat(fresh.restartAsReplica(new ReplicationIds.Meta(SequenceRandom.id('9'),
        ReplicationIds.CLEARED_ID, -1, 300, -1))).isFalse();
    assertThat(fresh.masterReplOffset()).isZero();
  }

  @Test
  void restartAsMasterServesStoredIdAsSecond() {
    ReplicationIds ids = new ReplicationIds(new SequenceRandom());
    assertThat(ids.restartAsMaster(new ReplicationIds.Meta(SequenceRandom.id('9'),
        ReplicationIds.CLEARED_ID, -1, 300, 0))).isTrue();
    assertThat(ids.replid()).isEqualTo(SequenceRandom.id('1'));
    assertThat(ids.replid2()).isEqualTo(SequenceRandom.id('9'));
    assertThat(ids.secondReplOffset()).isEqualTo(301);
    assertThat(ids.masterReplOffset()).isEqualTo(300);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
