package io.kvstore.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.engine.Effect;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamEncoderTest {
  private final StreamEncoder enc = new StreamEncoder();

  private static String s(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void firstEffectSelectsItsDb() {
    assertThat(s(enc.encode(List.of(Effect.of(0, "SET", "k", "v")))))
        .isEqualTo("*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n");
    assertThat(s(enc.encode(Effect.of(0, "DEL", "k")))).isEqualTo("*2\r\n$3\r\nDEL\r\n$1\r\nk\r\n");
    assertThat(s(enc.encode(Effect.of(15, "DEL", "k"))))
        .isEqualTo("*2\r\n$6\r\nSELECT\r\n$2\r\n15\r\n*2\r\n$3\r\nDEL\r\n$1\r\nk\r\n");
    assertThat(enc.selectedDb()).isEqualTo(15);
  }

  @Test
  void resetForcesSelect() {
    enc.encode(Effect.of(3, "DEL", "k"));
    enc.reset();
    assertThat(s(enc.encode(Effect.of(3, "DEL", "k")))).startsWith("*2\r\n$6\r\nSELECT\r\n$1\r\n3\r\n");
  }

  @Test
  void selectGoesBeforeMulti() {
    byte[] out = enc.encode(List.of(Effect.of(2, "MULTI"), Effect.of(2, "INCR", "a"),
        Effect.of(2, "INCR", "b"), Effect.of(2, "EXEC")));
    assertThat(s(out)).isEqualTo("*2\r\n$6\r\nSELECT\r\n$1\r\n2\r\n*1\r\n$5\r\nMULTI\r\n"
        + "*2\r\n$4\r\nINCR\r\n$1\r\na\r\n*2\r\n$4\r\nINCR\r\n$1\r\nb\r\n*1\r\n$4\r\nEXEC\r\n");
  }

  @Test
  void binaryArgumentsAreLengthPrefixed() {
    byte[][] argv = {"SET".getBytes(), {0, '\r', '\n', (byte) 0xff}, "".getBytes()};
    byte[] out = enc.encode(new Effect(0, argv));
    byte[] expectedTail = {'$', '4', '\r', '\n', 0, '\r', '\n', (byte) 0xff, '\r', '\n',
        '$', '0', '\r', '\n', '\r', '\n'};
    assertThat(java.util.Arrays.copyOfRange(out, out.length - expectedTail.length, out.length))
        .isEqualTo(expectedTail);
  }

  @Test
  void pingAndGetAckNeverSelect() {
    assertThat(s(enc.ping())).isEqualTo("*1\r\n$4\r\nping\r\n");
    assertThat(enc.getAck()).hasSize(37);
    assertThat(s(enc.getAck())).isEqualTo("*3\r\n$8\r\nREPLCONF\r\n$6\r\nGETACK\r\n$1\r\n*\r\n");
    assertThat(enc.selectedDb()).isEqualTo(-1);
  }

  @Test
  void cronPingsEveryPeriodWithReplicasOnATopLevelMaster() {
    StringBuilder pings = new StringBuilder();
    for (int loop = 0; loop < 25; loop++) {
      pings.append(enc.cronPing(true, loop < 20 ? 1 : 0, 10).length > 0 ? 'P' : '.');
    }
    assertThat(pings.toString()).isEqualTo("P.........P..............");
    StreamEncoder replica = new StreamEncoder();
    assertThat(replica.cronPing(false, 3, 10)).isEmpty();
  }
}
