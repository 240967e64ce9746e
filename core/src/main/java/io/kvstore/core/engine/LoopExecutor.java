package io.kvstore.core.engine;

/**
 * The single thread the engine runs on. Either a thread of its own ({@link ThreadLoopExecutor})
 * or, in a server, the network event loop that also does the connections' I/O — the Redis model,
 * where reading, executing and replying happen on one thread with no hand-offs between them.
 *
 * <p>Tasks run in submission order; a task submitted from the loop thread runs after the tasks
 * already queued, which is what lets the engine commit once after a burst of work.
 */
public interface LoopExecutor {
  void execute(Runnable task);

  /** Runs {@code task} once after {@code delayMs}. */
  void schedule(Runnable task, long delayMs);

  boolean inLoop();

  /** Stops accepting tasks after the queued ones ran; waits up to the timeout for that. */
  void shutdown(long timeoutMs) throws InterruptedException;
}
