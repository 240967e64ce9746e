package io.kvstore.bench.cluster;

import io.kvstore.bench.client.Router;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A running benchmark target: its members, where clients go, and the faults the benchmark can
 * inject into it. Faults name a member; {@link #primary()} says which member currently leads
 * (master or Raft leader), which is what the fault schedule aims at.
 */
public interface Cluster extends AutoCloseable {
  /** One line: what runs and where. */
  String describe();

  /** Starts every process and waits until the cluster serves clients (or throws). */
  void start() throws Exception;

  /** The data-holding members' ids. */
  List<String> nodes();

  /** The member that currently leads, or null if none is known. */
  String primary();

  /** A router for client processes; closed by the caller. */
  Router router();

  /** Whether this target can be faulted (an external target cannot). */
  default boolean supportsFaults() {
    return true;
  }

  /** SIGKILL. */
  void kill(String node);

  /** Starts a killed member again with its data and configuration. */
  void restart(String node) throws Exception;

  /** SIGSTOP. */
  void pause(String node);

  /** SIGCONT. */
  void resume(String node);

  /** Cuts every link between {@code node} and the other members; clients still reach it. */
  void isolate(String node);

  /** Restores every link. */
  void heal();

  /**
   * After the faults: waits until one member leads and the others follow it in sync, so that
   * final reads see the surviving state. Returns a problem description, or null when healthy.
   */
  String awaitHealthy(Duration timeout);

  /** Where the members write their logs (for the report). */
  List<Path> logs();

  @Override
  void close();
}
