package io.kvstore.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.NullValue;
import io.kvstore.proto.v1.Reply;
import io.kvstore.proto.v1.ReplyArray;
import io.kvstore.proto.v1.ReplyMap;
import io.kvstore.proto.v1.ReplyMapEntry;
import org.junit.jupiter.api.Test;

/** Output must match redis-cli 7.0 on a terminal byte for byte. */
class ReplyPrinterTest {
  static Reply bulk(String s) {
    return Reply.newBuilder().setBulk(ByteString.copyFromUtf8(s)).build();
  }

  static Reply integer(long v) {
    return Reply.newBuilder().setInteger(v).build();
  }

  static Reply nil() {
    return Reply.newBuilder().setNull(NullValue.NULL_VALUE).build();
  }

  static Reply array(Reply... items) {
    ReplyArray.Builder b = ReplyArray.newBuilder();
    for (Reply r : items) b.addItems(r);
    return Reply.newBuilder().setArray(b).build();
  }

  @Test
  void scalars() {
    assertThat(ReplyPrinter.tty(Reply.newBuilder().setSimple("OK").build())).isEqualTo("OK\n");
    assertThat(ReplyPrinter.tty(Reply.newBuilder().setError("ERR syntax error").build()))
        .isEqualTo("(error) ERR syntax error\n");
    assertThat(ReplyPrinter.tty(integer(-5))).isEqualTo("(integer) -5\n");
    assertThat(ReplyPrinter.tty(nil())).isEqualTo("(nil)\n");
    assertThat(ReplyPrinter.tty(Reply.newBuilder().setBool(true).build())).isEqualTo("(true)\n");
    assertThat(ReplyPrinter.tty(Reply.newBuilder().setDouble(1.5).build())).isEqualTo("(double) 1.5\n");
  }

  @Test
  void stringsAreQuotedAndEscapedLikeSdscatrepr() {
    assertThat(ReplyPrinter.tty(bulk("hello"))).isEqualTo("\"hello\"\n");
    assertThat(ReplyPrinter.tty(bulk(""))).isEqualTo("\"\"\n");
    assertThat(ReplyPrinter.tty(bulk("a\"b\\c\n\r\t"))).isEqualTo("\"a\\\"b\\\\c\\n\\r\\t\"\n");
    Reply binary = Reply.newBuilder().setBulk(ByteString.copyFrom(new byte[] {0, 7, 8, (byte) 0xe9, 0x7f})).build();
    assertThat(ReplyPrinter.tty(binary)).isEqualTo("\"\\x00\\a\\b\\xe9\\x7f\"\n");
  }

  @Test
  void arraysAreNumberedAndNestedWithRedisCliIndentation() {
    assertThat(ReplyPrinter.tty(array())).isEqualTo("(empty array)\n");
    assertThat(ReplyPrinter.tty(array(bulk("a"), nil(), integer(3))))
        .isEqualTo("1) \"a\"\n2) (nil)\n3) (integer) 3\n");
    // SCAN-like nesting
    assertThat(ReplyPrinter.tty(array(bulk("0"), array(bulk("k1"), bulk("k2")))))
        .isEqualTo("1) \"0\"\n2) 1) \"k1\"\n   2) \"k2\"\n");
    // index width grows with the element count
    Reply[] ten = new Reply[10];
    for (int i = 0; i < 10; i++) ten[i] = integer(i);
    String out = ReplyPrinter.tty(array(ten));
    assertThat(out).startsWith(" 1) (integer) 0\n 2) (integer) 1\n").endsWith("10) (integer) 9\n");
    assertThat(ReplyPrinter.tty(array(array(bulk("x")), array())))
        .isEqualTo("1) 1) \"x\"\n2) (empty array)\n");
  }

  @Test
  void mapsUseHashSignsAndArrows() {
    Reply map = Reply.newBuilder().setMap(ReplyMap.newBuilder()
        .addEntries(ReplyMapEntry.newBuilder().setKey(bulk("server")).setValue(bulk("redis")))
        .addEntries(ReplyMapEntry.newBuilder().setKey(bulk("modules")).setValue(array()))
        .addEntries(ReplyMapEntry.newBuilder().setKey(bulk("list"))
            .setValue(array(bulk("a"), bulk("b"))))).build();
    assertThat(ReplyPrinter.tty(map)).isEqualTo(
        "1# \"server\" => \"redis\"\n"
            + "2# \"modules\" => (empty array)\n"
            + "3# \"list\" => \n"
            + "   1) \"a\"\n"
            + "   2) \"b\"\n");
    assertThat(ReplyPrinter.tty(Reply.newBuilder().setMap(ReplyMap.getDefaultInstance()).build()))
        .isEqualTo("(empty hash)\n");
  }

  @Test
  void rawModePrintsUnquoted() {
    assertThat(ReplyPrinter.raw(bulk("a\nb"))).isEqualTo("a\nb\n");
    assertThat(ReplyPrinter.raw(integer(7))).isEqualTo("7\n");
    assertThat(ReplyPrinter.raw(nil())).isEqualTo("\n");
    assertThat(ReplyPrinter.raw(array(bulk("x"), bulk("y")))).isEqualTo("x\ny\n");
    assertThat(ReplyPrinter.verbatim(bulk("# Server\r\nredis_version:7.0.15\r\n")))
        .isEqualTo("# Server\r\nredis_version:7.0.15\r\n");
  }

  @Test
  void doublesFollowPercentDot17g() {
    assertThat(ReplyPrinter.formatDouble(3)).isEqualTo("3");
    assertThat(ReplyPrinter.formatDouble(1.1)).isEqualTo("1.1000000000000001");
    assertThat(ReplyPrinter.formatDouble(-0.5)).isEqualTo("-0.5");
    assertThat(ReplyPrinter.formatDouble(1e20)).isEqualTo("1e+20");
    assertThat(ReplyPrinter.formatDouble(1.5e-7)).isEqualTo("1.4999999999999999e-07");
    assertThat(ReplyPrinter.formatDouble(Double.POSITIVE_INFINITY)).isEqualTo("inf");
  }
}
