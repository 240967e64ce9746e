package io.kvstore.core.engine;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** A {@link LoopExecutor} with a dedicated thread, for nodes without a network event loop. */
public final class ThreadLoopExecutor implements LoopExecutor {
  private final ScheduledThreadPoolExecutor executor;
  private volatile Thread thread;

  public ThreadLoopExecutor(String threadName) {
    executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, threadName);
      thread = t;
      return t;
    });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  @Override
  public void execute(Runnable task) {
    executor.execute(task);
  }

  @Override
  public void schedule(Runnable task, long delayMs) {
    if (!executor.isShutdown()) executor.schedule(task, delayMs, TimeUnit.MILLISECONDS);
  }

  @Override
  public boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  @Override
  public void shutdown(long timeoutMs) throws InterruptedException {
    executor.shutdown();
    executor.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);
  }
}
