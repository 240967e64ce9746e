package io.kvstore.core.cmd.string;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.command.CommandFlag;
import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.command.CommandTable;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rows as a real Redis 7.0.15 COMMAND INFO / COMMAND DOCS reports them. */
class StringCommandTableTest {
  private static final CommandTable TABLE = new CommandTable();

  static {
    StringCommands.register(TABLE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "get|2|readonly fast|1|1|1|1.0.0",
      "set|-3|write denyoom|1|1|1|1.0.0",
      "setnx|3|write denyoom fast|1|1|1|1.0.0",
      "setex|4|write denyoom|1|1|1|2.0.0",
      "psetex|4|write denyoom|1|1|1|2.6.0",
      "getset|3|write denyoom fast|1|1|1|1.0.0",
      "getdel|2|write fast|1|1|1|6.2.0",
      "getex|-2|write fast|1|1|1|6.2.0",
      "mget|-2|readonly fast|1|-1|1|1.0.0",
      "mset|-3|write denyoom|1|-1|2|1.0.1",
      "msetnx|-3|write denyoom|1|-1|2|1.0.1",
      "append|3|write denyoom fast|1|1|1|2.0.0",
      "strlen|2|readonly fast|1|1|1|2.2.0",
      "getrange|4|readonly|1|1|1|2.4.0",
      "substr|4|readonly|1|1|1|1.0.0",
      "setrange|4|write denyoom|1|1|1|2.2.0",
      "incr|2|write denyoom fast|1|1|1|1.0.0",
      "decr|2|write denyoom fast|1|1|1|1.0.0",
      "incrby|3|write denyoom fast|1|1|1|1.0.0",
      "decrby|3|write denyoom fast|1|1|1|1.0.0",
      "incrbyfloat|3|write denyoom fast|1|1|1|2.6.0"})
  void row(String name, int arity, String flags, int first, int last, int step, String since) {
    CommandSpec spec = TABLE.lookup(name);
    assertThat(spec).isNotNull();
    assertThat(spec.arity()).isEqualTo(arity);
    assertThat(spec.flags().stream().map(CommandFlag::wireName).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(Arrays.asList(flags.split(" ")));
    assertThat(new int[] {spec.firstKey(), spec.lastKey(), spec.keyStep()}).containsExactly(first, last, step);
    assertThat(spec.group()).isEqualTo("string");
    assertThat(spec.since()).isEqualTo(since);
    assertThat(spec.summary()).isNotBlank();
  }

  @org.junit.jupiter.api.Test
  void registersExactlyTheFamily() {
    assertThat(TABLE.size()).isEqualTo(21);
  }
}
