package io.kvstore.server.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.NullValue;
import io.kvstore.core.reply.Reply;
import io.kvstore.proto.v1.ReplyArray;
import io.kvstore.proto.v1.ReplyMap;
import io.kvstore.proto.v1.ReplyMapEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Engine reply values → the protobuf {@code Reply}. RESP3 shapes are kept (maps, doubles,
 * booleans, nulls); sets and push frames become arrays and verbatim strings bulk strings, the
 * same simplifications a RESP2 client sees for those types.
 */
public final class ReplyConverter {
  private ReplyConverter() {}

  public static io.kvstore.proto.v1.Reply toProto(Reply r) {
    io.kvstore.proto.v1.Reply.Builder b = io.kvstore.proto.v1.Reply.newBuilder();
    if (r instanceof Reply.Simple s) {
      b.setSimple(s.text());
    } else if (r instanceof Reply.Error e) {
      b.setError(e.text());
    } else if (r instanceof Reply.Int i) {
      b.setInteger(i.value());
    } else if (r instanceof Reply.Bulk bulk) {
      b.setBulk(ByteString.copyFrom(bulk.value()));
    } else if (r instanceof Reply.Verbatim v) {
      b.setBulk(ByteString.copyFrom(v.text(), StandardCharsets.UTF_8));
    } else if (r instanceof Reply.Array a) {
      b.setArray(array(a.items()));
    } else if (r instanceof Reply.SetReply s) {
      b.setArray(array(s.items()));
    } else if (r instanceof Reply.Push p) {
      b.setArray(array(p.items()));
    } else if (r instanceof Reply.MapReply m) {
      ReplyMap.Builder mb = ReplyMap.newBuilder();
      List<Reply> kv = m.keyValues();
      for (int i = 0; i + 1 < kv.size(); i += 2) {
        mb.addEntries(ReplyMapEntry.newBuilder().setKey(toProto(kv.get(i))).setValue(toProto(kv.get(i + 1))));
      }
      b.setMap(mb);
    } else if (r instanceof Reply.DoubleReply d) {
      b.setDouble(d.value());
    } else if (r instanceof Reply.Bool bool) {
      b.setBool(bool.value());
    } else {
      b.setNull(NullValue.NULL_VALUE); // NullBulk, NullArray, None
    }
    return b.build();
  }

  private static ReplyArray array(List<Reply> items) {
    ReplyArray.Builder ab = ReplyArray.newBuilder();
    for (Reply item : items) ab.addItems(toProto(item));
    return ab.build();
  }
}
