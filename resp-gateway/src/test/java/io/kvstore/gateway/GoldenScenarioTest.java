package io.kvstore.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every scenario of {@code src/test/resources/golden/*.txt} over a real socket against a
 * {@link RespServer}. With {@code -Dgolden.port=N} the same scripts run against another server
 * (a real redis-server) instead, which is how the expectations were checked.
 */
class GoldenScenarioTest {
  private static ServerFixture fixture;
  private static int port;

  @BeforeAll
  static void start() {
    String external = System.getProperty("golden.port");
    if (external != null && !external.isBlank()) {
      port = Integer.parseInt(external);
    } else {
      fixture = new ServerFixture();
      port = fixture.port();
    }
  }

  @AfterAll
  static void stop() {
    if (fixture != null) fixture.close();
  }

  @TestFactory
  Stream<DynamicTest> goldenScenarios() throws Exception {
    List<Golden.Scenario> all = new ArrayList<>();
    for (Path f : files()) all.addAll(Golden.parse(f));
    assertThat(all).hasSizeGreaterThan(20);
    return all.stream().map(s -> DynamicTest.dynamicTest(s.toString(), () -> Golden.run(s, port)));
  }

  private static List<Path> files() throws URISyntaxException, java.io.IOException {
    Path dir = Path.of(GoldenScenarioTest.class.getResource("/golden").toURI());
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
  }
}
