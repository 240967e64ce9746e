package io.kvstore.gateway;

import io.kvstore.core.cmd.CommandTables;
import io.kvstore.core.config.Config;
import io.kvstore.core.engine.Clock;
import io.kvstore.core.engine.Engine;
import io.kvstore.core.engine.EngineLoop;
import io.kvstore.core.engine.Node;
import io.kvstore.core.store.MemoryStore;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;

/** A memory-backed node behind a real {@link RespServer} on an ephemeral port. */
final class ServerFixture implements AutoCloseable {
  final Config config;
  final Node node;
  final Engine engine;
  final EngineLoop loop;
  final RespServer server;
  final InetSocketAddress address;

  ServerFixture() {
    this(new Config());
  }

  ServerFixture(Config config) {
    this(config, "127.0.0.1");
  }

  ServerFixture(Config config, String bind) {
    this.config = config;
    node = new Node(config, Clock.SYSTEM, new MemoryStore(16), CommandTables.standard(), new SplittableRandom(1));
    engine = new Engine(node);
    loop = new EngineLoop(engine, "engine-test");
    loop.start();
    server = new RespServer(loop, config);
    address = server.start(bind, 0);
  }

  int port() {
    return address.getPort();
  }

  /** Runs on the engine thread and waits (to read engine-thread state). */
  <T> T onEngine(java.util.function.Function<Engine, T> fn) {
    return loop.call(fn).join();
  }

  @Override
  public void close() {
    server.close();
    loop.close();
  }
}
