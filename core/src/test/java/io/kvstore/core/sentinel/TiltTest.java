package io.kvstore.core.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** TILT: a timer gap over 2 s (the process was stopped, the clock jumped) suspends acting for 30 s. */
class TiltTest {
  @Test
  void aFrozenSentinelDoesNotActOnStaleTimes() throws Exception {
    Harness h = new Harness();
    h.up(6379, Harness.masterInfo(Harness.runId('1')));
    Instance m = h.monitor(6379, 1, 1000, 5000);
    h.run(500);
    h.io.clear();
    // frozen for 10 s (SIGSTOP): meanwhile the master died
    h.down(6379);
    h.clock.advance(10_000);
    h.st.timer();
    assertThat(h.st.tilt()).isTrue();
    assertThat(h.io.eventTypes()).containsExactly("+tilt");
    h.run(20_000);
    // still in TILT: it keeps monitoring but neither marks SDOWN nor fails over, and tells
    // others the master is not down
    assertThat(m.sDown()).isFalse();
    assertThat(h.st.isMasterDownByAddr("127.0.0.1", 6379, 0, "*").down()).isFalse();
    assertThat(h.io.eventTypes()).doesNotContain("+sdown", "+odown", "+try-failover");
    h.run(11_000);
    assertThat(h.st.tilt()).isFalse();
    assertThat(h.io.eventTypes()).contains("-tilt", "+sdown", "+odown", "+try-failover");
  }

  @Test
  void aClockGoingBackwardsAlsoTilts() throws Exception {
    Harness h = new Harness();
    h.monitor(6379, 1, 1000, 5000);
    h.run(200);
    h.clock.advance(-5000);
    h.st.timer();
    assertThat(h.st.tilt()).isTrue();
    assertThat(InstanceView.infoSection(h.st)).containsEntry("sentinel_tilt", "1");
  }
}
