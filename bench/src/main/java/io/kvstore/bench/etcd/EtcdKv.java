package io.kvstore.bench.etcd;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The two calls of etcd's v3 KV service the benchmark makes, {@code etcdserverpb.KV/Put} and
 * {@code etcdserverpb.KV/Range}, over plain gRPC: the messages are encoded and decoded here by
 * field number (etcd's rpc.proto and mvccpb's kv.proto) rather than through generated classes
 * or jetcd, which would bring a second gRPC stack beside the server's.
 *
 * <p>Fields used: PutRequest key=1, value=2; RangeRequest key=1 (serializable=7 left unset,
 * i.e. false: a linearizable read); RangeResponse kvs=2 (repeated KeyValue);
 * KeyValue value=5. Every other field is skipped.
 */
public final class EtcdKv {
  private EtcdKv() {}

  private static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new IllegalStateException("reading an etcd reply", e);
      }
    }
  };

  public static final MethodDescriptor<byte[], byte[]> PUT = method("Put");
  public static final MethodDescriptor<byte[], byte[]> RANGE = method("Range");

  private static MethodDescriptor<byte[], byte[]> method(String name) {
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName("etcdserverpb.KV", name))
        .setRequestMarshaller(RAW)
        .setResponseMarshaller(RAW)
        .build();
  }

  /** A PutRequest for {@code key} = {@code value}. */
  public static byte[] putRequest(byte[] key, byte[] value) {
    return fields(key, value);
  }

  /** A RangeRequest for the single key {@code key}, linearizable (etcd's default). */
  public static byte[] rangeRequest(byte[] key) {
    return fields(key, null);
  }

  private static byte[] fields(byte[] f1, byte[] f2) {
    int size = CodedOutputStream.computeByteArraySize(1, f1) + (f2 == null ? 0 : CodedOutputStream.computeByteArraySize(2, f2));
    byte[] out = new byte[size];
    CodedOutputStream o = CodedOutputStream.newInstance(out);
    try {
      o.writeByteArray(1, f1);
      if (f2 != null) o.writeByteArray(2, f2);
      o.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** The value of the first key-value in a RangeResponse, or null when it holds none. */
  public static byte[] firstValue(byte[] rangeResponse) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(rangeResponse);
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == tag(2)) {
        return keyValueValue(in.readByteArray());
      }
      in.skipField(tag);
    }
    return null;
  }

  /** The tag of length-delimited field {@code field} (bytes or a message). */
  static int tag(int field) {
    return (field << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED;
  }

  /** The value field of a KeyValue (empty when unset, as proto3 encodes an empty value). */
  static byte[] keyValueValue(byte[] keyValue) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(keyValue);
    byte[] value = new byte[0];
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == tag(5)) {
        value = in.readByteArray();
      } else {
        in.skipField(tag);
      }
    }
    return value;
  }
}
