package io.kvstore.core.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BacklogTest {

  @Test
  void newBacklogStartsAtNextOffsetAndIsEmpty() {
    Backlog b = new Backlog(1 << 20, 500);
    assertThat(b.firstByteOffset()).isEqualTo(501);
    assertThat(b.histlen()).isZero();
    assertThat(b.endOffset()).isEqualTo(500);
    assertThat(b.holds(501)).isTrue();
    assertThat(b.holds(500)).isFalse();
    assertThat(b.holds(502)).isFalse();
    assertThat(b.copyFrom(501)).isEmpty();
  }

  @Test
  void sizeIsAtLeastSixteenKilobytes() {
    assertThat(new Backlog(1000, 0).size()).isEqualTo(16384);
    assertThat(new Backlog(1 << 20, 0).size()).isEqualTo(1 << 20);
    assertThat(Backlog.effectiveSize(0)).isEqualTo(16384);
  }

  @Test
  void holdsFromFirstByteToOnePastTheEnd() {
    Backlog b = new Backlog(16384, 0);
    b.append(bytes("hello"));
    assertThat(b.holds(0)).isFalse();
    assertThat(b.holds(1)).isTrue();
    assertThat(b.holds(6)).isTrue();
    assertThat(b.holds(7)).isFalse();
    assertThat(new String(b.copyFrom(1))).isEqualTo("hello");
    assertThat(new String(b.copyFrom(4))).isEqualTo("lo");
    assertThat(b.copyFrom(6)).isEmpty();
    assertThatThrownBy(() -> b.copyFrom(7)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void wrapsKeepingTheNewestBytes() {
    Backlog b = new Backlog(16384, 0);
    byte[] all = new byte[40000];
    new SplittableRandom(3).nextBytes(all);
    for (int i = 0; i < all.length; i += 1000) b.append(Arrays.copyOfRange(all, i, i + 1000));
    assertThat(b.histlen()).isEqualTo(16384);
    assertThat(b.firstByteOffset()).isEqualTo(40000 - 16384 + 1);
    assertThat(b.copyFrom(b.firstByteOffset())).isEqualTo(Arrays.copyOfRange(all, 40000 - 16384, 40000));
    assertThat(b.holds(b.firstByteOffset() - 1)).isFalse();
  }

  @Test
  void oneAppendLargerThanTheRing() {
    Backlog b = new Backlog(16384, 10);
    b.append(bytes("abc"));
    byte[] big = new byte[20000];
    new SplittableRandom(4).nextBytes(big);
    b.append(big);
    assertThat(b.histlen()).isEqualTo(16384);
    assertThat(b.endOffset()).isEqualTo(10 + 3 + 20000);
    assertThat(b.copyFrom(b.firstByteOffset())).isEqualTo(Arrays.copyOfRange(big, 20000 - 16384, 20000));
  }

  @Test
  void matchesAReferenceUnderRandomAppendsAndResizes() {
    SplittableRandom r = new SplittableRandom(42);
    Backlog b = new Backlog(16384, 1000);
    ByteArrayOutputStream ref = new ByteArrayOutputStream();
    long base = 1001; // offset of ref[0]
    for (int step = 0; step < 2000; step++) {
      int op = r.nextInt(20);
      if (op == 0) {
        b.resize(16384 + r.nextInt(3) * 10000);
      } else {
        byte[] chunk = new byte[r.nextInt(op == 1 ? 30000 : 700)];
        r.nextBytes(chunk);
        b.append(chunk);
        ref.writeBytes(chunk);
      }
      byte[] all = ref.toByteArray();
      long end = base + all.length - 1;
      assertThat(b.endOffset()).isEqualTo(end);
      assertThat(b.histlen()).isLessThanOrEqualTo(b.size());
      long first = b.firstByteOffset();
      long probe = first + (b.histlen() == 0 ? 0 : r.nextLong(b.histlen() + 1));
      assertThat(b.copyFrom(probe))
          .isEqualTo(Arrays.copyOfRange(all, (int) (probe - base), all.length));
    }
  }

  @Test
  void resizeKeepsTheMostRecentBytes() {
    Backlog b = new Backlog(50000, 0);
    byte[] data = new byte[40000];
    new SplittableRandom(7).nextBytes(data);
    b.append(data);
    b.resize(20000);
    assertThat(b.size()).isEqualTo(20000);
    assertThat(b.histlen()).isEqualTo(20000);
    assertThat(b.firstByteOffset()).isEqualTo(20001);
    assertThat(b.copyFrom(20001)).isEqualTo(Arrays.copyOfRange(data, 20000, 40000));
    b.resize(100000); // growing keeps everything held
    assertThat(b.histlen()).isEqualTo(20000);
    b.append(data);
    assertThat(b.histlen()).isEqualTo(60000);
    assertThat(b.firstByteOffset()).isEqualTo(20001);
  }

  @Test
  void rebaseMovesOffsets() {
    Backlog b = new Backlog(16384, 0);
    b.append(bytes("DEL"));
    b.rebase(1000);
    assertThat(b.firstByteOffset()).isEqualTo(1001);
    assertThat(b.endOffset()).isEqualTo(1003);
    assertThat(new String(b.copyFrom(1002))).isEqualTo("EL");
  }

  private static byte[] bytes(String s) {
    return s.getBytes();
  }
}
