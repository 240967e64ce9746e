package io.kvstore.bench.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTest {
    private static List<Op> sample() {
        return List.of(
                Op.invoke(0, 1, OpType.WRITE, "k1", "v\"1\\\n\t\u0001é€😀", 100).ok(250, null),
                Op.invoke(1, 2, OpType.READ, "k1", null, 120).ok(300, null),
                Op.invokeCas(2, 3, "k1", null, "v2", 130).ok(400, Op.CAS_MISMATCH),
                Op.invoke(3, 4, OpType.INCR, "c", "5", -7).info(Long.MAX_VALUE, "timed out"),
                Op.invoke(4, 5, OpType.ADD, "s", "e1", 10).fail(20, "READONLY You can't write against a read only replica."),
                Op.invoke(5, 6, OpType.READ, "s", null, 30).okValues(40, List.of("e1", "", "e,2")),
                Op.invoke(6, 7, OpType.READ, "s", null, 50).okValues(60, List.of()));
    }

    @Test
    void roundTripsEveryField() throws IOException {
        StringWriter out = new StringWriter();
        try (HistoryWriter w = new HistoryWriter(out)) {
            sample().forEach(w::write);
        }
        List<Op> back = new ArrayList<>();
        try (HistoryReader r = new HistoryReader(new StringReader(out.toString()))) {
            for (Op op = r.next(); op != null; op = r.next()) {
                back.add(op);
            }
        }
        assertThat(back).isEqualTo(sample());
        assertThat(out.toString().lines()).hasSize(7);
    }

    @Test
    void lineFormatHasStableNamesAndOmitsNulls() {
        Op op = Op.invoke(7, 2, OpType.WRITE, "k1", "v9", 100).ok(250, null);
        assertThat(HistoryWriter.toLine(op)).isEqualTo(
                "{\"index\":7,\"process\":2,\"type\":\"write\",\"key\":\"k1\",\"value\":\"v9\","
                        + "\"invokeNs\":100,\"completeNs\":250,\"outcome\":\"ok\"}");
    }

    @Test
    void readerSkipsBlankLinesIgnoresUnknownMembersAndNamesBadLines() {
        String text = "\n{\"index\":1,\"type\":\"read\",\"key\":\"k\",\"outcome\":\"ok\",\"result\":null,"
                + "\"extra\":[\"x\"],\"flag\":true,\"invokeNs\":1,\"completeNs\":2}\n\n{\"index\":2,\"type\":\"read\"\n";
        HistoryReader r = new HistoryReader(new StringReader(text));
        Op first = r.next();
        assertThat(first.type()).isEqualTo(OpType.READ);
        assertThat(first.result()).isNull();
        assertThat(first.completeNs()).isEqualTo(2);
        assertThatThrownBy(r::next).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("history line 4");
    }

    @Test
    void rejectsMalformedJson() {
        assertThatThrownBy(() -> HistoryReader.parseLine("{\"index\":1,\"type\":\"read\",\"outcome\":\"ok\"} x"))
                .hasMessageContaining("trailing");
        assertThatThrownBy(() -> HistoryReader.parseLine("{\"type\":\"read\"}")).hasMessageContaining("outcome");
        assertThatThrownBy(() -> HistoryReader.parseLine("{\"type\":\"read\",\"outcome\":\"ok\",\"key\":5}"))
                .hasMessageContaining("not a string");
        assertThatThrownBy(() -> HistoryReader.parseLine("{\"type\":\"jump\",\"outcome\":\"ok\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recorderStreamsToFileAndKeepsInMemory(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history.jsonl");
        try (HistoryRecorder rec = new HistoryRecorder(HistoryWriter.create(file), true)) {
            Thread[] threads = new Thread[4];
            for (int t = 0; t < threads.length; t++) {
                int p = t;
                threads[t] = new Thread(() -> {
                    for (int i = 0; i < 250; i++) {
                        long idx = rec.nextIndex();
                        rec.record(Op.invoke(idx, p, OpType.WRITE, "k" + p, "v" + idx, idx).ok(idx + 1, null));
                    }
                });
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(rec.ops()).hasSize(1000);
        }
        List<Op> read = HistoryReader.readAll(file);
        assertThat(read).hasSize(1000);
        assertThat(read.stream().map(Op::index).distinct().count()).isEqualTo(1000);
        assertThat(Files.readString(file)).endsWith("\n");
    }

    @Test
    void describesOperationsCompactly() {
        assertThat(Op.invokeCas(12, 3, "k", "1", "2", 0).ok(1, Op.CAS_APPLIED).describe())
                .isEqualTo("#12 p3 cas k [\"1\" -> \"2\"] ok \"true\"");
        assertThat(Op.invoke(1, 0, OpType.READ, "k", null, 0).ok(1, null).describe()).isEqualTo("#1 p0 read k ok nil");
        assertThat(Op.invoke(2, 0, OpType.WRITE, "k", "x", 0).info(9, "timed out").describe())
                .isEqualTo("#2 p0 write k \"x\" info (timed out)");
    }
}
