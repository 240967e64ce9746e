package io.kvstore.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.engine.Stats;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PsyncDecisionTest {
  private ReplicationIds ids;
  private Backlog backlog;
  private final Stats stats = new Stats();

  @BeforeEach
  void setUp() {
    ids = new ReplicationIds(new SequenceRandom()); // @1
    backlog = new Backlog(16384, 0);
    byte[] data = "0123456789".getBytes(StandardCharsets.US_ASCII);
    backlog.append(data);
    ids.advance(data.length); // offsets 1..10
  }

  private PsyncDecision decide(String id, String offset, boolean psync2) {
    PsyncDecision d = PsyncDecision.decide(ids, backlog, id, offset, psync2, "10.0.0.2:6380");
    d.account(stats);
    return d;
  }

  @Test
  void continuesWithinTheBacklog() {
    PsyncDecision d = decide(SequenceRandom.id('1'), "4", true);
    assertThat(d).isInstanceOf(PsyncDecision.Continue.class);
    PsyncDecision.Continue c = (PsyncDecision.Continue) d;
    assertThat(c.replyLine()).isEqualTo("+CONTINUE " + SequenceRandom.id('1') + "\r\n");
    assertThat(new String(c.backlogBytes(), StandardCharsets.US_ASCII)).isEqualTo("3456789");
    assertThat(new String(d.immediateBytes(), StandardCharsets.US_ASCII))
        .isEqualTo("+CONTINUE " + SequenceRandom.id('1') + "\r\n3456789");
    assertThat(stats.syncPartialOk).isEqualTo(1);
    assertThat(stats.syncFull).isZero();
  }

  @Test
  void plainContinueWithoutPsync2() {
    PsyncDecision.Continue c = (PsyncDecision.Continue) decide(SequenceRandom.id('1'), "11", false);
    assertThat(c.replyLine()).isEqualTo("+CONTINUE\r\n");
    assertThat(c.backlogBytes()).isEmpty();
  }

  @Test
  void boundaries() {
    assertThat(decide(SequenceRandom.id('1'), "1", true)).isInstanceOf(PsyncDecision.Continue.class);
    assertThat(decide(SequenceRandom.id('1'), "11", true)).isInstanceOf(PsyncDecision.Continue.class);
    assertThat(decide(SequenceRandom.id('1'), "12", true)).isInstanceOf(PsyncDecision.FullResync.class);
    assertThat(decide(SequenceRandom.id('1'), "0", true)).isInstanceOf(PsyncDecision.FullResync.class);
    assertThat(decide(SequenceRandom.id('1'), "-5", true)).isInstanceOf(PsyncDecision.FullResync.class);
    assertThat(stats.syncPartialOk).isEqualTo(2);
    assertThat(stats.syncPartialErr).isEqualTo(3);
    assertThat(stats.syncFull).isEqualTo(3);
  }

  @Test
  void offsetPastTheEndAddsTheWarning() {
    PsyncDecision.FullResync f = (PsyncDecision.FullResync) decide(SequenceRandom.id('1'), "12", true);
    assertThat(f.reason()).isEqualTo("Unable to partial resync with replica 10.0.0.2:6380 for lack of "
        + "backlog (Replica request was: 12). Warning: replica 10.0.0.2:6380 tried to PSYNC with an "
        + "offset that is greater than the master replication offset.");
    assertThat(f.partialRefused()).isTrue();
  }

  @Test
  void secondIdOnlyUpToSecondOffset() {
    ids.shiftOnPromotion(); // replid2 = @1 valid up to 11, replid = @2
    assertThat(decide(SequenceRandom.id('1'), "11", true)).isInstanceOf(PsyncDecision.Continue.class);
    PsyncDecision.Continue c = (PsyncDecision.Continue) decide(SequenceRandom.id('1'), "5", true);
    assertThat(c.replyLine()).isEqualTo("+CONTINUE " + SequenceRandom.id('2') + "\r\n");
    backlog.append("ab".getBytes(StandardCharsets.US_ASCII));
    ids.advance(2);
    PsyncDecision.FullResync f = (PsyncDecision.FullResync) decide(SequenceRandom.id('1'), "12", true);
    assertThat(f.reason()).isEqualTo("Partial resynchronization not accepted: Requested offset for "
        + "second ID was 12, but I can reply up to 11");
    assertThat(decide(SequenceRandom.id('2'), "12", true)).isInstanceOf(PsyncDecision.Continue.class);
  }

  @Test
  void idsCompareIgnoringCase() {
    ReplicationIds lettered = new ReplicationIds(new SequenceRandom());
    for (int i = 0; i < 9; i++) lettered.changeReplicationId(); // @a
    Backlog b = new Backlog(16384, 0);
    PsyncDecision d = PsyncDecision.decide(lettered, b, "A".repeat(40), "1", true, "r");
    assertThat(d).isInstanceOf(PsyncDecision.Continue.class);
  }

  @Test
  void unknownIdAndForcedFullResync() {
    PsyncDecision.FullResync f = (PsyncDecision.FullResync) decide(SequenceRandom.id('5'), "3", true);
    assertThat(f.reason()).startsWith("Partial resynchronization not accepted: Replication ID mismatch "
        + "(Replica asked for '" + SequenceRandom.id('5') + "', my replication IDs are '"
        + SequenceRandom.id('1') + "' and '" + ReplicationIds.CLEARED_ID + "')");
    PsyncDecision.FullResync q = (PsyncDecision.FullResync) decide("?", "-1", true);
    assertThat(q.reason()).isEqualTo("Full resync requested by replica 10.0.0.2:6380");
    assertThat(q.partialRefused()).isFalse();
    assertThat(stats.syncFull).isEqualTo(2);
    assertThat(stats.syncPartialErr).isEqualTo(1);
  }

  @Test
  void noBacklogMeansFullResync() {
    PsyncDecision d = PsyncDecision.decide(ids, null, SequenceRandom.id('1'), "1", true, "r");
    assertThat(d).isInstanceOf(PsyncDecision.FullResync.class);
  }

  @Test
  void malformedOffsetIsAnErrorThatCountsNothing() {
    for (String bad : new String[] {"abc", "+1", " 1", "01", "", "99999999999999999999"}) {
      PsyncDecision d = decide(SequenceRandom.id('1'), bad, true);
      assertThat(d).as(bad).isEqualTo(new PsyncDecision.Invalid("ERR value is not an integer or out of range"));
    }
    assertThat(stats.syncFull + stats.syncPartialOk + stats.syncPartialErr).isZero();
  }

  @Test
  void fullResyncLine() {
    assertThat(PsyncDecision.fullResyncLine(SequenceRandom.id('1'), 42))
        .isEqualTo("+FULLRESYNC " + SequenceRandom.id('1') + " 42\r\n");
  }
}
