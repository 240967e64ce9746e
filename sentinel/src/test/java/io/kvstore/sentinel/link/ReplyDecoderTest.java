package io.kvstore.sentinel.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvstore.core.reply.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyDecoderTest {
  private static final String STREAM = "+PONG\r\n-NOAUTH Authentication required.\r\n:42\r\n"
      + "$5\r\nhello\r\n$-1\r\n*-1\r\n*3\r\n$7\r\nmessage\r\n$18\r\n__sentinel__:hello\r\n$3\r\na,b\r\n"
      + "*2\r\n*1\r\n:1\r\n$0\r\n\r\n>2\r\n+a\r\n_\r\n";

  private static List<Reply> decodeAll(ReplyDecoder d, ByteBuf buf) {
    List<Reply> out = new ArrayList<>();
    d.decode(buf, out);
    return out;
  }

  @Test
  void decodesEveryTypeWholeAndByteByByte() {
    List<Reply> whole = decodeAll(new ReplyDecoder(),
        Unpooled.copiedBuffer(STREAM, StandardCharsets.UTF_8));
    assertThat(whole).hasSize(9);
    assertThat(whole.get(0)).isEqualTo(new Reply.Simple("PONG"));
    assertThat(whole.get(1)).isEqualTo(new Reply.Error("NOAUTH Authentication required."));
    assertThat(whole.get(2)).isEqualTo(new Reply.Int(42));
    assertThat(((Reply.Bulk) whole.get(3)).utf8()).isEqualTo("hello");
    assertThat(whole.get(4)).isEqualTo(Reply.NULL);
    assertThat(whole.get(5)).isEqualTo(Reply.NULL_ARRAY);
    Reply.Array msg = (Reply.Array) whole.get(6);
    assertThat(((Reply.Bulk) msg.items().get(2)).utf8()).isEqualTo("a,b");
    assertThat(whole.get(8)).isInstanceOf(Reply.Push.class);

    ReplyDecoder d = new ReplyDecoder();
    ByteBuf acc = Unpooled.buffer();
    List<Reply> pieces = new ArrayList<>();
    for (byte b : STREAM.getBytes(StandardCharsets.UTF_8)) {
      acc.writeByte(b);
      d.decode(acc, pieces);
      acc.discardReadBytes();
    }
    assertThat(pieces).hasSize(9);
    assertThat(pieces.get(6)).isInstanceOf(Reply.Array.class);
    assertThat(acc.readableBytes()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"?what\r\n", ":12x\r\n", "$3\r\nabcXY", "+no-cr\n", "*99999999\r\n",
      "$999999999999\r\n"})
  void malformedInputIsRejected(String bad) {
    assertThatThrownBy(() -> decodeAll(new ReplyDecoder(),
        Unpooled.copiedBuffer(bad, StandardCharsets.UTF_8))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void deeplyNestedRepliesAreRejected() {
    String deep = "*1\r\n".repeat(40) + ":1\r\n";
    assertThatThrownBy(() -> decodeAll(new ReplyDecoder(),
        Unpooled.copiedBuffer(deep, StandardCharsets.UTF_8))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void encodesCommandsAsRespArrays() {
    ByteBuf b = Conn.encode(List.of("PUBLISH", "__sentinel__:hello", "é"));
    assertThat(b.toString(StandardCharsets.UTF_8))
        .isEqualTo("*3\r\n$7\r\nPUBLISH\r\n$18\r\n__sentinel__:hello\r\n$2\r\né\r\n");
  }
}
