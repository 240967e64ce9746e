package io.kvstore.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.cmd.CommandTables;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandTableTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void byteLookupIgnoresAsciiCaseAndFindsEveryCommand() {
    CommandTable t = CommandTables.standard();
    assertThat(t.lookup(b("get")).name()).isEqualTo("get");
    assertThat(t.lookup(b("GET")).name()).isEqualTo("get");
    assertThat(t.lookup(b("gEt")).name()).isEqualTo("get");
    for (CommandSpec spec : t.all()) {
      assertThat(t.lookup(b(spec.name()))).isSameAs(spec);
      assertThat(t.lookup(b(spec.name().toUpperCase(java.util.Locale.ROOT)))).isSameAs(spec);
      assertThat(t.lookup(spec.name())).isSameAs(spec);
    }
  }

  @Test
  void unknownNamesAreNull() {
    CommandTable t = CommandTables.standard();
    assertThat(t.lookup(b(""))).isNull();
    assertThat(t.lookup(b("ge"))).isNull();
    assertThat(t.lookup(b("gett"))).isNull();
    assertThat(t.lookup(new byte[] {'g', (byte) 0xc5, 't'})).isNull();
    assertThat(t.lookup(b("g\u00c5t"))).isNull();
    // 'G' + 32 is 'g', but '@' + 32 is not a letter fold: only A-Z are folded
    assertThat(t.lookup(b("get".replace('g', (char) ('g' - 32 - 32))))).isNull();
  }
}
