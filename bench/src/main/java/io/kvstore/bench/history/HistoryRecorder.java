package io.kvstore.bench.history;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where client threads hand their finished operations: hands out operation indexes and keeps
 * the operations in memory, streams them to a {@link HistoryWriter}, or both. Thread-safe.
 */
public final class HistoryRecorder implements Closeable {
    private final AtomicLong nextIndex = new AtomicLong();
    private final HistoryWriter writer;
    private final List<Op> memory;

    /**
     * @param writer where to stream operations, or null
     * @param keepInMemory whether {@link #ops()} should return everything recorded
     */
    public HistoryRecorder(HistoryWriter writer, boolean keepInMemory) {
        this.writer = writer;
        this.memory = keepInMemory ? new ArrayList<>() : null;
    }

    /** A fresh index for an operation about to be invoked. */
    public long nextIndex() {
        return nextIndex.getAndIncrement();
    }

    public void record(Op op) {
        if (writer != null) {
            writer.write(op);
        }
        if (memory != null) {
            synchronized (memory) {
                memory.add(op);
            }
        }
    }

    /** A copy of the operations kept in memory (empty when not keeping them). */
    public List<Op> ops() {
        if (memory == null) {
            return List.of();
        }
        synchronized (memory) {
            return new ArrayList<>(memory);
        }
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            writer.close();
        }
    }
}
