package io.kvstore.sentinel;

import io.kvstore.core.reply.Reply;
import io.kvstore.sentinel.link.ReplyDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A blocking RESP client for tests: send a command, read the next reply. */
final class RawClient implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final ReplyDecoder decoder = new ReplyDecoder();
  private final ByteBuf buf = Unpooled.buffer();
  private final Deque<Reply> ready = new ArrayDeque<>();

  RawClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  Reply call(String... argv) throws IOException {
    send(argv);
    return next();
  }

  void send(String... argv) throws IOException {
    StringBuilder sb = new StringBuilder("*" + argv.length + "\r\n");
    for (String a : argv) {
      sb.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
    }
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  Reply next() throws IOException {
    byte[] chunk = new byte[4096];
    while (ready.isEmpty()) {
      int n = in.read(chunk);
      if (n < 0) throw new IOException("closed");
      buf.writeBytes(chunk, 0, n);
      List<Reply> got = new ArrayList<>();
      decoder.decode(buf, got);
      buf.discardReadBytes();
      ready.addAll(got);
    }
    return ready.poll();
  }

  static String text(Reply r) {
    if (r instanceof Reply.Bulk b) return b.utf8();
    if (r instanceof Reply.Simple s) return s.text();
    if (r instanceof Reply.Error e) return "-" + e.text();
    if (r instanceof Reply.Int i) return Long.toString(i.value());
    if (r instanceof Reply.Array a) {
      List<String> items = new ArrayList<>();
      for (Reply x : a.items()) items.add(text(x));
      return items.toString();
    }
    return String.valueOf(r);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
