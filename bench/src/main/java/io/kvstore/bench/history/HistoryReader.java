package io.kvstore.bench.history;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON-lines history one operation at a time ({@link #next()} returns null at the end);
 * blank lines are skipped and a malformed line fails with its line number.
 */
public final class HistoryReader implements Closeable {
    private final BufferedReader in;
    private long lineNo;

    public HistoryReader(Reader in) {
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
    }

    public static HistoryReader open(Path file) throws IOException {
        return new HistoryReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
    }

    /** Parses one JSON line. */
    public static Op parseLine(String line) {
        return JsonLine.decode(line);
    }

    /** Reads a whole file into memory. */
    public static List<Op> readAll(Path file) throws IOException {
        try (HistoryReader r = open(file)) {
            List<Op> ops = new ArrayList<>();
            for (Op op = r.next(); op != null; op = r.next()) {
                ops.add(op);
            }
            return ops;
        }
    }

    /** The next operation, or null at the end of the input. */
    public Op next() {
        try {
            String line;
            do {
                line = in.readLine();
                lineNo++;
                if (line == null) {
                    return null;
                }
            } while (line.isBlank());
            try {
                return JsonLine.decode(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("history line " + lineNo + ": " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
