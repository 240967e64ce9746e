package io.kvstore.core.engine;

import io.kvstore.core.reply.Reply;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Runs the engine on its {@link LoopExecutor} and decides when work becomes visible to clients.
 *
 * <p>Work arrives as tasks (a client's pipelined commands, gRPC calls, crons). The first task
 * of a burst queues one "commit" task behind everything already queued; when it runs, the store
 * commits once (group commit: one WAL write, one fsync under {@code appendfsync always}) and only
 * then are the burst's replies written. So no client ever sees an acknowledgement of a write that
 * is not yet durable per the configured policy, and a busy server pays one commit per burst, not
 * per command — Redis's beforeSleep, with the AOF write before replies are sent. Crons (active
 * expiry, replication timers) run {@code hz} times a second on the same thread.
 */
public final class EngineLoop implements AutoCloseable {
  private final Engine engine;
  private final Node node;
  private final LoopExecutor executor;
  private final List<Runnable> afterCommit = new ArrayList<>();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private boolean commitQueued;
  private final List<ClientSession> toFlush = new ArrayList<>();
  private Map<ClientSession, Boolean> flushing = new IdentityHashMap<>();
  private volatile boolean running;

  /** An engine loop on a thread of its own. */
  public EngineLoop(Engine engine, String threadName) {
    this(engine, new ThreadLoopExecutor(threadName));
  }

  public EngineLoop(Engine engine, LoopExecutor executor) {
    this.engine = engine;
    this.node = engine.node();
    this.executor = executor;
  }

  public Engine engine() {
    return engine;
  }

  public void start() {
    running = true;
    executor.schedule(this::cron, 0);
  }

  public boolean onLoopThread() {
    return executor.inLoop();
  }

  /** Runs pipelined commands of one client in order. */
  public void submit(ClientSession s, List<byte[][]> commands) {
    execute(() -> runCommands(s, commands));
  }

  /** Runs arbitrary engine-thread work; its output (if any) leaves after the next commit. */
  public void execute(Runnable task) {
    try {
      executor.execute(() -> {
        runSafely(task);
        queueCommit();
      });
    } catch (RejectedExecutionException stopped) {
      // the loop is shutting down; the task's client is being disconnected anyway
    }
  }

  /** Runs a function on the engine thread; the future completes after the batch commits. */
  public <T> CompletableFuture<T> call(Function<Engine, T> fn) {
    CompletableFuture<T> f = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        try {
          T v = fn.apply(engine);
          afterCommit.add(() -> f.complete(v));
        } catch (Throwable t) {
          f.completeExceptionally(t);
        }
        queueCommit();
      });
    } catch (RejectedExecutionException e) {
      f.completeExceptionally(e);
    }
    return f;
  }

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
    queueCommit();
  }

  private void queueCommit() {
    if (commitQueued) return;
    commitQueued = true;
    try {
      executor.execute(this::commitAndFlush);
    } catch (RejectedExecutionException stopped) {
      commitAndFlush();
    }
  }

  private void cron() {
    if (!running) return;
    long now = node.clock().millis();
    for (var cron : node.crons()) {
      try {
        cron.accept(now);
      } catch (RuntimeException e) {
        System.err.println("cron failed: " + e);
      }
    }
    queueCommit();
    executor.schedule(this::cron, Math.max(1, 1000 / node.config().getInt("hz")));
  }

  private static void report(RuntimeException e) {
    System.err.println("engine task failed: " + e);
    e.printStackTrace();
  }

  private static void runSafely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      System.err.println("engine task failed: " + e);
      e.printStackTrace();
    }
  }

  private void commitAndFlush() {
    commitQueued = false;
    for (Runnable hook : node.beforeCommitHooks()) runSafely(hook);
    List<Node.Outgoing> out = node.drainOutbox();
    String commitError = null;
    try {
      node.store().commit();
    } catch (RuntimeException e) {
      commitError = "MISCONF Errors writing to the data store: " + e.getMessage();
      System.err.println("store commit failed: " + e);
    }
    for (Runnable hook : node.afterCommitHooks()) runSafely(hook);
    if (!afterCommit.isEmpty()) {
      List<Runnable> done = new ArrayList<>(afterCommit);
      afterCommit.clear();
      done.forEach(EngineLoop::runSafely);
    }
    if (out.isEmpty()) return;
    // sessions in order of their first reply, each flushed once (no allocation per reply)
    List<ClientSession> flush = toFlush;
    ClientSession last = null;
    for (Node.Outgoing o : out) {
      ClientSession s = o.session();
      if (!(o.reply() instanceof Reply.None)) {
        Reply r = commitError != null && !(o.reply() instanceof Reply.Push)
            ? new Reply.Error(commitError) : o.reply();
        try {
          s.connection().send(r);
        } catch (RuntimeException e) {
          report(e);
        }
      }
      if (s != last && flushing.put(s, Boolean.TRUE) == null) flush.add(s);
      last = s;
    }
    for (ClientSession s : flush) {
      try {
        s.connection().flush();
        if (s.closeAfterReply()) s.connection().close();
      } catch (RuntimeException e) {
        report(e);
      }
    }
    flush.clear();
    if (flushing.size() > 4096) flushing = new IdentityHashMap<>(); // do not keep clearing a huge table
    else flushing.clear();
  }

  /** Stops crons, runs what is queued, commits, and stops the executor. */
  @Override
  public void close() {
    if (!running && terminated.getCount() == 0) return;
    running = false;
    try {
      if (!executor.inLoop()) {
        CountDownLatch drained = new CountDownLatch(1);
        try {
          executor.execute(() -> {
            commitAndFlush();
            drained.countDown();
          });
          drained.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (RejectedExecutionException alreadyStopped) {
          // nothing left to run
        }
        executor.shutdown(10_000);
      } else {
        commitAndFlush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      terminated.countDown();
    }
  }

  /** Waits until {@link #close()} has finished (e.g. after a SHUTDOWN). */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }
}
