package io.kvstore.gateway.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Feeds bytes to a {@link RespDecoder} in chosen fragments and records what it parsed. */
final class ParseRun {
  /** The commands parsed (each argument in ISO-8859-1, so every byte is visible) and the error. */
  record Result(List<List<String>> commands, String error) {
    @Override
    public String toString() {
      return commands + (error == null ? "" : " ! " + error);
    }
  }

  static final long DEFAULT_MAX_BULK = 512L * 1024 * 1024;

  private ParseRun() {}

  static Result whole(byte[] data) {
    return run(data, new int[] {data.length}, DEFAULT_MAX_BULK);
  }

  static Result whole(String data) {
    return whole(bytes(data));
  }

  static Result byteByByte(byte[] data) {
    int[] sizes = new int[data.length];
    Arrays.fill(sizes, 1);
    return run(data, sizes, DEFAULT_MAX_BULK);
  }

  static Result randomFragments(byte[] data, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Integer> sizes = new ArrayList<>();
    int left = data.length;
    while (left > 0) {
      int n = Math.min(left, 1 + r.nextInt(Math.max(1, Math.min(left, 40))));
      sizes.add(n);
      left -= n;
    }
    return run(data, sizes.stream().mapToInt(Integer::intValue).toArray(), DEFAULT_MAX_BULK);
  }

  static Result run(byte[] data, int[] fragmentSizes, long maxBulk) {
    return run(data, fragmentSizes, maxBulk, UnpooledByteBufAllocator.DEFAULT);
  }

  static Result run(byte[] data, int[] fragmentSizes, long maxBulk, ByteBufAllocator alloc) {
    RespDecoder d = new RespDecoder(alloc, new RequestParser(() -> maxBulk), () -> Long.MAX_VALUE);
    List<byte[][]> out = new ArrayList<>();
    int at = 0;
    String error = null;
    for (int size : fragmentSizes) {
      ByteBuf in = alloc.buffer(size);
      in.writeBytes(data, at, size);
      at += size;
      RespDecoder.Outcome o = d.offer(in, out);
      if (o == RespDecoder.Outcome.PROTOCOL_ERROR) {
        error = d.errorText();
        break;
      }
      if (o != RespDecoder.Outcome.NEED_MORE) throw new AssertionError("unexpected " + o);
    }
    d.release();
    List<List<String>> cmds = new ArrayList<>();
    for (byte[][] argv : out) {
      if (argv.length == 0) throw new AssertionError("empty argv");
      List<String> c = new ArrayList<>();
      for (byte[] a : argv) c.add(new String(a, StandardCharsets.ISO_8859_1));
      cmds.add(c);
    }
    return new Result(cmds, error);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
