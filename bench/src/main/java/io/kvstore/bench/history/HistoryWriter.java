package io.kvstore.bench.history;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams operations to a JSON-lines file, one {@link Op} per line, in the order they are
 * written (normally completion order). Safe to share between client threads; nothing is kept in
 * memory, so a long run's history costs no heap.
 */
public final class HistoryWriter implements Closeable {
    private final Writer out;

    public HistoryWriter(Writer out) {
        this.out = out instanceof BufferedWriter ? out : new BufferedWriter(out, 1 << 16);
    }

    public static HistoryWriter create(Path file) throws IOException {
        return new HistoryWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8));
    }

    /** The JSON line of one operation, without the newline. */
    public static String toLine(Op op) {
        return JsonLine.encode(op);
    }

    public synchronized void write(Op op) {
        try {
            out.write(JsonLine.encode(op));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
