package io.kvstore.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvstore.core.config.ConfigFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentinelConfigLoaderTest {
  @Test
  void sentinelLinesAreSetAsideWithTheirLineNumbers() {
    SentinelConfigLoader.Loaded l = SentinelConfigLoader.parse(
        "# comment\nport 26400\nsentinel monitor m 127.0.0.1 6379 2\n\n"
        + "  sentinel down-after-milliseconds m 1000  \nlogfile \"\"\n", null);
    assertThat(l.config().getInt("port")).isEqualTo(26400);
    assertThat(l.directives()).hasSize(2);
    assertThat(l.directives().get(0).lineNumber()).isEqualTo(3);
    assertThat(l.directives().get(0).argv()).containsExactly("monitor", "m", "127.0.0.1", "6379", "2");
    assertThat(l.directives().get(1).lineNumber()).isEqualTo(5);
    assertThat(l.directives().get(1).line()).isEqualTo("sentinel down-after-milliseconds m 1000");
  }

  @Test
  void sentinelDefaults() {
    SentinelConfigLoader.Loaded l = SentinelConfigLoader.parse("", null);
    assertThat(l.config().getInt("port")).isEqualTo(26379);
    assertThat(l.config().getBool("protected-mode")).isFalse();
  }

  @Test
  void serverErrorsNameTheFileLine() {
    assertThatThrownBy(() -> SentinelConfigLoader.parse(
        "sentinel monitor m 127.0.0.1 6379 2\n\nport abc\n", null))
        .isInstanceOf(ConfigFile.ConfigFileException.class)
        .hasMessageContaining("at line 3\n>>> 'port abc'");
  }

  @Test
  void overridesComeAfterTheFile() {
    SentinelConfigLoader.Loaded l = SentinelConfigLoader.parse("port 26400\n"
        + ConfigFile.optionsText(List.of("--port", "26401")), null);
    assertThat(l.config().getInt("port")).isEqualTo(26401);
  }
}
