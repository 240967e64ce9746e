package io.kvstore.core.cmd.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.reply.Reply;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScanKeysRandomTest extends KeyTestBase {

  /** Runs SCAN from cursor 0 until it returns 0; every page's keys, in order. */
  private List<String> scanAll(String... options) {
    List<String> all = new ArrayList<>();
    String cursor = "0";
    int rounds = 0;
    do {
      List<String> argv = new ArrayList<>(List.of("SCAN", cursor));
      argv.addAll(List.of(options));
      Reply r = c.exec(argv.toArray(new String[0]));
      assertThat(r).isInstanceOf(Reply.Array.class);
      List<Reply> items = ((Reply.Array) r).items();
      cursor = ((Reply.Bulk) items.get(0)).utf8();
      for (Reply k : ((Reply.Array) items.get(1)).items()) all.add(((Reply.Bulk) k).utf8());
      assertThat(++rounds).isLessThan(1000);
    } while (!cursor.equals("0"));
    return all;
  }

  private void putMany(int n) {
    for (int i = 0; i < n; i++) put(String.format("key:%03d", i), "v");
  }

  @Test
  void keysMatchesGlobCaseSensitivelyAndSkipsExpiredWithoutDeleting() {
    put("hello", "1");
    put("hallo", "1");
    put("Hello", "1");
    put("gone", "1", now() + 1);
    t.clock.advance(1);
    expect("[\"hallo\", \"hello\"]", "KEYS", "h?llo");
    expect("[\"Hello\", \"hallo\", \"hello\"]", "KEYS", "*");
    expect("[\"hallo\"]", "KEYS", "h[a]llo");
    expect("[]", "KEYS", "g*");
    assertThat(stored(0, "gone")).isNotNull();
    assertThat(t.takeEffects()).isEmpty();
  }

  @Test
  void keysWalksMoreThanOnePage() {
    putMany(2500);
    Reply r = c.exec("KEYS", "key:*");
    assertThat(((Reply.Array) r).items()).hasSize(2500);
  }

  @Test
  void scanFullIterationReturnsEveryKeyExactlyOnceAcrossPages() {
    putMany(95);
    List<String> keys = scanAll("COUNT", "7");
    assertThat(keys).hasSize(95);
    assertThat(new HashSet<>(keys)).hasSize(95);
  }

  @Test
  void scanDefaultCountIsTenPerPage() {
    putMany(25);
    Reply r = c.exec("SCAN", "0");
    List<Reply> items = ((Reply.Array) r).items();
    assertThat(((Reply.Array) items.get(1)).items()).hasSize(10);
    assertThat(((Reply.Bulk) items.get(0)).utf8()).isNotEqualTo("0");
  }

  @Test
  void scanOfSmallDatabaseEndsInOnePage() {
    put("a", "1");
    put("b", "1");
    expect("[\"0\", [\"a\", \"b\"]]", "SCAN", "0");
    expect("[\"0\", []]", "SCAN", "0", "MATCH", "z*");
  }

  @Test
  void scanCursorResumesWhereThePreviousPageStopped() {
    putMany(30);
    Reply first = c.exec("SCAN", "0", "COUNT", "10");
    String cursor = ((Reply.Bulk) ((Reply.Array) first).items().get(0)).utf8();
    Reply second = c.exec("SCAN", cursor, "COUNT", "10");
    List<Reply> keys = ((Reply.Array) ((Reply.Array) second).items().get(1)).items();
    assertThat(((Reply.Bulk) keys.get(0)).utf8()).isEqualTo("key:010");
    assertThat(keys).hasSize(10);
  }

  @Test
  void scanMatchFiltersAfterCounting() {
    putMany(50);
    put("other", "x");
    List<String> keys = scanAll("MATCH", "key:01*", "COUNT", "5");
    assertThat(keys).containsExactly("key:010", "key:011", "key:012", "key:013", "key:014",
        "key:015", "key:016", "key:017", "key:018", "key:019");
    assertThat(scanAll("MATCH", "*", "COUNT", "100")).hasSize(51);
  }

  @Test
  void scanTypeFilters() {
    putMany(12);
    assertThat(scanAll("TYPE", "string")).hasSize(12);
    assertThat(scanAll("TYPE", "STRING", "COUNT", "3")).hasSize(12);
    assertThat(scanAll("TYPE", "list")).isEmpty();
    assertThat(scanAll("TYPE", "nosuchtype")).isEmpty();
  }

  @Test
  void scanSkipsAndDeletesExpiredKeys() {
    putMany(5);
    put("key:002", "v", now() + 1);
    t.clock.advance(1);
    assertThat(scanAll()).containsExactly("key:000", "key:001", "key:003", "key:004");
    assertThat(t.takeEffects()).containsExactly("0:DEL key:002");
    assertThat(stored(0, "key:002")).isNull();
  }

  @Test
  void scanSeesOnlyTheSelectedDatabase() {
    put(0, "a", "1", -1);
    put(1, "b", "1", -1);
    expect("+OK", "SELECT", "1");
    expect("[\"0\", [\"b\"]]", "SCAN", "0");
  }

  @Test
  void scanErrors() {
    expect("-ERR invalid cursor", "SCAN", "abc");
    expect("-ERR invalid cursor", "SCAN", " 1");
    expect("-ERR invalid cursor", "SCAN", "1x");
    expect("-ERR invalid cursor", "SCAN", "-");
    expect("-ERR invalid cursor", "SCAN", "18446744073709551616");
    expect("-ERR syntax error", "SCAN", "0", "COUNT", "0");
    expect("-ERR syntax error", "SCAN", "0", "COUNT", "-1");
    expect("-ERR value is not an integer or out of range", "SCAN", "0", "COUNT", "abc");
    expect("-ERR syntax error", "SCAN", "0", "MATCH");
    expect("-ERR syntax error", "SCAN", "0", "FOO", "bar");
    expect("-ERR syntax error", "SCAN", "0", "COUNT", "5", "TYPE");
    expect("-ERR wrong number of arguments for 'scan' command", "SCAN");
  }

  @Test
  void scanAcceptsStrtoulCursorsAndRestartsOnUnknownOnes() {
    put("a", "1");
    expect("[\"0\", [\"a\"]]", "SCAN", "");
    expect("[\"0\", [\"a\"]]", "SCAN", "-1");
    expect("[\"0\", [\"a\"]]", "SCAN", "+0");
    expect("[\"0\", [\"a\"]]", "SCAN", "18446744073709551615");
    expect("[\"0\", [\"a\"]]", "SCAN", "987654");
  }

  @Test
  void cursorParsing() {
    assertThat(Scan.parseCursor(bytes("18446744073709551615"))).isEqualTo(-1L);
    assertThat(Scan.parseCursor(bytes("-1"))).isEqualTo(-1L);
    assertThat(Scan.parseCursor(bytes("007"))).isEqualTo(7L);
  }

  @Test
  void randomKeyReturnsNullOnEmptyAndOnlyLiveKeys() {
    expect("(nil)", "RANDOMKEY");
    put("live", "1");
    for (int i = 0; i < 20; i++) put("dead" + i, "1", now() + 1);
    t.clock.advance(1);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10; i++) seen.add(run("RANDOMKEY"));
    assertThat(seen).containsExactly("\"live\"");
  }

  @Test
  void randomKeyDeletesExpiredPicksOnAMasterAndPropagatesDel() {
    for (int i = 0; i < 5; i++) put("dead" + i, "1", now() + 1);
    t.clock.advance(1);
    expect("(nil)", "RANDOMKEY");
    assertThat(t.store.size(0)).isZero();
    assertThat(t.takeEffects()).hasSize(7) // MULTI, 5 x DEL, EXEC
        .contains("0:DEL dead0", "0:DEL dead4");
    assertThat(t.node.stats().expiredKeys).isEqualTo(5);
  }

  @Test
  void randomKeyOnAReplicaWithOnlyVolatileKeysGivesUpAndReturnsAnExpiredOne() {
    t.node.setDeletesExpiredKeys(false);
    put("dead", "1", now() + 1);
    t.clock.advance(1);
    expect("\"dead\"", "RANDOMKEY");
    assertThat(stored(0, "dead")).isNotNull();
    put("live", "1");
    expect("\"live\"", "RANDOMKEY");
  }
}
