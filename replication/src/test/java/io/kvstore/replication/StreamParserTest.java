package io.kvstore.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamParserTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String words(StreamParser.Command c) {
    List<String> w = new ArrayList<>();
    for (byte[] a : c.argv()) w.add(new String(a, StandardCharsets.ISO_8859_1));
    return String.join(" ", w);
  }

  @Test
  void splitsCommandsKeepingTheirExactBytes() {
    String select = "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n";
    String set = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$4\r\nv\r\nw\r\n";
    List<StreamParser.Command> out = new StreamParser(1 << 20).feed(b(select + set));
    assertThat(out).hasSize(2);
    assertThat(words(out.get(0))).isEqualTo("SELECT 0");
    assertThat(new String(out.get(0).raw(), StandardCharsets.ISO_8859_1)).isEqualTo(select);
    assertThat(words(out.get(1))).isEqualTo("SET k v\r\nw"); // binary-safe bulks
    assertThat(out.get(1).raw()).hasSize(set.length());
  }

  @Test
  void anyFragmentationGivesTheSameCommands() {
    String stream = "*1\r\n$4\r\nping\r\n*3\r\n$8\r\nREPLCONF\r\n$6\r\nGETACK\r\n$1\r\n*\r\n\n"
        + "*2\r\n$3\r\nDEL\r\n$10\r\n0123456789\r\n*0\r\n";
    byte[] all = b(stream);
    for (int cut = 1; cut < all.length; cut++) {
      StreamParser p = new StreamParser(1 << 20);
      List<StreamParser.Command> out = new ArrayList<>();
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      for (int i = 0; i < all.length; i += cut) {
        byte[] part = java.util.Arrays.copyOfRange(all, i, Math.min(all.length, i + cut));
        out.addAll(p.feed(part));
      }
      for (StreamParser.Command c : out) raw.writeBytes(c.raw());
      assertThat(out).extracting(StreamParserTest::words)
          .containsExactly("ping", "REPLCONF GETACK *", "", "DEL 0123456789", "");
      assertThat(raw.toByteArray()).isEqualTo(all); // every byte counted exactly once
      assertThat(p.pending()).isZero();
    }
  }

  @Test
  void inlineCommandsAreSplitOnBlanks() {
    List<StreamParser.Command> out = new StreamParser(1 << 20).feed(b("SET a  b\r\n"));
    assertThat(words(out.get(0))).isEqualTo("SET a b");
    assertThat(out.get(0).raw()).hasSize(10);
  }

  @Test
  void malformedInputIsAProtocolError() {
    assertThatThrownBy(() -> new StreamParser(1 << 20).feed(b("*1\r\n+OK\r\n")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("expected '$'");
    assertThatThrownBy(() -> new StreamParser(1 << 20).feed(b("*x\r\n")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("invalid multibulk length");
    assertThatThrownBy(() -> new StreamParser(10).feed(b("*1\r\n$11\r\n")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("invalid bulk length");
  }
}
