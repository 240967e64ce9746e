package io.kvstore.bench.check;

import io.kvstore.bench.history.Op;
import io.kvstore.bench.history.OpType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readers for the two known-answer formats under {@code linearizability/} (Porcupine's test
 * data): EDN lines of a per-key get/put/append store, and Jepsen etcd logs of one CAS register.
 * Neither has timestamps, so an event's line number is its time; a completion is matched to the
 * open invocation of the same process.
 */
final class KnownAnswerHistories {
    private static final Pattern KV = Pattern.compile(
            "\\{:process (\\d+), :type :(invoke|ok), :f :(get|put|append), :key \"([^\"]*)\", :value (nil|\"([^\"]*)\")\\}");
    private static final Pattern JEPSEN = Pattern.compile(
            "INFO\\s+jepsen\\.util\\s+-\\s+(\\d+)\\s+:(invoke|ok|fail|info)\\s+:(read|write|cas)\\s+(.*?)\\s*");
    private static final Pattern PAIR = Pattern.compile("\\[(\\S+)\\s+(\\S+)\\]");

    private KnownAnswerHistories() {
    }

    static List<String> lines(String resource) {
        try (InputStream in = KnownAnswerHistories.class.getResourceAsStream("/linearizability/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * kv/ lines: {@code :get} returns the whole string, "" when absent (read here as absent);
     * {@code :put} writes; {@code :append} concatenates.
     */
    static List<Op> parseKv(List<String> lines) {
        Map<Integer, Op> open = new HashMap<>();
        List<Op> done = new ArrayList<>();
        for (int t = 0; t < lines.size(); t++) {
            Matcher m = KV.matcher(lines.get(t).trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("line " + (t + 1) + ": " + lines.get(t));
            }
            int process = Integer.parseInt(m.group(1));
            String value = m.group(6);
            if (m.group(2).equals("invoke")) {
                OpType type = switch (m.group(3)) {
                    case "get" -> OpType.READ;
                    case "put" -> OpType.WRITE;
                    default -> OpType.APPEND;
                };
                open.put(process, Op.invoke(done.size() + open.size(), process, type, m.group(4),
                        type == OpType.READ ? null : value, t));
            } else {
                Op op = open.remove(process);
                if (op == null) {
                    throw new IllegalArgumentException("line " + (t + 1) + ": completion without invocation");
                }
                String result = op.type() == OpType.READ && !"".equals(value) ? value : null;
                done.add(op.ok(t, result));
            }
        }
        open.values().forEach(op -> done.add(op.info(lines.size(), "never completed")));
        return done;
    }

    /**
     * jepsen-etcd/ lines. {@code :fail :read} (timed out) never happened; {@code :fail :cas} is a
     * compare that saw another value, i.e. an OK CAS with a mismatch; {@code :info}, or an
     * invocation without completion, is an unknown outcome.
     */
    static List<Op> parseJepsen(List<String> lines) {
        Map<Integer, Op> open = new HashMap<>();
        List<Op> done = new ArrayList<>();
        for (int t = 0; t < lines.size(); t++) {
            Matcher m = JEPSEN.matcher(lines.get(t));
            if (!m.matches()) {
                throw new IllegalArgumentException("line " + (t + 1) + ": " + lines.get(t));
            }
            int process = Integer.parseInt(m.group(1));
            String kind = m.group(2);
            String f = m.group(3);
            String arg = m.group(4);
            if (kind.equals("invoke")) {
                long index = done.size() + open.size();
                Op op;
                if (f.equals("read")) {
                    op = Op.invoke(index, process, OpType.READ, "r", null, t);
                } else if (f.equals("write")) {
                    op = Op.invoke(index, process, OpType.WRITE, "r", arg, t);
                } else {
                    Matcher p = PAIR.matcher(arg);
                    if (!p.matches()) {
                        throw new IllegalArgumentException("line " + (t + 1) + ": bad cas " + arg);
                    }
                    op = Op.invokeCas(index, process, "r", p.group(1), p.group(2), t);
                }
                if (open.put(process, op) != null) {
                    throw new IllegalArgumentException("line " + (t + 1) + ": process invoked twice");
                }
                continue;
            }
            Op op = open.remove(process);
            if (op == null) {
                throw new IllegalArgumentException("line " + (t + 1) + ": completion without invocation");
            }
            switch (kind) {
                case "ok":
                    done.add(op.ok(t, f.equals("read") ? nil(arg) : f.equals("cas") ? Op.CAS_APPLIED : null));
                    break;
                case "fail":
                    done.add(f.equals("cas") ? op.ok(t, Op.CAS_MISMATCH) : op.fail(t, arg));
                    break;
                default:
                    done.add(op.info(t, arg));
            }
        }
        open.values().forEach(op -> done.add(op.info(lines.size(), "never completed")));
        return done;
    }

    private static String nil(String v) {
        return v.equals("nil") ? null : v;
    }
}
