package io.kvstore.core.keyspace;

import io.kvstore.core.command.Ctx;
import io.kvstore.core.engine.ClientConnection;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.engine.Effect;
import io.kvstore.core.engine.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * The active expiry cycle, after Redis's activeExpireCycle (slow cycle), run from the node's cron.
 *
 * <p>Lazy expiry alone would keep never-read expired keys forever, so a master also deletes them
 * in the background: each tick visits up to 16 databases (all of them if the previous tick ran
 * out of time), resuming where the last tick stopped, and in each takes samples of
 * {@code 20 + 5 * (effort - 1)} keys. Redis samples random volatile keys and repeats while more
 * than {@code 10 - (effort - 1)} % of a sample was expired; the store instead hands out the
 * earliest-expiring keys that are already expired, so every sampled key is expired and the
 * cycle repeats exactly while samples come back full. The work per tick is bounded by a time
 * budget of {@code (25 + 2 * (effort - 1))} % of a cron period ({@code 1 s / hz}), measured with
 * the node's clock.
 *
 * <p>Each deletion goes through {@link Keyspace#expire}: counted in {@code expired_keys},
 * watchers dirtied, and a {@code DEL k} effect, sent to the effect sink on its own (not wrapped
 * in MULTI). Replicas never run it: their expired keys go when the master's DEL arrives.
 */
public final class ActiveExpiry {
  static final int DBS_PER_CALL = 16;
  static final int KEYS_PER_LOOP = 20;
  static final int SLOW_TIME_PERC = 25;

  private final Node node;
  private final ClientSession session;
  private int currentDb;
  private boolean timeLimitExit;

  public ActiveExpiry(Node node) {
    this.node = node;
    this.session = new ClientSession(0, ClientConnection.DISCARD, node.clock().millis(), true);
  }

  /** Creates the cycle and registers it as a cron of {@code node}. */
  public static ActiveExpiry install(Node node) {
    ActiveExpiry cycle = new ActiveExpiry(node);
    node.addCron(cycle::runOnce);
    return cycle;
  }

  /** True when the last run stopped on its time budget rather than running out of work. */
  public boolean timeLimitExit() {
    return timeLimitExit;
  }

  /** One slow cycle at unix time {@code now}; returns the number of keys deleted. */
  public int runOnce(long now) {
    if (!node.deletesExpiredKeys()) return 0;
    int effort = node.config().getInt("active-expire-effort") - 1;
    int keysPerLoop = KEYS_PER_LOOP + KEYS_PER_LOOP / 4 * effort;
    long timeLimitNanos = Math.max(1L,
        (SLOW_TIME_PERC + 2L * effort) * 1_000_000L / node.config().getInt("hz") / 100) * 1000L;
    int databases = node.databases();
    int dbsPerCall = timeLimitExit ? databases : Math.min(DBS_PER_CALL, databases);
    long start = node.clock().nanos();
    timeLimitExit = false;

    List<Effect> effects = new ArrayList<>();
    Ctx ctx = new Ctx(node, session, now, effects, (parent, spec, argv) -> {
      throw new UnsupportedOperationException("active expiry runs no commands");
    });
    int deleted = 0;
    for (int j = 0; j < dbsPerCall && !timeLimitExit; j++) {
      int db = currentDb % databases;
      currentDb = (currentDb + 1) % databases;
      Keyspace keyspace = ctx.db(db);
      while (true) {
        List<byte[]> sample = node.store().expiredKeys(db, now, keysPerLoop);
        for (byte[] key : sample) keyspace.expire(key);
        deleted += sample.size();
        if (sample.size() < keysPerLoop) break;
        if (node.clock().nanos() - start > timeLimitNanos) {
          timeLimitExit = true;
          break;
        }
      }
    }
    for (Effect e : effects) node.effectSink().append(List.of(e));
    return deleted;
  }
}
