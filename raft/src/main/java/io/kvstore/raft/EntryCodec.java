package io.kvstore.raft;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.kvstore.proto.v1.RaftArgv;
import io.kvstore.proto.v1.RaftBarrier;
import io.kvstore.proto.v1.RaftBatch;
import io.kvstore.proto.v1.RaftCommands;
import io.kvstore.proto.v1.RaftEntry;
import io.kvstore.proto.v1.RaftExpire;
import io.kvstore.proto.v1.RaftNodeInfo;
import io.kvstore.proto.v1.RaftWatchedKey;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Builds and parses log entries ({@code kvstore/v1/raft.proto}). The proposer encodes an entry
 * without a timestamp; the leader stamps it by appending one encoded {@code timestamp_ms} field
 * to the bytes ({@link #timestampSuffix}), which protobuf parsing lets win over any earlier one,
 * so stamping costs nine bytes and no re-encoding.
 */
final class EntryCodec {
  /** Field 1, wire type 1 (64-bit): the tag byte of {@code timestamp_ms}. */
  private static final byte TIMESTAMP_TAG = (byte) ((1 << 3) | 1);

  private EntryCodec() {}

  /** A watched key and the fingerprint of the value the proposer saw. */
  record Watched(int db, byte[] key, byte[] fingerprint) {}

  static byte[] commands(int db, List<byte[][]> commands, boolean transaction, List<Watched> watched) {
    return single(commandsMessage(db, commands, transaction, watched));
  }

  /** Client commands of one session: one command, or a transaction's. */
  static RaftCommands commandsMessage(int db, List<byte[][]> commands, boolean transaction,
      List<Watched> watched) {
    RaftCommands.Builder c = RaftCommands.newBuilder().setDb(db).setTransaction(transaction);
    for (byte[][] argv : commands) {
      RaftArgv.Builder a = RaftArgv.newBuilder();
      for (byte[] arg : argv) a.addArgs(ByteString.copyFrom(arg));
      c.addCommands(a);
    }
    for (Watched w : watched) {
      c.addWatched(RaftWatchedKey.newBuilder().setDb(w.db()).setKey(ByteString.copyFrom(w.key()))
          .setFingerprint(ByteString.copyFrom(w.fingerprint())));
    }
    return c.build();
  }

  /** An entry of one session's commands. */
  static byte[] single(RaftCommands c) {
    return RaftEntry.newBuilder().setCommands(c).build().toByteArray();
  }

  /** One entry for commands of several sessions, applied in this order. */
  static byte[] batch(List<RaftCommands> commands) {
    return RaftEntry.newBuilder().setBatch(RaftBatch.newBuilder().addAllCommands(commands)).build().toByteArray();
  }

  static byte[] expire(int db, List<byte[]> keys) {
    RaftExpire.Builder e = RaftExpire.newBuilder().setDb(db);
    for (byte[] k : keys) e.addKeys(ByteString.copyFrom(k));
    return RaftEntry.newBuilder().setExpire(e).build().toByteArray();
  }

  static byte[] nodeInfo(String id, String respAddress, String grpcAddress) {
    return RaftEntry.newBuilder().setNodeInfo(RaftNodeInfo.newBuilder().setId(id)
        .setRespAddress(respAddress).setGrpcAddress(grpcAddress)).build().toByteArray();
  }

  static byte[] barrier() {
    return RaftEntry.newBuilder().setBarrier(RaftBarrier.getDefaultInstance()).build().toByteArray();
  }

  /** The bytes that, appended to an entry, set its timestamp. */
  static byte[] timestampSuffix(long timestampMs) {
    ByteBuffer b = ByteBuffer.allocate(9).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put(TIMESTAMP_TAG).putLong(timestampMs);
    return b.array();
  }

  static RaftEntry parse(ByteBuffer bytes) throws InvalidProtocolBufferException {
    RaftEntry e = RaftEntry.parseFrom(bytes);
    if (e.getBodyCase() == RaftEntry.BodyCase.BODY_NOT_SET) {
      throw new InvalidProtocolBufferException("raft entry without a body");
    }
    return e;
  }

  static byte[][] argv(RaftArgv a) {
    byte[][] out = new byte[a.getArgsCount()][];
    for (int i = 0; i < out.length; i++) out[i] = a.getArgs(i).toByteArray();
    return out;
  }
}
