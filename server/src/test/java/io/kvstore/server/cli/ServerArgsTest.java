package io.kvstore.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** redis-server's command line: [config-file] [-] [--name value ...] [-]. */
class ServerArgsTest {
  @Test
  void configFileThenOverrides() {
    ServerArgs a = ServerArgs.parse(List.of("/etc/kv.conf", "--port", "7000"));
    assertThat(a).isEqualTo(new ServerArgs("/etc/kv.conf", false, List.of("--port", "7000")));
  }

  @Test
  void overridesOnly() {
    assertThat(ServerArgs.parse(List.of("--port", "7000")))
        .isEqualTo(new ServerArgs(null, false, List.of("--port", "7000")));
    assertThat(ServerArgs.parse(List.of())).isEqualTo(new ServerArgs(null, false, List.of()));
  }

  @Test
  void stdinFirstOrLast() {
    assertThat(ServerArgs.parse(List.of("-", "--port", "1")))
        .isEqualTo(new ServerArgs(null, true, List.of("--port", "1")));
    assertThat(ServerArgs.parse(List.of("f.conf", "--port", "1", "-")))
        .isEqualTo(new ServerArgs("f.conf", true, List.of("--port", "1")));
  }
}
