package io.kvstore.raft;

import io.kvstore.core.reply.Reply;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A lossless binary form of a {@link Reply}, for the reply the leader's apply sends back to the
 * node whose client proposed the entry (which may be a follower). Every reply kind keeps its
 * identity (a set stays a set, a verbatim string stays verbatim), so the client's own protocol
 * version is applied only when its node encodes the reply. Also carries the database the
 * proposing session ends up in (a transaction may SELECT).
 */
final class ReplyCodec {
  private static final int SIMPLE = 0, ERROR = 1, INT = 2, BULK = 3, NULL_BULK = 4, NULL_ARRAY = 5,
      ARRAY = 6, MAP = 7, SET = 8, DOUBLE = 9, BOOL = 10, VERBATIM = 11, PUSH = 12, NONE = 13;

  private ReplyCodec() {}

  /** The outcome of applying one entry: the reply and the session's database afterwards. */
  record Result(int db, Reply reply) {}

  static byte[] encode(Result r) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(r.db());
      write(out, r.reply());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The results of a batch entry's commands, in order. */
  static byte[] encodeBatch(List<Result> results) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 16 * results.size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(results.size());
      for (Result r : results) {
        out.writeInt(r.db());
        write(out, r.reply());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static List<Result> decodeBatch(byte[] b) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(b))) {
      int n = in.readInt();
      List<Result> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int db = in.readInt();
        out.add(new Result(db, read(in)));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalArgumentException("corrupt raft reply", e);
    }
  }

  static Result decode(byte[] b) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(b))) {
      int db = in.readInt();
      return new Result(db, read(in));
    } catch (IOException e) {
      throw new IllegalArgumentException("corrupt raft reply", e);
    }
  }

  private static void write(DataOutputStream out, Reply r) throws IOException {
    if (r instanceof Reply.Simple s) {
      out.writeByte(SIMPLE);
      string(out, s.text());
    } else if (r instanceof Reply.Error e) {
      out.writeByte(ERROR);
      string(out, e.text());
    } else if (r instanceof Reply.Int i) {
      out.writeByte(INT);
      out.writeLong(i.value());
    } else if (r instanceof Reply.Bulk b) {
      out.writeByte(BULK);
      out.writeInt(b.value().length);
      out.write(b.value());
    } else if (r instanceof Reply.NullBulk) {
      out.writeByte(NULL_BULK);
    } else if (r instanceof Reply.NullArray) {
      out.writeByte(NULL_ARRAY);
    } else if (r instanceof Reply.Array a) {
      list(out, ARRAY, a.items());
    } else if (r instanceof Reply.MapReply m) {
      list(out, MAP, m.keyValues());
    } else if (r instanceof Reply.SetReply s) {
      list(out, SET, s.items());
    } else if (r instanceof Reply.DoubleReply d) {
      out.writeByte(DOUBLE);
      out.writeDouble(d.value());
    } else if (r instanceof Reply.Bool b) {
      out.writeByte(BOOL);
      out.writeBoolean(b.value());
    } else if (r instanceof Reply.Verbatim v) {
      out.writeByte(VERBATIM);
      string(out, v.format());
      string(out, v.text());
    } else if (r instanceof Reply.Push p) {
      list(out, PUSH, p.items());
    } else {
      out.writeByte(NONE);
    }
  }

  private static void list(DataOutputStream out, int kind, List<Reply> items) throws IOException {
    out.writeByte(kind);
    out.writeInt(items.size());
    for (Reply item : items) write(out, item);
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static Reply read(DataInputStream in) throws IOException {
    int kind = in.readUnsignedByte();
    switch (kind) {
      case SIMPLE:
        return new Reply.Simple(string(in));
      case ERROR:
        return new Reply.Error(string(in));
      case INT:
        return Reply.integer(in.readLong());
      case BULK:
        return new Reply.Bulk(bytes(in));
      case NULL_BULK:
        return Reply.NULL;
      case NULL_ARRAY:
        return Reply.NULL_ARRAY;
      case ARRAY:
        return new Reply.Array(list(in));
      case MAP:
        return new Reply.MapReply(list(in));
      case SET:
        return new Reply.SetReply(list(in));
      case DOUBLE:
        return new Reply.DoubleReply(in.readDouble());
      case BOOL:
        return new Reply.Bool(in.readBoolean());
      case VERBATIM:
        return new Reply.Verbatim(string(in), string(in));
      case PUSH:
        return new Reply.Push(list(in));
      case NONE:
        return Reply.NONE;
      default:
        throw new IOException("unknown reply kind " + kind);
    }
  }

  private static List<Reply> list(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) throw new IOException("negative length");
    List<Reply> items = new ArrayList<>(Math.min(n, 1024));
    for (int i = 0; i < n; i++) items.add(read(in));
    return items;
  }

  private static byte[] bytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) throw new IOException("negative length");
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }

  private static String string(DataInputStream in) throws IOException {
    return new String(bytes(in), StandardCharsets.UTF_8);
  }
}
