package io.kvstore.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SyncPipeTest {
  @Test
  void theReaderGetsEveryByteThenTheEnd() throws Exception {
    SyncPipe p = new SyncPipe(1 << 20, () -> {});
    CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
      try {
        return p.readAllBytes();
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    p.offer(new byte[] {1, 2, 3});
    p.offer(new byte[] {4});
    p.finish();
    assertThat(read.get(10, TimeUnit.SECONDS)).containsExactly(1, 2, 3, 4);
  }

  @Test
  void aFullPipeAsksToPauseAndCallsBackOnceDrainedBelowHalf() throws Exception {
    AtomicInteger drained = new AtomicInteger();
    SyncPipe p = new SyncPipe(10, drained::incrementAndGet);
    assertThat(p.offer(new byte[6])).isFalse();
    assertThat(p.offer(new byte[6])).isTrue();
    assertThat(p.full()).isTrue();
    byte[] buf = new byte[4];
    assertThat(p.read(buf, 0, 4)).isEqualTo(4); // 8 left: still at or above half
    assertThat(drained).hasValue(0);
    assertThat(p.read(buf, 0, 4)).isEqualTo(2); // the rest of the first chunk: 6 left
    assertThat(p.read(buf, 0, 4)).isEqualTo(4); // 2 left
    assertThat(drained).hasValue(1);
    assertThat(p.full()).isFalse();
  }

  @Test
  void failingWakesTheReaderWithTheReason() {
    SyncPipe p = new SyncPipe(100, () -> {});
    p.offer(new byte[] {1});
    p.fail("the link with the master was lost");
    assertThatThrownBy(p::read).isInstanceOf(IOException.class)
        .hasMessage("the link with the master was lost");
  }
}
