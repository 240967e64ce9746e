package io.kvstore.gateway.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.reply.Errors;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Seeded, deterministic fuzzing of the request parser: random bytes, valid pipelines and their
 * truncations and mutations. Whatever the input, parsing must not throw, must give the same
 * result however the bytes are fragmented, must only yield non-empty argument vectors or one of
 * Redis's protocol errors, must parse everything before a corruption exactly as without it, and
 * must never allocate more than the bytes that actually arrived.
 */
class RequestParserFuzzTest {
  private static final Set<String> ERRORS = Set.of(
      Errors.PROTO_INVALID_MULTIBULK_LEN, Errors.PROTO_INVALID_BULK_LEN,
      Errors.PROTO_TOO_BIG_MBULK_COUNT, Errors.PROTO_TOO_BIG_BULK_COUNT,
      Errors.PROTO_TOO_BIG_INLINE, Errors.PROTO_UNBALANCED_QUOTES);
  private static final Pattern EXPECTED_DOLLAR =
      Pattern.compile("ERR Protocol error: expected '\\$', got '.'", Pattern.DOTALL);
  private static final byte[] RESPISH = "*$\r\n0123456789-+ \"'\\xab\u0000\t".getBytes(StandardCharsets.ISO_8859_1);

  /** A generated pipeline and where each command's frame ends. */
  record Pipeline(byte[] data, List<List<String>> commands, int[] ends) {}

  @Test
  void randomBytes() {
    SplittableRandom r = new SplittableRandom(20240601);
    for (int i = 0; i < 4000; i++) {
      byte[] data = new byte[r.nextInt(300)];
      boolean respish = r.nextBoolean();
      for (int j = 0; j < data.length; j++) {
        data[j] = respish ? RESPISH[r.nextInt(RESPISH.length)] : (byte) r.nextInt(256);
      }
      if (r.nextInt(4) == 0 && data.length > 0) data[0] = '*';
      checkInvariants(data, r.nextLong());
    }
  }

  @Test
  void validPipelinesParseExactlyAndTruncationsGiveTheCompletePrefix() {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 2000; i++) {
      Pipeline p = pipeline(r);
      ParseRun.Result whole = ParseRun.whole(p.data());
      assertThat(whole.error()).isNull();
      assertThat(whole.commands()).isEqualTo(p.commands());
      assertThat(ParseRun.randomFragments(p.data(), r.nextLong())).isEqualTo(whole);
      int cut = r.nextInt(p.data().length + 1);
      byte[] truncated = java.util.Arrays.copyOf(p.data(), cut);
      ParseRun.Result t = checkInvariants(truncated, r.nextLong());
      assertThat(t.error()).isNull();
      assertThat(t.commands()).isEqualTo(p.commands().subList(0, completeBefore(p, cut)));
    }
  }

  @Test
  void mutationsNeverBreakWhatCameBefore() {
    SplittableRandom r = new SplittableRandom(99);
    for (int i = 0; i < 4000; i++) {
      Pipeline p = pipeline(r);
      byte[] data = p.data().clone();
      int at = r.nextInt(data.length);
      byte[] mutated;
      switch (r.nextInt(4)) {
        case 0 -> {
          data[at] = (byte) r.nextInt(256);
          mutated = data;
        }
        case 1 -> {
          data[at] = RESPISH[r.nextInt(RESPISH.length)];
          mutated = data;
        }
        case 2 -> mutated = splice(data, at, new byte[] {RESPISH[r.nextInt(RESPISH.length)]}, 0);
        default -> mutated = splice(data, at, new byte[0], 1 + r.nextInt(Math.min(5, data.length - at)));
      }
      ParseRun.Result res = checkInvariants(mutated, r.nextLong());
      int intact = completeBefore(p, at);
      assertThat(res.commands().size()).isGreaterThanOrEqualTo(intact);
      assertThat(res.commands().subList(0, intact)).isEqualTo(p.commands().subList(0, intact));
    }
  }

  @Test
  void declaredSizesAreNeverAllocatedBeforeTheBytesArrive() {
    String[] headers = {
        "*1\r\n$536870000\r\n", "*1\r\n$536870912\r\n", "*2147483647\r\n$1\r\na\r\n",
        "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$500000000\r\n"};
    for (String h : headers) {
      TrackingAllocator alloc = new TrackingAllocator();
      RespDecoder d = new RespDecoder(alloc, new RequestParser(() -> 512L * 1024 * 1024), () -> Long.MAX_VALUE);
      List<byte[][]> out = new ArrayList<>();
      assertThat(d.offer(copy(alloc, ParseRun.bytes(h)), out)).isEqualTo(RespDecoder.Outcome.NEED_MORE);
      long fed = h.length();
      for (int i = 0; i < 100; i++) {
        byte[] chunk = ParseRun.bytes("0123456789".repeat(10));
        fed += chunk.length;
        assertThat(d.offer(copy(alloc, chunk), out)).isEqualTo(RespDecoder.Outcome.NEED_MORE);
      }
      assertThat(out).isEmpty();
      assertThat(d.buffered()).isLessThanOrEqualTo((int) fed);
      assertThat(alloc.largest).as("largest allocation for %s", h).isLessThanOrEqualTo(4 * fed);
      d.release();
    }
  }

  @Test
  void bigArgumentsGrowWithTheDataAndArriveIntact() {
    TrackingAllocator alloc = new TrackingAllocator();
    RespDecoder d = new RespDecoder(alloc, new RequestParser(() -> 512L * 1024 * 1024), () -> Long.MAX_VALUE);
    List<byte[][]> out = new ArrayList<>();
    int size = 3_000_000;
    d.offer(copy(alloc, ParseRun.bytes("*2\r\n$3\r\nSET\r\n$" + size + "\r\n")), out);
    SplittableRandom r = new SplittableRandom(3);
    byte[] value = new byte[size];
    r.nextBytes(value);
    int at = 0;
    while (at < size) {
      int n = Math.min(size - at, 1 + r.nextInt(70_000));
      ByteBuf b = alloc.buffer(n);
      b.writeBytes(value, at, n);
      at += n;
      assertThat(alloc.largest).isLessThanOrEqualTo(2L * (at + 64) + 65536);
      d.offer(b, out);
    }
    d.offer(copy(alloc, ParseRun.bytes("\r\n")), out);
    assertThat(out).hasSize(1);
    assertThat(out.get(0)[1]).isEqualTo(value);
    assertThat(d.buffered()).isZero();
  }

  @Test
  void queryBufferLimitIsEnforced() {
    TrackingAllocator alloc = new TrackingAllocator();
    RespDecoder d = new RespDecoder(alloc, new RequestParser(() -> 512L * 1024 * 1024), () -> 1024 * 1024);
    List<byte[][]> out = new ArrayList<>();
    assertThat(d.offer(copy(alloc, ParseRun.bytes("PING\r\n*1\r\n$2000000\r\n")), out))
        .isEqualTo(RespDecoder.Outcome.NEED_MORE);
    assertThat(out).hasSize(1);
    RespDecoder.Outcome o = RespDecoder.Outcome.NEED_MORE;
    int sent = 0;
    while (o == RespDecoder.Outcome.NEED_MORE) {
      o = d.offer(copy(alloc, new byte[16 * 1024]), out);
      sent += 16 * 1024;
    }
    assertThat(o).isEqualTo(RespDecoder.Outcome.QUERY_BUFFER_LIMIT);
    assertThat(sent).isGreaterThan(1024 * 1024).isLessThanOrEqualTo(1024 * 1024 + 16 * 1024);
    d.release();
  }

  // ------------------------------------------------------------------ helpers

  private static ParseRun.Result checkInvariants(byte[] data, long seed) {
    TrackingAllocator alloc = new TrackingAllocator();
    ParseRun.Result whole = ParseRun.run(data, new int[] {data.length}, ParseRun.DEFAULT_MAX_BULK, alloc);
    assertThat(alloc.largest).isLessThanOrEqualTo(Math.max(256, 2L * data.length));
    assertThat(ParseRun.byteByByte(data)).isEqualTo(whole);
    assertThat(ParseRun.randomFragments(data, seed)).isEqualTo(whole);
    if (whole.error() != null) {
      assertThat(ERRORS.contains(whole.error()) || EXPECTED_DOLLAR.matcher(whole.error()).matches())
          .as("known error: %s", whole.error()).isTrue();
    }
    for (List<String> c : whole.commands()) assertThat(c).isNotEmpty();
    return whole;
  }

  private static int completeBefore(Pipeline p, int offset) {
    int n = 0;
    while (n < p.ends().length && p.ends()[n] <= offset) n++;
    return n;
  }

  private static Pipeline pipeline(SplittableRandom r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<List<String>> cmds = new ArrayList<>();
    int n = 1 + r.nextInt(5);
    int[] ends = new int[n];
    for (int i = 0; i < n; i++) {
      List<String> argv = new ArrayList<>();
      int argc = 1 + r.nextInt(4);
      boolean inline = r.nextInt(3) == 0;
      for (int a = 0; a < argc; a++) argv.add(inline ? word(r) : binary(r));
      byte[] frame;
      if (inline) {
        frame = ParseRun.bytes(String.join(" ", argv) + (r.nextBoolean() ? "\r\n" : "\n"));
      } else {
        StringBuilder sb = new StringBuilder("*").append(argc).append("\r\n");
        for (String a : argv) sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        frame = ParseRun.bytes(sb.toString());
      }
      out.writeBytes(frame);
      ends[i] = out.size();
      cmds.add(argv);
    }
    return new Pipeline(out.toByteArray(), cmds, ends);
  }

  private static String word(SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    int len = 1 + r.nextInt(8);
    for (int i = 0; i < len; i++) sb.append((char) ('a' + r.nextInt(26)));
    return sb.toString();
  }

  private static String binary(SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    int len = r.nextInt(12);
    for (int i = 0; i < len; i++) sb.append((char) r.nextInt(256));
    return sb.toString();
  }

  private static byte[] splice(byte[] data, int at, byte[] insert, int delete) {
    byte[] out = new byte[data.length - delete + insert.length];
    System.arraycopy(data, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(data, at + delete, out, at + insert.length, data.length - at - delete);
    return out;
  }

  private static ByteBuf copy(TrackingAllocator alloc, byte[] b) {
    ByteBuf buf = alloc.buffer(b.length);
    buf.writeBytes(b);
    return buf;
  }
}
