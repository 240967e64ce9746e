package io.kvstore.core.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelloTest {
  @Test
  void roundTrips() {
    String wire = "10.0.0.1,26379," + "f".repeat(40) + ",7,mymaster,10.0.0.2,6379,5";
    Hello h = Hello.parse(wire);
    assertThat(h).isEqualTo(new Hello("10.0.0.1", 26379, "f".repeat(40), 7, "mymaster",
        "10.0.0.2", 6379, 5));
    assertThat(h.format()).isEqualTo(wire);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "garbage", "1,2,3,4,5,6,7", "1,2,3,4,5,6,7,8,9",
      "10.0.0.1,x,id,1,m,10.0.0.2,6379,1", "10.0.0.1,0,id,1,m,10.0.0.2,6379,1",
      "10.0.0.1,70000,id,1,m,10.0.0.2,6379,1", "10.0.0.1,26379,id,-1,m,10.0.0.2,6379,1",
      "10.0.0.1,26379,id,1,m,10.0.0.2,6379,1x", "10.0.0.1,26379,,1,m,10.0.0.2,6379,1",
      "10.0.0.1,26379,id,1,,10.0.0.2,6379,1", "10.0.0.1,26379,id,99999999999999999999,m,h,1,1",
      "10.0.0.1,26379,id,1,m,10.0.0.2,-5,1"})
  void rejectsMalformed(String s) {
    assertThat(Hello.parse(s)).isNull();
  }

  @Test
  void malformedHelloChangesNothing() throws Exception {
    Harness h = new Harness();
    Instance m = h.monitor(6379, 2, 1000, 5000);
    h.st.processHello("10.0.0.9,26379," + Harness.B + ",999,mymaster,10.0.0.9,1,bogus");
    h.st.processHello("10.0.0.9,0," + Harness.B + ",999,mymaster,10.0.0.9,6390,999");
    assertThat(m.sentinels()).isEmpty();
    assertThat(h.st.currentEpoch()).isZero();
    assertThat(m.addr().port()).isEqualTo(6379);
    assertThat(h.io.logs).anyMatch(l -> l.startsWith("Ignoring a malformed hello message"));
  }

  @Test
  void helloForAnUnknownMasterIsIgnored() throws Exception {
    Harness h = new Harness();
    Instance m = h.monitor(6379, 2, 1000, 5000);
    h.st.processHello("10.0.0.9,26379," + Harness.B + ",5,other,10.0.0.9,6390,5");
    assertThat(m.sentinels()).isEmpty();
    assertThat(h.st.currentEpoch()).isZero();
  }

  @Test
  void ourOwnHelloOnTheChannelIsIgnored() throws Exception {
    Harness h = new Harness();
    Instance m = h.monitor(6379, 2, 1000, 5000);
    h.st.hello.onPubsubReply(m, io.kvstore.core.reply.Reply.array(
        io.kvstore.core.reply.Reply.bulk("message"), io.kvstore.core.reply.Reply.bulk("__sentinel__:hello"),
        io.kvstore.core.reply.Reply.bulk("127.0.0.1,26379," + Harness.ME + ",9,mymaster,127.0.0.1,6390,9")));
    assertThat(m.sentinels()).isEmpty();
    assertThat(h.st.currentEpoch()).isZero();
  }

  @Test
  void sentinelChangingAddressIsReplaced() throws Exception {
    Harness h = new Harness();
    Instance m = h.monitor(6379, 2, 1000, 5000);
    h.helloFrom(Harness.B, 26380, 0, 6379, 0);
    h.st.processHello(new Hello("127.0.0.2", 26390, Harness.B, 0, "mymaster", "127.0.0.1", 6379, 0)
        .format());
    assertThat(m.sentinels()).hasSize(1);
    assertThat(m.sentinels().get(Harness.B).addr().port()).isEqualTo(26390);
    assertThat(h.io.eventTypes()).contains("+sentinel-address-switch");
  }

  @Test
  void twoSentinelsClaimingOneAddressKeepTheNewest() throws Exception {
    Harness h = new Harness();
    Instance m = h.monitor(6379, 2, 1000, 5000);
    h.helloFrom(Harness.B, 26380, 0, 6379, 0);
    h.helloFrom(Harness.C, 26380, 0, 6379, 0);
    assertThat(m.sentinels().keySet()).containsExactly(Harness.C);
    assertThat(h.io.eventTypes()).contains("+sentinel-invalid-addr");
  }
}
