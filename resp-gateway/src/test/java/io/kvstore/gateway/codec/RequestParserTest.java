package io.kvstore.gateway.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request parsing, each case checked whole, byte by byte and in random fragments (the results
 * must be identical). Expected values were taken from a real redis-server 7.0.15.
 */
class RequestParserTest {

  static List<Arguments> cases() {
    return List.of(
        ok("PING\r\n", "[[PING]]"),
        ok("PING\n", "[[PING]]"),
        ok("*1\r\n$4\r\nPING\r\n", "[[PING]]"),
        ok("*2\r\n$4\r\nECHO\r\n$0\r\n\r\n", "[[ECHO, ]]"),
        ok("\r\n\nPING\n", "[[PING]]"),
        ok("  PING   \r\n", "[[PING]]"),
        ok("   \r\n", "[]"),
        ok("*0\r\n*-1\r\nPING\r\n", "[[PING]]"),
        ok("*-9223372036854775808\r\nPING\r\n", "[[PING]]"),
        ok("*1\rX$4\r\nPINGxx", "[[PING]]"),
        ok("*2\r\n$4\r\nECHO\r\n$4\r\na\r\nb\r\n", "[[ECHO, a\r\nb]]"),
        ok("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\nPING x\r\n",
            "[[SET, k, v], [GET, k], [PING, x]]"),
        ok("ECHO\rB\r\n", "[[ECHO, B]]"),
        ok("ECHO a\tb\r\n", "[[ECHO, a, b]]"),
        ok("ECHO \"a\" b\r\n", "[[ECHO, a, b]]"),
        ok("ECHO \"a\"\u000bb\r\n", "[[ECHO, a, b]]"),
        ok("ECHO a\"b c\"\r\n", "[[ECHO, ab c]]"),
        ok("ECHO \"\"\r\n", "[[ECHO, ]]"),
        ok("ECHO \"a\\x41b\\n\"\r\n", "[[ECHO, aAb\n]]"),
        ok("ECHO \"\\xZZ\" \"\\xG1\"\r\n", "[[ECHO, xZZ, xG1]]"),
        ok("ECHO \"\\t\\b\\a\\r\\q\\\\\\\"\"\r\n", "[[ECHO, \t\b\u0007\rq\\\"]]"),
        ok("SET 'a\\'b' 'c\\nd'\r\n", "[[SET, a'b, c\\nd]]"),
        ok("ECHO \"\\xff\\x00\"\r\n", "[[ECHO, \u00ff\u0000]]"),
        // a NUL byte hides the rest of the line or header from Redis's strchr: nothing parses
        ok("*1\r\n$4\u0000\r\nPING\r\n", "[]"),
        ok("PI\u0000NG\r\n", "[]"),
        ok("*1\r\n$1\r\n\u0000\r\n", "[[\u0000]]"),
        ok("*1\r\n$4\r\nPI", "[]"),
        ok("*1\r\n$536870912\r\nabc", "[]"),
        err("*2147483648\r\n", "[]", "ERR Protocol error: invalid multibulk length"),
        err("*-9223372036854775809\r\n", "[]", "ERR Protocol error: invalid multibulk length"),
        err("*abc\r\n", "[]", "ERR Protocol error: invalid multibulk length"),
        err("*01\r\n$4\r\nPING\r\n", "[]", "ERR Protocol error: invalid multibulk length"),
        err("*+1\r\n", "[]", "ERR Protocol error: invalid multibulk length"),
        err("*-0\r\n", "[]", "ERR Protocol error: invalid multibulk length"),
        err("*\r\nPING\r\n", "[]", "ERR Protocol error: invalid multibulk length"),
        err("*1 \r\n", "[]", "ERR Protocol error: invalid multibulk length"),
        err("*1\r\n$-1\r\n", "[]", "ERR Protocol error: invalid bulk length"),
        err("*1\r\n$\r\n", "[]", "ERR Protocol error: invalid bulk length"),
        err("*1\r\n$04\r\nPING\r\n", "[]", "ERR Protocol error: invalid bulk length"),
        err("*1\r\n$536870913\r\n", "[]", "ERR Protocol error: invalid bulk length"),
        err("*1\r\nx4\r\n", "[]", "ERR Protocol error: expected '$', got 'x'"),
        err("*1\r\n\r\n", "[]", "ERR Protocol error: expected '$', got ' '"),
        err("*1\r\n:1\r\n", "[]", "ERR Protocol error: expected '$', got ':'"),
        err("ECHO \"ab\r\n", "[]", "ERR Protocol error: unbalanced quotes in request"),
        err("ECHO 'ab\r\n", "[]", "ERR Protocol error: unbalanced quotes in request"),
        err("ECHO \"a\"b\r\n", "[]", "ERR Protocol error: unbalanced quotes in request"),
        err("ECHO 'ab'c\r\n", "[]", "ERR Protocol error: unbalanced quotes in request"),
        err("ECHO \"ab\\\"\r\n", "[]", "ERR Protocol error: unbalanced quotes in request"),
        err("PING\r\n*1\r\n$4\r\nECHO\r\n*1\r\n$-1\r\nPING\r\n",
            "[[PING], [ECHO]]", "ERR Protocol error: invalid bulk length"),
        err("*2\r\n$4\r\nECHO\r\n$-5\r\n", "[]", "ERR Protocol error: invalid bulk length"),
        err("*1" + "1".repeat(65535), "[]", "ERR Protocol error: too big mbulk count string"),
        ok("*1" + "1".repeat(65534), "[]"),
        err("*1\r\n$" + "1".repeat(65536), "[]", "ERR Protocol error: too big bulk count string"),
        err("A".repeat(65537), "[]", "ERR Protocol error: too big inline request"),
        ok("A".repeat(65536), "[]"),
        err("PING\r\n" + "A".repeat(65537), "[[PING]]", "ERR Protocol error: too big inline request"));
  }

  private static Arguments ok(String in, String commands) {
    return Arguments.of(in, commands, null);
  }

  private static Arguments err(String in, String commands, String error) {
    return Arguments.of(in, commands, error);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void parsesLikeRedisInEveryFragmentation(String input, String commands, String error) {
    byte[] data = ParseRun.bytes(input);
    ParseRun.Result whole = ParseRun.whole(data);
    assertThat(whole.commands().toString()).isEqualTo(commands);
    assertThat(whole.error()).isEqualTo(error);
    if (data.length <= 4096) {
      assertThat(ParseRun.byteByByte(data)).isEqualTo(whole);
    }
    for (long seed = 1; seed <= 20; seed++) {
      assertThat(ParseRun.randomFragments(data, seed)).as("seed %d", seed).isEqualTo(whole);
    }
  }

  @Test
  void bulkLimitFollowsTheCurrentConfig() throws Exception {
    AtomicLong max = new AtomicLong(1024 * 1024);
    RequestParser p = new RequestParser(max::get);
    List<byte[][]> out = new ArrayList<>();
    ByteBuf in = buf("*1\r\n$1048576\r\n");
    assertThat(p.feed(in, out)).isEqualTo(RequestParser.Status.NEED_MORE);
    assertThat(p.midRequest()).isTrue();
    max.set(10);
    RequestParser q = new RequestParser(max::get);
    assertThatThrownBy(() -> q.feed(buf("*1\r\n$11\r\n"), out))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("ERR Protocol error: invalid bulk length");
    RequestParser r = new RequestParser(max::get);
    assertThat(r.feed(buf("*1\r\n$10\r\n0123456789\r\n"), out))
        .isEqualTo(RequestParser.Status.NEED_MORE);
    assertThat(out).hasSize(1);
  }

  @Test
  void staysFailedAfterAProtocolError() throws Exception {
    RequestParser p = new RequestParser(() -> 100);
    List<byte[][]> out = new ArrayList<>();
    assertThatThrownBy(() -> p.feed(buf("*x\r\n"), out)).isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> p.feed(buf("PING\r\n"), out))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("ERR Protocol error: invalid multibulk length");
    assertThat(out).isEmpty();
  }

  @Test
  void unauthenticatedLimitsWaitForAFreshAuthState() throws Exception {
    AtomicBoolean authRequired = new AtomicBoolean(true);
    RequestParser p = new RequestParser(() -> 1 << 20, authRequired::get);
    List<byte[][]> out = new ArrayList<>();
    ByteBuf in = buf("*2\r\n$4\r\nAUTH\r\n$2\r\npw\r\n*11\r\n");
    assertThat(p.feed(in, out)).isEqualTo(RequestParser.Status.AUTH_CHECK);
    assertThat(out).hasSize(1);
    assertThat(in.toString(java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("*11\r\n");
    // the engine ran AUTH successfully
    authRequired.set(false);
    p.authStateConfirmed();
    assertThat(p.feed(in, out)).isEqualTo(RequestParser.Status.NEED_MORE);
    assertThat(p.midRequest()).isTrue();

    RequestParser q = new RequestParser(() -> 1 << 20, () -> true);
    ByteBuf in2 = buf("*11\r\n");
    assertThat(q.feed(in2, out)).isEqualTo(RequestParser.Status.AUTH_CHECK);
    q.authStateConfirmed();
    assertThatThrownBy(() -> q.feed(in2, out))
        .hasMessage("ERR Protocol error: unauthenticated multibulk length");

    RequestParser r = new RequestParser(() -> 1 << 20, () -> true);
    assertThat(r.feed(buf("*10\r\n$16384\r\n"), out)).isEqualTo(RequestParser.Status.NEED_MORE);
    RequestParser s = new RequestParser(() -> 1 << 20, () -> true);
    ByteBuf in3 = buf("*2\r\n$16385\r\n");
    assertThat(s.feed(in3, out)).isEqualTo(RequestParser.Status.AUTH_CHECK);
    s.authStateConfirmed();
    assertThatThrownBy(() -> s.feed(in3, out))
        .hasMessage("ERR Protocol error: unauthenticated bulk length");
  }

  @Test
  void string2llFollowsRedis() {
    assertThat(ll("0")).isEqualTo(0);
    assertThat(ll("-1")).isEqualTo(-1);
    assertThat(ll("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(ll("9223372036854775808")).isEqualTo(Long.MIN_VALUE); // invalid
    assertThat(ll("-9223372036854775808")).isEqualTo(Long.MIN_VALUE + 1); // valid, clamped
    assertThat(ll("18446744073709551616")).isEqualTo(Long.MIN_VALUE);
    assertThat(ll("00")).isEqualTo(Long.MIN_VALUE);
    assertThat(ll("-")).isEqualTo(Long.MIN_VALUE);
    assertThat(ll("")).isEqualTo(Long.MIN_VALUE);
    assertThat(ll("1a")).isEqualTo(Long.MIN_VALUE);
  }

  private static long ll(String s) {
    ByteBuf b = buf(s);
    return RequestParser.string2ll(b, 0, b.writerIndex());
  }

  private static ByteBuf buf(String s) {
    return Unpooled.wrappedBuffer(ParseRun.bytes(s));
  }
}
