package io.kvstore.core.engine;

import io.kvstore.core.reply.Reply;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The engine thread. Transports submit work; the loop takes whatever is queued as one batch,
 * executes it, commits the store once (group commit: one WAL write, one fsync under
 * {@code appendfsync always}), and only then writes the batch's replies, so no client sees an
 * acknowledgement for a write that is not yet durable per the configured policy. Crons (active
 * expiry, replication timers) run between batches {@code hz} times a second.
 */
public final class EngineLoop implements AutoCloseable {
  private static final int MAX_BATCH_TASKS = 4096;

  private final Engine engine;
  private final Node node;
  private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;
  private long nextCronMs;

  public EngineLoop(Engine engine, String threadName) {
    this.engine = engine;
    this.node = engine.node();
    this.thread = new Thread(this::run, threadName);
    this.thread.setDaemon(false);
  }

  public Engine engine() {
    return engine;
  }

  public void start() {
    thread.start();
  }

  public boolean onLoopThread() {
    return Thread.currentThread() == thread;
  }

  /** Runs pipelined commands of one client in order (from an I/O thread). */
  public void submit(ClientSession s, List<byte[][]> commands) {
    queue.add(() -> runCommands(s, commands));
  }

  /** Runs arbitrary engine-thread work; its output (if any) leaves after the batch commits. */
  public void execute(Runnable task) {
    queue.add(task);
  }

  /** Runs a function on the engine thread; the future completes after the batch commits. */
  public <T> CompletableFuture<T> call(Function<Engine, T> fn) {
    CompletableFuture<T> f = new CompletableFuture<>();
    queue.add(() -> {
      try {
        T v = fn.apply(engine);
        afterCommit.add(() -> f.complete(v));
      } catch (Throwable t) {
        f.completeExceptionally(t);
      }
    });
    return f;
  }

  private final List<Runnable> afterCommit = new ArrayList<>();

  private void runCommands(ClientSession s, List<byte[][]> commands) {
    for (byte[][] argv : commands) {
      if (s.killed()) return;
      if (s.blocked()) {
        s.deferred().add(argv);
        continue;
      }
      Reply r = engine.execute(s, argv);
      if (!(r instanceof Reply.None)) node.deliver(s, r);
      if (s.closeAfterReply()) return;
    }
  }

  /** Unblocks a client (WAIT finished...): delivers its reply and runs what it had pipelined. */
  public void unblock(ClientSession s, Reply reply) {
    s.setBlocked(false);
    node.deliver(s, reply);
    List<byte[][]> rest = new ArrayList<>(s.deferred());
    s.deferred().clear();
    runCommands(s, rest);
  }

  private void run() {
    List<Runnable> batch = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        long now = node.clock().millis();
        long wait = Math.max(0, nextCronMs - now);
        Runnable first = queue.poll(wait, TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH_TASKS);
          for (Runnable r : batch) runSafely(r);
          batch.clear();
        }
        now = node.clock().millis();
        if (now >= nextCronMs) {
          for (var cron : node.crons()) {
            try {
              cron.accept(now);
            } catch (RuntimeException e) {
              System.err.println("cron failed: " + e);
            }
          }
          nextCronMs = now + Math.max(1, 1000 / node.config().getInt("hz"));
        }
        commitAndFlush();
      } catch (InterruptedException e) {
        if (!running) break;
      }
    }
  }

  private void runSafely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      System.err.println("engine task failed: " + e);
      e.printStackTrace();
    }
  }

  private void commitAndFlush() {
    List<Node.Outgoing> out = node.drainOutbox();
    String commitError = null;
    try {
      node.store().commit();
    } catch (RuntimeException e) {
      commitError = "MISCONF Errors writing to the data store: " + e.getMessage();
      System.err.println("store commit failed: " + e);
    }
    if (!afterCommit.isEmpty()) {
      List<Runnable> done = new ArrayList<>(afterCommit);
      afterCommit.clear();
      done.forEach(Runnable::run);
    }
    if (out.isEmpty()) return;
    Map<ClientSession, Boolean> touched = new IdentityHashMap<>();
    for (Node.Outgoing o : out) {
      if (!(o.reply() instanceof Reply.None)) {
        o.session().connection().send(commitError != null && !(o.reply() instanceof Reply.Push)
            ? new Reply.Error(commitError) : o.reply());
      }
      touched.put(o.session(), Boolean.TRUE);
    }
    for (ClientSession s : touched.keySet()) {
      s.connection().flush();
      if (s.closeAfterReply()) s.connection().close();
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for the loop thread to finish (after {@link #close()} or a SHUTDOWN). */
  public void awaitTermination() throws InterruptedException {
    thread.join();
  }
}
