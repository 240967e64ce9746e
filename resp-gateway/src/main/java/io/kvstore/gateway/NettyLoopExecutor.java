package io.kvstore.gateway;

import io.kvstore.core.engine.LoopExecutor;
import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;

/**
 * Runs the engine on a Netty event loop, so the thread that reads a client's bytes also executes
 * its commands and writes the replies (the Redis threading model): no queue hand-off or thread
 * wake-up per request. Tasks queued while the loop processes a burst of reads run after it,
 * which is where the engine's group commit happens.
 */
public final class NettyLoopExecutor implements LoopExecutor {
  private final EventLoop loop;

  public NettyLoopExecutor(EventLoop loop) {
    this.loop = loop;
  }

  @Override
  public void execute(Runnable task) {
    loop.execute(task);
  }

  @Override
  public void schedule(Runnable task, long delayMs) {
    if (!loop.isShuttingDown()) loop.schedule(task, delayMs, TimeUnit.MILLISECONDS);
  }

  @Override
  public boolean inLoop() {
    return loop.inEventLoop();
  }

  /** The event loop group is owned (and shut down) by the {@link RespServer}. */
  @Override
  public void shutdown(long timeoutMs) {}
}
