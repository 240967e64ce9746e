package io.kvstore.bench.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EtcdKvTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void theMethodsAreEtcdsV3KvService() {
    assertThat(EtcdKv.PUT.getFullMethodName()).isEqualTo("etcdserverpb.KV/Put");
    assertThat(EtcdKv.RANGE.getFullMethodName()).isEqualTo("etcdserverpb.KV/Range");
  }

  @Test
  void aPutRequestCarriesKeyAsField1AndValueAsField2() throws Exception {
    CodedInputStream in = CodedInputStream.newInstance(EtcdKv.putRequest(b("key:0000001"), b("value")));
    assertThat(in.readTag()).isEqualTo((1 << 3) | 2);
    assertThat(in.readByteArray()).isEqualTo(b("key:0000001"));
    assertThat(in.readTag()).isEqualTo((2 << 3) | 2);
    assertThat(in.readByteArray()).isEqualTo(b("value"));
    assertThat(in.readTag()).isZero();
  }

  @Test
  void aRangeRequestHasOnlyTheKeySoItIsLinearizable() throws Exception {
    CodedInputStream in = CodedInputStream.newInstance(EtcdKv.rangeRequest(b("k")));
    assertThat(in.readTag()).isEqualTo((1 << 3) | 2);
    assertThat(in.readByteArray()).isEqualTo(b("k"));
    assertThat(in.readTag()).as("no serializable=7, no range_end=2").isZero();
  }

  /** A RangeResponse as etcd sends one: header, then kvs with every KeyValue field, more, count. */
  static byte[] rangeResponse(byte[] key, byte[] value) throws Exception {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    CodedOutputStream h = CodedOutputStream.newInstance(header);
    h.writeUInt64(1, -3605104004744373198L); // a uint64 above Long.MAX_VALUE
    h.writeUInt64(2, 0x7a3f1c2b4d5e6f70L);
    h.writeInt64(3, 12345);
    h.writeUInt64(4, 2);
    h.flush();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CodedOutputStream o = CodedOutputStream.newInstance(out);
    o.writeByteArray(1, header.toByteArray());
    if (key != null) {
      ByteArrayOutputStream kv = new ByteArrayOutputStream();
      CodedOutputStream k = CodedOutputStream.newInstance(kv);
      k.writeByteArray(1, key);
      k.writeInt64(2, 7);
      k.writeInt64(3, 9);
      k.writeInt64(4, 3);
      if (value.length > 0) k.writeByteArray(5, value);
      k.writeInt64(6, 0);
      k.flush();
      o.writeByteArray(2, kv.toByteArray());
    }
    o.writeBool(3, false);
    o.writeInt64(4, key == null ? 0 : 1);
    o.flush();
    return out.toByteArray();
  }

  @Test
  void theValueIsFoundPastTheHeaderAndOtherFields() throws Exception {
    assertThat(EtcdKv.firstValue(rangeResponse(b("key:0000001"), b("x".repeat(100))))).isEqualTo(b("x".repeat(100)));
  }

  @Test
  void noKeyValueMeansMissing() throws Exception {
    assertThat(EtcdKv.firstValue(rangeResponse(null, null))).isNull();
    assertThat(EtcdKv.firstValue(new byte[0])).isNull();
  }

  @Test
  void anEmptyValueIsEmptyNotMissing() throws Exception {
    assertThat(EtcdKv.firstValue(rangeResponse(b("k"), new byte[0]))).isEmpty();
  }
}
