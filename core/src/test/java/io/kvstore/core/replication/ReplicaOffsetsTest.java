package io.kvstore.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplicaOffsetsTest {

  @Test
  void getAckIsAnsweredWithTheOffsetBeforeIt() {
    ReplicaOffsets o = new ReplicaOffsets(100);
    byte[] set = StreamEncoder.array(b("SET"), b("x"), b("1"));
    o.onReceived(set.length + StreamEncoder.GETACK.length);
    assertThat(o.read()).isEqualTo(164);
    o.onApplied(set.length);
    // executing GETACK: its own 37 bytes are not applied yet
    assertThat(new String(o.ack(), StandardCharsets.US_ASCII))
        .isEqualTo("*3\r\n$8\r\nREPLCONF\r\n$3\r\nACK\r\n$3\r\n127\r\n");
    o.onApplied(StreamEncoder.GETACK.length);
    assertThat(new String(o.ack(), StandardCharsets.US_ASCII))
        .isEqualTo("*3\r\n$8\r\nREPLCONF\r\n$3\r\nACK\r\n$3\r\n164\r\n");
    assertThat(o.applied()).isEqualTo(o.read());
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
