package io.kvstore.bench.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of one {@link Op}: a flat object with stable field names, null fields omitted,
 * e.g. {@code {"index":7,"process":2,"type":"write","key":"k1","value":"v9","invokeNs":100,
 * "completeNs":250,"outcome":"ok"}}. A hand-written codec because the format is this small: the
 * reader accepts any JSON object whose members are strings, integers, null, booleans or arrays of
 * strings, and ignores unknown members so the format can grow.
 */
final class JsonLine {
    private JsonLine() {
    }

    static String encode(Op op) {
        StringBuilder sb = new StringBuilder(128);
        sb.append("{\"index\":").append(op.index());
        sb.append(",\"process\":").append(op.process());
        sb.append(",\"type\":\"").append(op.type().wireName()).append('"');
        string(sb, "key", op.key());
        string(sb, "value", op.value());
        string(sb, "expected", op.expected());
        sb.append(",\"invokeNs\":").append(op.invokeNs());
        sb.append(",\"completeNs\":").append(op.completeNs());
        sb.append(",\"outcome\":\"").append(op.outcome().wireName()).append('"');
        string(sb, "result", op.result());
        if (op.values() != null) {
            sb.append(",\"values\":[");
            for (int i = 0; i < op.values().size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                quote(sb, op.values().get(i));
            }
            sb.append(']');
        }
        string(sb, "error", op.error());
        return sb.append('}').toString();
    }

    private static void string(StringBuilder sb, String name, String v) {
        if (v != null) {
            sb.append(",\"").append(name).append("\":");
            quote(sb, v);
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    static Op decode(String line) {
        Map<String, Object> m = new Parser(line).object();
        return new Op(num(m, "index", 0), (int) num(m, "process", 0), OpType.fromWire(req(m, "type")),
                str(m, "key"), str(m, "value"), str(m, "expected"), num(m, "invokeNs", 0),
                num(m, "completeNs", 0), Outcome.fromWire(req(m, "outcome")), str(m, "result"),
                list(m, "values"), str(m, "error"));
    }

    private static String req(Map<String, Object> m, String name) {
        String s = str(m, name);
        if (s == null) {
            throw new IllegalArgumentException("missing \"" + name + "\"");
        }
        return s;
    }

    private static String str(Map<String, Object> m, String name) {
        Object v = m.get(name);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new IllegalArgumentException("\"" + name + "\" is not a string");
    }

    private static long num(Map<String, Object> m, String name, long dflt) {
        Object v = m.get(name);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Long l) {
            return l;
        }
        throw new IllegalArgumentException("\"" + name + "\" is not an integer");
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> m, String name) {
        Object v = m.get(name);
        if (v == null || v instanceof List) {
            return (List<String>) v;
        }
        throw new IllegalArgumentException("\"" + name + "\" is not an array");
    }

    /** Recursive-descent reader for the subset of JSON the format uses. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        Map<String, Object> object() {
            Map<String, Object> m = new HashMap<>();
            ws();
            expect('{');
            ws();
            if (peek() == '}') {
                pos++;
                return end(m);
            }
            while (true) {
                ws();
                String name = string();
                ws();
                expect(':');
                ws();
                m.put(name, value());
                ws();
                char c = next();
                if (c == '}') {
                    return end(m);
                }
                if (c != ',') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        private Map<String, Object> end(Map<String, Object> m) {
            ws();
            if (pos != s.length()) {
                throw error("trailing characters");
            }
            return m;
        }

        private Object value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (c == '[') {
                pos++;
                List<String> out = new ArrayList<>();
                ws();
                if (peek() == ']') {
                    pos++;
                    return out;
                }
                while (true) {
                    ws();
                    out.add(string());
                    ws();
                    char d = next();
                    if (d == ']') {
                        return out;
                    }
                    if (d != ',') {
                        throw error("expected ',' or ']'");
                    }
                }
            }
            if (s.startsWith("null", pos)) {
                pos += 4;
                return null;
            }
            if (s.startsWith("true", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("false", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            int start = pos;
            if (c == '-') {
                pos++;
            }
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            if (pos == start || (pos == start + 1 && c == '-')) {
                throw error("unexpected value");
            }
            try {
                return Long.parseLong(s.substring(start, pos));
            } catch (NumberFormatException e) {
                throw error("integer out of range");
            }
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"': sb.append('"'); break;
                    case '\\': sb.append('\\'); break;
                    case '/': sb.append('/'); break;
                    case 'b': sb.append('\b'); break;
                    case 'f': sb.append('\f'); break;
                    case 'n': sb.append('\n'); break;
                    case 'r': sb.append('\r'); break;
                    case 't': sb.append('\t'); break;
                    case 'u':
                        if (pos + 4 > s.length()) {
                            throw error("short \\u escape");
                        }
                        try {
                            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                        break;
                    default:
                        throw error("bad escape");
                }
            }
        }

        private void ws() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private char peek() {
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            return s.charAt(pos);
        }

        private char next() {
            char c = peek();
            pos++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                pos--;
                throw error("expected '" + c + "'");
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at column " + (pos + 1));
        }
    }
}
