package io.kvstore.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Golden-text protocol scripts in the style of etcd raft's testdata: blocks of
 * {@code command args} lines, a {@code ----} line, then the expected output up to a blank line.
 * Lines starting with {@code #} between blocks are comments. With
 * {@code -Dkvstore.rewrite=true} the expected outputs are rewritten from the actual ones (to be
 * reviewed before committing).
 */
final class ScriptRunner {
  private ScriptRunner() {}

  record Block(int line, String command, String expected) {}

  static List<Block> parse(List<String> lines) {
    List<Block> blocks = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      String l = lines.get(i);
      if (l.isBlank() || l.startsWith("#")) {
        i++;
        continue;
      }
      int start = i;
      String command = l;
      i++;
      if (i >= lines.size() || !lines.get(i).equals("----")) {
        throw new IllegalArgumentException("line " + (start + 1) + ": expected ---- after command");
      }
      i++;
      StringBuilder exp = new StringBuilder();
      while (i < lines.size() && !lines.get(i).isEmpty()) {
        exp.append(lines.get(i)).append('\n');
        i++;
      }
      blocks.add(new Block(start + 1, command, exp.toString()));
    }
    return blocks;
  }

  /** Runs every block through {@code exec}; fails listing each mismatch (or rewrites the file). */
  static void run(Path file, Function<String, String> exec) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Block> blocks = parse(lines);
    boolean rewrite = Boolean.getBoolean("kvstore.rewrite");
    StringBuilder failures = new StringBuilder();
    List<String> actuals = new ArrayList<>();
    for (Block b : blocks) {
      String actual;
      try {
        actual = exec.apply(b.command());
      } catch (RuntimeException e) {
        actual = "exception: " + e + "\n";
      }
      if (!actual.endsWith("\n")) actual += "\n";
      actuals.add(actual);
      if (!actual.equals(b.expected())) {
        failures.append(file.getFileName()).append(':').append(b.line()).append(": ")
            .append(b.command()).append("\n--- expected\n").append(b.expected())
            .append("--- actual\n").append(actual).append('\n');
      }
    }
    if (rewrite) {
      Files.writeString(sourceCopy(file), rewritten(lines, blocks, actuals), StandardCharsets.UTF_8);
      return;
    }
    assertThat(failures.toString()).as("script %s", file.getFileName()).isEmpty();
  }

  private static String rewritten(List<String> lines, List<Block> blocks, List<String> actuals) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    int bi = 0;
    while (i < lines.size()) {
      String l = lines.get(i);
      if (bi < blocks.size() && i + 1 == blocks.get(bi).line()) {
        out.append(l).append('\n').append("----\n").append(actuals.get(bi));
        i += 2;
        while (i < lines.size() && !lines.get(i).isEmpty()) i++;
        bi++;
        continue;
      }
      out.append(l).append('\n');
      i++;
    }
    return out.toString();
  }

  private static Path sourceCopy(Path compiled) {
    Path src = Path.of("src", "test", "resources", "replication", compiled.getFileName().toString());
    return Files.exists(src) ? src : compiled;
  }
}
