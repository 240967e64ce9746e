package io.kvstore.core.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InfoReportTest {
  @Test
  void masterWithReplicasInBothFormats() {
    String info = "# Server\r\nrun_id:" + "e".repeat(40) + "\r\n# Replication\r\nrole:master\r\n"
        + "connected_slaves:2\r\nslave0:ip=10.0.0.2,port=6380,state=online,offset=5,lag=0\r\n"
        + "slave1:10.0.0.3,6381,online\r\nmaster_replid:x\r\n";
    InfoReport r = InfoReport.parse(info);
    assertThat(r.runId()).isEqualTo("e".repeat(40));
    assertThat(r.role()).isEqualTo(Instance.Kind.MASTER);
    assertThat(r.replicas()).containsExactly(new InfoReport.ReplicaAddr("10.0.0.2", 6380),
        new InfoReport.ReplicaAddr("10.0.0.3", 6381));
    assertThat(r.masterHost()).isNull();
  }

  @Test
  void replicaFieldsOnlyAfterTheRoleLine() {
    String info = "slave_priority:5\r\nrole:slave\r\nmaster_host:10.0.0.1\r\nmaster_port:6379\r\n"
        + "master_link_status:down\r\nmaster_link_down_since_seconds:7\r\nslave_repl_offset:1234\r\n"
        + "slave_priority:10\r\nreplica_announced:0\r\n";
    InfoReport r = InfoReport.parse(info);
    assertThat(r.role()).isEqualTo(Instance.Kind.REPLICA);
    assertThat(r.masterHost()).isEqualTo("10.0.0.1");
    assertThat(r.masterPort()).isEqualTo(6379);
    assertThat(r.masterLinkUp()).isFalse();
    assertThat(r.masterLinkDownMs()).isEqualTo(7000);
    assertThat(r.slaveReplOffset()).isEqualTo(1234);
    assertThat(r.slavePriority()).isEqualTo(10);
    assertThat(r.replicaAnnounced()).isZero();
  }

  @Test
  void shortRunIdAndGarbageAreIgnored() {
    InfoReport r = InfoReport.parse("run_id:abc\r\nrole:sentinel\r\nslaveX:ip=1\r\n\u0000\r\n");
    assertThat(r.runId()).isNull();
    assertThat(r.role()).isNull();
    assertThat(r.replicas()).isEmpty();
  }

  @Test
  void numbersAreReadLikeAtoi() {
    assertThat(InfoReport.atol("12abc")).isEqualTo(12);
    assertThat(InfoReport.atol("abc")).isZero();
    assertThat(InfoReport.atol(" -3")).isEqualTo(-3);
  }
}
