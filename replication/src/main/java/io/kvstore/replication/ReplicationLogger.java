package io.kvstore.replication;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where replication's log lines go, at Redis's levels: a node passes its server log, so the
 * handshake, syncs and link losses read as in a redis-server log; elsewhere slf4j.
 */
public interface ReplicationLogger {
  void verbose(String message);

  void notice(String message);

  void warning(String message);

  /** Lines through slf4j (verbose as debug, notice as info, warning as warn). */
  static ReplicationLogger slf4j() {
    Logger log = LoggerFactory.getLogger("io.kvstore.replication");
    return new ReplicationLogger() {
      @Override
      public void verbose(String message) {
        log.debug(message);
      }

      @Override
      public void notice(String message) {
        log.info(message);
      }

      @Override
      public void warning(String message) {
        log.warn(message);
      }
    };
  }
}
