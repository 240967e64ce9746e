package io.kvstore.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.bench.client.ClientPolicy;
import io.kvstore.bench.client.Endpoint;
import io.kvstore.bench.client.Request;
import io.kvstore.bench.client.SpreadRouter;
import io.kvstore.bench.history.HistoryRecorder;
import io.kvstore.bench.history.Op;
import io.kvstore.bench.history.OpType;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OpenLoopTest {
  /** Answers every command with +OK, forever. */
  private static ServerSocket okServer() throws Exception {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(() -> {
      while (true) {
        try {
          Socket s = server.accept();
          Thread c = new Thread(() -> {
            try (s) {
              InputStream in = s.getInputStream();
              OutputStream out = s.getOutputStream();
              byte[] buf = new byte[4096];
              int n;
              while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                  if (buf[i] == '*') {
                    out.write("+OK\r\n".getBytes(StandardCharsets.US_ASCII));
                  }
                }
                out.flush();
              }
            } catch (Exception e) {
              // closed
            }
          });
          c.setDaemon(true);
          c.start();
        } catch (Exception e) {
          return;
        }
      }
    });
    t.setDaemon(true);
    t.start();
    return server;
  }

  private static final class Writes implements Workload {
    @Override
    public String name() {
      return "writes";
    }

    @Override
    public Request next(SplittableRandom rng, Memory memory) {
      return new Request(Request.Family.REGISTER, OpType.WRITE, "r0:0", "r0:0", "v", null);
    }
  }

  @Test
  void offersExactlyTheScheduledOperationsAndMeasuresFromTheirSlots() throws Exception {
    try (ServerSocket server = okServer()) {
      OpenLoop loop = new OpenLoop(new OpenLoop.Settings(4, 100, 500_000_000L, 1_000_000_000L));
      HistoryRecorder recorder = new HistoryRecorder(null, true);
      long start = System.nanoTime() + 50_000_000L;
      LatencyLog log = new LatencyLog(start);
      loop.run(start, new Writes(), new SpreadRouter(List.of(new Endpoint("n", "127.0.0.1", server.getLocalPort()))),
          ClientPolicy.plain(2000), recorder, log, 1);
      // 100/s for 0.5 s: slots at 0, 10, ..., 490 ms, each worker taking every fourth.
      assertThat(loop.done()).isEqualTo(50);
      assertThat(recorder.ops()).hasSize(50).allMatch(Op::isOk);
      long[] starts = log.starts();
      Arrays.sort(starts);
      for (int i = 0; i < starts.length; i++) {
        assertThat(starts[i]).isCloseTo(i * 10_000_000L, org.assertj.core.data.Offset.offset(2L));
      }
      assertThat(log.ok()).isEqualTo(50);
      assertThat(recorder.ops()).extracting(Op::index).doesNotHaveDuplicates();
    }
  }

  @Test
  void aClosedLoopSendsBackToBack() throws Exception {
    try (ServerSocket server = okServer()) {
      OpenLoop loop = new OpenLoop(OpenLoop.Settings.closed(2, 300_000_000L));
      LatencyLog log = new LatencyLog(System.nanoTime());
      loop.run(System.nanoTime(), new Writes(), new SpreadRouter(List.of(new Endpoint("n", "127.0.0.1",
          server.getLocalPort()))), ClientPolicy.plain(2000), null, log, 1);
      assertThat(loop.done()).isGreaterThan(10);
      assertThat(log.ok()).isEqualTo(loop.done());
    }
  }
}
