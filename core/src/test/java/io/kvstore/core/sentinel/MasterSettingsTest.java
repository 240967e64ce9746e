package io.kvstore.core.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SENTINEL SET's options, events and errors. */
class MasterSettingsTest {
  @Test
  void appliesOptionsAndRedactsThePassword() throws Exception {
    Harness h = new Harness();
    Instance m = h.monitor(6379, 2, 1000, 5000);
    h.st.addKnown(m, Instance.Kind.REPLICA, "127.0.0.1", 6380, null);
    MasterSettings.Result r = MasterSettings.set(h.st, m, List.of("down-after-milliseconds", "2500",
        "quorum", "3", "parallel-syncs", "2", "auth-pass", "secret", "rename-command", "CONFIG", "XCONFIG"));
    assertThat(r).isEqualTo(new MasterSettings.Result(5, null));
    assertThat(m.downAfter()).isEqualTo(2500);
    assertThat(m.replicas().get("127.0.0.1:6380").downAfter()).isEqualTo(2500);
    assertThat(m.quorum()).isEqualTo(3);
    assertThat(m.parallelSyncs()).isEqualTo(2);
    assertThat(m.authPass()).isEqualTo("secret");
    assertThat(m.command("config")).isEqualTo("XCONFIG");
    assertThat(h.io.events.stream().map(Object::toString)).contains(
        "+set master mymaster 127.0.0.1 6379 auth-pass ******",
        "+set master mymaster 127.0.0.1 6379 rename-command CONFIG XCONFIG");
    assertThat(SentinelConfigFile.rewriteLines(h.st)).extracting(SentinelConfigFile.Line::text)
        .contains("sentinel rename-command mymaster config XCONFIG", "sentinel auth-pass mymaster secret",
            "sentinel parallel-syncs mymaster 2", "sentinel down-after-milliseconds mymaster 2500");
  }

  @Test
  void errorsStopAtTheBadOption() throws Exception {
    Harness h = new Harness();
    Instance m = h.monitor(6379, 2, 1000, 5000);
    assertThat(MasterSettings.set(h.st, m, List.of("quorum", "4", "quorum", "0")))
        .isEqualTo(new MasterSettings.Result(1, "ERR Invalid argument '0' for SENTINEL SET 'quorum'"));
    assertThat(m.quorum()).isEqualTo(4);
    assertThat(MasterSettings.set(h.st, m, List.of("down-after-milliseconds", "01")).error())
        .isEqualTo("ERR Invalid argument '01' for SENTINEL SET 'down-after-milliseconds'");
    assertThat(MasterSettings.set(h.st, m, List.of("bogus", "1")).error())
        .isEqualTo("ERR Unknown option or number of arguments for SENTINEL SET 'bogus'");
    assertThat(MasterSettings.set(h.st, m, List.of("notification-script", "/bin/true")).error())
        .startsWith("ERR Reconfiguration of scripts path is denied");
  }
}
