package io.kvstore.gateway.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.reply.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Byte-exact RESP2 and RESP3 encodings of every reply type (as redis-server 7.0.15 writes them). */
class RespEncoderTest {

  private static String enc(Reply r, int resp) {
    return new String(RespEncoder.toBytes(r, resp), StandardCharsets.ISO_8859_1);
  }

  private static void both(Reply r, String resp2, String resp3) {
    assertThat(enc(r, 2)).as("RESP2 of %s", r).isEqualTo(resp2);
    assertThat(enc(r, 3)).as("RESP3 of %s", r).isEqualTo(resp3);
  }

  @Test
  void simpleAndErrorLines() {
    both(Reply.OK, "+OK\r\n", "+OK\r\n");
    both(new Reply.Simple("OK"), "+OK\r\n", "+OK\r\n");
    both(Reply.PONG, "+PONG\r\n", "+PONG\r\n");
    both(Reply.QUEUED, "+QUEUED\r\n", "+QUEUED\r\n");
    both(new Reply.Simple("FULLRESYNC abc 0"), "+FULLRESYNC abc 0\r\n", "+FULLRESYNC abc 0\r\n");
    both(new Reply.Error("ERR syntax error"), "-ERR syntax error\r\n", "-ERR syntax error\r\n");
    both(new Reply.Error("ERR bad\r\nline"), "-ERR bad  line\r\n", "-ERR bad  line\r\n");
    both(new Reply.Simple("é"), "+\u00c3\u00a9\r\n", "+\u00c3\u00a9\r\n");
  }

  @Test
  void integers() {
    both(Reply.ZERO, ":0\r\n", ":0\r\n");
    both(Reply.ONE, ":1\r\n", ":1\r\n");
    both(new Reply.Int(-1), ":-1\r\n", ":-1\r\n");
    both(new Reply.Int(-2), ":-2\r\n", ":-2\r\n");
    both(new Reply.Int(1024), ":1024\r\n", ":1024\r\n");
    both(new Reply.Int(1025), ":1025\r\n", ":1025\r\n");
    both(new Reply.Int(Long.MAX_VALUE), ":9223372036854775807\r\n", ":9223372036854775807\r\n");
    both(new Reply.Int(Long.MIN_VALUE), ":-9223372036854775808\r\n", ":-9223372036854775808\r\n");
  }

  @Test
  void bulksAndNulls() {
    both(Reply.bulk("hello"), "$5\r\nhello\r\n", "$5\r\nhello\r\n");
    both(Reply.bulk(""), "$0\r\n\r\n", "$0\r\n\r\n");
    both(Reply.bulk(new byte[] {0, (byte) 0xff, '\r', '\n'}), "$4\r\n\u0000\u00ff\r\n\r\n",
        "$4\r\n\u0000\u00ff\r\n\r\n");
    both(Reply.NULL, "$-1\r\n", "_\r\n");
    both(Reply.NULL_ARRAY, "*-1\r\n", "_\r\n");
    both(Reply.NONE, "", "");
    String big = "x".repeat(100_000);
    both(Reply.bulk(big), "$100000\r\n" + big + "\r\n", "$100000\r\n" + big + "\r\n");
  }

  @Test
  void aggregates() {
    both(Reply.EMPTY_ARRAY, "*0\r\n", "*0\r\n");
    both(Reply.array(Reply.bulk("a"), Reply.integer(7), Reply.NULL, Reply.array(Reply.OK)),
        "*4\r\n$1\r\na\r\n:7\r\n$-1\r\n*1\r\n+OK\r\n",
        "*4\r\n$1\r\na\r\n:7\r\n_\r\n*1\r\n+OK\r\n");
    both(new Reply.MapReply(List.of(Reply.bulk("server"), Reply.bulk("redis"), Reply.bulk("proto"),
            Reply.integer(3))),
        "*4\r\n$6\r\nserver\r\n$5\r\nredis\r\n$5\r\nproto\r\n:3\r\n",
        "%2\r\n$6\r\nserver\r\n$5\r\nredis\r\n$5\r\nproto\r\n:3\r\n");
    both(new Reply.MapReply(List.of()), "*0\r\n", "%0\r\n");
    both(new Reply.SetReply(List.of(Reply.bulk("a"), Reply.bulk("b"))),
        "*2\r\n$1\r\na\r\n$1\r\nb\r\n", "~2\r\n$1\r\na\r\n$1\r\nb\r\n");
    both(new Reply.SetReply(List.of()), "*0\r\n", "~0\r\n");
    both(new Reply.Push(List.of(Reply.bulk("message"), Reply.bulk("ch"), Reply.bulk("hi"))),
        "*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n",
        ">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n");
    both(new Reply.Push(List.of(new Reply.MapReply(List.of(Reply.bulk("k"), new Reply.Bool(true))))),
        "*1\r\n*2\r\n$1\r\nk\r\n:1\r\n", ">1\r\n%1\r\n$1\r\nk\r\n#t\r\n");
  }

  @Test
  void doublesBooleansVerbatim() {
    both(new Reply.DoubleReply(1.5), "$3\r\n1.5\r\n", ",1.5\r\n");
    both(new Reply.DoubleReply(0.1), "$19\r\n0.10000000000000001\r\n", ",0.10000000000000001\r\n");
    both(new Reply.DoubleReply(Double.POSITIVE_INFINITY), "$3\r\ninf\r\n", ",inf\r\n");
    both(new Reply.DoubleReply(Double.NEGATIVE_INFINITY), "$4\r\n-inf\r\n", ",-inf\r\n");
    both(new Reply.DoubleReply(3), "$1\r\n3\r\n", ",3\r\n");
    both(new Reply.DoubleReply(1e300), "$23\r\n1.0000000000000001e+300\r\n",
        ",1.0000000000000001e+300\r\n");
    both(new Reply.DoubleReply(1e17), "$5\r\n1e+17\r\n", ",1e+17\r\n");
    both(new Reply.Bool(true), ":1\r\n", "#t\r\n");
    both(new Reply.Bool(false), ":0\r\n", "#f\r\n");
    both(new Reply.Verbatim("txt", "Some string"), "$11\r\nSome string\r\n",
        "=15\r\ntxt:Some string\r\n");
    both(new Reply.Verbatim("md", "x"), "$1\r\nx\r\n", "=5\r\nmd :x\r\n");
    both(new Reply.Verbatim("txt", "é"), "$2\r\n\u00c3\u00a9\r\n", "=6\r\ntxt:\u00c3\u00a9\r\n");
  }

  @Test
  void doubleFormatMatchesPrintfG17() {
    // expectations from C printf("%.17g")
    assertThat(DoubleFormat.g17(0.0)).isEqualTo("0");
    assertThat(DoubleFormat.g17(-0.0)).isEqualTo("-0");
    assertThat(DoubleFormat.g17(1.5)).isEqualTo("1.5");
    assertThat(DoubleFormat.g17(-2.25)).isEqualTo("-2.25");
    assertThat(DoubleFormat.g17(3.14)).isEqualTo("3.1400000000000001");
    assertThat(DoubleFormat.g17(10.5)).isEqualTo("10.5");
    assertThat(DoubleFormat.g17(123.456)).isEqualTo("123.456");
    assertThat(DoubleFormat.g17(1e16)).isEqualTo("10000000000000000");
    assertThat(DoubleFormat.g17(1e17)).isEqualTo("1e+17");
    assertThat(DoubleFormat.g17(1.2345e17)).isEqualTo("1.2345e+17");
    assertThat(DoubleFormat.g17(0.0001)).isEqualTo("0.0001");
    assertThat(DoubleFormat.g17(0.00001)).isEqualTo("1.0000000000000001e-05");
    assertThat(DoubleFormat.g17(1e-300)).isEqualTo("1e-300");
    assertThat(DoubleFormat.g17(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
    assertThat(DoubleFormat.g17(Double.MIN_VALUE)).isEqualTo("4.9406564584124654e-324");
    assertThat(DoubleFormat.g17(9007199254740993.0)).isEqualTo("9007199254740992");
    assertThat(DoubleFormat.g17(0.5)).isEqualTo("0.5");
    assertThat(DoubleFormat.g17(100)).isEqualTo("100");
    assertThat(DoubleFormat.g17(Double.NaN)).isEqualTo("nan");
    assertThat(DoubleFormat.g17(-Double.NaN)).isIn("nan", "-nan");
  }

  @Test
  void appendsToAnExistingBuffer() {
    ByteBuf out = Unpooled.buffer(2);
    RespEncoder.encode(Reply.OK, 2, out);
    RespEncoder.encode(new Reply.Int(123456789012L), 2, out);
    RespEncoder.encode(Reply.bulk("v"), 3, out);
    assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("+OK\r\n:123456789012\r\n$1\r\nv\r\n");
  }

  @Test
  void rawErrorKeepsTheRequestByte() {
    ByteBuf out = Unpooled.buffer();
    RespEncoder.rawError("ERR Protocol error: expected '$', got '\u00e9'", out);
    byte[] b = new byte[out.readableBytes()];
    out.readBytes(b);
    assertThat(b[b.length - 4]).isEqualTo((byte) 0xe9);
  }
}
