package io.kvstore.core.cmd.string;

import static io.kvstore.core.command.CommandFlag.FAST;
import static io.kvstore.core.command.CommandFlag.READONLY;

import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.command.CommandTable;

/** The string family's rows of the command table. */
public final class StringCommands {
  private StringCommands() {}

  public static void register(CommandTable t) {
    t.register(CommandSpec.builder("get", 2, new Get()).flags(READONLY, FAST).keys(1, 1, 1)
        .group("string").summary("Get the value of a key").since("1.0.0").build());
  }
}
