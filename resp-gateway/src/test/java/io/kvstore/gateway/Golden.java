package io.kvstore.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Golden protocol scripts. A file holds scenarios; each runs on a new connection:
 *
 * <pre>
 * # comment (blank lines are ignored too)
 * === name of the scenario
 * &gt; bytes the client sends, in one write
 * &lt; bytes the server must send next
 * closed      the server closes the connection (nothing more arrives)
 * nosync      skip the final check that nothing unexpected was sent
 * </pre>
 *
 * Escapes in sent and expected text: {@code \r \n \t \0 \\ \xHH \{}. In expectations
 * {@code {int}} matches an integer (client ids) and {@code {*}} any text up to the end of a line.
 * After the last step of a scenario that did not close, the runner sends
 * {@code PING __sync__} and expects its echo, proving no extra output came before it.
 */
final class Golden {
  sealed interface Step permits Send, Expect, Closed {}

  record Send(byte[] data, String text) implements Step {}

  record Expect(Pattern pattern, String text) implements Step {}

  record Closed() implements Step {}

  record Scenario(String file, String name, List<Step> steps, boolean sync) {
    @Override
    public String toString() {
      return file + ": " + name;
    }
  }

  static final String SYNC_SEND = "*2\r\n$4\r\nPING\r\n$8\r\n__sync__\r\n";
  static final String SYNC_EXPECT = "$8\r\n__sync__\r\n";

  private Golden() {}

  static List<Scenario> parse(Path file) throws IOException {
    List<Scenario> out = new ArrayList<>();
    String name = null;
    List<Step> steps = null;
    boolean sync = true;
    int lineNo = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lineNo++;
      if (line.isBlank() || line.startsWith("#")) continue;
      if (line.startsWith("=== ")) {
        if (name != null) out.add(new Scenario(file.getFileName().toString(), name, steps, sync));
        name = line.substring(4).trim();
        steps = new ArrayList<>();
        sync = true;
        continue;
      }
      if (steps == null) throw new IllegalArgumentException(file + ":" + lineNo + ": step before '=== name'");
      if (line.startsWith("> ")) {
        String text = line.substring(2);
        steps.add(new Send(unescape(text).getBytes(StandardCharsets.ISO_8859_1), text));
      } else if (line.startsWith("< ")) {
        String text = line.substring(2);
        steps.add(new Expect(toPattern(text), text));
      } else if (line.trim().equals("closed")) {
        steps.add(new Closed());
      } else if (line.trim().equals("nosync")) {
        sync = false;
      } else {
        throw new IllegalArgumentException(file + ":" + lineNo + ": cannot parse '" + line + "'");
      }
    }
    if (name != null) out.add(new Scenario(file.getFileName().toString(), name, steps, sync));
    return out;
  }

  static void run(Scenario s, int port) throws IOException {
    try (RawClient c = new RawClient(port)) {
      boolean closed = false;
      for (Step step : s.steps()) {
        if (step instanceof Send send) {
          c.send(send.data());
        } else if (step instanceof Expect e) {
          c.readMatching(e.pattern(), e.text());
        } else {
          String rest = c.readToEnd();
          if (!rest.isEmpty()) throw new AssertionError("unexpected output before close: " + escape(rest));
          closed = true;
        }
      }
      if (!closed && s.sync()) {
        c.send(SYNC_SEND);
        c.readMatching(Pattern.compile(Pattern.quote(SYNC_EXPECT), Pattern.DOTALL), escape(SYNC_EXPECT));
      }
    }
  }

  static String unescape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        sb.append(c);
        continue;
      }
      char n = s.charAt(++i);
      switch (n) {
        case 'r' -> sb.append('\r');
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case '0' -> sb.append('\0');
        case 'x' -> {
          sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
          i += 2;
        }
        default -> sb.append(n);
      }
    }
    return sb.toString();
  }

  /** The expectation as a regex: literal text (after unescaping) with the two placeholders. */
  static Pattern toPattern(String text) {
    StringBuilder re = new StringBuilder();
    StringBuilder lit = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("\\{", i)) {
        lit.append("\\{");
        i += 2;
      } else if (text.charAt(i) == '\\' && i + 1 < text.length()) {
        int len = text.charAt(i + 1) == 'x' ? 4 : 2;
        lit.append(text, i, i + len);
        i += len;
      } else if (text.startsWith("{int}", i) || text.startsWith("{*}", i)) {
        re.append(Pattern.quote(unescape(lit.toString())));
        lit.setLength(0);
        boolean isInt = text.startsWith("{int}", i);
        re.append(isInt ? "-?[0-9]+" : "[^\r\n]*");
        i += isInt ? 5 : 3;
      } else {
        lit.append(text.charAt(i++));
      }
    }
    re.append(Pattern.quote(unescape(lit.toString())));
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '\r') sb.append("\\r");
      else if (c == '\n') sb.append("\\n");
      else if (c == '\\') sb.append("\\\\");
      else if (c < 0x20 || c > 0x7e) sb.append(String.format("\\x%02x", (int) c));
      else sb.append(c);
    }
    return sb.toString();
  }
}
