package io.kvstore.core.replication;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the golden protocol scripts under {@code replication/*.txt}: each file drives simulated
 * nodes (the pure models wired as a server would wire them) and compares the bytes, lines and
 * state they produce with the expected text. Ids come from {@link SequenceRandom}, so the n-th
 * id drawn is forty copies of one digit; {@code @3} in an argument stands for "3333...".
 */
class ReplicationScriptTest {

  @TestFactory
  Stream<DynamicTest> scripts() throws IOException, URISyntaxException {
    Path dir = Path.of(getClass().getClassLoader().getResource("replication").toURI());
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    if (files.isEmpty()) throw new IllegalStateException("no scripts in " + dir);
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
        () -> ScriptRunner.run(f, new ScriptInterpreter()::exec)));
  }
}
